"""What the views share: the topics once found, text with passages marked, the entries that open an exchange, the citation bar."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static
from textual.widgets.option_list import Option

from lvcli.cite import cite
from lvcli.printers.plain import one_line
from lvcli.printers.terminal import DIM, MATCH_STYLE, NUMBER_STYLE, QUESTION_STYLE, SPEAKER_STYLE
from lvcli.safe import visible
from lvcli.transcript import QUESTION, QUESTION_PART, Exchange, Paragraph, Transcript

if TYPE_CHECKING:
    from lvcli.search import Hit
    from lvcli.topics import Quote, Topic

Spans = Sequence[tuple[int, int]]


def marked(text: str, layers: Sequence[tuple[str, Spans]] = ()) -> Text:
    """`text` with each layer's spans in its style (layers may overlap: a hit sentence and its matched words).

    Each piece is made safe on its own, so an escaped control character cannot shift a mark.
    """
    cuts = sorted({0, len(text), *(at for _, spans in layers for span in spans for at in span)})
    out = Text()
    for start, end in pairwise(cuts):
        styles = [style for style, spans in layers if any(a <= start and end <= b for a, b in spans)]
        out.append(visible(text[start:end]), style=" ".join(styles))
    return out


def paragraph_text(paragraph: Paragraph, layers: Sequence[tuple[str, Spans]] = ()) -> Text:
    """A paragraph as `show` prints it: its label, if the file gave one, coloured by who speaks."""
    text = Text()
    if paragraph.label:
        style = QUESTION_STYLE if paragraph.speaker == QUESTION else SPEAKER_STYLE
        text.append(f"{visible(paragraph.label)}: ", style=style)
    return text.append_text(marked(paragraph.text, layers))


def title(exchange: Exchange, last: int) -> Text:
    """ "Question 12 of 29 · outlet", or "Opening remarks", as `show` heads an exchange."""
    if exchange.is_opening:
        return Text("Opening remarks", style=NUMBER_STYLE)
    heading = Text.assemble((f"Question {exchange.number}", NUMBER_STYLE), (f" of {last}", DIM))
    if exchange.outlet:
        heading.append(f" · {visible(exchange.outlet)}", style=DIM)
    return heading


def preview(exchange: Exchange) -> str:
    """The question on one line (the list cuts it to fit); the opening remarks have none."""
    return "Opening remarks" if exchange.is_opening else visible(one_line(exchange.question_text or ""))


@dataclass(frozen=True)
class Topics:
    """The transcript's topics, found off the UI thread: the recurring ones, and each exchange's main ones."""

    recurring: tuple[Topic, ...]
    main: dict[int, tuple[str, ...]]


PASSAGE_STYLE = "on #4a4a10"  # the sentence the reader came for; its matched words keep their own mark


@dataclass(frozen=True)
class Passage:
    """A sentence to mark in its exchange: its part, which paragraph of that part, where it starts, the words matched."""

    exchange: int
    part: str
    speaker: str | None
    paragraph: int
    start: int
    text: str
    spans: tuple[tuple[int, int], ...]

    @classmethod
    def of_hit(cls, hit: Hit) -> Passage:
        return cls(hit.exchange, hit.part, hit.speaker, hit.paragraph, hit.start, hit.text, hit.spans)

    @classmethod
    def of_quote(cls, doc: Transcript, quote: Quote) -> Passage:
        """A topic's quote says not where it stands: the first paragraph of its part that holds it."""
        exchange = doc.exchange(quote.exchange)
        paragraphs = exchange.question if quote.part == QUESTION_PART else exchange.answer
        index, start = next(
            ((i, p.text.find(quote.text)) for i, p in enumerate(paragraphs) if quote.text in p.text), (-1, -1)
        )
        return cls(quote.exchange, quote.part, quote.speaker, index, start, quote.text, quote.spans)

    def layers(self) -> tuple[tuple[str, Spans], ...]:
        """The marks in its paragraph: the whole sentence, and the matched words in it."""
        shifted = tuple((self.start + a, self.start + b) for a, b in self.spans)
        return (PASSAGE_STYLE, ((self.start, self.start + len(self.text)),)), (MATCH_STYLE, shifted)


def citation(doc: Transcript, number: int, passage: Passage | None = None) -> str:
    """The line to paste: for the passage when there is one (the speaker may differ), else for the exchange."""
    if passage is None:
        return cite(doc, doc.exchange(number)).text
    return cite(doc, doc.exchange(number), passage.part, passage.speaker).text


class Opening(Option):
    """An entry of a list that opens an exchange, perhaps at a passage to mark.

    The prompt is Text, never a Rich Table: OptionList measures every entry when filled, and a table
    costs several times as much (a topic of a long transcript has thousands of quotes).
    """

    def __init__(self, prompt: Text, number: int, passage: Passage | None = None) -> None:
        super().__init__(prompt)
        self.number = number
        self.passage = passage


class CitationBar(Static):
    """The citation last copied, on screen too: the clipboard may not reach the reader's terminal."""

    DEFAULT_CLASSES = "citation"

    def __init__(self) -> None:
        super().__init__(markup=False)
        self.display = False

    def copy(self, citation: str) -> None:
        self.app.copy_to_clipboard(citation)
        self.update(Text.assemble(("Citation, copied to the clipboard:\n", DIM), visible(one_line(citation))))
        self.display = True
