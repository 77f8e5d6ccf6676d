"""Spellings of one subject joined by general rules: acronyms, "of" forms, adjectives and surnames.

An acronym joins the capitalised phrase of the same text whose initials it is ("EU" / "European
Union"), a name joins its "of" form ("United States" / "United States of America"), an adjective
joins the place it is formed from ("Ukrainian" / "Ukraine", "Western" / "West"), and a surname
the text gives a title joins the one full name it ends ("Mr Borrell" / "Josep Borrell").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from lvcli.topics.names import Names
from lvcli.topics.records import NAME
from lvcli.topics.words import NAME_LINKS, is_acronym, key_of, spells

# An adjective is formed from a place name by cutting a short ending and adding one of these
# ("Ukrain-e" -> "Ukrain-ian", "Japan" -> "Japan-ese", "Gree-ce" -> "Gree-k").
_DEMONYM_SUFFIXES = ("ian", "ean", "ese", "ish", "ern", "an", "ic", "n", "i", "k")
# ... or is the place name without one of these ("German-y", "Kazakh-stan").
_BARE_STEM_TAILS = frozenset({"y", "stan", "istan"})


class Groups:
    """Union-find over mention keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        parent = self.parent.setdefault(key, key)
        if parent != key:
            parent = self.parent[key] = self.find(parent)
        return parent

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def merge(spellings: dict[str, Counter[str]], kinds: dict[str, str], names: Names) -> tuple[Groups, set[str]]:
    """The keys that are spellings of one subject, joined; and the keys that are adjectives of a place."""
    groups = Groups()
    keys = [k for k in spellings if kinds[k] == NAME]
    acronyms = {k: k.upper() for k in keys if " " not in k and any(is_acronym(s) for s in spellings[k])}
    _join_acronyms(groups, keys, acronyms, spellings)
    # "the United States of America" and "the United States", "the Union State of Russia" and "the Union State"
    for k in keys:
        left, of, _ = k.partition(" of ")
        left = key_of(left) if of else ""
        if " " in left and left in spellings and kinds[left] == NAME:
            groups.union(left, k)
    singles = [k for k in keys if " " not in k and k not in acronyms]
    adjectives = _join_adjectives(groups, singles)
    _join_surnames(groups, keys, singles, set(acronyms.values()), names)
    return groups, adjectives


def _join_acronyms(
    groups: Groups, keys: list[str], acronyms: dict[str, str], spellings: dict[str, Counter[str]]
) -> None:
    """An acronym and the phrase of its initials; when several phrases fit, the most frequent."""
    initials: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        if k not in acronyms and (" " in k or "-" in k):
            initials[k[0].upper()].append(k)
    for k, acronym in acronyms.items():
        fits = [phrase for phrase in initials[acronym[0]] if spells(acronym, phrase.split())]
        if fits:
            groups.union(k, max(fits, key=lambda phrase: (sum(spellings[phrase].values()), phrase)))


def _join_adjectives(groups: Groups, singles: list[str]) -> set[str]:
    """An adjective and its place; the adjectives found."""
    adjectives = set()
    places = by_stem(singles)
    for k in singles:
        place = place_of(k, places)
        if place:
            groups.union(place, k)
            adjectives.add(k)
    return adjectives


def _join_surnames(groups: Groups, keys: list[str], singles: list[str], acronyms: set[str], names: Names) -> None:
    """A surname and the one full name that ends with it, when a title shows one is a person."""
    full_names: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        words = k.split()
        if 1 < len(words) <= 3 and not any(w in NAME_LINKS or w.upper() in acronyms for w in words):
            full_names[words[-1]].append(k)
    for k in singles:
        candidates = full_names.get(k, [])
        if len(candidates) == 1 and k not in names.after_the and (k in names.titled or candidates[0] in names.titled):
            groups.union(candidates[0], k)


def place_of(adjective: str, places: dict[str, list[str]]) -> str | None:
    """The place name an adjective is formed from, if the text uses one: "ukrainian" -> "ukraine"."""
    for suffix in _DEMONYM_SUFFIXES:
        stem = adjective[: -len(suffix)]
        if adjective.endswith(suffix) and len(stem) >= 4:
            for place in places.get(stem, ()):
                if place != adjective and len(place) - len(stem) <= 3 and len(adjective) >= len(place) - 1:
                    return place
    for place in places.get(adjective, ()):
        if place[len(adjective) :] in _BARE_STEM_TAILS:
            return place  # "German" / "Germany", "Kazakh" / "Kazakhstan"
    return None


def by_stem(keys: Iterable[str]) -> dict[str, list[str]]:
    """Each one-word name under its stems: "ukraine" under "ukraine", "ukrain", "ukrai", "ukra"
    (five letters at most cut: "afghan-istan")."""
    found: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        for cut in range(0, 6):
            if len(k) - cut >= 4:
                found[k[: len(k) - cut]].append(k)
    return found
