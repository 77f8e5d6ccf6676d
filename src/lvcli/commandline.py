"""How lvcli's command line reads and speaks: the help laid out as git's and gh's, every usage
error in one voice (`lvcli: what is wrong`, at most one hint line), and the options every command
shares. The commands themselves are in `lvcli.cli`.
"""

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer import _click as click  # the Click that Typer 0.28 bundles and runs

# Typer 0.28 carries its own copy of Click: its exceptions are only here.
from typer._click import core as click_core
from typer._click import exceptions as click_errors
from typer.core import TyperGroup

from lvcli.output import Color
from lvcli.safe import brief, on_one_line

EXIT_OK, EXIT_NO_MATCH, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Arguments that make no sense for this transcript: a one-line message and perhaps a hint."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class Command(typer.core.TyperCommand):
    """A command whose help reads as git's and gh's.

    The usage line shows a required argument bare (`show NUMBER...`, where Typer writes
    `{NUMBER}...`), and each argument and option is listed with its help as written, without
    Click's "[default: 10; x>=1]" or "[required]": a help text says its default in words where
    that helps.
    """

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [piece.strip("{}") for piece in super().collect_usage_pieces(ctx)]

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        format_parameters(self, ctx, formatter)


def format_parameters(command: click.Command, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    """The Arguments and Options sections of a help, each entry with its help text as written."""
    sections: dict[str, list[tuple[str, str]]] = {"Arguments": [], "Options": []}
    for param in command.get_params(ctx):
        if (record := param.get_help_record(ctx)) is not None:
            section = "Arguments" if param.param_type_name == "argument" else "Options"
            sections[section].append((record[0], getattr(param, "help", None) or ""))
    for title, rows in sections.items():
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


class Group(TyperGroup):
    """`lvcli` itself: its help laid out as a command's (see `Command`), and every usage error, Click's or
    lvcli's own, said as `fail` says it."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        format_parameters(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def resolve_command(self, ctx: click_core.Context, args: list[str]) -> Any:
        name = args[0]
        if not ctx.resilient_parsing and not name.startswith("-") and self.get_command(ctx, name) is None:
            from lvcli.usage import suggest

            close = suggest(name, self.list_commands(ctx))
            hint = f"did you mean '{close}'?" if close else "try 'lvcli --help' for the commands"
            raise UsageError(f"no such command '{brief(name)}'", hint)
        return super().resolve_command(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        # Run without Click's standalone mode, which would print its errors in four lines of its own.
        given = list(sys.argv[1:] if args is None else args)
        try:
            status = super().main(given, prog_name, complete_var, False, windows_expand_args, **extra)
        except (UsageError, click_errors.UsageError) as exc:
            if not standalone_mode:
                raise
            from lvcli.usage import explain

            message, hint = (str(exc), exc.hint) if isinstance(exc, UsageError) else explain(exc, given)
            say(message, hint)
            status = EXIT_USAGE
        if not standalone_mode:
            return status
        sys.exit(status if isinstance(status, int) else EXIT_OK)


def fail(message: str, status: int = EXIT_USAGE, hint: str | None = None) -> NoReturn:
    """Say what is wrong and end with `status`."""
    say(message, hint)
    raise typer.Exit(status)


def say(message: str, hint: str | None = None) -> None:
    """`lvcli: <message>` on stderr, and a hint line under it (`did you mean --limit?`).

    Messages quote what was typed or found (a file name, a number): each stays one line, and
    nothing in it can drive the terminal.
    """
    sys.stderr.write(f"lvcli: {on_one_line(message)}\n" + (f"{on_one_line(hint)}\n" if hint else ""))


def typed(text: str) -> str:
    """An argument as text: bytes that were not UTF-8 (kept by Python as lone surrogates) become U+FFFD."""
    try:
        data = text.encode("utf-8", "surrogateescape")  # the bytes as typed
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")  # a lone surrogate that came from elsewhere
    return data.decode("utf-8", "replace")


# Options a command takes after its name, and `lvcli` before it (`root` hands them on): `lvcli --json list`
# is `lvcli list --json`. One Option each, so the help reads the same in both places.
COLOR = typer.Option(
    "--color",
    metavar="WHEN",
    case_sensitive=False,
    help="When to style the output: auto (the default: on a terminal only), always or never. "
    "NO_COLOR and FORCE_COLOR are honoured.",
)
CITE = typer.Option(
    "--cite",
    help="Add a citation to paste under each exchange (show) or quote (search): speaker, occasion, place, "
    'date, exchange, source URL; in JSON, a "citation" key.',
)
NO_PAGER = typer.Option(
    "--no-pager",
    help="Print straight to the terminal, however long the output (otherwise a long output goes through "
    "$LVCLI_PAGER, $PAGER or 'less -FRX').",
)


def transcript_path(text: str) -> Path:
    """--transcript as typed; left to `source` to read, so its errors read as for $LVCLI_TRANSCRIPT."""
    if not text:  # Path("") would be the current directory
        raise typer.BadParameter("the file name is empty")
    return Path(text)


TRANSCRIPT = typer.Option(
    "--transcript",
    parser=transcript_path,
    metavar="PATH",
    help="Read this transcript instead of the bundled one (also $LVCLI_TRANSCRIPT).",
)
ColorOption = Annotated[Color, COLOR]
CiteOption = Annotated[bool, CITE]
NoPagerOption = Annotated[bool, NO_PAGER]
TranscriptOption = Annotated[Path | None, TRANSCRIPT]


# What each command's --json prints, for its help, as gh lists a command's fields.
JSON_SHAPES = {
    "list": "an array of {number, question, outlet, speaker, answer_words, topics}; "
    "number 0 is the opening remarks, with question null.",
    "show": "{number, question, answer, speaker, outlet, words, paragraphs: [{part, speaker, note, text}]}, "
    "and citation with --cite; an object for one number, an array for a range or several.",
    "info": "{title, date, place, speaker, url, timestamp, document_number, letterhead, exchanges, words, "
    "mended_page_breaks}.",
    "search": "an array of hits, best first, {exchange, part, speaker, text, score, spans, matched, paragraph, "
    "offset}, with before and after for -C, citation for --cite.",
    "topics": "an array of {name, kind, count, exchanges, per_exchange, spellings}; with NAME one such object "
    "with query, exact, score and each exchange's quotes; with --map {exchanges, topics: [{name, count, counts}]}.",
}


def json_option(command: str) -> Any:
    """A command's --json, its help naming what the command prints."""
    return typer.Option("--json", help=f"Print JSON: {JSON_SHAPES[command]}")
