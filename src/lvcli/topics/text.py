"""A transcript's sentences as one string, and what the readers of names and of phrases both ask of it."""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from lvcli.topics.words import CALENDAR_WORDS, NAME_LINKS, STOP_WORDS, cut_possessive, is_acronym
from lvcli.transcript import Sentence

# Between two sentences: no name or pair of words spans it.
SEPARATOR = " \n "
# A capitalised word: "Russia", "Co-operation", "NATO's", "U.S.".
CAPITAL_WORD = r"(?:(?:[A-Z]\.){2,}(?![A-Za-z])|[A-Z\u00c0-\u00de][\w&]*(?:[-'\u2019][\w&]+)*)"
# ... where no sentence, quotation or clause opens.
_MID_SENTENCE_CAPITAL = re.compile(rf"(?<=[^\s\"\u201c\u00ab\u2018:(\[] ){CAPITAL_WORD}")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


class Mention(NamedTuple):
    """One place a name or a key phrase stands: its key, the spelling there, and where (sentence, offsets)."""

    key: str
    kind: str
    spelling: str
    sentence: int
    start: int
    end: int


class Text:
    """The sentences of a transcript joined into one string, with where each one starts in it."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sentences
        self.texts = [s.text for s in sentences]
        self.whole = SEPARATOR.join(self.texts)
        self.starts: list[int] = []
        at = 0
        for text in self.texts:
            self.starts.append(at)
            at += len(text) + len(SEPARATOR)
        self.lowered = self.whole.lower()
        if len(self.lowered) != len(self.whole):
            # a letter such as "İ" lowers to two: offsets into one must be offsets into the other
            self.lowered = self.whole.translate(_ASCII_LOWER)
        mid_sentence = {cut_possessive(w) for w in _MID_SENTENCE_CAPITAL.findall(self.whole)}
        # words the text capitalises where no sentence opens: proper names
        self.proper = frozenset({w.lower() for w in mid_sentence} - NAME_LINKS)
        # the acronyms the text uses, without dots, by their first letter
        self.acronyms: dict[str, list[str]] = defaultdict(list)
        for word in mid_sentence:
            if is_acronym(word):
                self.acronyms[word[0]].append(word.replace(".", ""))

    def sentence_at(self, offset: int) -> int:
        """The index of the sentence at an offset of the whole text."""
        return bisect_right(self.starts, offset) - 1

    def is_name_word(self, word: str, initial: bool) -> bool:
        """Can this capitalised word be part of a name? `initial`: it opens a sentence, quotation or clause."""
        if is_acronym(word):
            return True  # "US" is no "us"
        lower = word.lower()
        if lower in STOP_WORDS or lower in CALENDAR_WORDS:
            return False
        if "-" in lower and all(p in STOP_WORDS or p in CALENDAR_WORDS for p in lower.split("-")):
            return False  # "November-December"
        return not initial or lower in self.proper

    def continues_name(self, word: str) -> bool:
        """Is this word, next to a capitalised one, part of the same name?"""
        lower = word.lower()
        return word[0].isupper() and lower not in STOP_WORDS and lower not in CALENDAR_WORDS and lower in self.proper
