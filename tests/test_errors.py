"""When something goes wrong around lvcli rather than in its input: output that cannot be written, an
encoding that is not UTF-8, Ctrl-C, odd terminal widths, numbers too big for Python, huge arguments.

Each ends in its documented exit status with at most two lines on stderr, no traceback, and nothing
lost that could be printed. Messages go through the test runner; what only a real process shows (a
full disk, a closed stdout, an encoding, a signal, a terminal) through the installed `lvcli`.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lvcli.cli import app
from tests.conftest import clean_env, lvcli_executable, sh

FULL = "lvcli: cannot write output: No space left on device\n"
CLOSED = "lvcli: cannot write output: standard output is closed\n"
HUGE = "9" * 5000  # int() reads at most 4,300 digits


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def run_bytes(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """The installed lvcli with its output as bytes, for encodings that are not UTF-8."""
    return subprocess.run(
        [lvcli_executable(), *args], capture_output=True, env=clean_env(**env), timeout=60, cwd=tempfile.gettempdir()
    )


# Numbers too big for Python's int(), and huge arguments: one short line, the documented status.


@pytest.mark.parametrize(
    "args",
    [
        ["show", HUGE],
        ["show", f"1-{HUGE}"],
        ["search", "nato", "--limit", HUGE],
        ["search", "nato", "-n", HUGE],
        ["search", "nato", "-C", HUGE],
        ["search", "nato", "--min-score", HUGE],
        ["topics", "--limit", HUGE],
        ["topics", "--map", "-n", HUGE],
    ],
    ids=lambda args: " ".join(a if len(a) < 20 else "9…" for a in args),
)
def test_a_number_too_big_for_python_is_one_line_and_status_2(runner: CliRunner, args: list[str]) -> None:
    code, out, err = run(runner, *args)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and len(err) < 200, err


def test_show_says_how_big_the_number_was(runner: CliRunner) -> None:
    assert run(runner, "show", HUGE) == (
        2,
        "",
        f"lvcli: there is no exchange {'9' * 39}…{'9' * 40} (a number of 5,000 digits)\n",
    )
    code, _, err = run(runner, "show", "9" * 4300)  # the largest int() reads: the usual message
    assert (code, err) == (
        2,
        f"lvcli: there is no exchange {'9' * 39}…{'9' * 40}; this transcript has 0-29 (0 is the opening remarks)\n",
    )


def test_a_big_but_readable_limit_is_simply_large(runner: CliRunner) -> None:
    code, out, _ = run(runner, "search", "security guarantees", "--limit", "9" * 4000, "-C", "9" * 4000)
    assert code == 0 and out


BIG = "z" * 120_000
HUGE_ARGUMENTS = [
    (["topics", BIG], 1),
    (["search", BIG], 1),
    (["show", BIG], 2),
    (["list", "--transcript", BIG], 2),
    (["list", f"--{BIG}"], 2),
    ([BIG], 2),
    (["list", BIG], 2),
    (["search", "nato", BIG], 2),
]


@pytest.mark.parametrize(("args", "status"), HUGE_ARGUMENTS, ids=lambda a: str(a)[:30])
def test_a_huge_argument_is_echoed_short(runner: CliRunner, args: list[str], status: int) -> None:
    code, out, err = run(runner, *args)
    assert (code, out) == (status, "")
    lines = err.splitlines()
    assert 1 <= len(lines) <= 2 and all(len(line) < 200 for line in lines), err
    assert "z" * 30 in lines[0] and "z" * 81 not in err


@pytest.mark.parametrize("name", ["a\nb.txt", "a\tb.txt", "a\rb\x1b[2J.txt"])
def test_a_file_name_with_control_characters_is_one_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    shown = name.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\x0d").replace("\x1b", "\\x1b")
    for how in (["list", "--transcript", name], ["list"]):
        env = None if "--transcript" in how else {"LVCLI_TRANSCRIPT": name}
        assert run(runner, *how, env=env) == (2, "", f"lvcli: {shown}: no such file\n")


def test_an_empty_transcript_variable_means_the_bundled_transcript(runner: CliRunner) -> None:
    code, out, _ = run(runner, "info", env={"LVCLI_TRANSCRIPT": ""})
    assert code == 0 and "Moscow" in out
