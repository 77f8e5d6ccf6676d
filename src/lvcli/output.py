"""The output contract, decided in one place: which printer, with or without colour.

| situation                                   | printer  | colour |
|---------------------------------------------|----------|--------|
| `--json`                                    | JSON     | never  |
| stdout is a terminal, `--color auto`        | terminal | yes, unless NO_COLOR is set |
| stdout is a terminal, `--color never`       | terminal | no escape codes at all |
| piped, `--color auto`                       | plain    | no, unless FORCE_COLOR is set |
| `--color always` (terminal or pipe)         | terminal | yes, whatever NO_COLOR says |

An explicit `--color` beats the environment; NO_COLOR beats FORCE_COLOR. TERM=dumb counts as
no colour. Only the terminal printer imports Rich, and only here, when it is chosen.

Paging is decided here too (`paged`): output for a terminal that is longer than the screen goes
through $LVCLI_PAGER, else $PAGER, else `less -FRX`, unless `--no-pager`; a pipe never pages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from lvcli.printers.json_out import JsonPrinter
    from lvcli.printers.plain import PlainPrinter
    from lvcli.printers.terminal import TerminalPrinter

    Printer = PlainPrinter | JsonPrinter | TerminalPrinter


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def _env_set(name: str) -> bool:
    return bool(os.environ.get(name))


def choose(out: TextIO, color: Color = Color.auto, as_json: bool = False) -> Printer:
    """The printer for this stream and these options; only the one chosen is imported (the terminal's brings Rich)."""
    if as_json:
        from lvcli.printers.json_out import JsonPrinter

        return JsonPrinter(out)
    is_terminal = out.isatty()
    if color is Color.always:
        styled, no_color = True, False
    elif color is Color.never:
        styled, no_color = False, False
    elif _env_set("NO_COLOR") or os.environ.get("TERM") == "dumb":
        styled, no_color = is_terminal, True
    else:
        styled, no_color = is_terminal or _env_set("FORCE_COLOR"), False
    if styled or is_terminal:
        from lvcli.printers.terminal import TerminalPrinter

        return TerminalPrinter(out, color=styled, no_color=no_color)
    from lvcli.printers.plain import PlainPrinter

    return PlainPrinter(out)


@contextmanager
def paged(out: TextIO, enabled: bool = True) -> Iterator[TextIO]:
    """The stream a command prints to: `out` itself, or a stand-in for it that pages when closed.

    On a terminal (and unless paging is turned off) the output is held back, then shown directly
    if it fits on the screen and through the pager if not. If the command fails half-way, what it
    printed so far is shown directly.
    """
    if not enabled or not out.isatty():
        yield out
        return
    from lvcli.pager import Screen, show

    screen = Screen(getattr(out, "encoding", None))
    try:
        yield screen
    except BaseException as exc:
        if getattr(exc, "exit_code", None) == 0 or (isinstance(exc, SystemExit) and exc.code in (0, None)):
            show(screen.getvalue(), out)  # a command that ends early on purpose, all said
        else:
            out.write(screen.getvalue())
        raise
    show(screen.getvalue(), out)
