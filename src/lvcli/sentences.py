"""Split a paragraph into sentences without cutting at abbreviations, initials or numbers."""

from __future__ import annotations

import re

# A candidate end: terminal punctuation, any closing quotes or brackets, then white space and
# something that can open a sentence.
_CANDIDATE = re.compile(r"[.?!…]+[\"”’')\]*»]*(?=\s+[\"“‘'(\[*«]*[A-Z\u0400-\u042f0-9])")
# Words that end in a full stop without ending a sentence ("Mr Borrell" is written without one
# here, but other briefings write "Mr. Borrell").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st prof gen col lt sgt capt adm gov sen rep rev jr sr messrs mme "
    "no nos vs etc e.g i.e cf approx dept est fig inc ltd co corp art para vol pp p "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_abbreviation(text: str, end: int) -> bool:
    """Does the full stop at text[end-1] belong to a word rather than end a sentence?"""
    if text[end - 1] != ".":
        return False
    m = _WORD_BEFORE.search(text, 0, end - 1)
    if not m:
        return False
    word = m.group(1)
    if word.lower().rstrip(".") in _ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():
        return True  # an initial: "Vladimir V. Putin"
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))  # "U.S." "e.g."


def split_sentences(paragraph: str) -> list[tuple[int, str]]:
    """The sentences of a paragraph as (offset, text), verbatim and in order, covering every word."""
    found: list[tuple[int, str]] = []
    start = 0
    for m in _CANDIDATE.finditer(paragraph):
        end = m.end()
        if (
            m.group().startswith(".")
            and len(m.group().rstrip("\"”’')]*»")) == 1
            and _is_abbreviation(paragraph, m.start() + 1)
        ):
            continue
        found.append((start, paragraph[start:end]))
        start = end
        while start < len(paragraph) and paragraph[start].isspace():
            start += 1
    if start < len(paragraph):
        found.append((start, paragraph[start:].rstrip()))
    return [(offset, text) for offset, text in found if text.strip()]
