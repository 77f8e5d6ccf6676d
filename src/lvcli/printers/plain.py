"""Plain text for pipes: no escape codes, no wrapping, one record per line where records are lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from lvcli.cite import Citation
from lvcli.safe import visible
from lvcli.transcript import Exchange, Paragraph, Transcript

if TYPE_CHECKING:
    from lvcli.search import Context, Hit


def one_line(text: str) -> str:
    """Text on a single line: every run of white space (newlines and tabs too) becomes one space."""
    return " ".join(text.split())


def paragraphs_in_transcript_shape(paragraphs: Sequence[Paragraph]) -> list[str]:
    """Paragraphs as the transcript writes them: a label where the file put one."""
    return [f"{p.speaker}: {p.text}" if p.labelled and p.speaker else p.text for p in paragraphs]


class PlainPrinter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str) -> None:
        self.out.write(visible(text))

    def questions(self, transcript: Transcript) -> None:
        for exchange in transcript.questions:
            self.write(f"{exchange.number}\t{one_line(exchange.question_text or '')}\n")

    def exchanges(
        self, transcript: Transcript, exchanges: Sequence[Exchange], citations: Sequence[Citation] | None = None
    ) -> None:
        blocks = [
            "\n\n".join(paragraphs_in_transcript_shape((*exchange.question, *exchange.answer)))
            for exchange in exchanges
        ]
        if citations is not None:  # `--cite`: the line to paste, under its exchange
            blocks = [f"{block}\n\n{one_line(c.text)}" for block, c in zip(blocks, citations, strict=True)]
        self.write("\n\n".join(blocks) + "\n")

    def info(self, transcript: Transcript) -> None:
        for key, value in info_fields(transcript):
            self.write(f"{key}\t{one_line(str(value)) if value is not None else ''}\n")

    # --- search (issue 3) ----------------------------------------------------------------------
    def search(
        self,
        transcript: Transcript,
        hits: Sequence[Hit],
        contexts: Sequence[Context] | None = None,
        citations: Sequence[Citation] | None = None,
    ) -> None:
        """One hit a line: exchange, part, score, sentence, tab-separated, best first.

        With context (-C), as grep does: the sentences around a hit carry "-" for a score, and
        "--" stands between one hit's group and the next. With --cite, the citation is a fifth
        field of the hit's line, so each record stays one line (`cut -f5` takes it).
        """
        for index, hit in enumerate(hits):
            before, after = contexts[index] if contexts is not None else ((), ())
            if contexts is not None and index:
                self.write("--\n")
            for sentence in before:
                self.write(f"{sentence.exchange}\t{sentence.part}\t-\t{one_line(sentence.text)}\n")
            cited = f"\t{one_line(citations[index].text)}" if citations is not None else ""
            self.write(f"{hit.exchange}\t{hit.part}\t{hit.score:g}\t{one_line(hit.text)}{cited}\n")
            for sentence in after:
                self.write(f"{sentence.exchange}\t{sentence.part}\t-\t{one_line(sentence.text)}\n")

    # --- end of search -------------------------------------------------------------------------


def info_fields(transcript: Transcript) -> list[tuple[str, object]]:
    """What `lvcli info` reports, in order; shared by the plain and terminal printers."""
    day = transcript.date
    return [
        ("title", transcript.title),
        ("date", day.isoformat() if day else None),
        ("place", transcript.place),
        ("speaker", transcript.speaker),
        ("url", transcript.url),
        ("exchanges", len(transcript.questions)),
        ("words", transcript.words),
    ]
