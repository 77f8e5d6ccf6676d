"""Fold text for matching, so that words compare alike whatever their case, accents or punctuation.

"Russia’s “much-needed” coup d’état" folds to "russia  much needed  coup detat ": lower case,
no accents (Unicode's compatibility decomposition, NFKD, with the combining marks dropped, so
"№" is "no" and "Ё" is "е"), curly and straight apostrophes alike, a possessive "'s" and other
apostrophes dropped, and whatever is neither a letter nor a digit (punctuation, hyphens, dashes,
quotes, symbols, emoji, any white space) a space.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = "'’ʼ‘`´"
_TYPOGRAPHY = "“”„‟«»‹›…‐‑‒–—―−·•"  # quotes, dashes and dots a transcript holds, beyond ASCII
# Every ASCII character has its entry, a letter or digit itself: str.translate is slow on a miss.
_MARKS = str.maketrans(
    {c: c if c.isalnum() else " " for c in map(chr, range(128))}
    | dict.fromkeys(_TYPOGRAPHY, " ")
    | dict.fromkeys(_APOSTROPHES, "'")
)
_NOT_WORD = re.compile(r"[^\w']|_")
_APOSTROPHE = re.compile(r"'s\b|'")  # a possessive "'s" goes whole, any other apostrophe alone


def fold(text: str) -> str:
    """The text lower-cased, without accents or apostrophes, and everything but words as spaces.

    It keeps the text's words in order and apart: `fold(text).split()` are its words.
    """
    text = text.lower().translate(_MARKS)
    if not text.isascii():  # letters with accents, other alphabets, symbols
        bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = _NOT_WORD.sub(" ", bare.lower())
    return _APOSTROPHE.sub("", text)


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return fold(text).split()
