"""Fuzzy quote search: rank the transcript's sentences by how well they hold a remembered query.

A reader types what they remember of a sentence: some of its words, maybe misspelt, in another
order, or only the start of a name.  So the query is matched word by word, never as a pattern:

1. Query and transcript are folded alike (case, accents, curly quotes and apostrophes, a
   possessive "'s", hyphens and dashes) and cut into words.
2. Each distinct query word is looked up in the transcript: as typed, and as the start of a
   longer word ("kapodistr" -> "Kapodistrias").  A word the transcript does not hold at all is
   taken for a slip: the transcript's words one edit from it are found by string search
   ("secruity" -> "security"; see SearchIndex._one_edit_away), and only if there are none is it
   matched against the vocabulary by rapidfuzz's optimal string alignment distance, within an
   edit budget that grows with its length.  Each match carries a similarity: 1 only when exact.
3. A sentence scores the share of the query it holds, each query word weighted by how rare its
   match is in the transcript (inverse document frequency over paragraphs) and counted at its
   best similarity (80 of the 100 points), plus the share of the query's neighbouring word pairs
   that stand side by side in the sentence too (20 points): a sentence that holds the query as
   an exact phrase scores 100.
4. Equal scores go to the shorter sentence, then to the earlier one.

It stays cheap on a transcript a hundred times this one: the words are found by substring
search in one folded copy of the text, and only paragraphs that can still reach the results
(bounded by the words they hold, and on a tie by how short their sentences can be) are cut into
sentences and scored.

Nothing here knows how hits are printed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING, TypeAlias

from lvcli.splitter import shortest_sentence, split_sentences
from lvcli.transcript import ANSWER, OPENING, QUESTION_PART, Transcript

if TYPE_CHECKING:
    from lvcli.transcript import Sentence  # only -C reads sentences, through Exchange.sentences

DEFAULT_LIMIT = 10
DEFAULT_MIN_SCORE = 25.0  # a quarter of the query, by weight, found in the sentence
# A pasted paragraph is still a query; only its longest (most telling) words are looked up.
MAX_QUERY_WORDS = 16
# Paragraphs looked at, once the list is full, that can at best tie with its last hit (see search).
MAX_TIE_READS = 300
# Occurrences of a word as the start of others, beyond which a word typed in full is not expanded.
_MAX_STARTS = 2000
# A misspelt word is taken to mean one of at most this many near words of the transcript.
MAX_SPELLINGS = 6

_PHRASE_SHARE = 0.2  # of the score, for query word pairs found side by side as in the query
_EXACT, _PREFIX_TOP, _FUZZY_TOP = 1.0, 0.95, 0.9
_FEW_WORDS = 8  # see _Scorer.score
_COMMON = 0.5  # a word in more paragraphs than this share is only marked as part of a phrase

# Folding.  Most text is ASCII: one bytes.translate lower-cases it and turns its punctuation into
# spaces, far faster than str.lower() and a str.replace() per mark.  A line holding anything
# beyond ASCII is folded again, slowly and fully, as str.
_ASCII_SEPARATORS = (  # what is neither a letter, a digit, an apostrophe nor a newline (a test checks)
    "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
    '\x1d\x1e\x1f !"#$%&()*+,-./:;<=>?@[\\]^_{|}~\x7f'
)
_ASCII_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # spelt out: importing `string` compiles a pattern (1 ms)
_ASCII_FOLD = bytes.maketrans(
    (_ASCII_UPPER + _ASCII_SEPARATORS).encode("ascii"),
    (_ASCII_UPPER.lower() + " " * len(_ASCII_SEPARATORS)).encode("ascii"),
)
_WIDE_SEPARATORS = "“”„‟«»‹›…‐‑‒–—―−·•"  # beyond ASCII
_APOSTROPHES = "'’ʼ‘`´"
# Typographic marks as UTF-8, grouped by the bytes they start with ("“" is e2 80 9c): one split
# on "\xe2\x80" finds all seven of that group in a single pass, where a replace() apiece would
# read the whole transcript seven times, found or not (1 ms of every search, see bench/).
# Latin-1's letters and signs (c2 80-bf and c3 80-bf) are folded in bulk too, as _fold_line
# would fold them, wherever that gives ASCII ("É" -> "e", "½" -> "1 2"; not "ß", "æ", "µ"): a
# paragraph with one "é" then skips the slow fold (1.5 M instructions of every search on the
# bundled transcript).  Written out, as working them out at import cost 1 M; a test derives
# them from _LATIN1_FOLD, _WIDE_SEPARATORS and _APOSTROPHES and checks them.
_TYPOGRAPHY: dict[bytes, dict[int, bytes]] = {
    b"\xe2\x80": {0x93: b" ", 0x94: b" ", 0x98: b"'", 0x99: b"'", 0x9C: b" ", 0x9D: b" ", 0xA6: b" "},  # –—‘’“”…
    b"\xc2": {
        **dict.fromkeys(set(range(0x80, 0xC0)) - set(b"\x85\xb5\xaa\xb2\xb3\xb4\xb9\xba\xbc\xbd\xbe"), b" "),
        **{0xAA: b"a", 0xB2: b"2", 0xB3: b"3", 0xB4: b"'", 0xB9: b"1", 0xBA: b"o"},  # ª ² ³ ´ ¹ º
        **{0xBC: b"1 4", 0xBD: b"1 2", 0xBE: b"3 4"},  # ¼ ½ ¾
    },
    b"\xc3": dict(  # À to ÿ but Æ Ð Ø Þ ß æ ð ø þ
        zip(
            sorted(set(range(0x80, 0xC0)) - set(b"\x86\x90\x98\x9e\x9f\xa6\xb0\xb8\xbe")),
            map(bytes, zip(b"aaaaaaceeeeiiiinooooo uuuuyaaaaaaceeeeiiiinooooo uuuuyy")),
            strict=True,
        )
    ),
}
# Beyond Latin-1, accents are taken off by unicodedata (imported only then) and what these
# patterns match (read with str methods, in _fold_wide; the tests hold them equal): whatever is
# neither a letter, a digit nor an apostrophe (emoji, symbols, other scripts' punctuation)
# separates words, as ASCII punctuation does: "guarantees 🙂" is one word.
_COMBINING = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_NOT_WORD = r"[^\w\s']|_"
# Within Latin-1 ("coup d'état"), the same fold as one table, worked out from those steps (a test
# checks it against them): a letter loses its accent, a symbol or a control is a space.
_LATIN1_FOLD: dict[int, str] = dict(
    zip(
        map(
            ord,
            "\xaa\xb2\xb3\xb5\xb9\xba\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf\xd0\xd1"
            "\xd2\xd3\xd4\xd5\xd6\xd8\xd9\xda\xdb\xdc\xdd\xde\xe0\xe1\xe2\xe3\xe4\xe5\xe7\xe8\xe9\xea\xeb\xec\xed\xee"
            "\xef\xf1\xf2\xf3\xf4\xf5\xf6\xf9\xfa\xfb\xfc\xfd\xff",
        ),
        "a23\u03bc1oaaaaaa\xe6ceeeeiiii\xf0nooooo\xf8uuuuy\xfeaaaaaaceeeeiiiinooooouuuuyy",
        strict=True,
    )
)
_LATIN1_FOLD.update({ord("\xbc"): "1 4", ord("\xbd"): "1 2", ord("\xbe"): "3 4"})
_LATIN1_FOLD.update(
    dict.fromkeys(
        map(
            ord,
            "_\x80\x81\x82\x83\x84\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97"
            "\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xab\xac\xad\xae\xaf\xb0"
            "\xb1\xb4\xb6\xb7\xb8\xbb\xbf\xd7\xf7",
        ),
        " ",
    )
)
# Three apostrophes as alternatives rather than a class: a class beyond Latin-1 compiles 2.5x slower.
_WRITTEN_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+|’[^\W_]+|ʼ[^\W_]+)*")
_MARK_GAP = "-‐‑‒–—+&/"  # what may stand between marked words of one phrase, besides white space


def _drop_apostrophes(data: bytes) -> bytes:
    """ "russia's " -> "russia ", "d'etat" -> "detat" (apostrophes as ASCII; `data` ends in a space).

    One split per apostrophe rather than three replace() passes over the text: the piece after
    each apostrophe loses its "s" when a word ends there.
    """
    for apostrophe in (b"'", b"`"):
        if apostrophe in data:
            pieces = data.split(apostrophe)
            data = pieces[0] + b"".join(p[1:] if p[:2] in (b"s ", b"s\n") else p for p in pieces[1:])
    return data


def _fold_typography(data: bytes) -> bytes:
    """Curly quotes and apostrophes, dashes, ellipses and guillemets as spaces or "'", and Latin-1's
    letters and signs folded as far as ASCII (UTF-8 in, UTF-8 out)."""
    for lead, replacements in _TYPOGRAPHY.items():
        if lead in data:
            pieces = data.split(lead)
            folded = [pieces[0]]
            for piece in pieces[1:]:  # a lead byte only ever starts a character: piece[0] ends it
                replacement = replacements.get(piece[0]) if piece else None
                folded.append(lead + piece if replacement is None else replacement + piece[1:])
            data = b"".join(folded)
    return data


def _is_accent(c: str) -> bool:
    """A combining accent of the blocks _COMBINING names (what NFKD splits off a letter)."""
    return (
        "\u0300" <= c <= "\u036f"
        or "\u1ab0" <= c <= "\u1aff"
        or "\u1dc0" <= c <= "\u1dff"
        or "\u20d0" <= c <= "\u20ff"
        or "\ufe20" <= c <= "\ufe2f"
    )


def _fold_wide(word: str) -> str:
    """One word beyond Latin-1, lowered: accents off (NFKD), and what is neither a letter, a digit
    nor an apostrophe a space ("Ё" -> "е", "🙂" -> " ").

    What re.sub(_NOT_WORD, " ", re.sub(_COMBINING, "", NFKD(word)).lower()) gives, with str
    methods (a property test holds them equal): compiling those two patterns cost any query with
    a word beyond Latin-1 about 4 M instructions, as _COMBINING's ranges reach beyond it.
    """
    import unicodedata  # here: most text is Latin-1, and the import is not free

    bare = "".join(c for c in unicodedata.normalize("NFKD", word) if not _is_accent(c)).lower()
    return "".join(c if c.isalnum() or c.isspace() or c == "'" else " " for c in bare)


def _fold_line(line: str) -> str:
    """The full fold of one line beyond ASCII, once `_ASCII_FOLD` has folded its ASCII characters.

    Case, accents, the separators and apostrophes beyond ASCII. The ASCII separators are spaces
    already (lowering a letter never makes one), so only the others are looked for: a hundred
    scans of a long line fewer.
    """
    line = line.lower()
    for separator in _WIDE_SEPARATORS:
        if separator in line:
            line = line.replace(separator, " ")
    for apostrophe in _APOSTROPHES:
        if apostrophe in line:
            line = line.replace(apostrophe, "'")
    if not line.isascii():  # letters with accents, or another alphabet
        # Word by word, and only the words beyond ASCII: str.translate is slow on a line beyond
        # Latin-1 (4 M instructions for a 6 KB query), only a word beyond Latin-1 needs Unicode's
        # decomposition, and on an ASCII word the table only turns "_" into a space (one
        # replace() for the line).  The words are put back by a dict's get() through map(),
        # without a Python step for each of the thousand words of a pasted passage; max() runs
        # over the few words beyond ASCII, not the line (a Python step for each character).
        written = line.replace("_", " ").split()
        wide = {w: w.translate(_LATIN1_FOLD) if max(w) <= "\xff" else _fold_wide(w) for w in written if not w.isascii()}
        line = " ".join(map(wide.get, written, written))
        if any(not w or w[0] == " " or w[-1] == " " or "  " in w for w in wide.values()):
            line = " ".join(line.split())  # a word folded to a space, or to words
    else:
        line = " ".join(line.split())
    folded = _drop_apostrophes((line + " ").encode("utf-8"))
    return folded.decode("utf-8")


def _fold_bytes(text: str) -> bytes:
    """The folded text as UTF-8, line for line: words apart by spaces, the text ending in one (a
    line folded apart, beyond Latin-1, also starts with one)."""
    data = text.encode("utf-8").translate(_ASCII_FOLD) + b" "
    if not data.isascii():
        data = _fold_typography(data)  # everywhere in a transcript: fold them in bulk too
    if not data.isascii():  # first, so that a possessive before any white space is seen as one
        data = b"\n".join(
            line if line.isascii() else b" " + _fold_line(line.decode("utf-8")).encode("utf-8")
            for line in data.split(b"\n")
        )  # " " before a line folded apart: a word that starts it still has a space before it
    return _drop_apostrophes(data)


def fold(text: str) -> str:
    """Lower case, no accents, apostrophes or possessive 's, and punctuation as spaces.

    "Russia’s “much-needed” coup d’état" -> "russia much needed coup detat ".
    """
    return _fold_bytes(text).decode("utf-8")


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return fold(text).split()


def blank(query: str) -> bool:
    """A query with no word to look for: empty, spaces, or punctuation only."""
    return not words(query)


class Hit:
    """One sentence that matches a query, with everything a printer needs to show it.

    Compared and printed by value. A plain class: it is defined on every search, and in a fresh
    process a frozen dataclass took 0.9 ms to define and a NamedTuple 0.55 ms (they compile
    generated code then), this 0.02 ms.
    """

    __slots__ = ("exchange", "part", "speaker", "text", "score", "spans", "paragraph", "start")  # noqa: RUF023 - in order, for repr

    def __init__(
        self,
        exchange: int,
        part: str,
        speaker: str | None,
        text: str,
        score: float,  # 0..100, one decimal
        spans: tuple[tuple[int, int], ...],  # character spans of `text` that match the query
        paragraph: int,  # which paragraph of its part, and where in it the sentence starts
        start: int,
    ) -> None:
        self.exchange, self.part, self.speaker, self.text = exchange, part, speaker, text
        self.score, self.spans, self.paragraph, self.start = score, spans, paragraph, start

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return self._values() == other._values() if isinstance(other, Hit) else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal by value, and not frozen

    def __repr__(self) -> str:
        return f"Hit({', '.join(f'{name}={getattr(self, name)!r}' for name in self.__slots__)})"


# The internal record below is a plain class: a dataclass costs a millisecond or more to
# create at import, and every call of `lvcli search` would pay it.


class _Word:
    """One distinct query word: its weight and the transcript words it may stand for."""

    __slots__ = ("similar", "weight")

    def __init__(self, weight: float, similar: dict[str, float]) -> None:
        self.weight = weight
        self.similar = similar  # folded transcript word -> similarity (0..1]


def _edit_budget(size: int) -> int:
    """How many slips a word of this length may hold and still be recognised."""
    return 0 if size <= 3 else 1 if size <= 5 else 2


def _fuzzy_similarity(size: int, distance: int) -> float:
    return min(_FUZZY_TOP, 1.0 - distance / (size + 1))


def one_edit(typed: str, other: str) -> bool:
    """Is `other` exactly one edit from `typed`: a letter put in, left out or changed, or two side
    by side swapped (rapidfuzz's OSA distance 1; a property test holds them equal)?"""
    size, other_size = len(typed), len(other)
    if abs(size - other_size) > 1 or typed == other:
        return False
    at = 0  # the first letter where they differ
    while at < size and at < other_size and typed[at] == other[at]:
        at += 1
    if size > other_size:
        return typed[at + 1 :] == other[at:]
    if size < other_size:
        return typed[at:] == other[at + 1 :]
    return typed[at + 1 :] == other[at + 1 :] or (
        typed[at + 2 :] == other[at + 2 :] and typed[at] == other[at + 1] and typed[at + 1] == other[at]
    )


def _prefix_similarity(size: int, longer: int) -> float:
    return _PREFIX_TOP - 0.2 * (1 - size / longer)


class SearchIndex:
    """A transcript folded once for any number of queries."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        # Each paragraph of the body, with where it stands, as a tuple (text, part, exchange,
        # speaker, index in its part): building 146 small objects took 0.5 M instructions of
        # every search, tuples a tenth.
        self._places: list[tuple[str, str, int, str | None, int]] = [
            (p.text, part, e.number, p.speaker, index)
            for e in transcript.exchanges
            for part, group in ((QUESTION_PART, e.question), (OPENING if e.is_opening else ANSWER, e.answer))
            for index, p in enumerate(group)
        ]
        self.texts = [place[0] for place in self._places]
        # Every paragraph folded on one line of one string, padded with spaces, so that " word "
        # finds a whole word and " wor" the start of one, all at the speed of str.find.
        self._text = b" " + _fold_bytes(" \n ".join(text.replace("\n", " ") for text in self.texts))
        self._starts: list[int] | None = None  # where each paragraph's line starts, when needed
        self._lines: list[bytes] | None = None  # the same, a padded line per paragraph, when needed
        self._vocabulary: dict[int, list[str]] | None = None
        self._decoded: str | None = None  # the same as str, when a slip is looked for
        self._reversed = ""  # and that reversed
        self._frequency: dict[str, set[int]] = {}

    def _where(self, needle: str, limit: int | None = None) -> list[int] | None:
        """The offsets of `needle` in the folded text; None if there are more than `limit`."""
        found: list[int] = []
        encoded = needle.encode()
        at = self._text.find(encoded)
        while at >= 0:
            if limit is not None and len(found) == limit:
                return None
            found.append(at)
            at = self._text.find(encoded, at + 1)
        return found

    def _paragraphs_at(self, places: list[int]) -> list[int]:
        """The paragraph of each of these places in the folded text.

        A binary search among where the paragraphs start, written out: importing bisect costs
        0.7 M instructions, and counting the newlines before each place reads the whole text
        again for each word of a pasted passage.
        """
        if self._starts is None:
            self._starts = [0]
            at = self._text.find(b"\n")
            while at >= 0:
                self._starts.append(at)
                at = self._text.find(b"\n", at + 1)
        starts = self._starts
        found: list[int] = []
        for at in places:
            low, high = 0, len(starts)
            while high - low > 1:  # starts[low] <= at < starts[high]
                middle = (low + high) // 2
                if starts[middle] <= at:
                    low = middle
                else:
                    high = middle
            found.append(low)
        return found

    def _paragraphs_with(self, word: str) -> set[int]:
        """The paragraphs that hold this folded word."""
        if word not in self._frequency:
            places = self._where(f" {word} ", limit=len(self.texts) // 4 + 8)
            if places is None:
                # a frequent word ("the"): asking each paragraph beats visiting every occurrence
                if self._lines is None:
                    self._lines = [b" " + line + b" " for line in self._text[1:-1].split(b" \n ")]
                needle = f" {word} ".encode()
                self._frequency[word] = {i for i, line in enumerate(self._lines) if needle in line}
            else:
                self._frequency[word] = set(self._paragraphs_at(places))
        return self._frequency[word]

    def _idf(self, paragraphs: int) -> float:
        total = len(self.texts)
        return math.log(1.0 + (total - paragraphs + 0.5) / (paragraphs + 0.5))

    def _text_as_str(self) -> str:
        """The folded text decoded, once (for the slips only)."""
        if self._decoded is None:
            self._decoded = self._text.decode("utf-8")
        return self._decoded

    def _words_by_length(self) -> dict[int, list[str]]:
        """The transcript's distinct words by length, each list in alphabetical order.

        Sorted, not in a set's order: that changes with Python's hash seed from run to run, and
        among near words at the same distance the order decides which are kept.
        """
        if self._vocabulary is None:
            self._vocabulary = {}
            for word in sorted(set(self._text_as_str().split())):  # one decode, not one a word
                self._vocabulary.setdefault(len(word), []).append(word)
        return self._vocabulary

    def _lacks_letters(self, word: str, budget: int) -> bool:
        """Are more of the word's letters than `budget` missing from the whole transcript?

        Stops at the first letter past the budget: a letter the text lacks costs a full scan.
        """
        missing = 0
        for letter in word:
            if letter.encode() not in self._text:
                missing += 1
                if missing > budget:
                    return True
        return False

    def _one_edit_away(self, word: str) -> list[str]:
        """The transcript's likeliest words one edit from `word` (which it does not hold).

        One edit (a letter put in, left out or changed, or two side by side swapped) leaves in
        place either the word's first `cut` letters or all its letters after the next one,
        wherever it falls: so every such word starts as `word` does, or ends as it does.  Words
        of a fitting length that do are found by a pattern led by those letters (for the ends, in
        the text reversed), which re finds at the speed of a string search; each is checked by
        `one_edit`.  The likeliest (the most used) are kept, at most MAX_SPELLINGS.
        """
        size, cut = len(word), len(word) // 2
        forward = self._text_as_str()
        if not self._reversed:
            self._reversed = forward[::-1]
        sides = []
        for text, piece in ((forward, word[:cut]), (self._reversed, word[cut + 1 :][::-1])):
            letters = f"{{{max(size - 1 - len(piece), 0)},{size + 1 - len(piece)}}}"
            found = re.findall(f" ({re.escape(piece)}\\S{letters})(?= )", text)
            sides.append(found if text is forward else [other[::-1] for other in found])
        # in order of the text (a set's order varies with the hash seed); each side meets every use
        # of the words it finds, and only the few near ones are counted
        near = [other for other in dict.fromkeys(sides[0] + sides[1]) if one_edit(word, other)]
        near.sort(key=lambda other: (-max(side.count(other) for side in sides), other))
        return near[:MAX_SPELLINGS]

    def _look_up(self, word: str, *, slips: bool = True) -> _Word:
        """The transcript words this query word may stand for, and how much it weighs.

        `slips`: also take a word the transcript lacks for a misspelling of one it holds.
        """
        size = len(word)
        similar: dict[str, float] = {}
        # As typed, and as the start of a longer word ("kapodistr", "littor"): one pass over the
        # text finds both.  A word that starts thousands of words is looked up as typed first, and
        # only read as a start of others if the transcript lacks it as typed.
        starts = self._where(f" {word}", limit=_MAX_STARTS) if size >= 4 else None
        if starts is None and self._paragraphs_with(word):
            similar[word] = _EXACT
        elif size >= 4:
            places: dict[str, set[int]] = {}
            found_at = (self._where(f" {word}") or []) if starts is None else starts
            for at, paragraph in zip(found_at, self._paragraphs_at(found_at), strict=True):
                end = self._text.find(b" ", at + 1)
                found = self._text[at + 1 : end].decode("utf-8")
                places.setdefault(found, set()).add(paragraph)
            for found, paragraphs in places.items():
                self._frequency.setdefault(found, paragraphs)
                similar[found] = _EXACT if found == word else _prefix_similarity(size, len(found))
        budget = _edit_budget(size)
        # A word the transcript lacks, even as the start of one: a slip.  Most slips are one edit
        # ("secruity", "Nrod"): the transcript's words one edit away are found without rapidfuzz,
        # whose import alone (about 29 M instructions, 10 ms) would exceed what a search may add.
        if slips and not similar and budget:
            for other in self._one_edit_away(word):
                similar[other] = _fuzzy_similarity(size, 1)
        # Beyond one edit, rapidfuzz.  Not if more of the word's letters than the budget are
        # missing from the whole transcript, as each edit brings in at most one ("министерство"
        # in an English text).
        if slips and not similar and budget > 1 and not self._lacks_letters(word, budget):
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            by_length = self._words_by_length()
            near = [w for length in range(size - budget, size + budget + 1) for w in by_length.get(length, ())]
            matches = process.extract(word, near, scorer=OSA.distance, score_cutoff=budget, limit=None)
            closest = sorted(matches, key=lambda m: m[1])[:MAX_SPELLINGS]  # fewest edits, then
            closest.sort(key=lambda m: (m[1], -len(self._paragraphs_with(m[0]))))  # the likelier word
            for other, distance, _ in closest:
                similar[other] = max(similar.get(other, 0.0), _fuzzy_similarity(size, distance))
        if not similar:
            return _Word(self._idf(0), similar)  # weighs as the rarest word: no sentence holds it
        best = max(similar.values())
        frequency = max(len(self._paragraphs_with(w)) for w, s in similar.items() if s == best)
        return _Word(self._idf(frequency), similar)

    def _query(self, query: str) -> tuple[list[_Word], list[int]]:
        """The query's distinct words looked up, and the query as a sequence of their indexes."""
        typed = words(query)
        distinct = list(dict.fromkeys(typed))
        # A pasted passage: its longest words are looked up, as typed and as starts of words, but
        # not as slips. Among so many words a slip moves no ranking, and matching each against the
        # vocabulary (after importing rapidfuzz) cost a 1,000-word query of words the transcript
        # lacks four times the rest of the search.
        passage = len(distinct) > MAX_QUERY_WORDS
        if passage:
            kept = set(sorted(distinct, key=len, reverse=True)[:MAX_QUERY_WORDS])
            distinct = [w for w in distinct if w in kept]
        number = {w: i for i, w in enumerate(distinct)}
        return [self._look_up(w, slips=not passage) for w in distinct], [number[w] for w in typed if w in number]

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
        query_words, sequence = self._query(query)
        scorer = _Scorer(query_words, sequence)

        # Which paragraphs hold which query words, at what similarity.
        holds: dict[int, list[float]] = {}
        for index, word in enumerate(query_words):
            for other, similarity in word.similar.items():
                for paragraph in self._paragraphs_with(other):
                    best = holds.setdefault(paragraph, [0.0] * len(query_words))
                    best[index] = max(best[index], similarity)
        # A sentence can score no more than its paragraph: read the most promising paragraphs
        # first and stop where even the best sentence of the rest could not make the list.
        reach: dict[tuple[float, ...], float] = {}  # many paragraphs hold the same words alike
        bounds = []
        for i, (_, paragraph_part, *_) in enumerate(self._places):
            if part is None or paragraph_part == part:
                held = tuple(holds[i]) if i in holds else ()
                if held not in reach:
                    reach[held] = scorer.bound(list(held)) if held else 0.0
                bounds.append((reach[held], i))
        bounds.sort(key=lambda b: (-b[0], b[1]))
        ranked: list[tuple[float, int, int, int, str]] = []  # score, length, paragraph, start, text

        def read(index: int, sentences: list[tuple[int, str]]) -> None:
            """Score a paragraph's sentences into the list, and cut it back to the limit."""
            if not sentences:  # none short enough: a short stretch may end at "Mr." and not be one
                return
            if index in holds:
                folded = fold("\n".join(text.replace("\n", " ") for _, text in sentences)).split("\n")
                scores = [scorer.score(line) for line in folded]
            else:
                scores = [0.0] * len(sentences)
            for (start, text), score in zip(sentences, scores, strict=True):
                if score >= min_score:
                    ranked.append((score, len(text), index, start, text))
            if limit is not None and len(ranked) >= limit:
                ranked.sort(key=lambda r: (-r[0], r[1], r[2], r[3]))
                del ranked[limit:]

        floor = min_score
        for at, (bound, index) in enumerate(bounds):
            if bound < floor:
                break
            if limit is not None and len(ranked) == limit and bound <= floor:
                # The list is full and the rest can at best tie with its last hit, so only a
                # shorter sentence could still get in.  No sentence is shorter than its
                # paragraph's shortest stretch between candidate ends (found without splitting
                # it): read the paragraphs by that, shortest first, until it passes the last hit.
                # On a huge transcript with thousands of such ties, stop looking after a while.
                ties = [i for b, i in bounds[at : at + MAX_TIE_READS] if b >= floor]
                for shortest, tied in sorted((shortest_sentence(self.texts[i]), i) for i in ties):
                    longest = ranked[-1][1]  # the list is full, so sorted and cut
                    if shortest > longest:
                        break
                    read(tied, split_sentences(self.texts[tied], longest))
                break
            read(index, split_sentences(self.texts[index]))
            if limit is not None and len(ranked) == limit:
                floor = max(floor, ranked[-1][0])
        ranked.sort(key=lambda r: (-r[0], r[1], r[2], r[3]))
        if limit is not None:
            del ranked[limit:]
        return [self._hit(scorer, *r) for r in ranked]

    def _hit(self, scorer: _Scorer, score: float, _length: int, index: int, start: int, text: str) -> Hit:
        _, part, exchange, speaker, paragraph = self._places[index]
        return Hit(
            exchange=exchange,
            part=part,
            speaker=speaker,
            text=text,
            score=score,
            spans=scorer.spans(text, lambda w: len(self._paragraphs_with(w)) > _COMMON * len(self.texts)),
            paragraph=paragraph,
            start=start,
        )


class _Scorer:
    """Scores the words of one sentence against a looked-up query."""

    def __init__(self, query_words: list[_Word], sequence: list[int]) -> None:
        self.words = query_words
        self.sequence = sequence
        self.total = sum(w.weight for w in query_words)
        self.stands_for: dict[str, list[tuple[int, float]]] = {}
        for index, word in enumerate(query_words):
            for other, similarity in word.similar.items():
                self.stands_for.setdefault(other, []).append((index, similarity))
        self.known = frozenset(self.stands_for)
        self.pairs: dict[tuple[int, int], float] = {}
        for a, b in pairwise(sequence):
            if a != b:
                self.pairs[(a, b)] = query_words[a].weight + query_words[b].weight
        self.pair_total = sum(self.pairs.values())
        self.weights = [w.weight for w in query_words]
        self._pair_list = [(a, b, weight) for (a, b), weight in self.pairs.items()]
        self._scores: dict[tuple[float, ...], float] = {}
        # Up to eight words the transcript may hold are looked for in a sentence one by one
        # (" word " in " line "), which costs less than cutting it into words and hashing each.
        self._needles = [(f" {word} ", word) for word in self.known] if len(self.known) <= _FEW_WORDS else []

    def _coverage(self, best: list[float]) -> float:
        if not self.total:
            return 0.0
        return sum(map(float.__mul__, self.weights, best)) / self.total

    def _combine(self, coverage: float, phrase: float) -> float:
        return round(100 * ((1 - _PHRASE_SHARE) * coverage + _PHRASE_SHARE * phrase), 1)

    def bound(self, best: list[float]) -> float:
        """The most any sentence can score whose words match at most this well."""
        if self.pairs:
            reach = 0.0
            for a, b, weight in self._pair_list:
                if best[a] and best[b]:
                    reach += weight * min(best[a], best[b])
            phrase = reach / self.pair_total
        else:
            phrase = 1.0 if any(s >= _EXACT for s in best) else 0.0
        return self._combine(self._coverage(best), phrase)

    def best(self, tokens: list[str]) -> list[float]:
        """The best similarity each query word finds among these words."""
        best = [0.0] * len(self.words)
        for token in self.known.intersection(tokens):
            for index, similarity in self.stands_for[token]:
                if similarity > best[index]:
                    best[index] = similarity
        return best

    def score(self, line: str) -> float:
        """The score of a sentence folded into one line."""
        present: set[str] | frozenset[str]
        if self._needles:  # a few words: each looked for in the line, which is not cut into words
            spaced = f" {line} "
            present = {word for needle, word in self._needles if needle in spaced}
        else:
            present = self.known.intersection(line.split())
        if not present:
            return 0.0  # most sentences of a paragraph that holds the query
        best = [0.0] * len(self.words)
        for token in present:
            for index, similarity in self.stands_for[token]:
                if similarity > best[index]:
                    best[index] = similarity
        if not self.pairs:  # the score depends on the words held alone: worked out once for each
            held = tuple(best)
            if held not in self._scores:
                self._scores[held] = self._combine(self._coverage(best), 1.0 if _EXACT in best else 0.0)
            return self._scores[held]
        padded = f" {' '.join(line.split())} "
        found = 0.0
        for (a, b), weight in self.pairs.items():
            if best[a] and best[b]:
                side_by_side = [
                    min(sa, sb)
                    for left, sa in self.words[a].similar.items()
                    if left in present
                    for right, sb in self.words[b].similar.items()
                    if right in present and f" {left} {right} " in padded
                ]
                if side_by_side:
                    found += weight * max(side_by_side)
        return self._combine(self._coverage(best), found / self.pair_total)

    def spans(self, text: str, is_common: Callable[[str], bool]) -> tuple[tuple[int, int], ...]:
        """Where the sentence's words match the query best, words side by side joined in one span.

        A common word ("the", "of") is marked only beside a marked uncommon one, as part of a
        phrase, unless the query holds nothing but common words.
        """
        found = list(_WRITTEN_WORD.finditer(text))
        # folded all at once, a word a line (folding goes line by line), not one fold() a word
        forms = fold("\n".join(m.group() for m in found)).split("\n") if found else []
        written = [(m.start(), m.end(), form.split()) for m, form in zip(found, forms, strict=True)]
        best = self.best([w for _, _, forms in written for w in forms])
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
            if spans and all(c.isspace() or c in _MARK_GAP for c in text[spans[-1][1] : start]):
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
