"""The Sentence record: one sentence of the transcript and where it stands.

Apart from the splitter (lvcli.splitter) so that `lvcli search`, which splits paragraphs but
never builds these records, does not pay for defining a frozen dataclass on every call (about
3 M instructions, see bench/). `Exchange.sentences` and topics build them.
"""

from __future__ import annotations

from dataclasses import dataclass

from lvcli.splitter import split_sentences
from lvcli.transcript import Record

__all__ = ["Sentence", "split_sentences"]


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Sentence(Record):  # Record: why, in lvcli.transcript
    """One sentence, verbatim, and where it stands: exchange, part, paragraph and offset."""

    exchange: int
    part: str
    speaker: str | None
    paragraph: int
    start: int
    text: str
