"""Values for shell completion: what `lvcli show <TAB>` and friends offer, each with a short description.

The command line hands these pairs (value, description) to Typer's completion. zsh and fish show
the description next to the value; bash shows the values only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from lvcli import source
from lvcli.safe import visible
from lvcli.transcript import Transcript, TranscriptError

DESCRIPTION_WIDTH = 60
# Typer renders completion descriptions as Rich markup: "[our requirements]" would vanish. A string
# that re compiles on first use: cli.py imports this module on every call, completing or not.
_MARKUP_TAG = r"(\\*)(\[[a-z#/@][^[]*?])"


def from_transcript(
    choices: Callable[[Transcript, str], list[tuple[str, str]]], given: object, incomplete: str
) -> list[tuple[str, str]]:
    """`choices` drawn from the transcript given on the command line, or the bundled one; quietly
    none when it cannot be read. While completing, Click hands over --transcript as typed: a string,
    "~" not yet expanded."""
    path = Path(given).expanduser() if isinstance(given, (str, Path)) and str(given) else None
    try:
        transcript = source.load(path)
    except TranscriptError:
        return []
    found = choices(transcript, incomplete)
    if os.environ.get("_LVCLI_COMPLETE") == "complete_bash":  # bash inserts a value as it is
        found = [(bash_word(value), description) for value, description in found]
    return found


def no_markup(text: str) -> str:
    """Text that prints as written when Typer reads it as Rich markup (Rich's own escaping rule)."""
    text = re.sub(_MARKUP_TAG, lambda m: f"{m[1]}{m[1]}\\{m[2]}", text)
    return text + "\\" if text.endswith("\\") and not text.endswith("\\\\") else text


def describe(text: str, width: int = DESCRIPTION_WIDTH) -> str:
    """The start of a text on one line: whole words up to `width` characters, then an ellipsis."""
    line = visible(" ".join(text.split()))  # no raw control character reaches the terminal
    if len(line) <= width:
        return line
    cut = line[: width - 1]
    if line[width - 1] != " " and " " in cut:  # do not end in the middle of a word
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(",;:.-–—") + "…"


def typographic_quotes(text: str) -> str:
    """Straight quotes as curly ones: Typer's zsh completion quotes descriptions in a way that drops ' and "."""
    text = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)
    return text.replace('"', "\u201d").replace("'", "\u2019")


def matching(choices: Iterable[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    """The choices that start with what has been typed so far, descriptions safe for Typer and the shells."""
    return [(value, no_markup(typographic_quotes(about))) for value, about in choices if value.startswith(incomplete)]


def exchange_numbers(transcript: Transcript, incomplete: str = "") -> list[tuple[str, str]]:
    """Every exchange number, with the start of its question (0: the opening remarks, when there are some)."""
    choices = (
        (str(e.number), "Opening remarks" if e.is_opening else describe(e.question_text or ""))
        for e in transcript.exchanges
        if transcript.has_opening or not e.is_opening
    )
    return matching(choices, incomplete)


def topic_names(transcript: Transcript, incomplete: str = "") -> list[tuple[str, str]]:
    """Topic names that start with what has been typed (in any case), most mentioned first, each with its mentions."""
    from lvcli.topics import TopicIndex  # here, not above: cli.py imports this module on every call

    typed = incomplete.lower()
    return [
        (t.name, f"{t.count} mentions in {len(t.per_exchange)} exchanges")
        for t in TopicIndex(transcript).recurring()
        if t.name.lower().startswith(typed)
    ]


def bash_word(value: str) -> str:
    """A value as bash must insert it: bash puts a completion on the line as it is, so the space in
    "United States" would split it into two arguments; a backslash keeps it one."""
    return re.sub(r"([^\w@%+=:,./-])", r"\\\1", value)
