"""Split a paragraph into sentences without cutting at abbreviations, initials or numbers."""

from __future__ import annotations

import re

# A candidate end: terminal punctuation and any closing quotes or brackets, before white space;
# it ends a sentence when the next word can open one. "9-10, 2021" or "3+3" hold no candidate.
_CANDIDATE = re.compile(r"[.?!…][\"”’')\]*»]*(?=\s)")
_OPENING = "\"“‘'([*«"
# The word after the white space that follows a full stop, past any opening quotes or brackets.
_NEXT_WORD = re.compile(r"\s+[\"“‘'(\[*«]*([\w.'’-]*)")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # "U.S", "e.g" (the last full stop is the one read)

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


def split_sentences(paragraph: str) -> list[tuple[int, str]]:
    """The sentences of a paragraph as (offset, text), verbatim and in order.

    Lossless: every character of the paragraph except the white space between sentences (and
    around the paragraph) lands in exactly one sentence, and paragraph[offset:offset+len(text)]
    is the sentence.
    """
    found: list[tuple[int, str]] = []
    size = len(paragraph)
    start = size - len(paragraph.lstrip())
    for candidate in _CANDIDATE.finditer(paragraph):
        stop, end = candidate.span()
        if not _opens_sentence(paragraph, end) or _full_stop_inside_sentence(paragraph, stop, end, start):
            continue
        found.append((start, paragraph[start:end]))
        start = end
        while start < size and paragraph[start].isspace():
            start += 1
    rest = paragraph[start:].rstrip()
    if rest:
        found.append((start, rest))
    return found


def _opens_sentence(paragraph: str, at: int) -> bool:
    """Does a capital letter or a digit follow, past the white space and opening quotes from `at`?"""
    while at < len(paragraph) and (paragraph[at].isspace() or paragraph[at] in _OPENING):
        at += 1
    return at < len(paragraph) and (paragraph[at].isupper() or paragraph[at].isdigit())


def _full_stop_inside_sentence(text: str, stop: int, after: int, sentence_start: int) -> bool:
    """Is text[stop] a single full stop that belongs to a word rather than ending the sentence?

    `after` is where the white space after the stop (and any closing quotes) begins;
    `sentence_start` is where the sentence being read began.
    """
    if text[stop] != "." or (stop > 0 and text[stop - 1] in ".?!…"):
        return False
    start = stop
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    word = text[start:stop]
    if not word:
        return False
    key = word.lower()
    if key in _TITLES:
        return True
    dotted = "." in word
    initial = len(word) == 1 and word.isupper() and word != "I"  # "Vladimir V. Putin"
    if not (dotted or initial or key in _BEFORE_NUMBERS or word.isdigit()):
        return False  # an ordinary word
    following = m[1] if (m := _NEXT_WORD.match(text, after)) else ""
    if key in _BEFORE_NUMBERS:
        return following[:1].isdigit()
    if word.isdigit():
        return start == sentence_start  # a list number: "1. The first..."
    if dotted and not _DOTTED.fullmatch(word):  # "U.S", "e.g"; not "3.5" or "..."
        return False
    return following.lower().strip(".'’-") not in _OPENERS
