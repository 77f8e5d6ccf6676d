"""Showing long terminal output through a pager, as git and gh do.

`lvcli.output.paged` decides *whether* to page (a terminal, paging not turned off); this module
holds the mechanics: which pager ($LVCLI_PAGER, else $PAGER, else `less -FRX`), how many screen
lines a text takes, and handing the text over. A pager that fails (it cannot be started, or it
exits with an error status, as `false` or a pager given a bad option does) is not an error: the
text is printed directly instead, so it is never lost.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import signal
import subprocess
import unicodedata
from collections.abc import Mapping
from contextlib import suppress
from typing import TextIO

DEFAULT_PAGER = "less -FRX"
# Escape sequences take no room on the screen: CSI (colours, styles) and OSC (hyperlinks).
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


class Screen(io.StringIO):
    """Output meant for the terminal, held back until we know whether it fits on one screen.

    It answers isatty() and `encoding` as the terminal it stands for, so the printer chosen for it
    (and Rich's colours, width and box characters) are exactly those the terminal would get.
    """

    def __init__(self, encoding: str | None = None) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str | None:  # type: ignore[override]
        return self._encoding

    def isatty(self) -> bool:
        return True


def pager_command(environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The pager to run as an argument list, or None when paging is turned off by the environment.

    As in git, a pager set to the empty string or to `cat` means "do not page".
    """
    env = os.environ if environ is None else environ
    value = next((env[name] for name in ("LVCLI_PAGER", "PAGER") if name in env), DEFAULT_PAGER)
    try:
        words = shlex.split(value)
    except ValueError:  # unbalanced quotes: not a command we can run
        return None
    if not words or words == ["cat"]:
        return None
    return words


def cell_width(line: str) -> int:
    """Columns a line of text takes on the screen, escape sequences aside."""
    width = 0
    for char in _ESCAPES.sub("", line):
        if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def screen_lines(text: str, columns: int) -> int:
    """Rows the text fills on a terminal `columns` wide, counting long lines as the terminal folds them."""
    columns = max(columns, 1)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return sum(max(1, -(-cell_width(line) // columns)) for line in lines)


def fits(text: str, rows: int, columns: int) -> bool:
    """Does the text fit on one screen with the shell prompt after it? (`less -F` asks the same.)"""
    return screen_lines(text, columns) < rows


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run(command: list[str], text: str, encoding: str) -> bool:
    """Pipe the text to the pager and wait for the reader to quit it; False if the pager failed."""
    env = dict(os.environ)
    # Like git: colours pass through less (-R) unless the user has said otherwise in $LESS / $LV.
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    # While the pager runs, from the moment it starts, Ctrl-C belongs to it (less stops a search
    # with it), as in git; and the reader may quit before reading everything, which is no failure,
    # so the pipe it leaves behind must not end lvcli (SIGPIPE, see lvcli.main).
    ignored = [signal.SIGINT, *([signal.SIGPIPE] if hasattr(signal, "SIGPIPE") else [])]
    before = {number: signal.signal(number, signal.SIG_IGN) for number in ignored}
    try:
        try:
            # an ignored signal stays ignored across exec: the pager gets Ctrl-C back
            process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env, preexec_fn=_default_sigint)
        except OSError:  # not installed, not executable
            return False
        assert process.stdin is not None
        with suppress(BrokenPipeError):
            process.stdin.write(text.encode(encoding, errors="replace"))
        with suppress(BrokenPipeError):
            process.stdin.close()
        status = process.wait()
    finally:
        for number, handler in before.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
    return status == 0


def show(text: str, out: TextIO) -> None:
    """Print text meant for the terminal `out`: through the pager when it is longer than the screen."""
    size = shutil.get_terminal_size()
    command = None if fits(text, size.lines, size.columns) else pager_command()
    if command is not None:
        out.flush()
        if run(command, text, getattr(out, "encoding", None) or "utf-8"):
            return
    out.write(text)
    out.flush()
