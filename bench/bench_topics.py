"""Where the time of a first `lvcli topics` goes, step by step, and what every later call does instead.

    .venv/bin/python bench/bench_topics.py            # the bundled transcript, 10x and 100x
    .venv/bin/python bench/bench_topics.py --quick    # the bundled transcript only

Run it with the interpreter lvcli is installed in: it imports lvcli. CPU time in process, the
least of several runs, at each size: joining the sentences, the names, the key phrases, all of
finding the topics (the rest is merging spellings and counting) and writing the cache, which a
first call does; then hashing the transcript and reading the cache, which later calls do instead.
bench/run.py times whole calls against the interpreter's start-up.

Nothing here is a test and nothing fails on a slow figure: it measures and prints.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable

from lvcli.source import bundled_bytes
from lvcli.topics import names, text
from lvcli.topics.cache import cache_path, load_topics, save_topics
from lvcli.topics.find import find_topics
from lvcli.topics.phrases import find_phrases
from lvcli.transcript import parse
from run import scaled_text  # bench/run.py, beside this script: the same scaled transcripts


def ms(action: Callable[[], object], runs: int) -> float:
    """The least CPU time of `action` over `runs` runs, in ms."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        action()
        best = min(best, time.process_time() - start)
    return best * 1000


def steps(source: str, runs: int) -> list[tuple[str, float]]:
    doc = parse(source)
    doc.sentences  # noqa: B018 - split once, as the command has before it asks for topics
    joined = text.Text(doc.sentences)
    found = find_topics(doc)
    path = cache_path(doc)
    assert path is not None
    find = ms(lambda: find_topics(doc), runs)
    name = ms(lambda: names.Names(joined), runs)
    phrase = ms(lambda: find_phrases(joined), runs)
    join = ms(lambda: text.Text(doc.sentences), runs)
    return [
        ("join the sentences", join),
        ("names", name),
        ("key phrases", phrase),
        ("find the topics, in all (the rest: merging spellings, counting)", find),
        ("write the cache", ms(lambda: save_topics(path, found), runs)),
        ("later calls: hash the transcript", ms(lambda: cache_path(doc), runs)),
        ("later calls: read the cache", ms(lambda: load_topics(path, doc), runs)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the bundled transcript only")
    sizes = (1,) if parser.parse_args().quick else (1, 10, 100)
    bundled = bundled_bytes().decode("utf-8")
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; CPU ms, the least of several runs\n")
    with tempfile.TemporaryDirectory(prefix="lvcli-bench-") as cache:
        os.environ["XDG_CACHE_HOME"] = cache  # never the user's cache
        by_size = {times: steps(scaled_text(bundled, times), max(3, 15 // times)) for times in sizes}
    print("| step | " + " | ".join(f"{times}×" for times in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for row, (step, _) in enumerate(by_size[1]):
        print(f"| {step} | " + " | ".join(f"{by_size[times][row][1]:.1f}" for times in sizes) + " |")


if __name__ == "__main__":
    main()
