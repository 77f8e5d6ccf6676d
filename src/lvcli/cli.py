"""The command line: Typer commands as thin adapters over the library core.

Each command parses its arguments, asks the core, hands the result to the printer that
`lvcli.output.choose` picked, and turns a `TranscriptError` or `UsageError` into one line on
stderr (`fail`) with exit status 2; a search or topic that finds nothing exits 1. Click's own
usage errors (an unknown option, a bad value) are said in the same voice: see `lvcli.commandline`.

Commands import `lvcli.search`, `lvcli.topics` and `lvcli.cite` where they use them, so that
`list` and `show` start without loading the search index or the topic extractor.
"""

import os
import re
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, cast

import typer
from typer import _click as click  # the Click that Typer 0.28 bundles and runs

# Typer 0.28 carries its own copy of Click: its exceptions are only here.
from lvcli import __version__, complete, source
from lvcli.commandline import (
    COLOR,
    EXIT_NO_MATCH,
    EXIT_OK,
    CiteOption,
    ColorOption,
    Command,
    Group,
    NoPagerOption,
    TranscriptOption,
    UsageError,
    fail,
    json_option,
    say,
    typed,
)
from lvcli.output import Color, choose, paged
from lvcli.safe import brief
from lvcli.transcript import Transcript, TranscriptError

app = typer.Typer(
    cls=Group,
    name="lvcli",
    help="Explore the transcript of Lavrov's news conference of 14 January 2022.\n\n"
    "List the questions, show an exchange whole, search for a quote, see the topics. "
    "Run 'lvcli help COMMAND' or 'lvcli COMMAND --help' for the options and examples of each command.\n\n"
    "\b\nExamples:\n"
    "  lvcli list | grep -i japan\n"
    "  lvcli show 12 --cite\n"
    '  lvcli search "security guarantees" --limit 5\n'
    "  lvcli --json list | jq -r '.[].question'\n"
    "  lvcli --install-completion    TAB-complete commands, numbers and topics",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def load(path: Path | None) -> Transcript:
    """The transcript the command reads, or one line on stderr and exit 2."""
    try:
        return source.load(path)
    except TranscriptError as exc:
        fail(str(exc))


def complete_with(
    choices: Callable[[Transcript, str], list[tuple[str, str]]], ctx: typer.Context, incomplete: str
) -> list[tuple[str, str]]:
    """Completions from the transcript named after the command or before it (`lvcli --transcript F show`)."""
    given = ctx.params.get("transcript") or ctx.find_root().params.get("transcript")
    return complete.from_transcript(choices, given, incomplete)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"lvcli {__version__}\n")
        raise typer.Exit()


# `lvcli` itself: alone it prints the help, as gh does; options given before a command go to it.
@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="Print the version and exit.", callback=_version, is_eager=True),
    ] = False,
    json: Annotated[bool, typer.Option("--json", help="Print JSON; each command's help names its keys.")] = False,
    color: Annotated[Color | None, COLOR] = None,
    cite: CiteOption = False,
    no_pager: NoPagerOption = False,
    transcript: TranscriptOption = None,
) -> None:
    """Explore the transcript of Sergey Lavrov's news conference of 14 January 2022."""
    given = {name: value for name, value in ctx.params.items() if name != "version" and value not in (None, False)}
    if ctx.invoked_subcommand is None:
        if given:
            fail(f"--{next(iter(given)).replace('_', '-')} needs a command after it, as in 'lvcli --json list'")
        sys.stdout.write(ctx.get_help() + "\n")  # a bare `lvcli`, as `gh` does
        raise typer.Exit()
    command = cast(Group, ctx.command).get_command(ctx, ctx.invoked_subcommand)
    takes = {param.name for param in command.params} if command else set()
    for name in given:
        if name not in takes:
            fail(f"--{name.replace('_', '-')} does not apply to {ctx.invoked_subcommand}")
    # Click reads a command's defaults from its parent's default_map: the options given before the
    # command become its defaults, so the same options given after it still win.
    ctx.default_map = {ctx.invoked_subcommand: {name: str(value) for name, value in given.items()}}


@app.command("list", cls=Command)
def list_questions(
    color: ColorOption = Color.auto,
    json: Annotated[bool, json_option("list")] = False,
    no_pager: NoPagerOption = False,
    transcript: TranscriptOption = None,
) -> None:
    """List the questions by number, with the opening remarks as 0.

    Row 0 is the opening remarks, when the transcript has any. On a terminal each row shows the
    main topics and the length of the answer. Piped, one line a row, "N<TAB>question", the first
    being "0<TAB>(opening remarks)".

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
        printer.questions(doc, listed_topics(doc) if printer.shows_topics else None)


def listed_topics(doc: Transcript) -> dict[int, tuple[str, ...]]:
    """The main topics of the opening remarks and each question, for `list` on a terminal and in JSON."""
    from lvcli.topics import TopicIndex

    index = TopicIndex(doc)
    return {e.number: tuple(t.name for t in index.main_topics(e.number)) for e in doc.exchanges}


# "12", "3-5", "3..5"; a leading minus is read so "-3" can be told it is out of range. A string
# that re compiles on first use, by `show` only: compiled at import, it weighs on every command.
NUMBERS = r"(?P<first>-?[0-9]+)(?:(?:-|\.\.)(?P<last>[0-9]+))?"
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
        if not (m := re.fullmatch(NUMBERS, text)):
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


@app.command(cls=Command, context_settings={"ignore_unknown_options": True})
def show(
    ctx: typer.Context,
    numbers: Annotated[
        list[str],
        typer.Argument(
            metavar="NUMBER...",
            help="Exchange numbers or ranges: 12, 3 5, 3-5. 0 is the opening remarks.",
            show_default=False,
            autocompletion=lambda ctx, incomplete: complete_with(complete.exchange_numbers, ctx, incomplete),
        ),
    ],
    color: ColorOption = Color.auto,
    json: Annotated[bool, json_option("show")] = False,
    cite: CiteOption = False,
    no_pager: NoPagerOption = False,
    transcript: TranscriptOption = None,
) -> None:
    """Show a question and its answer, whole.

    Piped, the text is in the transcript's own shape; with a range or several numbers, a line such
    as "--- Question 3 ---" heads each exchange ("--- Opening remarks ---" for 0).

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
    lowest = 0 if doc.has_opening else 1  # a transcript that starts with a question has no exchange 0
    span = f"0-{last} (0 is the opening remarks)" if doc.has_opening else f"1-{last} (it has no opening remarks)"
    wanted: list[int] = []
    for first, final in ranges:
        if first < 0 or final > last:
            bad = first if first < 0 else final
            fail(f"there is no exchange {brief(str(bad))}; this transcript has {span}")
        if final < lowest:
            fail(f"this transcript has no opening remarks; its exchanges are 1-{last}")
        wanted.extend(range(max(first, lowest), final + 1))
    shown = [doc.exchange(n) for n in wanted]
    citations = None
    if cite:
        from lvcli.cite import cite as cite_exchange

        citations = [cite_exchange(doc, e) for e in shown]
    # `show 12` prints one exchange; a list or a range prints a list, even `12-12`, so a script gets one shape
    several = len(numbers) > 1 or not numbers[0].strip().isdigit()
    with paged(sys.stdout, enabled=not no_pager) as out:
        choose(out, color, json).exchanges(doc, shown, citations, several=several)


@app.command(cls=Command)
def info(
    color: ColorOption = Color.auto,
    json: Annotated[bool, json_option("info")] = False,
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


@app.command(cls=Command)
def search(
    query: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            help="What you remember of the sentence: words in any order, typos and partial names welcome. "
            "Plain text, never a pattern.",
            show_default=False,
        ),
    ],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, metavar="N", help="Show at most N hits (default 10).")
    ] = 10,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score",
            min=0,
            max=100,
            metavar="SCORE",
            help="Leave out hits scoring below SCORE, from 0 to 100 (default 25; 0 ranks every sentence).",
        ),
    ] = 25.0,
    part: Annotated[
        Part | None,
        typer.Option(
            "--in",
            metavar="PART",
            help="Search only one part: opening (the opening remarks), question or answer.",
            case_sensitive=False,
        ),
    ] = None,
    context: Annotated[
        int,
        typer.Option(
            "-C", "--context", min=0, metavar="N", help="Show N sentences before and after each hit, as grep -C."
        ),
    ] = 0,
    color: ColorOption = Color.auto,
    json: Annotated[bool, json_option("search")] = False,
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


@app.command(cls=Command)
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
        typer.Option("--limit", "-n", min=1, metavar="N", help="List at most N topics (with --map: N rows)."),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="List the topics mentioned only once too.")] = False,
    color: ColorOption = Color.auto,
    json: Annotated[bool, json_option("topics")] = False,
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


@app.command(cls=Command)
def browse(transcript: TranscriptOption = None) -> None:
    """Read, search and explore the transcript in a full-screen app.

    Three views, each one key away: the exchanges, the search, the topics. Keys: e exchanges, / search, t topics, Enter open, n and p next and previous exchange,
    c copy a citation, Escape back, ? all the keys, q quit. Needs a terminal: piped or
    redirected it refuses (exit status 2).

    \b
    Examples:
      lvcli browse
      lvcli browse --transcript briefing.txt
    """
    # Textual draws on stderr, so all three must be the terminal.
    if not (sys.stdin.isatty() and sys.stdout.isatty() and sys.stderr.isatty()):
        fail(
            "browse is interactive and needs a terminal; piped or redirected, use 'lvcli list', 'lvcli search' or 'lvcli show'"
        )
    doc = load(transcript)
    from lvcli.browse.app import BrowseApp

    raise typer.Exit(BrowseApp(doc).run() or EXIT_OK)


def command_names(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """`lvcli help <TAB>`: the commands, each with its summary."""
    group = cast(Group, ctx.find_root().command)
    commands = ((name, group.get_command(ctx, name)) for name in group.list_commands(ctx))
    return complete.matching(
        ((name, command.get_short_help_str()) for name, command in commands if command and not command.hidden),
        incomplete,
    )


@app.command("help", cls=Command)
def help_command(
    ctx: typer.Context,
    command: Annotated[
        str | None,
        typer.Argument(metavar="COMMAND", help="The command to explain.", autocompletion=command_names),
    ] = None,
) -> None:
    """Show the help of lvcli, or of one command.

    'lvcli help COMMAND' prints what 'lvcli COMMAND --help' does.

    \b
    Examples:
      lvcli help
      lvcli help search
    """
    root = ctx.find_root()
    if command is None:
        sys.stdout.write(root.get_help() + "\n")
        return
    group = cast(Group, root.command)
    found = group.get_command(root, command)
    if found is None or found.hidden:
        names = [name for name in group.list_commands(root) if name != "help"]
        from lvcli.usage import suggest

        close = suggest(command, names)
        hint = f"did you mean {close}?" if close else f"the commands are {', '.join(names)}"
        fail(f"no command is called {brief(command)!r}; {hint}")
    sys.stdout.write(found.get_help(click.Context(found, info_name=command, parent=root)) + "\n")


def main() -> None:
    """Run the app on the command line (`lvcli.main` has readied signals and streams first)."""
    registered, root_info = app.registered_commands, app.registered_callback
    if (asked := command_asked_for(sys.argv[1:])) is not None:
        app.registered_commands, app.registered_callback = [asked], BARE_ROOT
    try:
        app()
    finally:
        app.registered_commands, app.registered_callback = registered, root_info


# With the command's name first, no option stands before it: the root needs none of its own.
BARE_ROOT = typer.models.TyperInfo(callback=lambda: None)


def command_asked_for(args: Sequence[str]) -> typer.models.CommandInfo | None:
    """The command a call runs, when its name comes first and the shell is not asking for completions.

    Typer builds every registered command, and every option of the root, on each call; building
    only the command asked for, under a root with no options (`BARE_ROOT`), keeps `list` and `show`
    within their start-up budget. Anything else (no command, an option first, a misspelt name,
    `lvcli help`, completion) goes through the whole app, so help, errors and suggestions read as
    they always do.
    """
    if not args or args[0] == "help" or "_LVCLI_COMPLETE" in os.environ:  # a shell asks for completions
        return None
    for info in app.registered_commands:
        callback = info.callback
        name = info.name or (typer.main.get_command_name(callback.__name__) if callback else None)
        if name == args[0]:
            return info
    return None
