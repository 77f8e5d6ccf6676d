"""Fuzzy quote search: rank the transcript's sentences by how well they hold a remembered query.

A reader types what they remember of a sentence: some of its words, maybe misspelt, in another
order, or only the start of a name.  So the query is matched word by word, not as a pattern:

1. Query and sentences are normalised alike (case, accents, curly quotes and apostrophes, a
   possessive "'s", hyphens and dashes) and cut into words.
2. Each distinct query word is matched against the transcript's vocabulary, not against every
   sentence: exactly, as the start of a longer word ("kapodistr"), or within a few edits
   (rapidfuzz's optimal string alignment distance, so "secruity" is one edit from "security").
   Each match has a similarity below 1 unless it is exact.
3. A sentence scores the share of the query's weight it holds, each word weighted by how rare
   it is in the transcript (inverse document frequency) and counted at its best similarity,
   plus a smaller share for query words that stand side by side in the sentence as they do in
   the query: a sentence holding the query as an exact phrase scores 100.
4. Ties go to the shorter sentence, then to the earlier one.

Nothing here knows how hits are printed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from lvcli.transcript import Sentence, Transcript

DEFAULT_LIMIT = 10
DEFAULT_MIN_SCORE = 50.0
# A pasted paragraph is still a query; only its most telling words are matched.
MAX_QUERY_WORDS = 32

_PHRASE_SHARE = 0.2  # of the score, for query words found side by side in the query's order
_EXACT, _PREFIX_TOP, _FUZZY_TOP = 1.0, 0.95, 0.9
_COMMON = 0.05  # a word in more sentences than this share is matched exactly, never fuzzily

_APOSTROPHES = re.compile(r"['’ʼ‘`´](?:s\b)?")
_COMBINING = re.compile(r"[\u0300-\u036f]+")
_WORD = re.compile(r"[^\W_]+")
# A word as written, for spans: "Russia's" and "d’etat" are one word each.
_WRITTEN_WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
_GAP = re.compile(r"[\s\-‐‑‒–—]*")


def normalise(text: str) -> str:
    """Lower case without accents, apostrophes or a possessive 's: "Russia’s" -> "russia"."""
    text = _APOSTROPHES.sub("", text.lower())
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text


def words(text: str) -> list[str]:
    """The normalised words of a text, in order; punctuation, hyphens and dashes separate words."""
    return _WORD.findall(normalise(text))


@dataclass(frozen=True)
class Hit:
    """One sentence that matches a query, with everything a printer needs to show it."""

    exchange: int
    part: str
    speaker: str | None
    text: str
    score: float
    spans: tuple[tuple[int, int], ...]
    position: int  # index of the sentence in Transcript.sentences, for context


def _edit_budget(size: int) -> int:
    """How many typing slips a word of this length may hold and still be recognised."""
    return 0 if size <= 3 else 1 if size <= 5 else 2


def _fuzzy_similarity(size: int, distance: int) -> float:
    return min(_FUZZY_TOP, 1.0 - distance / (size + 1))


@dataclass
class _Query:
    """The query's words as matched against the vocabulary."""

    sequence: list[int]  # the kept words in query order, as indexes into `weights`
    weights: list[float]
    by_word: dict[str, list[tuple[int, float]]]  # vocabulary word -> (query word, similarity)


@dataclass
class SearchIndex:
    """The sentences of a transcript, cut into normalised words once for any number of queries."""

    sentences: tuple[Sentence, ...]
    tokens: list[list[str]] = field(init=False, repr=False)
    token_sets: list[frozenset[str]] = field(init=False, repr=False)
    document_frequency: Counter[str] = field(init=False, repr=False)
    _vocabulary: list[str] = field(init=False, repr=False)
    _by_length: dict[int, list[str]] = field(init=False, repr=False)
    _prefixes: dict[int, tuple[list[str], dict[str, list[str]]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # One normalisation of all the text at once is several times faster than one per sentence.
        joined = "\n".join(s.text.replace("\n", " ") for s in self.sentences)
        lines = normalise(joined).split("\n") if self.sentences else []
        self.tokens = [_WORD.findall(line) for line in lines]
        self.token_sets = [frozenset(t) for t in self.tokens]
        self.document_frequency = Counter(w for s in self.token_sets for w in s)
        self._vocabulary = sorted(self.document_frequency)
        self._by_length = {}
        for word in self._vocabulary:
            self._by_length.setdefault(len(word), []).append(word)
        self._prefixes = {}

    @classmethod
    def of(cls, transcript: Transcript) -> SearchIndex:
        return cls(transcript.sentences)

    def _idf(self, word: str) -> float:
        total = len(self.sentences)
        frequency = self.document_frequency.get(word, 0)
        return math.log(1.0 + (total - frequency + 0.5) / (frequency + 0.5))

    def _prefix_table(self, size: int) -> tuple[list[str], dict[str, list[str]]]:
        """The distinct first `size` letters of longer words, and the words each begins."""
        if size not in self._prefixes:
            owners: dict[str, list[str]] = {}
            for length, group in self._by_length.items():
                if length > size:
                    for word in group:
                        owners.setdefault(word[:size], []).append(word)
            self._prefixes[size] = (list(owners), owners)
        return self._prefixes[size]

    def _matches(self, word: str) -> dict[str, float]:
        """Vocabulary words this query word may stand for, with their similarity (0..1]."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        found: dict[str, float] = {}
        size = len(word)
        if word in self.document_frequency:
            found[word] = _EXACT
            if self.document_frequency[word] > _COMMON * len(self.sentences):
                return found  # a common word typed right: its look-alikes are other words
        if size >= 4:  # the start of a longer word: "kapodistr", "littor"
            at = bisect_left(self._vocabulary, word)
            while at < len(self._vocabulary) and self._vocabulary[at].startswith(word):
                longer = self._vocabulary[at]
                if longer != word:
                    found[longer] = _PREFIX_TOP - 0.2 * (1 - size / len(longer))
                at += 1
        budget = _edit_budget(size)
        if budget:
            near = [w for length in range(size - budget, size + budget + 1) for w in self._by_length.get(length, ())]
            for other, distance, _ in process.extract(word, near, scorer=OSA.distance, score_cutoff=budget, limit=None):
                if distance:
                    found[other] = max(found.get(other, 0.0), _fuzzy_similarity(size, distance))
            if size >= 5:  # a slip inside the start of a name: "kapodsitr"
                starts, owners = self._prefix_table(size)
                for start, distance, _ in process.extract(
                    word, starts, scorer=OSA.distance, score_cutoff=budget - (size < 8), limit=None
                ):
                    if distance:
                        similarity = _fuzzy_similarity(size, distance) * 0.95
                        for longer in owners[start]:
                            similarity_here = similarity - 0.2 * (1 - size / len(longer))
                            found[longer] = max(found.get(longer, 0.0), similarity_here)
        return found

    def _query(self, query: str) -> _Query:
        typed = words(query)
        distinct = list(dict.fromkeys(typed))
        if len(distinct) > MAX_QUERY_WORDS:
            # keep the most telling words: those the transcript holds least often (or not at all)
            telling = sorted(distinct, key=lambda w: self.document_frequency.get(w, 0))[:MAX_QUERY_WORDS]
            kept = set(telling)
            distinct = [w for w in distinct if w in kept]
        number = {w: i for i, w in enumerate(distinct)}
        sequence = [number[w] for w in typed if w in number]
        weights: list[float] = []
        by_word: dict[str, list[tuple[int, float]]] = {}
        unmatched = self._idf("")  # a word the transcript lacks weighs as much as the rarest
        for index, word in enumerate(distinct):
            found = self._matches(word)
            if found:
                best = max(found.values())
                weights.append(min(self._idf(w) for w, s in found.items() if s == best))
            else:
                weights.append(unmatched)
            for other, similarity in found.items():
                by_word.setdefault(other, []).append((index, similarity))
        return _Query(sequence, weights, by_word)

    def _best(self, query: _Query, position: int) -> list[float]:
        """The best similarity each query word finds in the sentence at `position`."""
        best = [0.0] * len(query.weights)
        for word in self.token_sets[position].intersection(query.by_word):
            for index, similarity in query.by_word[word]:
                if similarity > best[index]:
                    best[index] = similarity
        return best

    def _phrase(self, query: _Query, position: int) -> float:
        """The weighted share of the query's word pairs that stand side by side in the sentence."""
        sequence, weights = query.sequence, query.weights
        if len(sequence) < 2:
            return 1.0 if sequence and self._best(query, position)[sequence[0]] >= _EXACT else 0.0
        pairs: dict[tuple[int, int], float] = {}
        for a, b in pairwise(sequence):
            pairs[(a, b)] = weights[a] + weights[b]
        total = sum(pairs.values())
        found: dict[tuple[int, int], float] = {}
        tokens = self.tokens[position]
        for left, right in pairwise(tokens):
            for a, sa in query.by_word.get(left, ()):
                for b, sb in query.by_word.get(right, ()):
                    if (a, b) in pairs:
                        found[(a, b)] = max(found.get((a, b), 0.0), min(sa, sb))
        return sum(pairs[p] * s for p, s in found.items()) / total if total else 0.0

    def search(
        self,
        query: str,
        *,
        limit: int | None = DEFAULT_LIMIT,
        min_score: float = DEFAULT_MIN_SCORE,
        part: str | None = None,
    ) -> list[Hit]:
        """The sentences that match `query`, best first; `min_score` 0 ranks every sentence."""
        q = self._query(query)
        total_weight = sum(q.weights)
        if limit is not None and limit <= 0:
            return []
        scored: list[tuple[float, int, int]] = []  # (score, length, position)
        for position, sentence in enumerate(self.sentences):
            if part is not None and sentence.part != part:
                continue
            if total_weight and not self.token_sets[position].isdisjoint(q.by_word):
                best = self._best(q, position)
                share = sum(w * s for w, s in zip(q.weights, best, strict=True)) / total_weight
            elif min_score > 0:
                continue
            else:
                share = 0.0
            scored.append((share, len(self.tokens[position]), position))

        # The phrase share can lift a sentence by at most _PHRASE_SHARE of the score, so only
        # sentences within that reach of the limit-th best need it worked out.
        scored.sort(key=lambda t: -t[0])
        floor = -1.0
        if limit is not None and len(scored) > limit:
            floor = (1 - _PHRASE_SHARE) * scored[limit - 1][0] - _PHRASE_SHARE
        ranked: list[tuple[float, int, int]] = []
        for share, length, position in scored:
            base = (1 - _PHRASE_SHARE) * share
            if base < floor:
                break
            phrase = self._phrase(q, position) if share > 0 else 0.0
            score = round(100 * (base + _PHRASE_SHARE * phrase), 1)
            if score >= min_score:
                ranked.append((score, length, position))
        ranked.sort(key=lambda t: (-t[0], t[1], t[2]))
        if limit is not None:
            ranked = ranked[:limit]
        return [self._hit(q, score, position) for score, _, position in ranked]

    def _hit(self, query: _Query, score: float, position: int) -> Hit:
        sentence = self.sentences[position]
        return Hit(
            exchange=sentence.exchange,
            part=sentence.part,
            speaker=sentence.speaker,
            text=sentence.text,
            score=score,
            spans=self._spans(query, position),
            position=position,
        )

    def _spans(self, query: _Query, position: int) -> tuple[tuple[int, int], ...]:
        """Where the sentence's words match the query, words side by side joined into one span."""
        text = self.sentences[position].text
        best = self._best(query, position)
        total = len(self.sentences)
        written = [(m.start(), m.end(), words(m.group())) for m in _WRITTEN_WORD.finditer(text)]
        # A word marks the query word it matches best; a common word ("the", "of") only where it
        # stands next to another marked word, as part of a phrase.
        marked: list[bool] = []
        common: list[bool] = []
        for _, _, forms in written:
            hit = is_common = False
            for form in forms:
                for index, similarity in query.by_word.get(form, ()):
                    if similarity >= best[index] > 0:
                        hit = True
                        is_common = self.document_frequency.get(form, 0) > _COMMON * total
            marked.append(hit)
            common.append(hit and is_common)

        def leads(i: int) -> bool:  # an uncommon marked word, which a common neighbour may join
            return 0 <= i < len(marked) and marked[i] and not common[i]

        if any(leads(i) for i in range(len(marked))):
            keep = [
                m and (not c or leads(i - 1) or leads(i + 1))
                for i, (m, c) in enumerate(zip(marked, common, strict=True))
            ]
        else:
            keep = marked  # a query of common words only: mark them all
        spans: list[tuple[int, int]] = []
        for (start, end, _), kept in zip(written, keep, strict=True):
            if not kept:
                continue
            if spans and _GAP.fullmatch(text, spans[-1][1], start):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return tuple(spans)


def search(
    transcript: Transcript,
    query: str,
    *,
    limit: int | None = DEFAULT_LIMIT,
    min_score: float = DEFAULT_MIN_SCORE,
    part: str | None = None,
) -> list[Hit]:
    """The transcript's sentences that match `query`, best first (see the module's docstring)."""
    return SearchIndex.of(transcript).search(query, limit=limit, min_score=min_score, part=part)


def context(transcript: Transcript, hit: Hit, size: int) -> tuple[tuple[Sentence, ...], tuple[Sentence, ...]]:
    """Up to `size` sentences before and after a hit, within its exchange, like grep's -C."""
    sentences = transcript.sentences
    if size <= 0:
        return (), ()
    before = [s for s in sentences[max(0, hit.position - size) : hit.position] if s.exchange == hit.exchange]
    after = [s for s in sentences[hit.position + 1 : hit.position + 1 + size] if s.exchange == hit.exchange]
    return tuple(before), tuple(after)


def blank(query: str) -> bool:
    """A query with no word to look for."""
    return not words(query)
