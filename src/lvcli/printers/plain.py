"""Plain text for pipes: no escape codes, no wrapping, one record per line where records are lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from lvcli.safe import visible
from lvcli.transcript import Exchange, Paragraph, Transcript

if TYPE_CHECKING:
    # annotations only: the commands import these parts of the core when they use them
    from lvcli.cite import Citation
    from lvcli.search import Context, Hit
    from lvcli.topics import Topic, TopicMap, TopicMatch


def one_line(text: str) -> str:
    """Text on a single line: every run of white space (newlines and tabs too) becomes one space."""
    return " ".join(text.split())


def listed(transcript: Transcript) -> list[Exchange]:
    """The rows of `lvcli list`: the opening remarks as row 0 when the transcript has any, then every question."""
    return [e for e in transcript.exchanges if not e.is_opening or e.answer]


def exchange_title(exchange: Exchange) -> str:
    """What heads an exchange: "Opening remarks" or "Question 12"."""
    return "Opening remarks" if exchange.is_opening else f"Question {exchange.number}"


def paragraphs_in_transcript_shape(paragraphs: Sequence[Paragraph]) -> list[str]:
    """Paragraphs as the transcript writes them: a label where the file put one."""
    return [f"{p.label}: {p.text}" if p.label else p.text for p in paragraphs]


class PlainPrinter:
    shows_topics = False  # `list` piped prints no topics, so they are not computed for it

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str) -> None:
        self.out.write(visible(text))

    def questions(self, transcript: Transcript, topics: Mapping[int, Sequence[str]] | None = None) -> None:
        """One row a line, "N<TAB>question", row 0 being "0<TAB>(opening remarks)": topics are left out,
        so the lines stay as scripts know them."""
        for exchange in listed(transcript):
            text = "(opening remarks)" if exchange.is_opening else one_line(exchange.question_text or "")
            self.write(f"{exchange.number}\t{text}\n")

    def exchanges(
        self,
        transcript: Transcript,
        exchanges: Sequence[Exchange],
        citations: Sequence[Citation] | None = None,
        *,
        several: bool = False,
    ) -> None:
        """Paragraphs in the transcript's own shape, a blank line between them; with --cite, the line to
        paste last. When several were asked for (a list or a range), a line "--- Question 12 ---" (or
        "--- Opening remarks ---") heads each exchange, so a saved file still says which is which."""
        blocks = []
        for index, exchange in enumerate(exchanges):
            paragraphs = paragraphs_in_transcript_shape((*exchange.question, *exchange.answer))
            if several:
                paragraphs.insert(0, f"--- {exchange_title(exchange)} ---")
            if citations is not None:
                paragraphs.append(one_line(citations[index].text))
            blocks.append("\n\n".join(paragraphs))
        self.write("\n\n".join(blocks) + "\n")

    def info(self, transcript: Transcript) -> None:
        for key, value in info_fields(transcript):
            self.write(f"{key}\t{one_line(str(value)) if value is not None else ''}\n")

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

    def topics(self, transcript: Transcript, topics: Sequence[Topic]) -> None:
        """One topic a line, most mentioned first: name, mentions, exchanges (comma-separated)."""
        for topic in topics:
            self.write(f"{one_line(topic.name)}\t{topic.count}\t{','.join(map(str, topic.exchanges))}\n")

    def topic(self, transcript: Transcript, match: TopicMatch) -> None:
        """The topic's quotes, one a line in the order of the transcript: exchange, part, sentence."""
        for quote in match.topic.quotes:
            self.write(f"{quote.exchange}\t{quote.part}\t{one_line(quote.text)}\n")

    def topic_map(self, transcript: Transcript, grid: TopicMap) -> None:
        """A tab-separated matrix: a header row of exchange numbers, then a row of counts per topic."""
        self.write("\t".join(["topic", *map(str, grid.exchanges)]) + "\n")
        for name, row in zip(grid.topics, grid.counts, strict=True):
            self.write("\t".join([one_line(name), *map(str, row)]) + "\n")


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
