"""Output for a person at a terminal, rendered with Rich.

Rich is imported here only, and this module is imported only when output goes to a terminal (or
colour is forced), so a piped command never pays for Rich. Transcript text always goes in as
`rich.text.Text`, never as a markup string: "[our requirements]" must print as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from lvcli.cite import Citation
from lvcli.printers.plain import info_fields, one_line
from lvcli.safe import visible
from lvcli.transcript import QUESTION, Exchange, Paragraph, Transcript

if TYPE_CHECKING:
    from lvcli.search import Context, Hit

QUESTION_STYLE = "bold cyan"
SPEAKER_STYLE = "bold yellow"
NUMBER_STYLE = "bold magenta"
DIM = "dim"
CITE_STYLE = "green"
MATCH_STYLE = "bold red"  # as ripgrep marks a match


def make_console(out: TextIO, *, color: bool, no_color: bool = False) -> Console:
    """A console that never reads markup, emoji codes or 'highlights' numbers in our text."""
    return Console(
        file=out,
        markup=False,
        emoji=False,
        highlight=False,
        force_terminal=True if color else None,
        color_system="auto" if color else None,
        no_color=no_color,
        soft_wrap=False,
    )


def safe_text(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def citation_text(citation: Citation) -> Text:
    """`--cite`: the line to paste, with no label to delete after pasting."""
    return safe_text(one_line(citation.text), CITE_STYLE)


class TerminalPrinter:
    def __init__(self, out: TextIO, *, color: bool = True, no_color: bool = False) -> None:
        self.console = make_console(out, color=color, no_color=no_color)

    @property
    def width(self) -> int:
        return self.console.width

    def print(self, *renderables: RenderableType) -> None:
        self.console.print(*renderables)

    def questions(self, transcript: Transcript) -> None:
        from rich.table import Table  # here, not above: `show` never pays for tables (see bench/)

        table = Table(box=None, pad_edge=False, header_style="bold", expand=False, show_edge=False)
        table.add_column("#", justify="right", style=NUMBER_STYLE, no_wrap=True)
        table.add_column("Question", overflow="ellipsis", no_wrap=True, ratio=1)
        outlets = [e.outlet for e in transcript.questions]
        if any(outlets):
            table.add_column("Outlet", overflow="ellipsis", no_wrap=True, style=DIM, max_width=24)
        table.add_column("Answer", justify="right", no_wrap=True, style=DIM)
        for exchange, outlet in zip(transcript.questions, outlets, strict=True):
            row: list[RenderableType] = [
                str(exchange.number),
                safe_text(one_line(exchange.question_text or "")),
            ]
            if any(outlets):
                row.append(safe_text(outlet or ""))
            row.append(f"{sum(len(p.text.split()) for p in exchange.answer)} words")
            table.add_row(*row)
        table.expand = True
        self.print(table)

    def exchanges(
        self, transcript: Transcript, exchanges: Sequence[Exchange], citations: Sequence[Citation] | None = None
    ) -> None:
        for index, exchange in enumerate(exchanges):
            if index:
                self.print("")
            self.print(self._exchange(transcript, exchange))
            if citations is not None:
                # soft_wrap: the terminal folds the long line itself, so a triple-click copies it whole
                self.console.print()
                self.console.print(citation_text(citations[index]), soft_wrap=True)

    def _exchange(self, transcript: Transcript, exchange: Exchange) -> RenderableType:
        if exchange.is_opening:
            heading = Text.assemble(("Opening remarks", NUMBER_STYLE))
        else:
            heading = Text.assemble(
                (f"Question {exchange.number}", NUMBER_STYLE), (f" of {transcript.last_number}", DIM)
            )
            if exchange.outlet:
                heading.append(f" · {visible(exchange.outlet)}", style=DIM)
        parts: list[RenderableType] = [Rule(heading, align="left", style=DIM)]
        for group in (exchange.question, exchange.answer):
            for paragraph in group:
                parts += [Text(), self._paragraph(paragraph)]  # a blank line, not Padding: no trailing spaces
        return Group(*parts)

    def _paragraph(self, paragraph: Paragraph) -> RenderableType:
        text = Text()
        if paragraph.labelled and paragraph.speaker:
            style = QUESTION_STYLE if paragraph.speaker == QUESTION else SPEAKER_STYLE
            text.append(f"{visible(paragraph.speaker)}: ", style=style)
        text.append(visible(paragraph.text))
        return text

    def info(self, transcript: Transcript) -> None:
        from rich.table import Table

        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, value in info_fields(transcript):
            table.add_row(key, safe_text("" if value is None else str(value)))
        self.print(table)

    # --- search (issue 3) ----------------------------------------------------------------------
    def search(
        self,
        transcript: Transcript,
        hits: Sequence[Hit],
        contexts: Sequence[Context] | None = None,
        citations: Sequence[Citation] | None = None,
    ) -> None:
        """Hits best first: reference and score in a margin, the sentence wrapped beside it with a
        hanging indent, the words that match the query marked as ripgrep marks them."""
        around = contexts if contexts is not None else [((), ())] * len(hits)
        every = [s for before, after in around for s in (*before, *after)]
        places = [(x.exchange, x.part) for x in hits] + [(s.exchange, s.part) for s in every]
        reference_width = max(len(_reference(exchange, part)) for exchange, part in places)
        score_width = max(len(f"{hit.score:g}") for hit in hits)
        out = Text()
        for index, (hit, (before, after)) in enumerate(zip(hits, around, strict=True)):
            if (contexts is not None or citations is not None) and index:
                out.append("\n")
            for sentence in before:
                self._hanging(
                    out,
                    _reference(sentence.exchange, sentence.part),
                    "",
                    reference_width,
                    score_width,
                    safe_text(_flat(sentence.text)),
                    DIM,
                )
            self._hanging(
                out,
                _reference(hit.exchange, hit.part),
                f"{hit.score:g}",
                reference_width,
                score_width,
                _marked(hit.text, hit.spans),
                "",
            )
            for sentence in after:
                self._hanging(
                    out,
                    _reference(sentence.exchange, sentence.part),
                    "",
                    reference_width,
                    score_width,
                    safe_text(_flat(sentence.text)),
                    DIM,
                )
            if citations is not None:  # --cite: under the quote, one line the terminal folds, so it copies whole
                out.append(" " * (reference_width + 1 + score_width + 2))
                out.append_text(citation_text(citations[index]))
                out.append("\n")
        self.console.print(out, end="", soft_wrap=True)

    def _hanging(
        self, out: Text, reference: str, score: str, reference_width: int, score_width: int, body: Text, style: str
    ) -> None:
        """One sentence under its margin; lines after the first indented to where the sentence
        began, and no trailing spaces, so copied text is clean."""
        indent = reference_width + 1 + score_width + 2
        lines = body.wrap(self.console, max(self.console.width - indent, 20))
        for number, line in enumerate(lines):
            if number == 0:
                out.append(reference.ljust(reference_width), style=f"{NUMBER_STYLE} {style}".strip())
                out.append(" " + score.rjust(score_width) + "  ", style=DIM)
            else:
                out.append(" " * indent)
            line.rstrip()
            line.stylize(style)
            out.append_text(line)
            out.append("\n")


def _reference(exchange: int, part: str) -> str:
    return f"{exchange} {part}"


def _flat(text: str) -> str:
    """Newlines and tabs as spaces, character for character, so spans still point at the same words."""
    return text.replace("\n", " ").replace("\t", " ").replace("\r", " ")


def _marked(text: str, spans: Sequence[tuple[int, int]]) -> Text:
    """The sentence with its matching spans styled; each piece made safe on its own, so an
    escaped control character cannot shift a mark."""
    marked = Text()
    at = 0
    for start, end in spans:
        marked.append(visible(_flat(text[at:start])))
        marked.append(visible(_flat(text[start:end])), style=MATCH_STYLE)
        at = end
    marked.append(visible(_flat(text[at:])))
    return marked


# --- end of search -----------------------------------------------------------------------------
