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


# Output that cannot be written: one line and status 2, as grep and ripgrep do.

EVERY_OUTPUT = [
    "list",
    "show 1",
    "show 0-29",  # more than any buffer holds: fails while printing, not at the end
    "show 1 --json",
    "info",
    "search nato",
    "topics",
    "topics nato",
    "topics --map",
    "--help",
    "search --help",
    "--version",
]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", EVERY_OUTPUT)
def test_a_full_disk_is_one_line_and_status_2(command: str) -> None:
    result = sh(f"lvcli {command} > /dev/full")
    assert (result.returncode, result.stderr) == (2, FULL)


@pytest.mark.parametrize("command", ["list", "show 1 --json", "--help", "--version"])
def test_a_closed_stdout_is_one_line_and_status_2(command: str) -> None:
    result = sh(f"lvcli {command} >&-")
    assert (result.returncode, result.stderr) == (2, CLOSED)


def test_a_command_with_nothing_to_print_does_not_mind_a_closed_stdout() -> None:
    result = sh("lvcli search zqxjkv >&-")
    assert (result.returncode, result.stderr) == (1, "lvcli: no sentence matches 'zqxjkv' with a score of 25 or more\n")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_nowhere_to_write_even_the_message_still_ends_with_status_2() -> None:
    assert sh("lvcli show 1 > /dev/full 2>&-").returncode == 2
    assert sh("lvcli show 1 > /dev/full 2> /dev/full").returncode == 2


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_usage_error_is_said_even_when_stdout_is_full() -> None:
    result = sh("lvcli show 99 > /dev/full")
    assert result.returncode == 2
    assert result.stderr == "lvcli: there is no exchange 99; this transcript has 0-29 (0 is the opening remarks)\n"


def test_a_reader_that_closes_the_pipe_still_ends_it_quietly() -> None:
    result = sh("lvcli show 0-29 | head -c 10 > /dev/null")  # all of it is more than the pipe holds
    assert (result.returncode, result.stderr) == (141, "")


# An output encoding that is not UTF-8: replaced, as git and less do; JSON stays exact.

NOT_UTF8 = [
    pytest.param({"PYTHONIOENCODING": "ascii"}, "ascii", id="ascii"),
    pytest.param({"PYTHONIOENCODING": "latin-1"}, "latin-1", id="latin-1"),
    pytest.param({"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}, "ascii", id="C-locale"),
]


@pytest.mark.parametrize(("env", "encoding"), NOT_UTF8)
@pytest.mark.parametrize("command", [["show", "1"], ["list"], ["show", "1", "--color", "always"]])
def test_text_the_encoding_cannot_show_is_replaced(env: dict[str, str], encoding: str, command: list[str]) -> None:
    wide = run_bytes(*command)
    narrow = run_bytes(*command, **env)
    assert (narrow.returncode, narrow.stderr) == (0, b"")
    if "always" in command:  # Rich draws its rule in ASCII where the encoding has no line characters
        assert b"Question 1" in narrow.stdout and b"security guarantees" in narrow.stdout
        narrow.stdout.decode(encoding)  # all of it in the encoding asked for
    else:
        assert narrow.stdout == wide.stdout.decode("utf-8").encode(encoding, errors="replace")
        assert b"?" in narrow.stdout  # the transcript's en dash and curly quotes


@pytest.mark.parametrize(("env", "encoding"), NOT_UTF8)
def test_json_in_an_encoding_that_is_not_utf8_is_ascii_and_exact(env: dict[str, str], encoding: str) -> None:
    wide = run_bytes("show", "1-3", "--json")
    narrow = run_bytes("show", "1-3", "--json", **env)
    assert (narrow.returncode, narrow.stderr) == (0, b"")
    assert narrow.stdout.isascii() and b"\\u2013" in narrow.stdout
    assert json.loads(narrow.stdout.decode("ascii")) == json.loads(wide.stdout.decode("utf-8"))


def test_messages_in_an_ascii_encoding_are_escaped_not_a_crash() -> None:
    result = run_bytes("topics", "Лавровщина", PYTHONIOENCODING="ascii")
    assert result.returncode == 1
    assert result.stderr.isascii() and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(b"lvcli: no topic matches '\\u041b\\u0430")


def test_a_terminal_that_is_not_utf8_gets_the_words() -> None:
    result = sh("lvcli show 1", tty=True, LC_ALL="C", PYTHONUTF8="0")
    assert result.returncode == 0 and "Traceback" not in result.stdout
    assert "Question 1" in result.stdout and "security guarantees" in result.stdout


# Ctrl-C: at any moment from the first line lvcli runs, imports included, it ends at once and
# quietly, dying of the signal as `cat` does (the shell shows status 130).


def took_charge_of_ctrl_c(pid: int) -> bool:
    """Has lvcli's entry point run? Python's start-up ignores SIGPIPE and SIGXFSZ, then catches
    SIGINT; lvcli then puts SIGINT and SIGPIPE back to their defaults. (Before Python starts, SIGXFSZ
    is not ignored yet.)"""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return True  # it has already gone
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    caught, ignored = int(fields["SigCgt"], 16), int(fields["SigIgn"], 16)

    def bit(number: int) -> int:
        return 1 << (number - 1)

    return not caught & bit(signal.SIGINT) and not ignored & bit(signal.SIGPIPE) and bool(ignored & bit(signal.SIGXFSZ))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("delay", [0.0, 0.005, 0.02, 0.05, 0.1, 0.3])
def test_ctrl_c_at_any_moment_ends_lvcli_quietly(tmp_path: Path, delay: float) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # a transcript nobody writes: after its imports, lvcli waits for it for ever
    process = subprocess.Popen(
        [lvcli_executable(), "list", "--transcript", str(fifo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_env(),
    )
    try:
        deadline = time.monotonic() + 30
        while not took_charge_of_ctrl_c(process.pid) and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert (process.returncode, out, err) == (-signal.SIGINT, b"", b"")


# Terminal widths: a width Rich cannot use is kept within 20 and 1,000 columns.

PLAIN_WORDS = re.compile(r"[A-Za-z]{2,15}")  # words short enough never to be folded at 20 columns


def on_terminal(arguments: str, columns: str) -> str:
    """`lvcli arguments` on a pty of 100 columns, with COLUMNS set for lvcli alone (bash would reset
    an exported COLUMNS to the terminal's width after `stty`)."""
    result = sh(f"COLUMNS={columns} {lvcli_executable()} {arguments} --color never", tty=True)
    assert result.returncode == 0 and "Traceback" not in result.stdout, result.stdout[-500:]
    return result.stdout


@pytest.mark.parametrize("columns", ["0", "1", "99999999999"])
@pytest.mark.parametrize("command", ["list", "show 1", "info", "search nato", "topics nato", "topics", "topics --map"])
def test_an_unusable_columns_still_shows_the_output(command: str, columns: str) -> None:
    lines = on_terminal(command, columns).splitlines()
    assert len(lines) > 3 and max(len(line) for line in lines) <= 1000
    if command in ("show 1", "search nato", "topics nato"):  # prose, wrapped: every word arrives
        piped = sh(f"lvcli {command}").stdout
        assert set(PLAIN_WORDS.findall(piped)) <= set(PLAIN_WORDS.findall("\n".join(lines)))


@pytest.mark.parametrize(("columns", "width"), [("0", 20), ("1", 20), ("19", 20), ("2147483647", 1000)])
def test_an_unusable_width_is_taken_as_20_or_1000(columns: str, width: int) -> None:
    lines = on_terminal("show 1", columns).splitlines()
    assert len(lines[0]) == width  # the rule over the exchange spans the width
    assert max(len(line) for line in lines) == width


@pytest.mark.parametrize("cols", [0, 5])
def test_a_terminal_of_no_width_or_tiny_gets_the_words(cols: int) -> None:
    result = sh("lvcli show 1 --color never", tty=True, cols=cols)
    assert result.returncode == 0 and "Traceback" not in result.stdout
    piped = sh("lvcli show 1").stdout
    assert set(PLAIN_WORDS.findall(piped)) <= set(PLAIN_WORDS.findall(result.stdout))
    assert max(len(line) for line in result.stdout.splitlines()) == (80 if cols == 0 else 20)


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


def test_python_dash_m_runs_the_same_entry_point() -> None:
    python = Path(lvcli_executable()).with_name("python")
    result = subprocess.run(
        [python, "-m", "lvcli", "show", "1", "--json"], capture_output=True, env=clean_env(), timeout=60
    )
    assert result.returncode == 0 and json.loads(result.stdout)["number"] == 1
    result = subprocess.run(
        [python, "-m", "lvcli", "serch"], capture_output=True, text=True, env=clean_env(), timeout=60
    )
    assert (result.returncode, result.stderr) == (2, "lvcli: no such command 'serch'\ndid you mean 'search'?\n")
