"""lvcli: a command-line topic explorer for the transcript of Lavrov's 14 January 2022 news conference.

`main` is where the `lvcli` command starts (and `python -m lvcli`): it readies signals and
streams before the command line in `lvcli.cli` is imported. Why each case ends as it does is in
docs/robustness.md ("Output, signals and terminals").
"""

import io
import os
import sys
from typing import NoReturn, TextIO

__version__ = "0.1.0"


def main() -> None:
    # Here rather than in a module of its own: one import less on every call's start-up path.
    import signal

    # Ctrl-C and a closed pipe end lvcli at once and quietly, as they end `cat`: by the signal itself.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if sys.stdout is None:
        sys.stdout = closed_output()
    elif isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")  # what the encoding cannot show becomes "?", as in git
    if sys.stderr is None:
        sys.stderr = io.StringIO()  # nowhere to say anything: the exit status still tells
    try:
        try:
            from lvcli.cli import main as run

            run()
        finally:
            sys.stdout.flush()  # what is still held fails here, where it can be reported
    except OSError as exc:
        cannot_write(exc)


def closed_output() -> TextIO:
    """Standard output when the shell has closed it (`lvcli list >&-`): writing to it fails, as in `cat`."""
    import errno

    class ClosedOutput(io.TextIOBase):  # made only when needed: an io class is slow to make
        def write(self, text: str) -> int:
            raise OSError(errno.EBADF, "standard output is closed")

    return ClosedOutput()  # type: ignore[return-value]


def cannot_write(exc: OSError) -> NoReturn:
    """One line and status 2, as grep and ripgrep say that their output cannot be written."""
    silence(sys.stdout)  # Python would try to write what is held once more at exit, and complain
    try:
        sys.stderr.write(f"lvcli: cannot write output: {exc.strerror or exc}\n")
        sys.stderr.flush()
    except OSError:
        silence(sys.stderr)  # stderr is gone too: the exit status is all that can tell
    sys.exit(2)


def silence(stream: TextIO) -> None:
    """Send whatever `stream` still holds to /dev/null."""
    try:
        descriptor = stream.fileno()
    except (OSError, ValueError):  # a stand-in with no file descriptor holds nothing
        return
    os.dup2(os.open(os.devnull, os.O_WRONLY), descriptor)
