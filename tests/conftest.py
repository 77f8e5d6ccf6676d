"""Shared fixtures: the bundled transcript parsed once, a CliRunner, and the installed `lvcli`."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lvcli.source import bundled_bytes
from lvcli.transcript import Transcript, parse

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def raw() -> str:
    return bundled_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def doc(raw: str) -> Transcript:
    return parse(raw)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, cache_home: Path) -> None:
    """Tests see lvcli as a new user does: no colour settings, no transcript override, no pager,
    and a cache directory of their own (the user's is never read or written)."""
    for name in ("NO_COLOR", "FORCE_COLOR", "LVCLI_TRANSCRIPT", "LVCLI_PAGER", "PAGER", "COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))


def lvcli_executable() -> str:
    """The `lvcli` console script installed beside this interpreter (as `pip install .` puts it)."""
    candidate = Path(sys.executable).with_name("lvcli")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("lvcli")
    assert found, "lvcli is not installed: run the README's test command"
    return found


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NO_COLOR", "FORCE_COLOR", "LVCLI_TRANSCRIPT", "LVCLI_PAGER", "PAGER", "COLUMNS", "LINES"}
    }
    # A long output on a pty would wait in `less` for a key; "cat" turns paging off (as in git).
    # Tests of the pager pass their own LVCLI_PAGER.
    env["LVCLI_PAGER"] = "cat"
    env.update(extra)
    return env


def sh(
    command: str, *, tty: bool = False, cols: int = 100, rows: int = 50, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run a shell command line in which `lvcli` is the installed script; tty=True runs it on a pty."""
    exe = lvcli_executable()
    command = command.replace("lvcli", exe, 1) if command.startswith("lvcli") else command
    line = f"set -o pipefail; {command}"
    if tty:
        # `script -c` runs the line with $SHELL, or /bin/sh when SHELL is unset (as on CI
        # machines, where /bin/sh is often dash and has no pipefail): name bash explicitly.
        inner = f"stty cols {cols} rows {rows} 2>/dev/null; {line}"
        argv = ["script", "-qefc", f"bash -c {shlex.quote(inner)}", "/dev/null"]
        environment = clean_env(TERM="xterm-256color", **env)
    else:
        argv = ["bash", "-c", line]
        environment = clean_env(**env)
    result = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        env=environment,
        stdin=subprocess.DEVNULL,
        timeout=60,
        cwd=tempfile.gettempdir(),
    )
    result.stdout = result.stdout.replace("\r\n", "\n")
    return result
