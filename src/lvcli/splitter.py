"""Split a paragraph into sentences without cutting at abbreviations, initials or numbers."""

from __future__ import annotations

import re

# A candidate end: terminal punctuation and any closing quotes or brackets before white space;
# it ends a sentence when the next word can open one.  "9-10, 2021" or "3+3" hold no candidate.
# Found with str.find rather than a pattern: compiling one cost 1 ms of every `lvcli search`.
_STOPS = ".?!…"
_CLOSERS = "\"”’')]*»"
_OPENING = "\"“‘'([*«"
# Needed only after an initial or a dotted abbreviation: compiled (and cached by re) on first
# use, as most calls never get there.
_DOTTED = r"(?:[A-Za-z]\.)+[A-Za-z]"

# Titles stand before a name and never end a sentence ("Mr. Borrell", "St. Petersburg").
_TITLES = frozenset(
    "mr mrs ms dr st prof gen col lt sgt capt adm gov sen rep rev jr sr messrs mme mlle hon amb".split()
)
# These stand before a number: "No. 5", "Art. 51", "Jan. 14", "p. 3".
_BEFORE_NUMBERS = frozenset(
    "no nos art arts p pp para vol ch sec fig approx jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# After an initial or a dotted abbreviation ("U.S.", "e.g."), a capitalised word continues the
# sentence ("U.S. President", "Vladimir V. Putin") unless it is a word that typically opens one.
_OPENERS = frozenset(
    "a all also an and as at but by even for from he her here his how however i if in it its many my "
    "no now of on one our she so some that the their then there these they this those thus to "
    "we what when where which while who why yes yet you".split()
)


def _word_before(text: str, end: int) -> tuple[int, str]:
    """The run of letters, digits and full stops that ends at `end`, and where it starts."""
    start = text.rfind(" ", 0, end) + 1
    if text[start:end].isalnum():  # the common case, a plain word after a space: no loop
        return start, text[start:end]
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    return start, text[start:end]


def _next_word(text: str, at: int) -> str:
    r"""The word after the white space at `at`, past any opening quotes or brackets; "" if none.

    What r"\s+[\"“‘'(\[*«]*([\w.'’-]*)" would capture, read with str methods: compiling that
    pattern (its classes reach beyond Latin-1) cost every search 2.6 M instructions.
    """
    size = len(text)
    start = at
    while start < size and text[start].isspace():
        start += 1
    if start == at:
        return ""
    while start < size and text[start] in _OPENING:
        start += 1
    end = start
    while end < size and (text[end].isalnum() or text[end] in "_.'’-"):
        end += 1
    return text[start:end]


def _continues_after_stop(text: str, stop: int, after: int, sentence_start: int) -> bool:
    """Does the single full stop at text[stop] belong to a word rather than end the sentence?

    `after` is where the white space after the stop (and any closing quotes) begins;
    `sentence_start` is where the sentence being read began.
    """
    start, word = _word_before(text, stop)
    if not word:
        return False
    key = word.lower()
    if key in _TITLES:
        return True
    dotted = "." in word
    initial = len(word) == 1 and word.isupper() and word != "I"  # "Vladimir V. Putin"
    if not (dotted or initial or key in _BEFORE_NUMBERS or word.isdigit()):
        return False  # an ordinary word: the common case, decided without looking further
    next_word = _next_word(text, after)
    if key in _BEFORE_NUMBERS:
        return next_word[:1].isdigit()
    if word.isdigit():
        return start == sentence_start  # a list number: "1. The first..."
    if dotted and not re.fullmatch(_DOTTED, word):  # "U.S", "e.g"; not "3.5" or "..."
        return False
    return next_word.lower().strip(".'’-") not in _OPENERS


def _candidates(paragraph: str) -> list[tuple[int, int]]:
    """Where a sentence may end: (stop, end) for each terminal mark at `stop` whose run of closing
    quotes and brackets ends at `end`, just before white space; in order."""
    size = len(paragraph)
    stops: list[int] = []
    for mark in _STOPS:
        at = paragraph.find(mark)
        while at >= 0:
            stops.append(at)
            at = paragraph.find(mark, at + 1)
    stops.sort()
    found: list[tuple[int, int]] = []
    for stop in stops:
        end = stop + 1
        while end < size and paragraph[end] in _CLOSERS:
            end += 1
        if end < size and paragraph[end].isspace():
            found.append((stop, end))
    return found


def split_sentences(paragraph: str, longest: int | None = None) -> list[tuple[int, str]]:
    """The sentences of a paragraph as (offset, text), verbatim and in order.

    Lossless: every character of the paragraph except the white space between sentences (and
    around the paragraph) lands in exactly one sentence, and paragraph[offset:offset+len(text)]
    is the sentence.

    `longest`: only the sentences at most this long (search asks on a tie, once
    shortest_sentence says a paragraph may hold one).
    """
    found: list[tuple[int, str]] = []
    start = len(paragraph) - len(paragraph.lstrip())
    size = len(paragraph)
    for stop, end in _candidates(paragraph):
        opens = end + 1
        while opens < size and (paragraph[opens].isspace() or paragraph[opens] in _OPENING):
            opens += 1
        if opens == size or not (paragraph[opens].isupper() or paragraph[opens].isdigit()):
            continue
        single_stop = paragraph[stop] == "." and (stop == 0 or paragraph[stop - 1] not in ".?!…")
        if single_stop and _continues_after_stop(paragraph, stop, end, start):
            continue
        found.append((start, paragraph[start:end]))
        start = end
        while start < size and paragraph[start].isspace():
            start += 1
    rest = paragraph[start:].rstrip()
    if rest:
        found.append((start, rest))
    if longest is not None:
        return [(offset, text) for offset, text in found if len(text) <= longest]
    return found


def shortest_sentence(paragraph: str) -> int:
    """No sentence split_sentences(paragraph) gives is shorter than this, found without splitting.

    A sentence ends only where a candidate does, so it holds at least one whole stretch of text
    from one candidate end to the next (white space aside): the shortest stretch bounds them all.
    """
    shortest = len(paragraph)
    begin = 0
    for _, end in [*_candidates(paragraph), (0, len(paragraph))]:
        stretch = len(paragraph[begin:end].strip())
        if 0 < stretch < shortest:
            shortest = stretch
        begin = end
    return shortest
