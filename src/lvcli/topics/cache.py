"""Topics kept between calls in the user's cache directory, so that only the first call finds them.

Finding the topics reads every word of the transcript and takes longer than all else `lvcli
list` or `lvcli topics` does, while what it finds depends only on the transcript and on lvcli's
code. So the topics are kept in `$XDG_CACHE_HOME/lvcli` (else `~/.cache/lvcli`), one JSON file
per transcript, named by a hash of its text, and marked with lvcli's version and a hash of its
code: a file made by other code is found again and replaced. The hash is the one Python checks
a compiled module against its source with (`importlib.util.source_hash`, 64 bits): no module to
import, and it takes next to no time. A file is written whole or not at all; one that cannot be
read, written or understood is ignored. Deleting the directory is always safe.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from functools import cache
from importlib.util import source_hash
from pathlib import Path
from typing import Any

from lvcli import __version__
from lvcli.topics.records import ExchangeCount, Topic
from lvcli.transcript import Transcript


def cache_path(transcript: Transcript) -> Path | None:
    """Where the topics of this transcript are kept; None when there is no cache directory."""
    directory = _directory()
    if directory is None or _made_by() is None:
        return None
    text = "".join(
        f"{exchange.number} {part} {paragraph.speaker!r} {len(paragraph.text)}\n{paragraph.text}\n"
        for exchange in transcript.exchanges
        for part, paragraphs in (("question", exchange.question), ("answer", exchange.answer))
        for paragraph in paragraphs
    )
    return directory / f"topics-{source_hash(text.encode()).hex()}.json"


def load_topics(path: Path, transcript: Transcript) -> tuple[Topic, ...] | None:
    """The topics kept at `path` by this very lvcli; None when there are none it can read."""
    try:
        data = json.loads(path.read_bytes())
        if data["made_by"] != _made_by() or not isinstance(data["topics"], list):
            return None
        return tuple(_topic(record, transcript) for record in data["topics"])
    except (OSError, ValueError, LookupError, TypeError, RecursionError):
        return None


def save_topics(path: Path, topics: tuple[Topic, ...]) -> None:
    """Keep the topics at `path` for the next call; quietly nothing when that cannot be done."""
    data = {"made_by": _made_by(), "topics": [_record(t) for t in topics]}
    written: Path | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # written beside its place, then renamed into it: a reader sees the whole file or none
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False) as file:
            written = Path(file.name)
            file.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        written.replace(path)
    except OSError:
        if written:
            with contextlib.suppress(OSError):
                written.unlink()


def _directory() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(base):
        return Path(base) / "lvcli"
    try:  # unset, empty or relative: the XDG spec says to use the default
        return Path.home() / ".cache" / "lvcli"
    except RuntimeError:  # no home directory
        return None


@cache
def _made_by() -> str | None:
    """lvcli's version and a hash of the code topics are found by, which changes within a version too
    (an install from a working copy)."""
    package = Path(__file__).parents[1]
    try:
        code = b"".join(p.read_bytes() for p in sorted([*package.glob("*.py"), *package.glob("topics/*.py")]))
    except OSError:
        return None
    return f"lvcli {__version__} {source_hash(code).hex()}"


def _record(topic: Topic) -> dict[str, Any]:
    return {
        "name": topic.name,
        "kind": topic.kind,
        "spellings": topic.spellings,
        "per_exchange": [[e.exchange, e.count, e.in_question] for e in topic.per_exchange],
        "places": topic.places,
    }


def _topic(record: dict[str, Any], transcript: Transcript) -> Topic:
    places = tuple(map(tuple, record["places"]))
    return Topic(
        name=record["name"],
        kind=record["kind"],
        count=len(places),
        per_exchange=tuple(ExchangeCount(*counts) for counts in record["per_exchange"]),
        spellings=tuple(record["spellings"]),
        places=places,
        transcript=transcript,
    )
