"""How fast the topics are, where their time goes, and how they grow with the transcript.

    .venv/bin/python bench/bench_topics.py             # everything (a minute or two)
    .venv/bin/python bench/bench_topics.py --quick     # fewer runs
    .venv/bin/python bench/bench_topics.py --no-scale  # skip the 10x and 100x transcripts

Run it with the interpreter lvcli is installed in: it imports lvcli, and runs the `lvcli` beside
that interpreter. Three tables:

1. In process, on the bundled transcript: parsing and splitting sentences (what every command
   pays), then finding the topics, each question's main topics, the map, and a lookup by an exact
   and by a misspelt name; the median CPU time of many runs, in ms, and each as a ratio to parsing.
2. End to end: `lvcli topics`, `lvcli topics --map` and `lvcli list --json` (which computes the
   topics) against `lvcli list` piped (which does not), run alternately in rounds so a machine
   that gets busier slows them alike; the median wall and CPU time (user + system) of each.
3. Scale: the exchanges repeated 10 and 100 times, in process: the time to parse and to find the
   topics, and "per size": the time over the size ratio, divided by the 1x time. 1.0 is linear.

Nothing here is a test and nothing fails on a slow figure: it measures and prints.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lvcli.source import bundled_bytes
from lvcli.topics import TopicIndex
from lvcli.transcript import Transcript, parse
from run import scaled_text  # bench/run.py, beside this script: the same scaled transcripts

ROOT = Path(__file__).resolve().parents[1]
LVCLI = str(Path(sys.executable).with_name("lvcli"))


def cpu_ms(action: Callable[[], object], runs: int) -> float:
    """The median CPU time of `action`, in ms."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def parsed(text: str) -> Transcript:
    doc = parse(text)
    doc.sentences  # noqa: B018 - the sentences are split lazily; every topic command needs them
    return doc


def in_process(text: str, runs: int) -> None:
    doc = parsed(text)
    index = TopicIndex(doc)
    index.topics  # noqa: B018 - warm: the lookups below time only themselves
    rows = [
        ("parse + sentences", cpu_ms(lambda: parsed(text), runs)),
        ("topics", cpu_ms(lambda: TopicIndex(doc).topics, runs)),
        ("main topics, every question", cpu_ms(lambda: [index.main_topics(e.number) for e in doc.exchanges], runs)),
        ("map", cpu_ms(index.heat_map, runs)),
        ("find 'nato' (exact)", cpu_ms(lambda: index.find("nato"), runs)),
        ("find 'Kazakstan' (fuzzy)", cpu_ms(lambda: index.find("Kazakstan"), runs)),
    ]
    base = rows[0][1]
    print("In process, bundled transcript (median CPU ms)")
    for name, ms in rows:
        print(f"  {name:30} {ms:8.2f}  {ms / base:6.2f}x parse")


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of a command, its output thrown away."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


ENV = {k: v for k, v in os.environ.items() if k not in {"LVCLI_TRANSCRIPT", "NO_COLOR", "FORCE_COLOR"}}


def end_to_end(rounds: int) -> None:
    commands = {
        "list (piped, no topics)": [LVCLI, "list"],
        "list --json (topics)": [LVCLI, "list", "--json"],
        "topics": [LVCLI, "topics"],
        "topics --map": [LVCLI, "topics", "--map"],
        "topics Kazakstan": [LVCLI, "topics", "Kazakstan"],
    }
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            wall, cpu = timed(argv)
            walls[name].append(wall)
            cpus[name].append(cpu)
    base_wall = statistics.median(walls["list (piped, no topics)"])
    base_cpu = statistics.median(cpus["list (piped, no topics)"])
    print(f"\nEnd to end, {rounds} rounds (median ms; difference from a piped list)")
    for name in commands:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"  {name:26} wall {wall * 1000:7.1f} (+{(wall - base_wall) * 1000:6.1f})"
            f"   cpu {cpu * 1000:7.1f} (+{(cpu - base_cpu) * 1000:6.1f})"
        )


def scale(text: str, runs: int) -> None:
    print("\nScale, in process (median CPU ms; per size: the time over the size ratio, over the 1x time)")
    first: tuple[float, float] | None = None
    for times in (1, 10, 100):
        big = scaled_text(text, times)
        doc = parsed(big)
        parse_ms = cpu_ms(lambda big=big: parsed(big), max(1, runs // times))
        topics_ms = cpu_ms(lambda doc=doc: TopicIndex(doc).topics, max(1, runs // times))
        first = first or (parse_ms, topics_ms)
        print(
            f"  {times:4}x {len(big.encode()) / 1e6:6.2f} MB {len(doc.exchanges):5} exchanges"
            f"   parse {parse_ms:9.1f} (per size {parse_ms / times / first[0]:4.2f})"
            f"   topics {topics_ms:9.1f} (per size {topics_ms / times / first[1]:4.2f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--no-scale", action="store_true", help="skip the 10x and 100x transcripts")
    args = parser.parse_args()
    runs, rounds = (5, 3) if args.quick else (21, 9)
    text = bundled_bytes().decode("utf-8")
    print(f"{sys.version.split()[0]} on {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}\n")
    in_process(text, runs)
    end_to_end(rounds)
    if not args.no_scale:
        scale(text, runs)


if __name__ == "__main__":
    main()
