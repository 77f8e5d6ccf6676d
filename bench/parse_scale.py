"""Reading a very large transcript: does the time grow in step with the size, and the memory too?

    python3 bench/parse_scale.py                 # 5 MB and 50 MB of each shape
    python3 bench/parse_scale.py --sizes 2 20    # other sizes, in MB

Each shape of file is written at each size to bench/out/, then read by `lvcli.source.load` (from
this tree's src/) in a fresh interpreter, which reports the wall time of the load and its peak
resident memory. The shapes:

- transcript: the real transcript's exchanges repeated, as a long briefing would look;
- cut sentences: every paragraph is the rest of the sentence before it (no full stop anywhere),
  so each is mended onto one growing paragraph: the shape that goes quadratic if mending glues
  strings one break at a time;
- one paragraph: a single paragraph of tens of MB (one question, one long answer);
- short paragraphs: a question and a one-word answer per exchange, so the count of exchanges,
  not of bytes, is what grows;
- CRLF and BOM: the transcript shape with Windows line ends and a byte-order mark.

The figure to read is "time ratio per size ratio": 1.0 is linear; quadratic work shows as about the
size ratio itself (10 for 5 -> 50 MB). Memory is shown per MB of file: the bytes, the decoded
text and the model are each about the size of the file, so a few MB per MB is expected; the file
is read once (tests/test_hostile.py counts the reads). Nothing here is a test: it prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"

CHILD = textwrap.dedent(
    """
    import json, re, resource, sys, time
    from pathlib import Path
    from lvcli.source import load

    def peak_kb():
        # VmHWM starts afresh in a new program; ru_maxrss would carry the parent's peak over exec.
        try:
            status = Path("/proc/self/status").read_text()
            return int(re.search(r"VmHWM:\\s+(\\d+)", status).group(1))
        except (OSError, AttributeError):
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    before = peak_kb()
    start = time.perf_counter()
    doc = load(Path(sys.argv[1]))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_kb": peak_kb(), "base_kb": before, "exchanges": doc.last_number}))
    """
)


def transcript_text() -> str:
    return (ROOT / "data" / "transcript.txt").read_text(encoding="utf-8")


SHAPES = ("transcript", "cut sentences", "one paragraph", "short paragraphs", "CRLF and BOM")


def shape(name: str, size: int) -> bytes:
    """The file of this shape, about `size` bytes."""
    raw = transcript_text()
    head, body = raw[: raw.index("Question:")], raw[raw.index("Question:") : raw.rindex("https://")]
    repeated = head + body * max(1, size // len(body.encode("utf-8")))
    if name == "transcript":
        return repeated.encode("utf-8")
    if name == "cut sentences":
        return b"Question: Why?\n\nSergey Lavrov: It is\n\n" + b"a long and\n\n" * (size // 12)
    if name == "one paragraph":
        return b"Question: Why?\n\nSergey Lavrov: " + b"It is so, as it was. " * (size // 21) + b"\n"
    if name == "short paragraphs":
        return b"Question: Why?\n\nSergey Lavrov: Yes.\n\n" * (size // 37)
    return b"\xef\xbb\xbf" + repeated.replace("\n", "\r\n").encode("utf-8")


def measure(path: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}  # the parser in this tree, not an installed one
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True, timeout=3600, env=env
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs=2, type=int, default=[5, 50], metavar="MB", help="two sizes in MB")
    args = parser.parse_args()
    small, large = (mb * 1_000_000 for mb in args.sizes)
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"{'shape':<18} {'MB':>6} {'seconds':>8} {'s/MB':>7} {'peak MB/MB':>10} {'exchanges':>10}")
    ratios: dict[str, float] = {}
    for size in (small, large):
        for name in SHAPES:
            path = OUT / f"scale-{name.replace(' ', '-')}-{size // 1_000_000}MB.txt"
            path.write_bytes(shape(name, size))  # written, then let go: this process stays small
            megabytes = path.stat().st_size / 1e6
            figures = measure(path)
            rate = figures["seconds"] / megabytes
            growth = (figures["peak_kb"] - figures["base_kb"]) / 1000 / megabytes
            print(
                f"{name:<18} {megabytes:>6.1f} {figures['seconds']:>8.2f} {rate:>7.3f} {growth:>10.1f} "
                f"{int(figures['exchanges']):>10}",
                flush=True,
            )
            ratios[name] = rate / ratios[name] if name in ratios else rate
            path.unlink()
    print(f"\ntime per MB at {args.sizes[1]} MB over time per MB at {args.sizes[0]} MB (1.0 = linear):")
    for name, ratio in ratios.items():
        print(f"  {name:<18} {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
