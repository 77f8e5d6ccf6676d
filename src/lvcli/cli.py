"""The command line: Typer commands as thin adapters over the library core.

Each command parses its arguments, asks the core, hands the result to the printer that
`lvcli.output.choose` picked, and turns a `TranscriptError` or `UsageError` into one line on
stderr (`fail`) with exit status 2; a search or topic that finds nothing exits 1. Click's own
usage errors (an unknown option, a bad value) are said in the same voice: see `LvcliGroup`.

Commands import `lvcli.search`, `lvcli.topics` and `lvcli.cite` where they use them, so that
`list` and `show` start without loading the search index or the topic extractor.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

# Typer 0.28 carries its own copy of Click: its exceptions are only here.
from typer._click import core as click_core
from typer._click import exceptions as click_errors
from typer.core import TyperGroup

from lvcli import __version__, complete, source
from lvcli.output import Color, choose, paged
from lvcli.safe import brief, on_one_line
from lvcli.transcript import Transcript, TranscriptError

EXIT_OK, EXIT_NO_MATCH, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Arguments that make no sense for this transcript: a one-line message and perhaps a hint."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class LvcliGroup(TyperGroup):
    """The command group: every usage error, Click's or lvcli's own, said as `fail` says it."""

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
            if isinstance(exc, click_errors.NoArgsIsHelpError):  # `lvcli` alone: the help, as Click shows it
                exc.show()
                status = exc.exit_code
            else:
                from lvcli.usage import explain

                message, hint = (str(exc), exc.hint) if isinstance(exc, UsageError) else explain(exc, given)
                say(message, hint)
                status = EXIT_USAGE
        if not standalone_mode:
            return status
        sys.exit(status if isinstance(status, int) else EXIT_OK)


app = typer.Typer(
    cls=LvcliGroup,
    name="lvcli",
    help="Explore the transcript of Lavrov's news conference of 14 January 2022.\n\n"
    "List the questions, show an exchange whole, search for a quote, see the topics. "
    "Run 'lvcli COMMAND --help' for the options and examples of each command.\n\n"
    "\b\nExamples:\n"
    "  lvcli list | grep -i japan\n"
    "  lvcli show 12 --cite\n"
    '  lvcli search "security guarantees" --limit 5\n'
    "  lvcli --install-completion    TAB-complete commands, numbers and topics",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


# Options every command takes after its name: `lvcli show 12 --json --color never`.
ColorOption = Annotated[
    Color,
    typer.Option(
        "--color",
        help="When to style output: auto (only on a terminal), always, never. NO_COLOR and FORCE_COLOR are honoured.",
        case_sensitive=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (keys documented in the README).")]
CiteOption = Annotated[
    bool,
    typer.Option(
        "--cite",
        help="Add under each exchange or quote a citation to paste: speaker, occasion, place, date, exchange, "
        "source URL (JSON: a 'citation' key).",
    ),
]
NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Print straight to the terminal even when the output is longer than the screen "
        "(otherwise it goes through $LVCLI_PAGER, $PAGER or 'less -FRX').",
    ),
]


def transcript_path(text: str) -> Path:
    """--transcript as typed; left to `source` to read, so its errors read as for $LVCLI_TRANSCRIPT."""
    if not text:  # Path("") would be the current directory
        raise typer.BadParameter("the file name is empty")
    return Path(text)


TranscriptOption = Annotated[
    Path | None,
    typer.Option(
        "--transcript",
        parser=transcript_path,
        metavar="PATH",
        help="Read this transcript instead of the bundled one (also $LVCLI_TRANSCRIPT).",
        show_default=False,
    ),
]


def load(path: Path | None) -> Transcript:
    """The transcript the command reads, or one line on stderr and exit 2."""
    try:
        return source.load(path)
    except TranscriptError as exc:
        fail(str(exc))


def complete_with(
    choices: Callable[[Transcript, str], list[tuple[str, str]]], ctx: typer.Context, incomplete: str
) -> list[tuple[str, str]]:
    """Completions drawn from the transcript the command line names (--transcript), quietly none if unreadable."""
    # While completing, Click hands over the option as typed: a string, "~" not yet expanded.
    given = ctx.params.get("transcript")
    path = Path(given).expanduser() if isinstance(given, (str, Path)) and str(given) else None
    try:
        transcript = source.load(path)
    except TranscriptError:
        return []
    found = choices(transcript, incomplete)
    if os.environ.get("_LVCLI_COMPLETE") == "complete_bash":  # bash inserts a value as it is
        found = [(complete.bash_word(value), description) for value, description in found]
    return found


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"lvcli {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="Print the version and exit.", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """Explore the transcript of Sergey Lavrov's news conference of 14 January 2022."""


@app.command("list")
def list_questions(
    color: ColorOption = Color.auto,
    json: JsonOption = False,
    no_pager: NoPagerOption = False,
    transcript: TranscriptOption = None,
) -> None:
    """List every question with its number and topics.

    The main topics of each question show on a terminal and in JSON (key "topics"); piped, each
    line stays "N<TAB>question".

    \b
    Examples:
      lvcli list
      lvcli list | grep -i japan
      lvcli list --json | jq '.[] | select(.number == 16)'
      lvcli list --json | jq -r '.[] | "\\(.number) \\(.topics | join(", "))"'
    """
    doc = load(transcript)
    with paged(sys.stdout, enabled=not no_pager) as out:
        printer = choose(out, color, json)
        printer.questions(doc, question_topics(doc) if printer.shows_topics else None)


def question_topics(doc: Transcript) -> dict[int, tuple[str, ...]]:
    """Each question's main topics, for `list` on a terminal and in JSON."""
    from lvcli.topics import TopicIndex

    index = TopicIndex(doc)
    return {e.number: tuple(t.name for t in index.main_topics(e.number)) for e in doc.questions}


# "12", "3-5", "3..5"; a leading minus is read so "-3" can be told it is out of range.
NUMBERS = re.compile(r"(?P<first>-?[0-9]+)(?:(?:-|\.\.)(?P<last>[0-9]+))?")
INT_DIGITS = 4300  # Python's sys.get_int_max_str_digits() unless changed
HELP_SHOW = "try 'lvcli show --help'"


def parse_numbers(specs: list[str], options: Sequence[str] = ()) -> list[tuple[int, int]]:
    """'12', '3-5' and '3..5' as inclusive ranges; UsageError for anything else.

    `options` are the command's option names, for a "did you mean" when one is mistyped.
    """
    ranges: list[tuple[int, int]] = []
    for spec in specs:
        text = spec.strip()
        if text.startswith("--") or (text.startswith("-") and text[1:2].isalpha()):
            from lvcli.usage import suggest

            word = text.partition("=")[0]
            close = suggest(word, options)
            raise UsageError(f"no such option: {brief(word)}", f"did you mean {close}?" if close else HELP_SHOW)
        # ASCII digits only: int() would also take "+3", "1_000", "٣" and read "3--5" as 3 to -5.
        if not (m := NUMBERS.fullmatch(text)):
            raise UsageError(
                f"'{brief(spec)}' is not an exchange number; give whole numbers like 12, or a range like 3-5"
            )
        # int() refuses a number of more than 4,300 digits; no exchange has one anyway
        if huge := next((n for n in (m["first"], m["last"] or "") if len(n.lstrip("-")) > INT_DIGITS), None):
            raise UsageError(f"there is no exchange {brief(huge)} (a number of {len(huge.lstrip('-')):,} digits)")
        first = int(m["first"])
        last = int(m["last"]) if m["last"] else first
        if first > last:
            raise UsageError(f"the range {spec} runs backwards; did you mean {last}-{first}?")
        ranges.append((first, last))
    return ranges


@app.command(context_settings={"ignore_unknown_options": True})
def show(
    ctx: typer.Context,
    numbers: Annotated[
        list[str],
        typer.Argument(
            help="Exchange numbers or ranges: 12, 3 5, 3-5. 0 is the opening remarks.",
            show_default=False,
            autocompletion=lambda ctx, incomplete: complete_with(complete.exchange_numbers, ctx, incomplete),
        ),
    ],
    color: ColorOption = Color.auto,
    json: JsonOption = False,
    cite: CiteOption = False,
    no_pager: NoPagerOption = False,
    transcript: TranscriptOption = None,
) -> None:
    """Show a question and its answer, whole.

    \b
    Examples:
      lvcli show 12
      lvcli show 0            the opening remarks
      lvcli show 3-5 --json
      lvcli show 12 --cite    with a citation to paste
    """
    ranges = parse_numbers(numbers, [name for param in ctx.command.params for name in param.opts])
    doc = load(transcript)
    last = doc.last_number
    wanted: list[int] = []
    for first, final in ranges:
        if first < 0 or final > last:
            bad = first if first < 0 else final
            fail(f"there is no exchange {brief(str(bad))}; this transcript has 0-{last} (0 is the opening remarks)")
        wanted.extend(range(first, final + 1))
    shown = [doc.exchange(n) for n in wanted]
    citations = None
    if cite:
        from lvcli.cite import cite as cite_exchange

        citations = [cite_exchange(doc, e) for e in shown]
    with paged(sys.stdout, enabled=not no_pager) as out:
        choose(out, color, json).exchanges(doc, shown, citations)


@app.command()
def info(
    color: ColorOption = Color.auto,
    json: JsonOption = False,
    no_pager: NoPagerOption = False,
    transcript: TranscriptOption = None,
) -> None:
    """Show the transcript's title, date, place, source URL and size.

    \b
    Examples:
      lvcli info
      lvcli info --json | jq -r .url
    """
    doc = load(transcript)
    with paged(sys.stdout, enabled=not no_pager) as out:
        choose(out, color, json).info(doc)


class Part(StrEnum):
    """Where `search --in` looks."""

    opening = "opening"
    question = "question"
    answer = "answer"


@app.command()
def search(
    query: Annotated[
        str,
        typer.Argument(
            help="What you remember of the sentence: words in any order, typos and partial names welcome. "
            "Plain text, never a pattern.",
            show_default=False,
        ),
    ],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many hits.")] = 10,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score", min=0, max=100, help="Leave out hits scoring below this (0-100; 0 ranks every sentence)."
        ),
    ] = 25.0,
    part: Annotated[
        Part | None,
        typer.Option(
            "--in", help="Search only the opening remarks, the questions or the answers.", case_sensitive=False
        ),
    ] = None,
    context: Annotated[
        int,
        typer.Option(
            "-C", "--context", min=0, metavar="N", help="Show N sentences before and after each hit, as grep -C."
        ),
    ] = 0,
    color: ColorOption = Color.auto,
    json: JsonOption = False,
    cite: CiteOption = False,
    no_pager: NoPagerOption = False,
    transcript: TranscriptOption = None,
) -> None:
    """Find the sentence you remember, best match first.

    \b
    Examples:
      lvcli search "security guarantees" --limit 5
      lvcli search "secruity guarantes" --limit 3     typos are fine
      lvcli search kapodistr --in answer               the start of a name
      lvcli search "harness horses" -C 1               with a sentence either side
      lvcli search "Nord Stream" --json | jq -r '.[0].text'
      lvcli search NATO --json | jq -r '.[] | "\\(.exchange) \\(.text)"'
      lvcli search "adult response" --cite              with a citation to paste
    """
    from lvcli import search as core

    query = typed(query)
    if min_score != min_score:  # NaN passes click's range check
        fail("--min-score takes a number from 0 to 100")
    if core.blank(query):
        fail("the query is empty; give some words of the sentence to look for")
    doc = load(transcript)
    hits = core.search(doc, query, limit=limit, min_score=min_score, part=part.value if part else None)
    if not hits:
        where = {
            None: "",
            Part.opening: " in the opening remarks",
            Part.question: " in the questions",
            Part.answer: " in the answers",
        }[part]
        shown = " ".join(query.split())
        if len(shown) > 60:  # a pasted paragraph is not echoed whole: one short line on stderr
            shown = shown[:58].rsplit(" ", 1)[0] + "…"  # at a word's end
        fail(f"no sentence{where} matches {shown!r} with a score of {min_score:g} or more", EXIT_NO_MATCH)
    contexts = [core.context(doc, hit, context) for hit in hits] if context else None
    citations = None
    if cite:
        from lvcli.cite import cite_passage

        citations = [cite_passage(doc, hit.exchange, hit.part, hit.speaker) for hit in hits]
    with paged(sys.stdout, enabled=not no_pager) as out:
        choose(out, color, json).search(doc, hits, contexts, citations)


@app.command()
def topics(
    name: Annotated[
        str | None,
        typer.Argument(
            help="A topic to show with the exchanges about it and its quotes. Any case; a misspelt name is "
            "taken for the closest topic.",
            metavar="NAME",
            show_default=False,
            autocompletion=lambda ctx, incomplete: complete_with(complete.topic_names, ctx, incomplete),
        ),
    ] = None,
    heat_map: Annotated[
        bool,
        typer.Option(
            "--map",
            help="Draw the main topics against the exchanges: a heat grid on a terminal, a tab-separated "
            "matrix when piped, the matrix with --json.",
        ),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=1, metavar="N", help="List at most this many topics (with --map: rows)."),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="List the topics mentioned only once too.")] = False,
    color: ColorOption = Color.auto,
    json: JsonOption = False,
    no_pager: NoPagerOption = False,
    transcript: TranscriptOption = None,
) -> None:
    """See what the conference was about, topic by topic.

    Without a name: the recurring topics, most mentioned first. Topics are the countries,
    organisations, people and key phrases the transcript itself keeps coming back to; spellings of
    one subject count together ("US", "U.S.", "the United States").

    \b
    Examples:
      lvcli topics
      lvcli topics | head -5              name, mentions, exchanges
      lvcli topics nato                   the exchanges about NATO, with quotes
      lvcli topics Kazakstan              a misspelt name is fine
      lvcli topics --map                  where the main topics come up
      lvcli topics --json | jq -r '.[0].name'
    """
    from lvcli.topics import MAP_ROWS, TopicIndex

    if name is not None and heat_map:
        fail("give a topic name or --map, not both")
    if name is not None and not name.strip():
        fail("the topic name is empty; give one, or run 'lvcli topics' for the list")
    doc = load(transcript)
    index = TopicIndex(doc)
    if heat_map:
        grid = index.heat_map(limit or MAP_ROWS)
        if not grid.topics:
            fail("this transcript has no recurring topic to map", EXIT_NO_MATCH)
        with paged(sys.stdout, enabled=not no_pager) as out:
            choose(out, color, json).topic_map(doc, grid)
        return
    if name is not None:
        match = index.find(name)
        if match is None:
            close = index.suggest(name)
            hint = f"; close names: {', '.join(close)}" if close else "; 'lvcli topics' lists them all"
            fail(f"no topic matches '{brief(name.strip())}'{hint}", EXIT_NO_MATCH)
        if not match.exact:
            say(f"no topic is called '{brief(match.query)}'; showing '{match.topic.name}'")
        with paged(sys.stdout, enabled=not no_pager) as out:
            choose(out, color, json).topic(doc, match)
        return
    found = index.topics if every else index.recurring()
    if not found:
        fail("no topic comes up more than once in this transcript; --all lists every one", EXIT_NO_MATCH)
    with paged(sys.stdout, enabled=not no_pager) as out:
        choose(out, color, json).topics(doc, found[:limit] if limit else found)


def main() -> None:
    """Run the app on the command line (`lvcli.main` has readied signals and streams first)."""
    registered = app.registered_commands
    if (asked := command_asked_for(sys.argv[1:])) is not None:
        app.registered_commands = [asked]
    try:
        app()
    finally:
        app.registered_commands = registered


def command_asked_for(args: Sequence[str]) -> typer.models.CommandInfo | None:
    """The command a call runs, when its name comes first and the shell is not asking for completions.

    Typer builds every registered command on each call; building only the one asked for keeps
    `list` and `show` within their start-up budget. Anything else (no command, an option first, a
    misspelt name, completion) goes through the whole app, so help, errors and suggestions read as
    they always do.
    """
    if not args or "_LVCLI_COMPLETE" in os.environ:  # Typer's variable: a shell asks for completions
        return None
    for info in app.registered_commands:
        callback = info.callback
        name = info.name or (typer.main.get_command_name(callback.__name__) if callback else None)
        if name == args[0]:
            return info
    return None
