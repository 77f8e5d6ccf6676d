"""The version and every command's help: a one-line summary, an "Examples" heading with real examples, no markup."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib.metadata import version as installed_version

import pytest
import typer
from typer.testing import CliRunner

from lvcli import __version__
from lvcli.cli import app
from tests.conftest import ROOT, sh


def command_paths() -> list[tuple[str, ...]]:
    """Every command the app registers, found by walking the click tree (so commands added later count too)."""
    root = typer.main.get_command(app)

    def walk(command: object, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        yield path
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            if not getattr(sub, "hidden", False):
                yield from walk(sub, (*path, name))

    return list(walk(root, ()))


COMMANDS = command_paths()


def help_of(runner: CliRunner, path: tuple[str, ...]) -> str:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_walk_finds_the_commands() -> None:
    assert {"list", "show", "info"} <= {path[0] for path in COMMANDS if path}


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(("lvcli", *p)))
def test_every_command_has_a_summary_and_examples(runner: CliRunner, path: tuple[str, ...]) -> None:
    text = help_of(runner, path)
    lines = text.splitlines()
    assert lines[0].startswith("Usage: lvcli")
    # the summary: the first paragraph after the usage line, a single line, a sentence
    summary = lines[2 : lines.index("", 2)]
    assert len(summary) == 1, f"summary of {path} is not one line: {summary}"
    assert re.fullmatch(r"[A-Z].*\.", summary[0].strip()), f"summary of {path}: {summary!r}"
    heading = lines.index("  Examples:")
    block = lines[heading + 1 : lines.index("", heading)]
    examples = [line.strip() for line in block]
    assert examples, f"no examples under the heading for {path}"
    assert all(e.startswith("lvcli") for e in examples)
    if path:
        assert all(e.startswith(f"lvcli {' '.join(path)}") for e in examples)


@pytest.mark.parametrize("path", [p for p in COMMANDS if p], ids=lambda p: " ".join(("lvcli", *p)))
def test_the_command_list_shows_each_summary_in_full(runner: CliRunner, path: tuple[str, ...]) -> None:
    """`lvcli --help` on an 80-column terminal lists each command with its summary, not a cut-off one."""
    summary = help_of(runner, path).splitlines()[2].strip()
    root = sh("lvcli --help", COLUMNS="80").stdout.splitlines()
    commands = root[root.index("Commands:") :]
    listed = next(line for line in commands if line.startswith(f"  {path[0]} "))
    assert listed.split(None, 1)[1] == summary


def test_the_issues_examples_are_in_the_help(runner: CliRunner) -> None:
    everything = "\n".join(help_of(runner, path) for path in COMMANDS)
    assert "lvcli show 12\n" in everything
    assert "lvcli list | grep -i japan" in everything
    if any(path == ("search",) for path in COMMANDS):
        assert 'lvcli search "security guarantees" --limit 5' in everything
        assert re.search(r"lvcli search NATO --json \| jq ", everything)


def test_help_is_never_read_as_markup(runner: CliRunner) -> None:
    """A help text with [brackets] prints them as written (Typer would read them as Rich markup)."""
    assert app.rich_markup_mode is None

    @app.command("bracketed-help-probe", hidden=True)
    def probe() -> None:
        """Quote [our requirements] and [bold]this[/bold] as written.

        \b
        Examples:
          lvcli bracketed-help-probe
        """

    try:
        text = help_of(runner, ("bracketed-help-probe",))
    finally:
        app.registered_commands.pop()
    assert "Quote [our requirements] and [bold]this[/bold] as written." in text
    assert "\x1b" not in text


def test_every_docstring_prints_word_for_word(runner: CliRunner) -> None:
    """Nothing in any command's help is eaten or rewrapped: each example line prints as written."""
    root = typer.main.get_command(app)
    for name, command in getattr(root, "commands", {}).items():
        doc = command.help or ""
        text = help_of(runner, (name,))
        block = doc.split("\b", 1)[1] if "\b" in doc else ""
        for line in block.strip("\n").splitlines():
            assert line.strip() in text, f"{name}: {line!r} missing from --help"


def test_version_is_the_package_version() -> None:
    result = sh("lvcli --version")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == f"lvcli {__version__}\n"
    # hatchling reads the version from lvcli/__init__.py: the installed metadata must agree
    assert installed_version("lvcli") == __version__
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'path = "src/lvcli/__init__.py"' in pyproject
    assert sh("lvcli -V").stdout == result.stdout


# help as git and gh give it


def test_help_command_and_a_bare_lvcli_print_the_help(runner: CliRunner) -> None:
    root = help_of(runner, ())
    assert root.startswith("Usage: lvcli [OPTIONS] COMMAND [ARGS]...\n")
    for args in (["help"], []):
        result = runner.invoke(app, args)
        assert (result.exit_code, result.stdout, result.stderr) == (0, root, "")
    for path in COMMANDS:
        if path:
            result = runner.invoke(app, ["help", *path])
            assert (result.exit_code, result.stdout) == (0, help_of(runner, path)), path


def test_help_through_the_installed_lvcli() -> None:
    """main() builds only the command asked for: `lvcli help search` must still see every command."""
    assert sh("lvcli help search").stdout == sh("lvcli search --help").stdout
    bare = sh("lvcli")
    assert (bare.returncode, bare.stderr) == (0, "")
    assert bare.stdout == sh("lvcli help").stdout == sh("lvcli --help").stdout
    assert "  search  Find the sentence you remember" in bare.stdout


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("serch", "lvcli: no command is called 'serch'; did you mean search?\n"),
        ("xyzzy", "lvcli: no command is called 'xyzzy'; the commands are list, show, info, search, topics, browse\n"),
    ],
)
def test_help_of_no_such_command(runner: CliRunner, name: str, message: str) -> None:
    result = runner.invoke(app, ["help", name])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


# placeholders and the keys of --json


def test_placeholders_are_words_in_capitals(runner: CliRunner) -> None:
    assert help_of(runner, ("show",)).startswith("Usage: lvcli show [OPTIONS] NUMBER...\n")
    assert help_of(runner, ("search",)).startswith("Usage: lvcli search [OPTIONS] QUERY\n")
    assert help_of(runner, ("topics",)).startswith("Usage: lvcli topics [OPTIONS] [NAME]\n")
    assert help_of(runner, ("help",)).startswith("Usage: lvcli help [OPTIONS] [COMMAND]\n")
    search = help_of(runner, ("search",))
    for entry in (
        "-n, --limit N ",
        "--min-score SCORE ",
        "-C, --context N ",
        "--in PART ",
        "--color WHEN ",
        "--transcript PATH ",
    ):
        assert f"\n  {entry}" in search, entry
    assert "\n  --color WHEN " in help_of(runner, ())


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(("lvcli", *p)))
def test_no_placeholder_or_default_clutter(runner: CliRunner, path: tuple[str, ...]) -> None:
    text = help_of(runner, path)
    assert not re.search(r"\{\w+\}", text)  # Typer's "{numbers}"; JSON's "{number, question}" is a shape
    for clutter in ("<int", "<float", "range>", "[default:", "[required]", "x>=", "<=x", "<auto|"):
        assert clutter not in text, (path, clutter)


def json_help(runner: CliRunner, command: str) -> str:
    text = help_of(runner, (command,))
    entry = text[text.index("\n  --json") :]
    return " ".join(entry[: entry.index("\n  --", 3)].split())


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "12"],
        ["show", "0"],
        ["info"],
        ["search", "NATO", "-C", "1", "--cite"],
        ["topics"],
        ["topics", "NATO"],
        ["topics", "--map"],
    ],
    ids=" ".join,
)
def test_json_help_names_every_key_the_command_prints(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--json"])
    data = json.loads(result.stdout)
    records = data if isinstance(data, list) else [data]
    keys = {key for record in records for key in record}
    described = json_help(runner, args[0])
    assert described.startswith("--json Print JSON: ")
    for key in keys:
        assert re.search(rf"\b{key}\b", described), (args, key)
