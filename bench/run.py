"""The start-up and scale benchmark: how much lvcli costs on top of the interpreter, and how it grows.

    python3 bench/run.py                     # uses .venv/bin/lvcli and .venv/bin/python
    python3 bench/run.py --lvcli PATH        # any installed lvcli (its venv's python is the floor)
    python3 bench/run.py --quick             # fewer runs, for a first look
    python3 bench/run.py --typer-compare     # also: the same install with Typer 0.28 and with 0.29

Start-up: hyperfine (Debian's `hyperfine` package) times the floor, `python -c 'import typer'`
with lvcli's own interpreter, against `lvcli list`, `lvcli show 12`, `lvcli search "security
guarantees"` and `lvcli show 12 --color always`, all writing to /dev/null. It does so in many short
rounds, each timing every command a few times, in turn, the order reversed every other round. A
command's ratio is the median over rounds of its median over the floor's median in that round: a
shared machine that runs everything slower for a few seconds slows both sides of a round alike.
The ratio of the overall medians is printed beside it.

Scale: the transcript's exchanges repeated to 10 and 100 times its size (the 100x file is about
9.6 MB with 2,900 exchanges), written to bench/out/, and `list`, `show <last>` and `search` run on
each size with `--transcript`. Wall time is the median of several runs; peak memory is the largest
resident set GNU time reports for the command (`/usr/bin/time -f %M`, as `-v` prints it).

Nothing here is a test: it measures and prints a table, with each figure's budget beside it. The
exit status is 0 whatever the figures are, unless a command fails or a tool is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
TRANSCRIPT = ROOT / "data" / "transcript.txt"
QUERY = "security guarantees"
SCALES = (1, 10, 100)

# (name, arguments after `lvcli`, budget as a multiple of the floor)
STARTUP = (
    ("lvcli list", ["list"], 1.2),
    ("lvcli show 12", ["show", "12"], 1.2),
    (f'lvcli search "{QUERY}"', ["search", QUERY], 1.35),
    ("lvcli show 12 --color always", ["show", "12", "--color", "always"], 1.7),
)
# at 100x: (seconds, megabytes)
SCALE_BUDGET = {"list": (1.0, 300.0), "show": (1.0, 300.0), "search": (1.5, 300.0)}


def die(message: str) -> None:
    sys.stderr.write(f"bench: {message}\n")
    raise SystemExit(2)


def quiet_env() -> dict[str, str]:
    """The environment for every timed command: no variable that would change what lvcli does."""
    env = dict(os.environ)
    for name in ("LVCLI_TRANSCRIPT", "LVCLI_PAGER", "PAGER", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES"):
        env.pop(name, None)
    return env


def has_command(lvcli: str, name: str) -> bool:
    done = subprocess.run([lvcli, name, "--help"], capture_output=True, env=quiet_env(), check=False)
    return done.returncode == 0


# --- the scaled transcripts ---------------------------------------------------------------------


def scaled_text(text: str, times: int) -> str:
    """The transcript with its question-and-answer body repeated `times` times.

    The header and the opening remarks stay once, at the top; the source URL stays once, at the
    end; the exchanges from the first "Question:" to the last answer are repeated, so exchange
    numbers run on (29 become 2,900 at 100x) and every exchange still parses as in the original.
    """
    lines = text.rstrip().split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("Question:"))
    last = len(lines) - 1
    url = lines[last] if lines[last].startswith("http") else None
    body_end = last if url else len(lines)
    head = "\n".join(lines[:first]).rstrip() + "\n\n"
    body = "\n".join(lines[first:body_end]).strip() + "\n\n"
    return head + body * times + (f"{url}\n" if url else "")


def build_transcripts(out: Path) -> dict[int, Path]:
    text = TRANSCRIPT.read_text(encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for times in SCALES:
        path = out / f"transcript-{times}x.txt"
        data = scaled_text(text, times)
        if not path.exists() or path.read_text(encoding="utf-8") != data:
            path.write_text(data, encoding="utf-8")
        paths[times] = path
    return paths


# --- start-up, with hyperfine ---------------------------------------------------------------------


@dataclass
class Startup:
    name: str
    budget: float | None
    times: list[float]  # seconds, every run of every round
    cpu: list[float]  # user + system seconds, the mean of each round
    rounds: list[float]  # seconds, the median of each round
    instructions: float | None = None  # millions, from valgrind, when asked for

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def hyperfine_round(
    commands: list[tuple[str, list[str]]], runs: int, warmup: int
) -> dict[str, tuple[list[float], float]]:
    """Each command's wall times, and its mean CPU time (user + system) over the round."""
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        argv = ["hyperfine", "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(runs)]
        argv += ["--export-json", export.name]
        for name, cmd in commands:
            argv += ["-n", name, shlex.join(cmd)]
        done = subprocess.run(argv, capture_output=True, text=True, env=quiet_env(), check=False)
        if done.returncode != 0:
            die(f"hyperfine failed:\n{done.stderr.strip()}")
        results = json.loads(Path(export.name).read_text())["results"]
    return {r["command"]: (r["times"], r["user"] + r["system"]) for r in results}


def measure_startup(
    python: str, lvcli: str, rounds: int, runs: int, warmup: int, instructions: bool = False
) -> list[Startup]:
    floor = ("floor: python -c 'import typer'", [python, "-c", "import typer"])
    commands = [floor]
    budgets: dict[str, float | None] = {floor[0]: None}
    for name, args, budget in STARTUP:
        if args[0] == "search" and not has_command(lvcli, "search"):
            print(f"(skipping {name}: this lvcli has no search command)", file=sys.stderr)
            continue
        commands.append((name, [lvcli, *args]))
        budgets[name] = budget
    collected: dict[str, list[float]] = {name: [] for name, _ in commands}
    cpu: dict[str, list[float]] = {name: [] for name, _ in commands}
    per_round: dict[str, list[float]] = {name: [] for name, _ in commands}
    for number in range(rounds):
        print(f"start-up round {number + 1}/{rounds} ...", file=sys.stderr)
        # alternate the order, so neither end of a round is always the floor
        order = commands if number % 2 == 0 else commands[::-1]
        for name, (times, mean_cpu) in hyperfine_round(order, runs, warmup).items():
            collected[name].extend(times)
            cpu[name].append(mean_cpu)
            per_round[name].append(statistics.median(times))
    results = [Startup(name, budgets[name], collected[name], cpu[name], per_round[name]) for name, _ in commands]
    if instructions:
        for result, (_, argv) in zip(results, commands, strict=True):
            print(f"instructions: {result.name} ...", file=sys.stderr)
            result.instructions = count_instructions(argv)
    return results


def count_instructions(argv: list[str]) -> float:
    """Millions of instructions one run executes, by valgrind: the same on a busy machine as on an idle one."""
    env = quiet_env() | {"PYTHONHASHSEED": "0"}
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        check=False,
    )
    for line in done.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[1]) / 1e6
    die(f"valgrind gave no count for {shlex.join(argv)}")
    raise AssertionError  # not reached


# --- scale, with GNU time ----------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds
    peak_mb: float
    status: int


def run_once(argv: list[str], timeout: float) -> Run:
    """Run with output to /dev/null: the wall time, and the peak resident set `/usr/bin/time` reports.

    GNU time forks the command from its own small process; `wait4` on a child forked from this
    (large) Python process would count this process's pages in the child's peak until it execs.
    """
    with tempfile.NamedTemporaryFile("r") as report, open(os.devnull, "wb") as devnull:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.Popen(
            ["/usr/bin/time", "-f", "%M", "-o", report.name, *argv],
            stdout=devnull,
            stderr=subprocess.DEVNULL,
            env=quiet_env(),
        )
        try:
            status = proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            die(f"{shlex.join(argv)} took more than {timeout:.0f} s")
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        lines = report.read().split()
    # CPU to the microsecond from this process's children (GNU time's own %U is in hundredths);
    # memory in kilobytes, the last word after any "Command exited with non-zero status N"
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_kb = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return Run(seconds, cpu, peak_kb / 1024, status)


@dataclass
class Scaled:
    command: str
    times: int
    size_mb: float
    exchanges: int
    seconds: float
    cpu: float  # median
    least_cpu: float  # the least disturbed run, for the growth ratios
    peak_mb: float
    instructions: float | None = None  # millions, when counted


def measure_scale(
    lvcli: str, paths: dict[int, Path], repeat: int, with_search: bool, instructions: bool = False
) -> list[Scaled]:
    results: list[Scaled] = []
    questions_1x = None
    for times, path in paths.items():
        listing = subprocess.run(
            [lvcli, "list", "--transcript", str(path)], capture_output=True, text=True, env=quiet_env(), check=False
        )
        if listing.returncode != 0:
            die(f"lvcli list --transcript {path} failed: {listing.stderr.strip()}")
        exchanges = len(listing.stdout.splitlines())
        questions_1x = questions_1x or exchanges
        commands = {"list": ["list"], "show": ["show", str(exchanges)]}
        if with_search:
            commands["search"] = ["search", QUERY]
        for name, args in commands.items():
            print(f"scale {times}x: {name} ...", file=sys.stderr)
            argv = [lvcli, *args, "--transcript", str(path)]
            runs = [run_once(argv, timeout=120) for _ in range(repeat)]
            failed = [r.status for r in runs if r.status != 0]
            if failed:
                die(f"{shlex.join(argv)} exited {failed[0]}")
            results.append(
                Scaled(
                    name,
                    times,
                    path.stat().st_size / 1e6,
                    exchanges,
                    statistics.median(r.seconds for r in runs),
                    statistics.median(r.cpu for r in runs),
                    min(r.cpu for r in runs),
                    max(r.peak_mb for r in runs),
                    count_instructions(argv) if instructions else None,
                )
            )
    return results


# --- Typer 0.28 against 0.29 ------------------------------------------------------------------------


def typer_compare(
    rounds: int, runs: int, warmup: int, instructions: bool = False
) -> list[tuple[str, str, list[Startup]]]:
    """The same lvcli installed twice into fresh venvs, once with Typer 0.28 and once with 0.29.

    0.29 falls outside what pyproject.toml allows, so it is put in after lvcli with --no-deps,
    with what 0.29 itself asks for; pip's warning about the conflict is the point of the exercise.
    """
    results = []
    for label, spec in (("0.28", "typer>=0.28,<0.29"), ("0.29", "typer>=0.29,<0.30")):
        venv = OUT / f"venv-typer-{label}"
        python = venv / "bin" / "python"
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
            subprocess.run([*pip, str(ROOT)], check=True)
            subprocess.run([*pip, "--force-reinstall", spec], check=True)
        version = subprocess.run(
            [str(python), "-c", "import typer; print(typer.__version__)"], capture_output=True, text=True, check=True
        ).stdout.strip()
        print(f"typer {version} ...", file=sys.stderr)
        results.append(
            (
                label,
                version,
                measure_startup(str(python), str(venv / "bin" / "lvcli"), rounds, runs, warmup, instructions),
            )
        )
    return results


# --- the report -----------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}"


def versions(python: str) -> str:
    code = (
        "import sys, importlib.metadata as m; "
        "print(sys.version.split()[0], *(f'{p} {m.version(p)}' for p in ('typer', 'rich', 'rapidfuzz')), sep=', ')"
    )
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    return "Python " + done.stdout.strip() if done.returncode == 0 else "unknown versions"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISS"


def round_ratio(command: Startup, floor: Startup) -> float:
    """The median, over rounds, of the command's median wall time over the floor's in the same round.

    This machine runs the same command now in 100 ms, now in 150 ms, for seconds at a time:
    medians taken over the whole run can differ by more than the commands do, depending on how
    many of each command's runs fell in a slow spell. Within a round (a few seconds, the commands
    in turn) both see the same spell, so the ratio of a round is fair, and their median is steady.
    """
    return statistics.median(c / f for c, f in zip(command.rounds, floor.rounds, strict=True))


def startup_table(results: list[Startup]) -> list[str]:
    floor = results[0]
    counted = floor.instructions is not None
    lines = [
        "| command | median wall | ratio | budget | | ratio of medians | CPU (user+sys) | ratio |"
        + (" instructions | ratio |" if counted else ""),
        "|---|---:|---:|---:|---|---:|---:|---:|" + ("---:|---:|" if counted else ""),
    ]
    for r in results:
        ratio = round_ratio(r, floor)
        budget = f"≤ {r.budget:.2f}×" if r.budget else ""
        mark = verdict(ratio <= r.budget) if r.budget else ""
        line = (
            f"| `{r.name}` | {r.median * 1e3:.0f} ms | {ratio:.2f}× | {budget} | {mark} "
            f"| {r.median / floor.median:.2f}× "
            f"| {r.cpu_median * 1e3:.0f} ms | {r.cpu_median / floor.cpu_median:.2f}× |"
        )
        if counted and r.instructions and floor.instructions:
            line += f" {r.instructions:.0f} M | {r.instructions / floor.instructions:.2f}× |"
        lines.append(line)
    return lines


def scale_table(results: list[Scaled]) -> list[str]:
    lines = [
        "| command | size | exchanges | median wall | CPU (user+sys) | peak memory | budget at 100× | |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        budget, mark = "", ""
        if r.times == 100:
            seconds, megabytes = SCALE_BUDGET[r.command]
            budget = f"≤ {seconds:.1f} s, ≤ {megabytes:.0f} MB"
            mark = verdict(r.seconds <= seconds and r.peak_mb <= megabytes)
        shown = f"show {r.exchanges}" if r.command == "show" else r.command
        lines.append(
            f"| `{shown}` {r.times}× | {r.size_mb:.1f} MB | {r.exchanges} | {r.seconds:.3f} s | {r.cpu:.3f} s "
            f"| {r.peak_mb:.0f} MB | {budget} | {mark} |"
        )
    return lines


def growth_table(results: list[Scaled]) -> list[str]:
    """How time grows with size: the plain ratios, and the work above start-up.

    Start-up is paid once at every size, so 10x/1x is far below 10 even for linear work. The fair
    test is the time above the 1x run: from 10x to 100x it should grow as the added text does,
    (100 - 1) / (10 - 1) = 11 times; well above 11 means worse than linear. With --instructions
    the work is counted in instructions, which no other work on the machine disturbs; else the
    least CPU time (user + system) of the runs stands in, which other work disturbs less than wall
    time but still does.
    """
    lines = [
        "| command | wall 10× / 1× | wall 100× / 10× | work above 1×, at 10× | at 100× | their ratio (linear: 11) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for command in dict.fromkeys(r.command for r in results):
        by = {r.times: r for r in results if r.command == command}
        one, ten, hundred = by[1], by[10], by[100]
        if one.instructions and ten.instructions and hundred.instructions:
            low, high = ten.instructions - one.instructions, hundred.instructions - one.instructions
            cells = f"{low:.0f} M instr. | {high:.0f} M instr."
        else:
            low, high = ten.least_cpu - one.least_cpu, hundred.least_cpu - one.least_cpu
            cells = f"{low:.3f} s CPU | {high:.3f} s CPU"
        ratio = f"{high / low:.1f}" if low > 0 else "n/a (too small to tell)"
        lines.append(
            f"| `{command}` | {ten.seconds / one.seconds:.2f} | {hundred.seconds / ten.seconds:.2f} | {cells} | {ratio} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lvcli", help="the lvcli to measure (default: .venv/bin/lvcli, else the one on PATH)")
    parser.add_argument("--python", help="the floor's interpreter (default: the python beside lvcli)")
    parser.add_argument("--rounds", type=int, default=20, help="start-up rounds (default 20)")
    parser.add_argument("--runs", type=int, default=5, help="hyperfine runs per command per round (default 5)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per scale measurement (default 5)")
    parser.add_argument("--quick", action="store_true", help="6 rounds of 3 runs, 3 runs per scale measurement")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--typer-compare", action="store_true", help="also time Typer 0.28 against 0.29 (uses pip)")
    parser.add_argument(
        "--instructions", action="store_true", help="also count each start-up's instructions with valgrind (slow)"
    )
    parser.add_argument("--json", metavar="FILE", help="also write every figure to FILE as JSON")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.runs, args.repeat = 6, 3, 3

    if not os.access("/usr/bin/time", os.X_OK) and not args.skip_scale:
        die("the scale runs need GNU time at /usr/bin/time (Debian/Ubuntu: apt-get install time)")
    if not shutil.which("hyperfine") and not args.skip_startup:
        die("hyperfine is not installed (Debian/Ubuntu: apt-get install hyperfine)")
    default_lvcli = ROOT / ".venv" / "bin" / "lvcli"
    lvcli = args.lvcli or (str(default_lvcli) if default_lvcli.exists() else shutil.which("lvcli"))
    if not lvcli:
        die("no lvcli found; install it (pip install .) or give --lvcli PATH")
    lvcli = os.path.abspath(lvcli)
    python = args.python or str(Path(lvcli).with_name("python"))
    if not os.path.exists(python):
        die(f"no interpreter beside {lvcli}; give --python PATH")
    warmup = 1  # a round; the first round's warm-up also fills the file cache

    print(f"lvcli: {lvcli}\nmachine: {machine()}\n{versions(python)}", file=sys.stderr)
    report: list[str] = [f"Machine: {machine()}; {versions(python)}.", ""]
    figures: dict[str, object] = {"machine": machine(), "versions": versions(python)}

    if not args.skip_startup:
        if args.instructions and not shutil.which("valgrind"):
            die("--instructions needs valgrind (Debian/Ubuntu: apt-get install valgrind)")
        startup = measure_startup(python, lvcli, args.rounds, args.runs, warmup, args.instructions)
        report += [
            f"Start-up, output to /dev/null ({args.rounds} rounds × {args.runs} runs; ratio: the median of the "
            "rounds' ratios of medians, beside it the ratio of the overall medians):",
            "",
            *startup_table(startup),
            "",
        ]
        figures["startup"] = [
            {
                "name": r.name,
                "median_s": r.median,
                "ratio": round_ratio(r, startup[0]),
                "cpu_s": r.cpu_median,
                "instructions_m": r.instructions,
            }
            for r in startup
        ]

    if not args.skip_scale:
        paths = build_transcripts(OUT)
        scale = measure_scale(lvcli, paths, args.repeat, has_command(lvcli, "search"), args.instructions)
        report += [
            f"Scale, `--transcript` with the exchanges repeated ({args.repeat} runs each, median time, largest peak):",
            "",
            *scale_table(scale),
            "",
            "Growth of time with size:",
            "",
            *growth_table(scale),
            "",
        ]
        figures["scale"] = [r.__dict__ for r in scale]

    if args.typer_compare:
        compared = typer_compare(args.rounds, args.runs, warmup, args.instructions)
        report += ["Typer 0.28 against 0.29, each in a fresh venv with the same lvcli:", ""]
        report += ["| command | " + " | ".join(f"typer {version}" for _, version, _ in compared) + " |"]
        report += ["|---|" + "---:|" * len(compared)]
        for index, row in enumerate(compared[0][2]):
            cells = []
            for _, _, results in compared:
                r = results[index]
                cell = f"{r.median * 1e3:.0f} ms ({r.median / results[0].median:.2f}×)"
                cell += f", CPU {r.cpu_median * 1e3:.0f} ms ({r.cpu_median / results[0].cpu_median:.2f}×)"
                if r.instructions and results[0].instructions:
                    cell += f", {r.instructions:.0f} M instr. ({r.instructions / results[0].instructions:.2f}×)"
                cells.append(cell)
            report.append(f"| `{row.name}` | " + " | ".join(cells) + " |")
        report.append("")
        figures["typer"] = {
            version: [{"name": r.name, "median_s": r.median} for r in results] for _, version, results in compared
        }

    print("\n".join(report))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
