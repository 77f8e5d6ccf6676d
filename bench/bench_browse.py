"""How fast `lvcli browse` is where a reader waits: the first screen, and the hits after each keystroke.

    .venv/bin/python bench/bench_browse.py            # everything (a minute or two)
    .venv/bin/python bench/bench_browse.py --quick    # fewer runs
    .venv/bin/python bench/bench_browse.py --no-scale # skip the 100x transcript

Run it with the interpreter lvcli is installed in: it runs the `lvcli` beside that interpreter, on a
pseudo-terminal of 100x30, as a reader would, and reads what the app draws. Three tables:

1. First screen: from starting the process to the exchange list drawn on the terminal, then from
   pressing q to the process gone. The floor, `python -c 'import typer'` started and ended the same
   way, is timed in the same rounds, so each figure is also a ratio to it (the median over rounds of
   the per-round ratios: a machine busy for a few seconds slows both sides of a round alike).
2. Keystrokes, in the running app: a misspelt half-remembered phrase typed one key at a time; for
   each key, the time from sending it to the status line naming the query so far ("... for 'secr'",
   or "No sentence matches 'sec'"). That is the search worker, the hits laid out and drawn. Then the
   whole phrase sent at once, as a fast typist or a paste: the time to the last query's hits, which
   shows the superseded searches were skipped, not queued.
3. The search worker alone, in process: `lvcli.search.search` on every prefix of the phrases, as
   the app calls it at each keystroke (limit as in the app); median, 90th percentile and maximum.

With the 100x transcript (the exchanges repeated 100 times, bench/run.py's `scaled_text`) 1 and 2
run again; there the topics are still being found in a thread while the reader types.

Nothing here is a test: it measures and prints, with the issue's budget beside each figure.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from lvcli.browse.search_view import LIMIT
from lvcli.search import blank, search
from lvcli.source import bundled_bytes
from lvcli.transcript import parse
from run import OUT, quiet_env, scaled_text  # bench/run.py, beside this script

COLS, ROWS = 100, 30
FIRST_SCREEN = b"Opening remarks"  # the first row of the exchange list
PHRASES = ("secruity guarantes", "harnes hrses", "kapodistr", "nord stream gas", "adult respons")
BUDGET_FIRST = 1.0  # seconds, from the command to the first screen (issue 14)
BUDGET_KEY = 0.100  # seconds, from a keystroke to its results (issue 14)


class Terminal:
    """A process on a pseudo-terminal of COLS x ROWS, and everything it has drawn so far."""

    def __init__(self, argv: list[str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = quiet_env() | {"TERM": "xterm-256color"}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.master = master
        self.drawn = bytearray()

    def wait_for(self, text: bytes, after: int = 0, timeout: float = 30.0) -> float:
        """Read until `text` appears past offset `after`; the moment it did (perf_counter)."""
        deadline = time.perf_counter() + timeout
        while text not in self.drawn[after:]:
            left = deadline - time.perf_counter()
            if left <= 0 or not select.select([self.master], [], [], left)[0]:
                raise TimeoutError(f"{text!r} did not appear in {timeout:g} s")
            try:
                self.drawn += os.read(self.master, 65536)
            except OSError as exc:  # EIO: the process has gone
                raise TimeoutError(f"the process ended before {text!r} appeared") from exc
        return time.perf_counter()

    def send(self, keys: str) -> float:
        sent = time.perf_counter()
        os.write(self.master, keys.encode())
        return sent

    def end(self, timeout: float = 30.0) -> float:
        """Wait for the process to exit, draining its output; the moment it did."""
        deadline = time.perf_counter() + timeout
        while self.process.poll() is None and time.perf_counter() < deadline:
            if select.select([self.master], [], [], 0.01)[0]:
                with contextlib.suppress(OSError):  # EIO once the process has gone
                    self.drawn += os.read(self.master, 65536)
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            raise TimeoutError("the process did not exit")
        ended = time.perf_counter()
        os.close(self.master)
        return ended


def floor_round(python: str) -> float:
    terminal = Terminal([python, "-c", "import typer"])
    return terminal.end() - terminal.started


def browse_round(lvcli: str, transcript: Path | None) -> tuple[float, float]:
    """Seconds to the first screen, and from q to the process gone."""
    argv = [lvcli, "browse", *(["--transcript", str(transcript)] if transcript else [])]
    terminal = Terminal(argv)
    first = terminal.wait_for(FIRST_SCREEN) - terminal.started
    time.sleep(0.3)  # as a reader would, before the first key
    pressed = terminal.send("q")
    gone = terminal.end() - pressed
    if terminal.process.returncode != 0:
        raise SystemExit(f"bench: lvcli browse exited with {terminal.process.returncode}")
    return first, gone


def status_of(query: str) -> bytes:
    """What the status line says once the hits for `query` are shown: the query, quoted as the app quotes it."""
    return repr(" ".join(query.split())).encode()


def keystrokes(lvcli: str, transcript: Path | None) -> tuple[list[float], list[float], list[float]]:
    """Per key, seconds to the box showing it and to its results; per phrase sent at once, to the last results."""
    argv = [lvcli, "browse", *(["--transcript", str(transcript)] if transcript else [])]
    terminal = Terminal(argv)
    terminal.wait_for(FIRST_SCREEN)
    terminal.send("/")
    terminal.wait_for(b"Type what you remember")
    echoes: list[float] = []
    per_key: list[float] = []
    bursts: list[float] = []
    for phrase in PHRASES:
        for end in range(1, len(phrase) + 1):
            typed = phrase[:end]
            mark = len(terminal.drawn)
            sent = terminal.send(typed[-1])
            if not blank(typed) and typed[-1] != " ":  # a space alone changes no query
                echoes.append(terminal.wait_for(typed.encode(), mark) - sent)  # the box is drawn before the hits
                per_key.append(terminal.wait_for(status_of(typed), mark) - sent)
            time.sleep(0.05)
        terminal.send("\x15")  # Ctrl+U: empty the box
        time.sleep(0.3)
        mark = len(terminal.drawn)
        sent = terminal.send(phrase)
        bursts.append(terminal.wait_for(status_of(phrase), mark) - sent)
        terminal.send("\x15")
        time.sleep(0.3)
    terminal.send("\x1b")  # out of the box, so q quits
    time.sleep(0.3)
    terminal.send("\x1b")
    time.sleep(0.3)
    terminal.send("q")
    terminal.end()
    return echoes, per_key, bursts


def worker_times(times: int, rounds: int) -> list[float]:
    """Seconds of `search` per keystroke's query, every prefix of every phrase, `rounds` times each."""
    doc = parse(scaled_text(bundled_bytes().decode("utf-8"), times)) if times > 1 else parse(bundled_bytes().decode())
    found = []
    for phrase in PHRASES:
        for end in range(1, len(phrase) + 1):
            query = phrase[:end]
            if blank(query):
                continue
            runs = []
            for _ in range(rounds):
                started = time.perf_counter()
                search(doc, query, limit=LIMIT)
                runs.append(time.perf_counter() - started)
            found.append(statistics.median(runs))
    return found


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def spread(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"median {ms(statistics.median(ordered))}, p90 {ms(p90)}, max {ms(ordered[-1])}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--no-scale", action="store_true", help="skip the 100x transcript")
    args = parser.parse_args()
    python = sys.executable
    lvcli = str(Path(python).with_name("lvcli"))
    rounds = 3 if args.quick else 10
    scales: list[tuple[str, Path | None]] = [("bundled", None)]
    if not args.no_scale:
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / "transcript-100x.txt"
        text = scaled_text(bundled_bytes().decode("utf-8"), 100)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        scales.append(("100x", path))

    print(f"lvcli browse on a {COLS}x{ROWS} pseudo-terminal; {rounds} rounds; budgets from issue 14\n")
    print("1. First screen (process start to the exchange list drawn), and q to the process gone")
    for name, transcript in scales:
        floors, firsts, quits, ratios = [], [], [], []
        for _ in range(rounds if name == "bundled" else max(rounds // 3, 2)):
            floor = floor_round(python)
            first, gone = browse_round(lvcli, transcript)
            floors.append(floor)
            firsts.append(first)
            quits.append(gone)
            ratios.append(first / floor)
        verdict = "holds" if statistics.median(firsts) <= BUDGET_FIRST else "DOES NOT HOLD"
        budget = f"budget {ms(BUDGET_FIRST)}: {verdict}" if name == "bundled" else "no budget"
        print(
            f"   {name:8} first screen {ms(statistics.median(firsts))} (fastest {ms(min(firsts))}), "
            f"{statistics.median(ratios):.1f}x the floor ({ms(statistics.median(floors))}); "
            f"quit {ms(statistics.median(quits))}; {budget}"
        )

    print("\n2. Keystrokes in the running app: key sent to the box redrawn (echo), and to its results drawn")
    for name, transcript in scales:
        echoes, per_key, bursts = keystrokes(lvcli, transcript)
        verdict = "holds" if statistics.median(per_key) <= BUDGET_KEY else "DOES NOT HOLD"
        budget = f"budget {ms(BUDGET_KEY)}: {verdict}" if name == "bundled" else "no budget: typing must not wait"
        print(f"   {name:8} echo of each key: {spread(echoes)}")
        print(f"   {'':8} results of each key ({len(per_key)} keys): {spread(per_key)}; {budget}")
        print(f"   {'':8} a whole phrase at once, to the last query's hits: {spread(bursts)}")

    print("\n3. The search worker alone, per keystroke's query (in process)")
    for name, times in (("bundled", 1), *((("100x", 100),) if not args.no_scale else ())):
        found = worker_times(times, 5 if name == "bundled" and not args.quick else 1)
        print(f"   {name:8} {len(found)} queries: {spread(found)}")


if __name__ == "__main__":
    main()
