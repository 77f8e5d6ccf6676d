"""Split a paragraph into sentences without cutting at abbreviations, initials or numbers."""

from __future__ import annotations

import re

# A candidate end: terminal punctuation and any closing quotes or brackets before white space;
# it ends a sentence when the next word can open one.  "9-10, 2021" or "3+3" hold no candidate.
# (One punctuation mark in the pattern rather than a run: Python's re scans much faster so.)
_CLOSERS = "\"”’')]*»"
_OPENING = "\"“‘'([*«"
_CANDIDATE = re.compile(rf"[.?!…][{re.escape(_CLOSERS)}]*(?=\s)")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_NEXT_WORD = re.compile(r"\s+[\"“‘'(\[*«]*([\w.'’-]*)")

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
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    return start, text[start:end]


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
    following = _NEXT_WORD.match(text, after)
    next_word = following.group(1) if following else ""
    if key in _BEFORE_NUMBERS:
        return next_word[:1].isdigit()
    if word.isdigit():
        return start == sentence_start  # a list number: "1. The first..."
    if dotted and not _DOTTED.fullmatch(word):  # "U.S", "e.g"; not "3.5" or "..."
        return False
    return next_word.lower().strip(".'’-") not in _OPENERS


def split_sentences(paragraph: str) -> list[tuple[int, str]]:
    """The sentences of a paragraph as (offset, text), verbatim and in order.

    Lossless: every character of the paragraph except the white space between sentences (and
    around the paragraph) lands in exactly one sentence, and paragraph[offset:offset+len(text)]
    is the sentence.
    """
    found: list[tuple[int, str]] = []
    start = len(paragraph) - len(paragraph.lstrip())
    size = len(paragraph)
    for m in _CANDIDATE.finditer(paragraph):
        opens = m.end() + 1
        while opens < size and (paragraph[opens].isspace() or paragraph[opens] in _OPENING):
            opens += 1
        if opens == size or not (paragraph[opens].isupper() or paragraph[opens].isdigit()):
            continue
        stop = m.start()
        single_stop = paragraph[stop] == "." and (stop == 0 or paragraph[stop - 1] not in ".?!…")
        if single_stop and _continues_after_stop(paragraph, stop, m.end(), start):
            continue
        found.append((start, paragraph[start : m.end()]))
        start = m.end()
        while start < size and paragraph[start].isspace():
            start += 1
    rest = paragraph[start:].rstrip()
    if rest:
        found.append((start, rest))
    return found
