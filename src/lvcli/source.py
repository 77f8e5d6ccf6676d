"""Where the transcript comes from: the bundled copy, `--transcript PATH` or `$LVCLI_TRANSCRIPT`.

Every way a file can fail to be a transcript ends here as one `TranscriptError` whose message
names the file and says what is wrong, so the command line can print one line and exit 2. The
name is shown as `lvcli.safe.brief` shows it: on one line, a long one cut in the middle.
"""

from __future__ import annotations

import os
import pkgutil
import re
import stat
from pathlib import Path

from lvcli.safe import brief
from lvcli.transcript import Transcript, TranscriptError, parse

ENV_VAR = "LVCLI_TRANSCRIPT"
BUNDLED = "the bundled transcript"

# How much of a file that is not a regular one (a device, a pipe) is read before deciding it is
# binary: enough to stop at once on /dev/zero or /dev/urandom instead of reading forever.
_SNIFF = 8192
# A file of nothing but white space (and perhaps a byte-order mark) is as good as empty.
_BLANK = re.compile(r"\ufeff?\s*")


def bundled_bytes() -> bytes:
    """The transcript that ships inside the package (data/transcript.txt in the repository)."""
    # pkgutil rather than importlib.resources.files: importing that breaks the start-up budget of `list`
    data = pkgutil.get_data("lvcli", "data/transcript.txt")
    if data is None:  # a loader that cannot read data files
        raise FileNotFoundError(2, "the package's loader cannot read it")
    return data


def decode(data: bytes, name: str) -> str:
    """Bytes to text, or a TranscriptError that says what kind of file this is instead."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise TranscriptError(f"{name}: UTF-16 text, not UTF-8; convert it first, e.g. iconv -f UTF-16 -t UTF-8")
    if b"\x00" in data[:_SNIFF]:
        raise TranscriptError(f"{name}: binary data, not a text transcript")
    try:
        # Plain "utf-8", not "utf-8-sig", so the offset counts from the first byte of the file;
        # the parser drops a byte-order mark itself.
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TranscriptError(
            f"{name}: not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            f"convert it first, e.g. iconv -f WINDOWS-1251 -t UTF-8"
        ) from None
    if _BLANK.fullmatch(text):
        raise TranscriptError(f"{name}: the file is empty" if not data else f"{name}: the file holds only blank lines")
    return text


def read_bytes(path: Path) -> bytes:
    """The file's bytes, read once; a TranscriptError naming the file when it cannot be read."""
    name = brief(str(path))
    try:
        with path.open("rb") as file:
            if stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return file.read()
            head = file.read(_SNIFF)
            if b"\x00" in head:
                raise TranscriptError(f"{name}: binary data, not a text transcript")
            return head + file.read()
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
        try:
            name, data = BUNDLED, bundled_bytes()
        except OSError as exc:  # a broken install: say so rather than end in a traceback
            raise TranscriptError(
                f"{BUNDLED} is missing from the installed package ({exc.strerror or exc}); "
                "reinstall lvcli, or give a transcript with --transcript PATH"
            ) from None
    else:
        name, data = brief(str(path)), read_bytes(path)
    text = decode(data, name)
    try:
        return parse(text)
    except TranscriptError as exc:
        raise TranscriptError(f"{name}: {exc}") from None
