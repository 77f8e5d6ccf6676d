"""Where the transcript comes from: the bundled copy, `--transcript PATH` or `$LVCLI_TRANSCRIPT`.

Every way a file can fail to be a transcript ends here as one `TranscriptError` whose message
names the file and says what is wrong, so the command line can print one line and exit 2.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from lvcli.transcript import Transcript, TranscriptError, parse

ENV_VAR = "LVCLI_TRANSCRIPT"
BUNDLED = "the bundled transcript"


def bundled_bytes() -> bytes:
    """The transcript that ships inside the package (data/transcript.txt in the repository)."""
    return files("lvcli").joinpath("data", "transcript.txt").read_bytes()


def decode(data: bytes, name: str) -> str:
    """Bytes to text, or a TranscriptError that says what kind of file this is instead."""
    if not data.strip():
        raise TranscriptError(f"{name}: the file is empty")
    if b"\x00" in data[:8192]:
        raise TranscriptError(f"{name}: binary data, not a text transcript")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TranscriptError(
            f"{name}: not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            f"convert it first, e.g. iconv -f WINDOWS-1251 -t UTF-8"
        ) from None


def read_bytes(path: Path) -> bytes:
    name = str(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise TranscriptError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise TranscriptError(f"{name}: is a directory, not a transcript file") from None
    except PermissionError:
        raise TranscriptError(f"{name}: permission denied") from None
    except OSError as exc:
        raise TranscriptError(f"{name}: cannot read it ({exc.strerror or exc})") from None


def load(path: Path | None = None) -> Transcript:
    """Parse the transcript at `path`, else at $LVCLI_TRANSCRIPT, else the bundled one."""
    if path is None and (env := os.environ.get(ENV_VAR)):
        path = Path(env)
    if path is None:
        name, data = BUNDLED, bundled_bytes()
    else:
        name, data = str(path), read_bytes(path)
    text = decode(data, name)
    try:
        return parse(text)
    except TranscriptError as exc:
        raise TranscriptError(f"{name}: {exc}") from None
