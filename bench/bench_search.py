"""How fast `lvcli search` is, where its time goes, and how well other ways of ranking would do.

    .venv/bin/python bench/bench_search.py            # everything (a minute or two)
    .venv/bin/python bench/bench_search.py --quick    # fewer runs
    .venv/bin/python bench/bench_search.py --no-scale # skip the 100x transcript

Run it with the interpreter lvcli is installed in: it imports lvcli, and runs the `lvcli` beside
that interpreter. Four tables:

1. In-process, on the bundled transcript: parsing (what every command pays), building the search
   index, and each kind of query on a built index; the median CPU time of many runs, in ms.
2. End to end: `lvcli search QUERY` against `lvcli show 12` (start-up, parsing, printing), the
   two run back to back in each round: the medians of wall and CPU time, what a search adds (the
   median of the per-round CPU differences), the lower quartile of each and, with valgrind, the
   instructions each run executes. A slip of two edits (no transcript word one edit away) also
   pays for importing rapidfuzz; one of one edit does not.
3. Scale: the exchanges repeated 100 times (about 9.6 MB), in process and end to end.
4. Ranking quality of other methods over the same sentences, on the development cases in
   ../shared/search-dev.json (when present) and the held-out cases in tests/test_search.py:
   rapidfuzz's process.extract with WRatio (its default), token_set_ratio and partial_ratio.

Nothing here is a test and nothing fails on a slow figure: it measures and prints.
"""

from __future__ import annotations

import argparse
import ast
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lvcli.search import SearchIndex
from lvcli.source import bundled_bytes
from lvcli.transcript import Transcript, parse
from run import count_instructions, scaled_text  # bench/run.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
LVCLI = str(Path(sys.executable).with_name("lvcli"))
DEV_CASES = ROOT.parent / "shared" / "search-dev.json"

QUERIES = {
    "exact": "security guarantees",
    "typo": "secruity guarantes",
    "partial name": "kapodistr",
    "half-remembered": "we harness our horses slowly but then we ride",
    "a name in many answers": "NATO",
    "a word in half the answers": "Russia",
    "common word": "the",
    "two common words": "of the",
}


def thousand_words(text: str) -> str:
    """A query of 1,000 words drawn from the transcript itself, so most of them are found."""
    pool = text.split()
    chooser = random.Random(14)
    return " ".join(chooser.choice(pool) for _ in range(1000))


def median_ms(action: Callable[[], object], runs: int) -> float:
    """The median CPU time of the action: steadier than wall time on a machine others are using."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return 1000 * statistics.median(times)


def in_process(text: str, queries: dict[str, str], runs: int) -> None:
    doc = parse(text)
    parse_ms = median_ms(lambda: parse(text), runs)
    index_ms = median_ms(lambda: SearchIndex(doc), runs)
    print(f"  parse the transcript           {parse_ms:8.2f} ms   (every command pays this)")
    print(f"  build the search index         {index_ms:8.2f} ms")
    index = SearchIndex(doc)
    index.search("secruit")  # import rapidfuzz once (a slip of two edits), outside the timings
    for name, query in queries.items():
        query_ms = median_ms(lambda q=query: SearchIndex(doc).search(q), runs) - index_ms
        total = index_ms + query_ms
        print(f"  query: {name:22} {query_ms:8.2f} ms   index + query {total:7.2f} ms")


def wall(argv: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(argv[:3])} ... failed with status {done.returncode}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def instructions(argv: list[str]) -> float | None:
    """Millions of instructions one run executes (valgrind, as bench/run.py counts them); None without valgrind."""
    return count_instructions(argv) if shutil.which("valgrind") else None


def lower_quartile(values: list[float]) -> float:
    return statistics.quantiles(values, n=4)[0] if len(values) > 1 else values[0]


def end_to_end(queries: dict[str, str], rounds: int, transcript: Path | None = None) -> None:
    """Each search against `show 12`, the two run back to back in every round.

    On a shared machine a run lands now in a fast period, now in a slow one (here the same
    command took 100 ms or 150 ms), so the medians of two commands taken apart can differ by more
    than the commands do. What a search adds is taken round by round instead, search minus the
    `show 12` run just before it, and the median of those differences is reported; beside it,
    the difference of the lower quartiles of CPU time (the runs in the fast periods, steadier
    than the single fastest run) and, with valgrind, of instruction counts.
    """
    extra = ["--transcript", str(transcript)] if transcript else []
    baseline = [LVCLI, "show", "12", *extra]
    commands = {name: [LVCLI, "search", query, *extra] for name, query in queries.items()}
    times: dict[str, list[tuple[float, float]]] = {"show 12": [], **{name: [] for name in commands}}
    wall(baseline)  # warm the file cache
    paired: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            before = wall(baseline)
            times["show 12"].append(before)
            after = wall(argv)
            times[name].append(after)
            paired[name].append(after[1] - before[1])
    floor_wall = statistics.median(t[0] for t in times["show 12"])
    floor_cpu = statistics.median(t[1] for t in times["show 12"])
    floor_quartile = lower_quartile([t[1] for t in times["show 12"]])
    floor_instructions = instructions(baseline) if not transcript else None
    print(
        f"  {'':32} {'wall':>9} {'CPU':>9}  {'CPU added':>10} {'quartile':>9} {'added':>9}"
        + ("   instructions  added" if floor_instructions else "")
    )
    print(
        f"  {'lvcli show 12 (baseline)':32} {1000 * floor_wall:6.1f} ms {1000 * floor_cpu:6.1f} ms  {'':10} "
        f"{1000 * floor_quartile:6.1f} ms {'':9}" + (f"   {floor_instructions:8.1f} M" if floor_instructions else "")
    )
    for name, argv in commands.items():
        w = statistics.median(t[0] for t in times[name])
        c = statistics.median(t[1] for t in times[name])
        added = statistics.median(paired[name])
        quartile = lower_quartile([t[1] for t in times[name]])
        count = instructions(argv) if floor_instructions else None
        print(
            f"  {'lvcli search <' + name + '>':32} {1000 * w:6.1f} ms {1000 * c:6.1f} ms  {1000 * added:+7.1f} ms "
            f"{1000 * quartile:6.1f} ms {1000 * (quartile - floor_quartile):+6.1f} ms"
            + (f"   {count:8.1f} M {count - floor_instructions:+6.1f} M" if count and floor_instructions else "")
        )


# --- ranking quality of other methods -------------------------------------------------------------


def cases() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if DEV_CASES.exists():
        found += [(c["query"], c["gold"]) for c in json.loads(DEV_CASES.read_text(encoding="utf-8"))]
    # read, not imported: the bench needs no test dependencies
    module = ast.parse((ROOT / "tests" / "test_search.py").read_text(encoding="utf-8"))
    held_out = next(
        node.value
        for node in module.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "HELD_OUT" for t in node.targets)
    )
    return found + list(ast.literal_eval(held_out))


def same(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("–", "-").replace("*", "").split())


def score_ranker(name: str, ranker: Callable[[str], list[str]], pairs: list[tuple[str, str]]) -> None:
    ranks = []
    for query, gold in pairs:
        hits = ranker(query)[:10]
        ranks.append(next((i for i, h in enumerate(hits, 1) if same(gold) in same(h)), None))
    n = len(ranks)
    at1 = sum(r == 1 for r in ranks) / n
    at5 = sum(r is not None and r <= 5 for r in ranks) / n
    mrr = sum(1 / r for r in ranks if r) / n
    print(f"  {name:34} hit@1 {at1:.3f}   hit@5 {at5:.3f}   MRR {mrr:.3f}")


def quality(doc: Transcript) -> None:
    from rapidfuzz import fuzz, process, utils

    pairs = cases()
    sentences = [s.text for s in doc.sentences]
    index = SearchIndex(doc)
    print(f"  {len(pairs)} cases ({'development + held-out' if DEV_CASES.exists() else 'held-out only'})")
    score_ranker("lvcli", lambda q: [h.text for h in index.search(q, limit=10, min_score=0)], pairs)
    for name, scorer in (
        ("WRatio", fuzz.WRatio),
        ("token_set_ratio", fuzz.token_set_ratio),
        ("partial_ratio", fuzz.partial_ratio),
    ):
        score_ranker(
            f"process.extract, {name}",
            lambda q, s=scorer: [
                m[0] for m in process.extract(q, sentences, scorer=s, processor=utils.default_process, limit=10)
            ],
            pairs,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--no-scale", action="store_true", help="skip the 100x transcript")
    args = parser.parse_args()
    runs, rounds = (10, 5) if args.quick else (40, 15)

    text = bundled_bytes().decode("utf-8")
    queries = {**QUERIES, "1,000 words": thousand_words(text)}

    print(f"In process, bundled transcript (median of {runs} runs):")
    in_process(text, queries, runs)
    print(f"\nEnd to end, bundled transcript (median of {rounds} rounds; budget: search adds < 10 ms):")
    end_to_end(queries, rounds)
    if not args.no_scale:
        big = scaled_text(text, 100)
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / "transcript-100x.txt"
        if not path.exists() or path.read_text(encoding="utf-8") != big:
            path.write_text(big, encoding="utf-8")
        size = len(big.encode("utf-8")) / 1e6
        print(f"\nScale: the exchanges repeated 100 times ({size:.1f} MB), in process (median of 3 runs):")
        in_process(big, queries, 3)
        print("\nScale, end to end with --transcript (median of 3 rounds; budget 1.5 s):")
        end_to_end(queries, 3, path)
    print("\nRanking quality, top 10 over the same sentences:")
    quality(parse(text))


if __name__ == "__main__":
    main()
