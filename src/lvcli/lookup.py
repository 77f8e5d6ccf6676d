"""Which of the transcript's words a query word may stand for, and how alike they are.

A query word stands for the transcript's words that are the same once folded (similarity 1), that
it starts ("kapodistr" for "kapodistrias", a little less alike the more letters are missing), or,
when the transcript holds neither, that are a slip or two away ("secruity" for "security").
`Vocabulary.look_up` is the one place that decides it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate

from lvcli.folding import fold

EXACT = 1.0
_PREFIX_TOP, _FUZZY_TOP = 0.95, 0.9
# A misspelt word is taken to mean one of at most this many near words of the transcript.
MAX_SPELLINGS = 6


@dataclass
class QueryWord:
    """One distinct word of a query: how much it weighs, and the transcript words it may stand for."""

    text: str
    weight: float
    similar: dict[str, float]  # folded transcript word -> similarity, 1 only when the same


def edit_budget(size: int) -> int:
    """How many slips a word of this length may hold and still be recognised."""
    return 0 if size <= 3 else 1 if size <= 5 else 2


def prefix_similarity(size: int, longer: int) -> float:
    """How alike a word of `size` letters is to a longer word of `longer` letters that it starts."""
    return _PREFIX_TOP - 0.2 * (1 - size / longer)


def fuzzy_similarity(size: int, distance: int) -> float:
    """How alike a word of `size` letters is to a word `distance` edits from it."""
    return min(_FUZZY_TOP, 1.0 - distance / (size + 1))


class Vocabulary:
    """The words of a transcript's paragraphs, folded, and which paragraphs hold each.

    The paragraphs are folded into one text, a line each with a space around every word, so that
    " word " finds a word and " wor" the start of one by a plain string search.
    """

    def __init__(self, paragraphs: Sequence[str]) -> None:
        lines = [f" {fold(text)} " for text in paragraphs]
        self.paragraph_count = len(lines)
        self.text = "\n".join(lines)
        self._starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        self._paragraphs: dict[str, frozenset[int]] = {}

    def _paragraph_at(self, offset: int) -> int:
        return bisect_right(self._starts, offset) - 1

    def paragraphs_with(self, word: str) -> frozenset[int]:
        """The paragraphs that hold this folded word."""
        if word not in self._paragraphs:
            found = re.finditer(f" {re.escape(word)}(?= )", self.text)
            self._paragraphs[word] = frozenset(self._paragraph_at(m.start()) for m in found)
        return self._paragraphs[word]

    def starting_with(self, start: str) -> list[str]:
        """The words that start with `start` (itself among them, if the transcript holds it)."""
        found: dict[str, set[int]] = {}
        for m in re.finditer(f" ({re.escape(start)}\\S*)", self.text):
            found.setdefault(m[1], set()).add(self._paragraph_at(m.start()))
        for word, paragraphs in found.items():  # one pass found where each is too
            self._paragraphs.setdefault(word, frozenset(paragraphs))
        return list(found)

    @cached_property
    def _distinct(self) -> list[str]:
        """Every word the transcript holds, once each."""
        return list(set(self.text.split()))

    def nearest(self, word: str, budget: int) -> list[tuple[str, int]]:
        """The transcript's words fewest edits from `word`, within `budget`, the likeliest first.

        Edits are rapidfuzz's optimal string alignment: a letter put in, left out or changed, or
        two side by side swapped.  rapidfuzz is imported here, as only a slip needs it.
        """
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        found = process.extract(word, self._distinct, scorer=OSA.distance, score_cutoff=budget, limit=None)
        if not found:
            return []
        fewest = min(distance for _, distance, _ in found)
        nearest = sorted((other for other, distance, _ in found if distance == fewest), key=self._likelier)
        return [(other, fewest) for other in nearest[:MAX_SPELLINGS]]

    def _likelier(self, word: str) -> tuple[int, str]:
        """Sorts the word held by more paragraphs first, and of two held alike, the first in the alphabet."""
        return -len(self.paragraphs_with(word)), word

    def weight(self, paragraphs: int) -> float:
        """A word's weight: the rarer among paragraphs, the more it tells (inverse document frequency)."""
        return math.log(1.0 + (self.paragraph_count - paragraphs + 0.5) / (paragraphs + 0.5))

    def look_up(self, word: str, *, slips: bool = True) -> QueryWord:
        """The transcript words this folded query word may stand for, and how much it weighs.

        As typed, and as the start of longer words once it has four letters or more.  A word the
        transcript holds neither way is taken for a slip (when `slips`): it stands for the words
        nearest to it within its edit budget.
        """
        size = len(word)
        similar: dict[str, float] = {}
        if size < 4:
            if self.paragraphs_with(word):
                similar[word] = EXACT
        else:
            for other in self.starting_with(word):
                similar[other] = EXACT if other == word else prefix_similarity(size, len(other))
        budget = edit_budget(size)
        if not similar and slips and budget:
            for other, distance in self.nearest(word, budget):
                similar[other] = fuzzy_similarity(size, distance)
        if not similar:
            return QueryWord(word, self.weight(0), similar)  # weighs as the rarest word: no sentence holds it
        best = max(similar.values())
        frequency = max(len(self.paragraphs_with(w)) for w, s in similar.items() if s == best)
        return QueryWord(word, self.weight(frequency), similar)
