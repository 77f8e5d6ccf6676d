"""The pager: long output on a terminal goes through $LVCLI_PAGER / $PAGER / less -FRX; pipes never page.

The terminal is a pty of 30 rows whose screen the test reads, with nobody typing; the pager is a
script that records what it was given and never waits for a key, so a test can compare it with
what lvcli prints with --no-pager on the same terminal, and no test can hang.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import select
import struct
import subprocess
import tempfile
import termios
import time
from pathlib import Path
from typing import NamedTuple

import pytest

from lvcli.output import paged
from lvcli.pager import DEFAULT_PAGER, fits, pager_command, screen_lines
from tests.conftest import clean_env, lvcli_executable

ROWS, COLS = 30, 100


class Run(NamedTuple):
    returncode: int
    stdout: str  # all the terminal showed: stdout and stderr together, as on a screen


@pytest.fixture
def fake_pager(tmp_path: Path) -> Path:
    """A pager that records its arguments, $LESS and its input in files beside it, then says PAGED."""
    script = tmp_path / "fake pager"  # a space in the path: the command is split as a shell would
    script.write_text(
        "#!/bin/sh\n"
        'dir=$(dirname "$0")\n'
        'printf "%s\\n" "$*" > "$dir/args"\n'
        'printf "%s" "$LESS" > "$dir/less"\n'
        'cat > "$dir/input"\n'
        "echo PAGED\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def _own_the_terminal() -> None:
    """In the child: a session of its own with the pty as controlling terminal, as a login shell has."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def on_terminal(arguments: str, *, unset: tuple[str, ...] = (), **env: str) -> Run:
    """Run `lvcli arguments` in bash on a pty of ROWS x COLS, reading what it shows; nobody types.

    LVCLI_PAGER is `cat` (no paging) unless the test passes its own pager, one that never waits
    for a key.
    """
    environment = clean_env(TERM="xterm-256color", **env)
    for name in unset:
        environment.pop(name, None)
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    process = subprocess.Popen(
        ["bash", "--norc", "--noprofile", "-c", f"{lvcli_executable()} {arguments}"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environment,
        cwd=tempfile.gettempdir(),
        preexec_fn=_own_the_terminal,  # the test runs no threads, so a pre-exec hook is safe
    )
    os.close(slave)
    screen = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: every process on the pty has gone
                    break
                if not chunk:
                    break
                screen += chunk
            elif process.poll() is not None:
                break
        code = process.wait(timeout=max(deadline - time.monotonic(), 1))
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
    text = screen.decode("utf-8", "replace").replace("\r\n", "\n")
    return Run(code, text)


def quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "'\\''") + "'"


def test_a_long_show_on_a_terminal_goes_through_the_pager_in_colour(fake_pager: Path) -> None:
    result = on_terminal("show 1-3", LVCLI_PAGER=f"{quoted(fake_pager)} --extra")
    assert result.returncode == 0
    assert result.stdout == "PAGED\n"  # lvcli itself printed nothing: all went to the pager
    given = (fake_pager.parent / "input").read_text(encoding="utf-8")
    direct = on_terminal("show 1-3 --no-pager").stdout
    assert given == direct  # the same text, styles and all, as the terminal would have shown
    assert "\x1b[" in given and "Question 1" in given and "Question 3" in given
    assert given.count("\n") > ROWS
    assert (fake_pager.parent / "args").read_text(encoding="utf-8") == "--extra\n"
    assert (fake_pager.parent / "less").read_text(encoding="utf-8") == "FRX"  # colours pass through less


def test_output_that_fits_on_the_screen_is_not_paged(fake_pager: Path) -> None:
    result = on_terminal("info", LVCLI_PAGER=quoted(fake_pager))
    assert "PAGED" not in result.stdout and "Moscow" in result.stdout
    assert not (fake_pager.parent / "input").exists()


def test_no_pager_prints_straight_to_the_terminal(fake_pager: Path) -> None:
    result = on_terminal("show 1-3 --no-pager", LVCLI_PAGER=quoted(fake_pager))
    assert "PAGED" not in result.stdout and "Question 3" in result.stdout
    assert not (fake_pager.parent / "input").exists()


@pytest.mark.parametrize("extra", ["", "--color always", "--json"])
def test_piped_output_never_pages(fake_pager: Path, extra: str) -> None:
    result = on_terminal(f"show 1-3 {extra} | cat", LVCLI_PAGER=quoted(fake_pager))
    assert "PAGED" not in result.stdout
    assert len(result.stdout) > 9_000  # all three exchanges, straight into the pipe
    assert not (fake_pager.parent / "input").exists()


def test_every_command_pages_json_included(fake_pager: Path) -> None:
    on_terminal("show 1-3 --json", LVCLI_PAGER=quoted(fake_pager))
    assert (fake_pager.parent / "input").read_text(encoding="utf-8").startswith("[\n  {\n")
    (fake_pager.parent / "input").unlink()
    on_terminal("list", LVCLI_PAGER=quoted(fake_pager))  # 29 questions and a header: 30 rows
    assert (fake_pager.parent / "input").exists()


def test_pager_falls_back_to_pager_then_to_printing(fake_pager: Path, tmp_path: Path) -> None:
    # $PAGER is used when $LVCLI_PAGER is not set
    result = on_terminal("show 1-3", unset=("LVCLI_PAGER",), PAGER=quoted(fake_pager))
    assert result.stdout == "PAGED\n"
    # a pager that is not installed: the text is printed directly, no error
    result = on_terminal("show 1-3", LVCLI_PAGER=str(tmp_path / "no-such-pager"))
    assert result.returncode == 0
    assert "Question 3" in result.stdout and "Traceback" not in result.stdout
    # as in git, an empty pager or cat means no paging
    for value in ("", "cat"):
        assert "Question 3" in on_terminal("show 1-3", LVCLI_PAGER=value, PAGER=quoted(fake_pager)).stdout


def test_quitting_the_pager_early_is_no_failure(tmp_path: Path) -> None:
    """The reader quits after the first screen: lvcli ends with status 0, quietly, as after reading it all."""
    quitter = tmp_path / "quitter"
    quitter.write_text("#!/bin/sh\nhead -c 100 > /dev/null\necho QUIT\n", encoding="utf-8")
    quitter.chmod(0o755)
    result = on_terminal("show 0-29; echo status=$?", LVCLI_PAGER=str(quitter))
    assert result.stdout == "QUIT\nstatus=0\n"


def executable(folder: Path, name: str, script: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.mark.parametrize(
    "script",
    [
        "exit 1\n",  # as `false`: gone before reading a byte
        "exit 3\n",
        'echo "pager: there is no -Z option" >&2; exit 2\n',  # a pager given a bad option
    ],
)
def test_a_pager_that_fails_means_the_text_is_printed_directly(tmp_path: Path, script: str) -> None:
    failing = executable(tmp_path, "failing", script)
    result = on_terminal("show 1-3", LVCLI_PAGER=quoted(failing))
    assert result.returncode == 0
    direct = on_terminal("show 1-3 --no-pager").stdout
    assert result.stdout.endswith(direct)  # all of it, after whatever the pager said


def test_false_as_pager_loses_nothing() -> None:
    result = on_terminal("show 1-3; echo status=$?", LVCLI_PAGER="false")
    assert "Question 3" in result.stdout and result.stdout.endswith("status=0\n")


def test_ctrl_c_while_the_pager_runs_belongs_to_the_pager(tmp_path: Path) -> None:
    """As in git: Ctrl-C stops a search in less, it does not end lvcli under it."""
    pager = executable(tmp_path, "interrupted", 'kill -INT $PPID\ncat > "$(dirname "$0")/input"\necho PAGED\n')
    result = on_terminal("show 1-3; echo status=$?", LVCLI_PAGER=quoted(pager))
    assert result.stdout == "PAGED\nstatus=0\n"
    assert "Question 3" in (tmp_path / "input").read_text(encoding="utf-8")


def test_a_terminal_that_is_not_utf8_pages_what_it_can_show(fake_pager: Path) -> None:
    result = on_terminal("show 1-3", LVCLI_PAGER=quoted(fake_pager), PYTHONIOENCODING="ascii")
    assert result == Run(0, "PAGED\n")
    given = (fake_pager.parent / "input").read_bytes()
    assert given.isascii() and b"Question 3" in given and b"?" in given


def test_json_through_the_pager_in_ascii_stays_exact(fake_pager: Path) -> None:
    on_terminal("show 1-3 --json", LVCLI_PAGER=quoted(fake_pager), PYTHONIOENCODING="ascii")
    given = (fake_pager.parent / "input").read_bytes()
    assert given.isascii() and b"\\u2013" in given
    assert json.loads(given)[0]["number"] == 1
    assert "\u2013" in json.loads(given)[0]["answer"]


def test_the_pager_starts_without_asking_the_terminal_anything(fake_pager: Path) -> None:
    """As git and gh do: a terminal and a long output are enough; nothing is written to the terminal first."""
    result = on_terminal("show 1-3", LVCLI_PAGER=quoted(fake_pager))
    assert result == Run(0, "PAGED\n")  # no query (such as a cursor-position request) reached the screen
    assert "Question 3" in (fake_pager.parent / "input").read_text(encoding="utf-8")


# the mechanics, without a terminal


def test_which_pager() -> None:
    assert DEFAULT_PAGER == "less -FRX"
    assert pager_command({}) == ["less", "-FRX"]
    assert pager_command({"PAGER": "more"}) == ["more"]
    assert pager_command({"PAGER": "more", "LVCLI_PAGER": "bat -p"}) == ["bat", "-p"]
    assert pager_command({"LVCLI_PAGER": "", "PAGER": "more"}) is None
    assert pager_command({"PAGER": "cat"}) is None
    assert pager_command({"PAGER": "less 'unbalanced"}) is None


def test_lines_are_counted_as_the_terminal_shows_them() -> None:
    assert screen_lines("a\nb\n", 80) == 2
    assert screen_lines("\x1b[1;35m" + "x" * 80 + "\x1b[0m\n", 80) == 1  # escapes take no room
    assert screen_lines("x" * 81 + "\n", 80) == 2  # a long line folds
    assert screen_lines("\n\n", 80) == 2  # blank lines count
    assert screen_lines("日本" * 30 + "\n", 80) == 2  # wide characters take two columns
    assert fits("x\n" * 29, rows=30, columns=80)
    assert not fits("x\n" * 30, rows=30, columns=80)  # and the prompt would push the first line away


def test_paged_leaves_a_stream_that_is_no_terminal_alone() -> None:
    stream = io.StringIO()
    with paged(stream) as out:
        assert out is stream
