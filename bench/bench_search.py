"""How fast `lvcli search` is against its budgets, and how well other ways of ranking would do.

    .venv/bin/python bench/bench_search.py            # a few minutes
    .venv/bin/python bench/bench_search.py --quick    # fewer rounds
    .venv/bin/python bench/bench_search.py --lvcli PATH   # another install of lvcli

Run it with the interpreter lvcli is installed in (its `python -c 'import typer'` is the floor).

1. Start-up, all in one run: hyperfine times the floor and each search in rounds, the order
   reversed every other round; a command's ratio is the median over rounds of its median wall
   time (and of its CPU time) over the floor's.  Beside them, the ratio of valgrind's instruction
   counts, which a busy machine does not disturb.  Budgets (issue 11): "security guarantees" 1.4x
   the floor; a search with a slip of one edit or two 1.6x.
2. Scale: the exchanges repeated 100 times (bench/out/transcript-100x.txt).  Each search's wall
   and CPU time (median of 3 runs) and its peak resident memory; budget 1.5 s and 300 MB.
3. Ranking quality of rapidfuzz's own `process.extract` over the same sentences, on the
   development cases in ../shared/search-dev.json (when present) and the held-out cases in
   tests/test_search.py, beside lvcli's.

Nothing here is a test and nothing fails on a slow figure: it measures and prints.
"""

from __future__ import annotations

import argparse
import ast
import json
import random
import shutil
import statistics
import sys
from pathlib import Path

from lvcli.search import SearchIndex
from lvcli.source import bundled_bytes
from lvcli.transcript import parse
from run import count_instructions, hyperfine_round, run_once, scaled_text  # bench/run.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
DEV_CASES = ROOT.parent / "shared" / "search-dev.json"

# (what it is, the query, its budget as a multiple of the floor, where issue 11 sets one)
STARTUP: tuple[tuple[str, str, float | None], ...] = (
    ("exact", "security guarantees", 1.4),
    ("a slip of one edit", "secruity guarantes", 1.6),
    ("a slip of two edits", "secruit guarantees", 1.6),
    ("the start of a name", "kapodistr", None),
    ("a common word", "the", None),
    ("two common words", "of the", None),
)
SCALE_QUERIES = (
    "security guarantees",
    "secruity guarantes",
    "secruit guarantees",
    "kapodistr",
    "NATO",
    "Russia",
    "the",
    "of the",
)
PASSAGE = "1,000 words drawn from the transcript"
SCALE_SECONDS, SCALE_MB = 1.5, 300.0


def thousand_words(text: str) -> str:
    """A pasted passage: 1,000 words drawn from the transcript itself, so most of them are found."""
    pool = text.split()
    chooser = random.Random(14)
    return " ".join(chooser.choice(pool) for _ in range(1000))


def startup(python: str, lvcli: str, rounds: int, runs: int) -> None:
    floor = ("floor", [python, "-c", "import typer"])
    commands = [floor] + [(query, [lvcli, "search", query]) for _, query, _ in STARTUP]
    wall: dict[str, list[float]] = {name: [] for name, _ in commands}
    cpu: dict[str, list[float]] = {name: [] for name, _ in commands}
    for number in range(rounds):
        print(f"start-up round {number + 1}/{rounds} ...", file=sys.stderr)
        order = commands if number % 2 == 0 else commands[::-1]
        results = hyperfine_round(order, runs, 2)
        for name in wall:
            wall[name].append(statistics.median(results[name][0]) / statistics.median(results["floor"][0]))
            cpu[name].append(results[name][1] / results["floor"][1])
    counts = {name: count_instructions(argv) for name, argv in commands} if shutil.which("valgrind") else {}
    print(f"Start-up, ratios to `python -c 'import typer'` (median of {rounds} rounds of {runs} runs each)")
    print(f"  {'':58} {'wall':>6} {'CPU':>6} {'instructions':>13} {'budget':>7}")
    if counts:
        print(f"  {'floor':58} {'1.00':>6} {'1.00':>6} {counts['floor']:10.1f} M")
    for kind, query, budget in STARTUP:
        by_count = f"{counts[query] / counts['floor']:13.2f}" if counts else f"{'-':>13}"
        limit = f"{budget:6.1f}x" if budget else f"{'-':>7}"
        name = f"lvcli search {query!r} ({kind})"
        print(
            f"  {name:58} {statistics.median(wall[query]):6.2f} {statistics.median(cpu[query]):6.2f} {by_count} {limit}"
        )


def scale(lvcli: str) -> None:
    text = scaled_text(bundled_bytes().decode("utf-8"), 100)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "transcript-100x.txt"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    print(f"\nScale: the exchanges repeated 100 times ({path.stat().st_size / 1e6:.1f} MB), median of 3 runs")
    print(f"  {'':54} {'wall':>7} {'CPU':>7} {'peak':>8}   budget {SCALE_SECONDS} s, {SCALE_MB:.0f} MB")
    queries = {f"lvcli search {query!r}": query for query in SCALE_QUERIES}
    queries[f"lvcli search <{PASSAGE}>"] = thousand_words(text)
    for name, query in queries.items():
        print(f"scale: {name} ...", file=sys.stderr)
        runs = [run_once([lvcli, "search", query, "--transcript", str(path)], timeout=60) for _ in range(3)]
        wall, cpu = statistics.median(r.seconds for r in runs), statistics.median(r.cpu for r in runs)
        peak = max(r.peak_mb for r in runs)
        print(f"  {name:54} {wall:5.2f} s {cpu:5.2f} s {peak:5.0f} MB")


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


def quality() -> None:
    from rapidfuzz import fuzz, process, utils

    doc = parse(bundled_bytes().decode("utf-8"))
    sentences = [s.text for s in doc.sentences]
    index = SearchIndex(doc)
    pairs = cases()
    rankers = {
        "lvcli": lambda q: [h.text for h in index.search(q, limit=10, min_score=0)],
        **{
            f"process.extract, {name}": lambda q, s=scorer: [
                m[0] for m in process.extract(q, sentences, scorer=s, processor=utils.default_process, limit=10)
            ]
            for name, scorer in (
                ("WRatio", fuzz.WRatio),
                ("token_set_ratio", fuzz.token_set_ratio),
                ("partial_ratio", fuzz.partial_ratio),
            )
        },
    }
    print(f"\nRanking quality, top 10 over the same sentences, {len(pairs)} cases")
    for name, ranker in rankers.items():
        ranks = []
        for query, gold in pairs:
            hits = ranker(query)
            ranks.append(next((i for i, h in enumerate(hits, 1) if same(gold) in same(h)), None))
        at1 = sum(r == 1 for r in ranks) / len(ranks)
        at5 = sum(r is not None and r <= 5 for r in ranks) / len(ranks)
        mrr = sum(1 / r for r in ranks if r) / len(ranks)
        print(f"  {name:34} hit@1 {at1:.3f}   hit@5 {at5:.3f}   MRR {mrr:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    parser.add_argument("--lvcli", default=str(Path(sys.executable).with_name("lvcli")), help="the lvcli to time")
    args = parser.parse_args()
    rounds, runs = (3, 5) if args.quick else (10, 10)
    python = str(Path(args.lvcli).with_name("python"))
    startup(python, args.lvcli, rounds, runs)
    scale(args.lvcli)
    quality()


if __name__ == "__main__":
    main()
