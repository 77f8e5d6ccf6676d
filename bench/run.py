"""How long lvcli makes people wait: each command against the interpreter's start-up, and on big transcripts.

    python3 bench/run.py                   # .venv/bin/lvcli, the python beside it as the floor
    python3 bench/run.py --quick           # fewer runs, for a first look
    python3 bench/run.py --instructions    # also count instructions (valgrind): the same on a busy machine
    python3 bench/run.py --lvcli PATH      # any installed lvcli (another Typer, say)
    python3 bench/run.py --json FILE       # also write every figure to FILE

Start-up: hyperfine times the floor, `python -c 'import typer'` with lvcli's own interpreter, and
each command of issue 11's budget list, output to /dev/null, in short rounds, the order reversed
every other round. A command's ratio is the median over rounds of its median over the floor's in
the same round: a busy spell of a shared machine slows both sides of a round alike. Topics are
read from the cache, as on every call but a transcript's first; first calls (the cache directory
emptied before each run) are timed apart and have no budget.

Scale: the transcript's exchanges repeated 10 and 100 times (written to bench/out/), each command
run on each size with --transcript: the median wall time of a few runs, and the largest peak
resident set GNU time reports. The budgets apply at 100x.

Nothing here is a test: it prints tables with each budget beside its figure, and exits 0 whatever
the figures are, unless a command fails or a tool is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
QUERY, SLIP_ONE, SLIP_TWO = "security guarantees", "secruity guarantes", "secruit guarantees"
# (what is run after `lvcli`, its budget as a ratio to the floor)
STARTUP = (
    (["list"], 1.25),
    (["show", "12"], 1.25),
    (["search", QUERY], 1.4),
    (["search", SLIP_ONE], 1.6),
    (["search", SLIP_TWO], 1.6),
    (["topics"], 1.5),
    (["list", "--color", "always"], 1.7),
    (["show", "12", "--color", "always"], 1.7),
    (["topics", "--color", "always"], 1.7),
)
FIRST_CALLS = (["topics"], ["list", "--color", "always"])
# on the 100x transcript: (what is run, seconds, whether it is a first call); each within MEGABYTES
SCALE = (
    (["list"], 1.0, False),
    (["show", "LAST"], 1.0, False),
    (["search", QUERY], 1.5, False),
    (["search", SLIP_TWO], 1.5, False),
    (["search", "the"], 1.5, False),
    (["topics"], 3.0, False),
    (["topics"], None, True),
)
MEGABYTES = 300
SIZES = (1, 10, 100)
FLOOR = "floor: python -c 'import typer'"


def die(message: str) -> None:
    sys.stderr.write(f"bench: {message}\n")
    raise SystemExit(2)


def quiet_env(cache: Path) -> dict[str, str]:
    """The environment of every timed command: nothing that changes what lvcli does, and a cache of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LVCLI_") and k not in ("NO_COLOR", "FORCE_COLOR")}
    return env | {"XDG_CACHE_HOME": str(cache), "PYTHONHASHSEED": "0"}


def label(args: list[str], first: bool = False) -> str:
    return "lvcli " + shlex.join(args) + (" (first call)" if first else "")


def scaled_text(text: str, times: int) -> str:
    """The transcript with its questions and answers repeated `times` times, numbered on (29 become 2,900 at 100x);
    the header and the opening remarks stay once at the top, the source URL once at the end."""
    lines = text.rstrip().split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("Question:"))
    url = lines[-1] if lines[-1].startswith("http") else None
    head = "\n".join(lines[:first]).rstrip() + "\n\n"
    body = "\n".join(lines[first : len(lines) - (1 if url else 0)]).strip() + "\n\n"
    return head + body * times + (f"{url}\n" if url else "")


def build_transcripts() -> dict[int, Path]:
    text = (ROOT / "data" / "transcript.txt").read_text(encoding="utf-8")
    OUT.mkdir(parents=True, exist_ok=True)
    paths = {}
    for times in SIZES:
        paths[times] = path = OUT / f"transcript-{times}x.txt"
        data = scaled_text(text, times)
        if not path.exists() or path.read_text(encoding="utf-8") != data:
            path.write_text(data, encoding="utf-8")
    return paths


def count_instructions(argv: list[str], env: dict[str, str] | None = None) -> float:
    """Millions of instructions one run executes, by valgrind: the same on a busy machine as on an idle one."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=(env or dict(os.environ)) | {"PYTHONHASHSEED": "0"},
        check=False,
    )
    counted = [line for line in done.stderr.splitlines() if "Collected :" in line]
    if not counted:
        die(f"valgrind gave no count for {shlex.join(argv)}")
    return int(counted[0].split(":")[1]) / 1e6


def startup(
    python: str, lvcli: str, commands: dict[str, list[str]], rounds: int, runs: int, cache: Path, cold: bool
) -> dict[str, list[float]]:
    """The floor's and each command's ratio to the floor, round by round; `cold` empties the cache before each run."""
    timed = [(FLOOR, [python, "-c", "import typer"]), *((name, [lvcli, *args]) for name, args in commands.items())]
    ratios: dict[str, list[float]] = {name: [] for name, _ in timed}
    for number in range(rounds):
        print(f"{'first calls' if cold else 'start-up'}: round {number + 1}/{rounds} ...", file=sys.stderr)
        argv = ["hyperfine", "-N", "--style", "none", "--warmup", "1", "--runs", str(runs)]
        if cold:
            argv += ["--prepare", f"rm -rf {cache}"]
        for name, cmd in timed if number % 2 == 0 else timed[::-1]:
            argv += ["-n", name, shlex.join(cmd)]
        with tempfile.NamedTemporaryFile(suffix=".json") as export:
            done = subprocess.run(
                [*argv, "--export-json", export.name], capture_output=True, text=True, env=quiet_env(cache)
            )
            if done.returncode != 0:
                die(f"hyperfine failed:\n{done.stderr.strip()}")
            medians = {r["command"]: statistics.median(r["times"]) for r in json.load(export)["results"]}
        for name, _ in timed:
            ratios[name].append(medians[name] / medians[FLOOR])
    return ratios


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak megabytes of one run, output to /dev/null. GNU time forks the command from its
    own small process: a child forked from this (larger) one would count its pages until it execs."""
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", report.name, *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            timeout=300,
            check=False,
        )
        seconds = time.perf_counter() - start
        words = report.read().split()
    if done.returncode != 0:
        die(f"{shlex.join(argv)} exited {done.returncode}")
    return seconds, int(words[-1]) / 1024  # the last word: any "Command exited with ..." comes first


def scale(lvcli: str, paths: dict[int, Path], repeat: int, cache: Path) -> list[dict[str, object]]:
    """Each command of SCALE on each size: the median wall time and the largest peak memory of `repeat` runs."""
    rows: list[dict[str, object]] = []
    for times, path in paths.items():
        env = quiet_env(cache)
        listed = subprocess.run([lvcli, "list", "--transcript", str(path)], capture_output=True, text=True, env=env)
        last = str(len(listed.stdout.splitlines()))
        for args, budget, first in SCALE:
            args = [last if a == "LAST" else a for a in args]
            argv = [lvcli, *args, "--transcript", str(path)]
            print(f"scale {times}x: {label(args, first)} ...", file=sys.stderr)
            shutil.rmtree(cache, ignore_errors=True)
            if not first:
                run_once(argv, env)  # the first call fills the cache; the timed ones read it
            runs = []
            for _ in range(repeat):
                if first:
                    shutil.rmtree(cache, ignore_errors=True)
                runs.append(run_once(argv, env))
            seconds, megabytes = statistics.median(s for s, _ in runs), max(m for _, m in runs)
            within = (budget is None or seconds <= budget) and megabytes <= MEGABYTES
            rows.append(
                {
                    "command": label(args, first),
                    "times": times,
                    "size_mb": path.stat().st_size / 1e6,
                    "seconds": seconds,
                    "peak_mb": megabytes,
                    "budget_s": budget,
                    "verdict": verdict(within) if times == 100 else "",
                }
            )
    return rows


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISS"


def startup_table(
    ratios: dict[str, list[float]], budgets: dict[str, float], counted: dict[str, float] | None
) -> list[dict[str, object]]:
    """Print the start-up table; return its rows."""
    floor = next(iter(ratios))
    print("| command | ratio to the floor | budget | |" + (" instructions | ratio |" if counted else ""))
    print("|---|---:|---:|---|" + ("---:|---:|" if counted else ""))
    rows: list[dict[str, object]] = []
    for name, per_round in ratios.items():
        ratio, budget = statistics.median(per_round), budgets.get(name)
        mark = verdict(ratio <= budget) if budget else ""
        line = f"| `{name}` | {ratio:.2f}× | {f'≤ {budget:.2f}×' if budget else ''} | {mark} |"
        if counted:
            line += f" {counted[name]:.0f} M | {counted[name] / counted[floor]:.2f}× |"
        print(line)
        rows.append({"command": name, "ratio": ratio, "budget": budget, "verdict": mark})
    return rows


def scale_table(rows: list[dict[str, object]], repeat: int) -> None:
    print(f"| command | size | median wall ({repeat} runs) | peak memory | budget at 100× | |")
    print("|---|---:|---:|---:|---:|---|")
    for r in rows:
        budget = f"≤ {MEGABYTES} MB" if r["times"] == 100 else ""
        if r["times"] == 100 and r["budget_s"]:
            budget = f"≤ {r['budget_s']:.1f} s, {budget}"
        print(
            f"| `{r['command']}` {r['times']}× | {r['size_mb']:.1f} MB | {r['seconds']:.2f} s "
            f"| {r['peak_mb']:.0f} MB | {budget} | {r['verdict']} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lvcli", help="the lvcli to measure (default: .venv/bin/lvcli, else the one on PATH)")
    parser.add_argument("--rounds", type=int, default=15, help="start-up rounds (default 15)")
    parser.add_argument("--runs", type=int, default=5, help="hyperfine runs per command per round (default 5)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per scale measurement (default 3)")
    parser.add_argument("--quick", action="store_true", help="5 rounds of 3 runs, 2 runs per scale measurement")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--instructions", action="store_true", help="also count each start-up's instructions")
    parser.add_argument("--json", metavar="FILE", help="also write every figure to FILE as JSON")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.runs, args.repeat = 5, 3, 2
    tools = {"hyperfine": not args.skip_startup, "/usr/bin/time": not args.skip_scale, "valgrind": args.instructions}
    for tool in (t for t, needed in tools.items() if needed and not shutil.which(t)):
        die(f"{tool} is not installed (Debian/Ubuntu: apt-get install {Path(tool).name})")
    default = ROOT / ".venv" / "bin" / "lvcli"
    lvcli = os.path.abspath(args.lvcli or (str(default) if default.exists() else shutil.which("lvcli") or "lvcli"))
    python = str(Path(lvcli).with_name("python"))
    if not (os.path.exists(lvcli) and os.path.exists(python)):
        die("no lvcli with a python beside it; install one (pip install .) or give --lvcli PATH")
    version = subprocess.run(
        [python, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True
    )
    print(f"lvcli: {lvcli}; Python {version.stdout.strip()}; {os.cpu_count()} CPUs\n")
    figures: dict[str, object] = {}
    cache = Path(tempfile.mkdtemp(prefix="lvcli-bench-cache-"))
    try:
        if not args.skip_startup:
            warm = {label(a): a for a, _ in STARTUP}
            first = {label(a, True): a for a in FIRST_CALLS}
            ratios = startup(python, lvcli, warm, args.rounds, args.runs, cache, cold=False)
            cold = startup(python, lvcli, first, args.rounds, args.runs, cache, cold=True)
            ratios |= {name: per_round for name, per_round in cold.items() if name != FLOOR}
            counted = None
            if args.instructions:
                counted = {FLOOR: count_instructions([python, "-c", "import typer"], quiet_env(cache))}
                for name, argv in (warm | first).items():
                    if name in first:
                        shutil.rmtree(cache, ignore_errors=True)
                    counted[name] = count_instructions([lvcli, *argv], quiet_env(cache))
            figures["startup"] = startup_table(ratios, {label(a): b for a, b in STARTUP}, counted)
            print(f"\n{args.rounds} rounds of {args.runs} runs: the median of the rounds' ratios of medians.\n")
        if not args.skip_scale:
            figures["scale"] = rows = scale(lvcli, build_transcripts(), args.repeat, cache)
            scale_table(rows, args.repeat)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
