"""Make transcript text safe for a terminal: control characters become visible escapes.

A transcript may come from anywhere. Raw ESC sequences could recolour, move the cursor, clear the
screen or retitle the window; C1 controls and DEL do the same on some terminals; bidirectional
overrides (U+202E …) reverse what the reader sees. None of them is ever emitted raw: each is shown
as a visible escape such as ``\\x1b`` or ``\\u202e``. Tabs and newlines stay what they are.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional marks and overrides.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control and bidi-override character replaced by a visible escape."""
    return _UNSAFE.sub(_escape, text)


def on_one_line(text: str) -> str:
    """`visible`, with newlines and tabs escaped too: for a message that must stay on one line."""
    return visible(text).replace("\n", "\\n").replace("\t", "\\t")


def brief(text: str, limit: int = 80) -> str:
    """An argument as a message echoes it: on one line, and cut in the middle when longer than `limit`.

    The middle goes, so both the start of a query and the end of a file name stay.
    """
    line = on_one_line(text)
    if len(line) <= limit:
        return line
    head = (limit - 1) // 2
    return f"{line[:head]}…{line[len(line) - (limit - 1 - head) :]}"


def json_safe(encoded: str) -> str:
    """JSON text with the characters `json.dumps` leaves raw (DEL, C1, bidi) escaped as \\uXXXX.

    Those characters can only stand inside JSON strings, where \\uXXXX means the same character,
    so the document decodes to exactly the same data.
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
