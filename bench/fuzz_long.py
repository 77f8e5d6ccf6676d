"""The hostile-input property tests, run long enough to trust: 10,000 examples each.

    python3 bench/fuzz_long.py                    # 10,000 examples per property (a long run)
    python3 bench/fuzz_long.py --examples 2000    # a shorter run

The tests live in tests/test_hostile.py and run 40 examples each in the ordinary test run. Here the
same tests run with LVCLI_FUZZ_EXAMPLES set, which is all that changes: for any text and any bytes,
parsing succeeds with nothing lost or fails with one clear TranscriptError; layout (CRLF, trailing
spaces, indentation, a byte-order mark) never changes what is read; no control character survives
`visible` or the JSON printer; and any query makes `lvcli search` exit 0 or 1 (2 only with the
"query is empty" message). Hypothesis keeps any failure it finds in .hypothesis/ and replays it
first on the next run. The exit status is pytest's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROPERTIES = [
    "test_any_text_parses_with_nothing_lost_or_is_refused_in_one_line",
    "test_any_briefing_shaped_text_parses_with_nothing_lost_or_is_refused",
    "test_any_bytes_decode_and_parse_or_give_one_clear_error",
    "test_layout_never_changes_what_is_read",
    "test_visible_and_json_safe_leave_no_raw_control",
    "test_any_query_answers_0_or_1_or_says_it_is_empty",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000, help="examples per property (default 10,000)")
    args = parser.parse_args()
    env = {**os.environ, "LVCLI_FUZZ_EXAMPLES": str(args.examples)}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "--hypothesis-show-statistics",
        *(f"tests/test_hostile.py::{name}" for name in PROPERTIES),
    ]
    start = time.monotonic()
    status = subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
    minutes = (time.monotonic() - start) / 60
    print(f"\n{len(PROPERTIES)} properties, {args.examples:,} examples each, {minutes:.1f} min, exit {status}")
    return status


if __name__ == "__main__":
    sys.exit(main())
