"""Fuzzy quote search: rank the transcript's sentences by how well they hold a remembered query.

A reader types what they remember of a sentence: some of its words, maybe misspelt, in another
order, or only the start of a name.  So the query is matched word by word, never as a pattern:

1. Query and transcript are folded alike (lvcli.folding: case, accents, curly quotes and
   apostrophes, a possessive "'s", hyphens and dashes) and cut into words.
2. Each distinct query word is looked up in the transcript (lvcli.lookup): as typed, as the start
   of a longer word ("kapodistr" -> "Kapodistrias"), and, when the transcript holds it neither
   way, as a slip of one or two edits ("secruity" -> "security", by rapidfuzz).  Each match
   carries a similarity: 1 only when exact.
3. A sentence scores the share of the query it holds, each query word weighted by how rare its
   match is among the transcript's paragraphs (inverse document frequency) and counted at its
   best similarity (80 of the 100 points), plus the share of the query's neighbouring word pairs
   that stand side by side in the sentence too (20 points): a sentence that holds the query as
   an exact phrase scores 100.  `Scorer` works this out.
4. Hits rank by score, then the shorter sentence, then the earlier one.  The first N are exactly
   the first N of that whole ranking: `SearchIndex._first_hits` reads paragraphs most promising first
   and stops only where no sentence of the rest could get in.

Nothing here knows how hits are printed.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

from lvcli.folding import fold, words
from lvcli.lookup import EXACT, QueryWord, Vocabulary
from lvcli.splitter import split_sentences
from lvcli.transcript import ANSWER, OPENING, QUESTION_PART, Transcript

if TYPE_CHECKING:
    from lvcli.transcript import Sentence

__all__ = ["DEFAULT_LIMIT", "DEFAULT_MIN_SCORE", "Hit", "SearchIndex", "blank", "context", "fold", "search", "words"]

DEFAULT_LIMIT = 10
DEFAULT_MIN_SCORE = 25.0  # a quarter of the query, by weight, found in the sentence
# A pasted paragraph is still a query; only its longest (most telling) words are looked up, and
# not as slips: among so many words a slip moves no ranking.
MAX_QUERY_WORDS = 16

_PHRASE_SHARE = 0.2  # of the score, for query word pairs found side by side as in the query
_COMMON = 0.5  # a word in more paragraphs than this share is only marked as part of a phrase
# A word as written, for marking: "Russia's" and "d’état" are one word each.
_WRITTEN_WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
# What may stand between marked words of one phrase: "3+3 format", "Q&A", "much-needed".
_PHRASE_GAP = re.compile(r"[\s\-‐‑‒–—+&/]*")


@dataclass(frozen=True)
class Hit:
    """One sentence that matches a query, with everything a printer needs to show it."""

    exchange: int
    part: str
    speaker: str | None
    text: str
    score: float  # 0..100, one decimal
    spans: tuple[tuple[int, int], ...]  # character spans of `text` that match the query
    paragraph: int  # which paragraph of its part, and where in it the sentence starts
    start: int


class _Paragraph(NamedTuple):
    """One paragraph of the transcript's body, and where it stands."""

    exchange: int
    part: str
    speaker: str | None
    number: int  # in its part
    text: str


def blank(query: str) -> bool:
    """A query with no word to look for: empty, spaces, or punctuation only."""
    return not words(query)


class Scorer:
    """How well a sentence holds a query whose words have been looked up."""

    def __init__(self, query_words: list[QueryWord], sequence: list[int]) -> None:
        self.words = query_words
        self.total = sum(w.weight for w in query_words)
        # each transcript word, and the query words (by index) it may stand for, how alike
        self.stands_for: dict[str, list[tuple[int, float]]] = {}
        for index, word in enumerate(query_words):
            for other, similarity in word.similar.items():
                self.stands_for.setdefault(other, []).append((index, similarity))
        # the query's neighbouring pairs of different words, by index, each weighing what its words do
        self.pairs = {(a, b): query_words[a].weight + query_words[b].weight for a, b in pairwise(sequence) if a != b}
        self.pair_total = sum(self.pairs.values())

    def _combine(self, best: list[float], phrase: float) -> float:
        """The score of the best similarity each query word finds, and of the share of its pairs found side by side."""
        coverage = sum(w.weight * b for w, b in zip(self.words, best, strict=True)) / self.total if self.total else 0.0
        return round(100 * ((1 - _PHRASE_SHARE) * coverage + _PHRASE_SHARE * phrase), 1)

    def best(self, tokens: Iterable[str]) -> list[float]:
        """The best similarity each query word finds among these folded words."""
        best = [0.0] * len(self.words)
        for token in set(tokens).intersection(self.stands_for):
            for index, similarity in self.stands_for[token]:
                best[index] = max(best[index], similarity)
        return best

    def bound(self, best: list[float]) -> float:
        """The most a sentence can score whose words match the query's at most this well."""
        if self.pairs:
            phrase = sum(weight * min(best[a], best[b]) for (a, b), weight in self.pairs.items()) / self.pair_total
        else:
            phrase = 1.0 if EXACT in best else 0.0
        return self._combine(best, phrase)

    def score(self, tokens: list[str]) -> float:
        """The score of a sentence, given its folded words in order."""
        present = set(tokens).intersection(self.stands_for)
        if not present:
            return 0.0
        best = self.best(present)
        if not self.pairs:
            return self._combine(best, 1.0 if EXACT in best else 0.0)
        line = f" {' '.join(tokens)} "
        found = 0.0
        for (a, b), weight in self.pairs.items():
            side_by_side = [
                min(similarity_a, similarity_b)
                for left, similarity_a in self.words[a].similar.items()
                if left in present
                for right, similarity_b in self.words[b].similar.items()
                if right in present and f" {left} {right} " in line
            ]
            if side_by_side:
                found += weight * max(side_by_side)
        return self._combine(best, found / self.pair_total)

    def spans(self, text: str, is_common: Callable[[str], bool]) -> tuple[tuple[int, int], ...]:
        """Where the sentence's words match the query best, words side by side joined in one span.

        A common word ("the", "of") is marked only beside a marked uncommon one, as part of a
        phrase, unless the query holds nothing but common words.
        """
        written = [(m.start(), m.end(), words(m[0])) for m in _WRITTEN_WORD.finditer(text)]
        best = self.best(form for _, _, forms in written for form in forms)
        marked: list[bool] = []
        common: list[bool] = []
        for _, _, forms in written:
            hit = plain = False
            for form in forms:
                for index, similarity in self.stands_for.get(form, ()):
                    if similarity >= best[index] > 0:
                        hit = True
                        plain = plain or not is_common(form)
            marked.append(hit)
            common.append(hit and not plain)

        def leads(i: int) -> bool:
            return 0 <= i < len(marked) and marked[i] and not common[i]

        if any(leads(i) for i in range(len(marked))):
            keep = [
                m and (not c or leads(i - 1) or leads(i + 1))
                for i, (m, c) in enumerate(zip(marked, common, strict=True))
            ]
        else:
            keep = marked
        spans: list[tuple[int, int]] = []
        for (start, end, _), kept in zip(written, keep, strict=True):
            if not kept:
                continue
            if spans and _PHRASE_GAP.fullmatch(text, spans[-1][1], start):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return tuple(spans)


# A hit on its way: (score, -length, -paragraph, -start, text), so that of two, the larger ranks
# first (higher score, then the shorter sentence, then the earlier), as the module docstring says.
_Ranked: TypeAlias = tuple[float, int, int, int, str]


class SearchIndex:
    """A transcript folded once for any number of queries."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        self.paragraphs = [
            _Paragraph(e.number, part, p.speaker, number, p.text)
            for e in transcript.exchanges
            for part, group in ((QUESTION_PART, e.question), (OPENING if e.is_opening else ANSWER, e.answer))
            for number, p in enumerate(group)
        ]
        self.vocabulary = Vocabulary([p.text for p in self.paragraphs])

    def scorer(self, query: str) -> Scorer:
        """The query's distinct words looked up, ready to score sentences."""
        typed = words(query)
        distinct = list(dict.fromkeys(typed))
        passage = len(distinct) > MAX_QUERY_WORDS
        if passage:
            kept = set(sorted(distinct, key=len, reverse=True)[:MAX_QUERY_WORDS])
            distinct = [w for w in distinct if w in kept]
        number = {w: i for i, w in enumerate(distinct)}
        query_words = [self.vocabulary.look_up(w, slips=not passage) for w in distinct]
        return Scorer(query_words, [number[w] for w in typed if w in number])

    def _candidates(self, scorer: Scorer, min_score: float, part: str | None) -> list[tuple[float, int]]:
        """(bound, paragraph) for each paragraph whose sentences may score `min_score`, the most promising first.

        A paragraph's bound is the most any of its sentences can score: a sentence holds no more
        of the query than its paragraph does.
        """
        nothing = [0.0] * len(scorer.words)
        held: dict[int, list[float]] = {}  # paragraph -> the best similarity of each query word in it
        for index, word in enumerate(scorer.words):
            for other, similarity in word.similar.items():
                for paragraph in self.vocabulary.paragraphs_with(other):
                    best = held.setdefault(paragraph, nothing.copy())
                    best[index] = max(best[index], similarity)
        bounds = [(scorer.bound(best), i) for i, best in held.items()]
        if min_score <= 0:  # then even a paragraph that holds no query word has sentences to rank
            bounds += [(0.0, i) for i in range(len(self.paragraphs)) if i not in held]
        return sorted(
            ((bound, i) for bound, i in bounds if bound >= min_score and part in (None, self.paragraphs[i].part)),
            key=lambda b: (-b[0], b[1]),
        )

    def _first_hits(
        self, scorer: Scorer, candidates: list[tuple[float, int]], limit: int | None, min_score: float
    ) -> list[_Ranked]:
        """The first `limit` sentences of the whole ranking (all of them when None), best first.

        Once `limit` hits are kept, a sentence can get in only if it could outrank the last of
        them, scoring at most its paragraph's bound: reading stops at the first paragraph whose
        bound is lower, and on a tie a sentence longer than the last hit is not even scored.
        """
        kept: list[_Ranked] = []  # a heap, the last of the hits kept on top
        for bound, index in candidates:
            if limit is not None and len(kept) == limit and bound < kept[0][0]:
                break  # no sentence of this paragraph, nor of any after it, can get in
            for start, text in split_sentences(self.paragraphs[index].text):
                full = limit is not None and len(kept) == limit
                if full and (bound, -len(text)) < kept[0][:2]:
                    continue  # the best it could rank is below the last hit kept
                score = scorer.score(words(text))
                if score < min_score:
                    continue
                ranked = (score, -len(text), -index, -start, text)
                if full:
                    heapq.heappushpop(kept, ranked)
                else:
                    heapq.heappush(kept, ranked)
        return sorted(kept, reverse=True)

    def search(
        self,
        query: str,
        *,
        limit: int | None = DEFAULT_LIMIT,
        min_score: float = DEFAULT_MIN_SCORE,
        part: str | None = None,
    ) -> list[Hit]:
        """The sentences that match `query`, best first; `min_score` 0 ranks every sentence."""
        if limit is not None and limit <= 0:
            return []
        scorer = self.scorer(query)
        ranked = self._first_hits(scorer, self._candidates(scorer, min_score, part), limit, min_score)
        return [
            self._hit(scorer, score, -index, -start, text) for score, _, index, start, text in ranked
        ]  # see _Ranked

    def _is_common(self, word: str) -> bool:
        return len(self.vocabulary.paragraphs_with(word)) > _COMMON * self.vocabulary.paragraph_count

    def _hit(self, scorer: Scorer, score: float, index: int, start: int, text: str) -> Hit:
        paragraph = self.paragraphs[index]
        return Hit(
            exchange=paragraph.exchange,
            part=paragraph.part,
            speaker=paragraph.speaker,
            text=text,
            score=score,
            spans=scorer.spans(text, self._is_common),
            paragraph=paragraph.number,
            start=start,
        )


def search(
    transcript: Transcript,
    query: str,
    *,
    limit: int | None = DEFAULT_LIMIT,
    min_score: float = DEFAULT_MIN_SCORE,
    part: str | None = None,
) -> list[Hit]:
    """The transcript's sentences that match `query`, best first (see the module's docstring)."""
    return SearchIndex(transcript).search(query, limit=limit, min_score=min_score, part=part)


Context: TypeAlias = "tuple[tuple[Sentence, ...], tuple[Sentence, ...]]"  # the sentences before a hit, and after it


def context(transcript: Transcript, hit: Hit, size: int) -> Context:
    """Up to `size` sentences before and after a hit, within its exchange, like grep's -C."""
    if size <= 0:
        return (), ()
    sentences = transcript.exchange(hit.exchange).sentences
    at = next(
        i for i, s in enumerate(sentences) if (s.part, s.paragraph, s.start) == (hit.part, hit.paragraph, hit.start)
    )
    return sentences[max(0, at - size) : at], sentences[at + 1 : at + 1 + size]
