"""Key phrases: runs of two or three content words a text keeps coming back to ("security guarantees").

No function word is in a key phrase and no verb stands at either end (a word the text mostly
uses after "we", "will" or "to" is a verb). A phrase counts when it is met at least three times
in more than one exchange, or asked about; it grows by the word that always stands beside it
("nuclear power" is "Zaporozhye nuclear power plant"), and one that never stands without a
longer one is no phrase of its own.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import pairwise

from lvcli.topics.records import PHRASE
from lvcli.topics.text import Mention, Text
from lvcli.topics.words import CALENDAR_WORDS, STOP_WORDS, TITLES, cut_possessive, key, key_of
from lvcli.transcript import QUESTION_PART

MIN_PHRASE_COUNT = 3
# Marks between words: no pair of words is counted across one.
_MARKS = re.compile(r"[^\w\s'\u2019-]")
_WORD_BEFORE = re.compile(r"([\w'\u2019-]+) \Z")
_WORD_AFTER = re.compile(r" ([\w'\u2019-]+)")
_LONGEST_WORD = 40  # how far back the word before a phrase is looked for
# What a subject does, not what it is about: a word the text mostly uses after these is a verb.
_VERB_CUES = frozenset({"i", "we", "you", "they", "he", "she", "will", "would", "can", "could", "must", "should", "to"})

Place = tuple[int, int, int]  # sentence index, start, end


class _Words:
    """The words of a text, counted alone, in pairs and in threes, and which may open or end a key phrase."""

    def __init__(self, text: Text) -> None:
        tokens = _MARKS.sub(" | ", text.lowered).split()
        seen = Counter(tokens)
        self.pairs: Counter[tuple[str, ...]] = Counter(pairwise(tokens))
        self.triples: Counter[tuple[str, ...]] = Counter(zip(tokens, tokens[1:], tokens[2:], strict=False))
        cued: Counter[str] = Counter()  # the words after "we", "to"...
        for (cue, word), n in self.pairs.items():
            if cue in _VERB_CUES:
                cued[word] += n
        verbs = {w for w, n in cued.items() if n * 3 >= seen[w]}
        stop = STOP_WORDS | CALENDAR_WORDS | TITLES
        cut = {w: cut_possessive(w) for w in seen}
        self.content = {w for w in seen if len(w) > 1 and w[0].isalpha() and cut[w] not in stop}
        self.edges = {w for w in self.content if _can_end_phrase(cut[w], verbs)}

    def phrase_keys(self) -> list[str]:
        """The keys of the pairs and triples of content words met at least three times, in all spellings."""
        totals: Counter[str] = Counter()
        for grams in (self.pairs, self.triples):
            for gram, n in grams.items():
                if n > 1 and self._may_be_phrase(gram):
                    totals[key([cut_possessive(w) for w in gram])] += n
        return [k for k, n in totals.items() if n >= MIN_PHRASE_COUNT]

    def _may_be_phrase(self, gram: tuple[str, ...]) -> bool:
        edges = self.edges
        return gram[0] in edges and gram[-1] in edges and (len(gram) == 2 or gram[1] in self.content or gram[1] == "of")

    def forms(self, phrase: str) -> Iterable[str]:
        """The spellings of a key phrase the text uses: singular, plural, possessive."""
        *head, last = phrase.split(" ")
        counted = self.pairs if len(head) == 1 else self.triples
        plural = (
            last[:-1] + "ies" if last.endswith("y") else last + ("es" if last.endswith(("s", "x", "ch", "sh")) else "s")
        )
        for end in (last, plural):
            for tail in ("", "'s", "\u2019s", "'", "\u2019"):
                words = (*head, end + tail)
                if words in counted:
                    yield " ".join(words)


def find_phrases(text: Text) -> list[Mention]:
    """Every mention of a key phrase of the text."""
    words = _Words(text)
    forms = {form: phrase for phrase in words.phrase_keys() for form in words.forms(phrase)}
    if not forms:
        return []
    spread: dict[str, list[Place]] = {}
    for places in _places(text, forms).values():
        if len(places) < MIN_PHRASE_COUNT:
            continue
        # met in more than one exchange, or asked about: not one answer's turn of phrase
        exchanges = {text.sentences[i].exchange for i, _, _ in places}
        if len(exchanges) > 1 or any(text.sentences[i].part == QUESTION_PART for i, _, _ in places):
            places = _extend(text, places, words)
            index, start, end = places[0]
            spread.setdefault(key_of(text.texts[index][start:end]), places)
    covered = _covered(spread)
    return [
        Mention(phrase, PHRASE, text.texts[index][start:end], index, start, end)
        for phrase, places in spread.items()
        if phrase not in covered
        for index, start, end in places
    ]


def _places(text: Text, forms: dict[str, str]) -> dict[str, list[Place]]:
    """Where each phrase stands, by key, leaving out the places where it is a name or part of one."""
    found: dict[str, list[Place]] = defaultdict(list)
    whole = text.whole
    phrases_in: dict[str, list[tuple[str, int, int]]] = {}  # a phrase comes back again and again: read it once
    for hit in phrase_pattern(forms).finditer(text.lowered):
        at, longest = hit.start(1), hit.group(1)
        if longest not in phrases_in:
            phrases_in[longest] = _phrases_in(longest, forms)
        sentence = text.sentence_at(at)
        start = at - text.starts[sentence]
        for phrase, length, kept in phrases_in[longest]:
            written = whole[at : at + length]
            if written.islower() or not _in_name(text, written, at, opening=start == 0):
                found[phrase].append((sentence, start, start + kept))
    return found


def _phrases_in(longest: str, forms: dict[str, str]) -> list[tuple[str, int, int]]:
    """The phrases a found one begins with, itself last: each phrase's key, its length and that without a possessive."""
    words = longest.split(" ")
    prefixes = [" ".join(words[:n]) for n in range(2, len(words) + 1)]
    return [(forms[p], len(p), len(cut_possessive(p))) for p in prefixes if p in forms]


def _in_name(text: Text, written: str, at: int, opening: bool) -> bool:
    """Is a phrase written with capitals at `at` a name, or part of one?"""
    words = written.split(" ")
    capitals = [w[0].isupper() and (i > 0 or not opening or w.lower() in text.proper) for i, w in enumerate(words)]
    if all(capitals):
        return True  # "Security Council"
    whole = text.whole
    if capitals[0] and (before := _word_before(whole, at)) and text.continues_name(before):
        return True  # starts inside a name: "(Vladimir) Putin's initiative"
    return bool(capitals[-1] and (after := _word_after(whole, at + len(written))) and text.continues_name(after))


def _extend(text: Text, places: list[Place], words: _Words) -> list[Place]:
    """The phrase grown by the word that always stands before or after it, up to five words:
    "Zaporozhye nuclear power" and "nuclear power plant" are "Zaporozhye nuclear power plant"."""
    texts = text.texts
    for _ in range(2):
        grown = False
        following = _always((_word_after(texts[i], end).lower() for i, _, end in places))
        if following in words.edges:
            places = [(i, start, end + 1 + len(cut_possessive(following))) for i, start, end in places]
            grown = True
        preceding = _always((_word_before(texts[i], start).lower() for i, start, _ in places))
        if preceding in words.edges and preceding in words.content:
            places = [(i, start - 1 - len(preceding), end) for i, start, end in places]
            grown = True
        index, start, end = places[0]
        if not grown or len(texts[index][start:end].split(" ")) >= 5:
            break
    return places


def _always(words: Iterator[str]) -> str:
    """The word all of `words` are, or "" when two differ (read no further than that)."""
    first = next(words, "")
    return first if all(word == first for word in words) else ""


def _word_before(text: str, at: int) -> str:
    """The word that ends one space before `at`; "" when there is none."""
    m = _WORD_BEFORE.search(text, max(0, at - _LONGEST_WORD), at)
    return m[1] if m else ""


def _word_after(text: str, end: int) -> str:
    """The word that starts one space after `end`; "" when there is none."""
    m = _WORD_AFTER.match(text, end)
    return m[1] if m else ""


def _covered(spread: dict[str, list[Place]]) -> set[str]:
    """The phrases that never stand without a longer one: no topic of their own."""
    covered: set[str] = set()
    for phrase, places in spread.items():
        words = phrase.split(" ")
        for size in range(2, len(words)):
            for first in range(len(words) - size + 1):
                part = key(words[first : first + size])
                if part in spread and len(spread[part]) <= len(places):
                    covered.add(part)
    return covered


def _can_end_phrase(word: str, verbs: set[str]) -> bool:
    """Not a verb, not an adverb: "security guarantees", not "join NATO" or "fully engaged"."""
    if word in verbs or word.endswith("ly"):
        return False
    return not (word.endswith("ing") and (word[:-3] in verbs or word[:-3] + "e" in verbs))


_Trie = dict[str, "_Trie"]


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds, at each word that begins one of `phrases`, the longest of them there, as
    group 1 of a look-ahead, so that phrases overlapping one another are all found.

    It is shaped like a tree of words under their first letters, so that a long list costs little more at
    each word than a short one: "minsk agreement", "minsk agreements", "mutual respect" ->
    "m(?:insk (?:agreement|agreements)|utual respect)"."""
    tree: _Trie = {}
    for phrase in phrases:
        node = tree
        for word in phrase.split(" "):
            node = node.setdefault(word, {})
        node[""] = {}

    def rest(child: _Trie) -> str:
        if not any(child):
            return ""
        more = " " + _either([re.escape(word) + rest(grand) for word, grand in sorted(child.items()) if word])
        return f"(?:{more})?" if "" in child else more

    by_letter: dict[str, list[str]] = defaultdict(list)
    for word, child in sorted(tree.items()):
        by_letter[word[0]].append(re.escape(word[1:]) + rest(child))
    body = _either([re.escape(letter) + _either(found) for letter, found in by_letter.items()])
    return re.compile(rf"(?<![\w'\u2019-])(?=({body})(?![\w'\u2019-]))")


def _either(branches: list[str]) -> str:
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
