"""Make transcript text safe for a terminal: control characters become visible escapes.

A transcript may come from anywhere. Raw ESC sequences could recolour, move the cursor, clear the
screen or retitle the window; C1 controls and DEL do the same on some terminals; bidirectional
overrides (U+202E …) reverse what the reader sees. None of them is ever emitted raw: each is shown
as a visible escape such as ``\\x1b`` or ``\\u202e``. Tabs and newlines stay what they are.

Every unsafe character is a control (Cc) or format (Cf) character, which `str.isprintable` rejects,
so text that is printable once its tabs and newlines are set aside needs no pattern at all. The
pattern is compiled only for text that fails that test: compiling it costs about 4 M instructions
(its character class spans beyond Latin-1, so `re` builds a 64K-entry map), more than a whole
`lvcli show` spends on its output.
"""

from __future__ import annotations

import re
from functools import cache

_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"


@cache
def _unsafe() -> re.Pattern[str]:
    return re.compile(_UNSAFE)


def _clean(text: str) -> bool:
    """True when `text` holds no unsafe character: a test in C, no pattern compiled."""
    return text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable()


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control and bidi-override character replaced by a visible escape."""
    return text if _clean(text) else _unsafe().sub(_escape, text)


def json_safe(encoded: str) -> str:
    """JSON text with the characters `json.dumps` leaves raw (DEL, C1, bidi) escaped as \\uXXXX.

    Those characters can only stand inside JSON strings, where \\uXXXX means the same character,
    so the document decodes to exactly the same data.
    """
    if _clean(encoded):
        return encoded
    return _unsafe().sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
