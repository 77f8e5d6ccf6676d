"""Output for a person at a terminal, rendered with Rich.

Rich is imported here only, and this module is imported only when output goes to a terminal (or
colour is forced), so a piped command never pays for Rich. Transcript text always goes in as
`rich.text.Text`, never as a markup string: "[our requirements]" must print as written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from lvcli.printers.plain import exchange_title, info_fields, listed, one_line
from lvcli.safe import visible
from lvcli.transcript import QUESTION, QUESTION_PART, Exchange, Paragraph, Sentence, Transcript

if TYPE_CHECKING:
    # annotations only: the commands import these parts of the core when they use them
    from lvcli.cite import Citation
    from lvcli.search import Context, Hit
    from lvcli.topics import Topic, TopicMap, TopicMatch

QUESTION_STYLE = "bold cyan"
SPEAKER_STYLE = "bold yellow"
NUMBER_STYLE = "bold magenta"
DIM = "dim"
CITE_STYLE = "green"
MATCH_STYLE = "bold red"  # as ripgrep marks a match
TOPIC_STYLE = "green"
PHRASE_STYLE = "italic green"
TOPICS_MIN_WIDTH = 12
MAP_NAME_WIDTH = 22
SPARKS = "▁▂▃▄▅▆▇█"
# Five levels of mentions in a cell: 1, 2-3, 4-7, 8-15, 16 or more; in colour, dark to bright
# (viridis, readable on dark and light backgrounds); without colour, bars of growing height.
HEAT_LABELS = ("1", "2-3", "4-7", "8-15", "16+")
HEAT_COLOURS = ("#3b528b", "#21918c", "#5ec962", "#b5de2b", "#fde725")
HEAT_BARS = ("▁", "▃", "▅", "▇", "█")
# A narrower terminal still gets the words, as less does; a wider one would only pad the lines.
MIN_WIDTH, MAX_WIDTH = 20, 1000


def make_console(out: TextIO, *, color: bool, no_color: bool = False) -> Console:
    """A console that never reads markup, emoji codes or 'highlights' numbers in our text.

    Its width is the terminal's (or $COLUMNS, or fzf's preview window) kept within MIN_WIDTH and
    MAX_WIDTH: Rich takes any as it is, so COLUMNS=0 would print nothing and COLUMNS=99999999999
    exhaust memory.
    """
    width, height = (None, None) if out.isatty() else fzf_preview_size()
    console = Console(
        file=out,
        markup=False,
        emoji=False,
        highlight=False,
        force_terminal=True if color else None,
        color_system="auto" if color else None,
        no_color=no_color,
        soft_wrap=False,
        width=width,
        height=height,
    )
    console.width = min(max(console.width, MIN_WIDTH), MAX_WIDTH)
    return console


def fzf_preview_size() -> tuple[int | None, int | None]:
    """The size of fzf's preview window, when lvcli draws in one (`fzf --preview 'lvcli show {1} --color
    always'`): fzf says it in these variables, and its COLUMNS may have been reset by the shell between."""

    def number(name: str) -> int | None:
        value = os.environ.get(name, "")
        return int(value) if value.isdigit() and int(value) > 0 else None

    return number("FZF_PREVIEW_COLUMNS"), number("FZF_PREVIEW_LINES")


def safe_text(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def citation_line(citation: Citation) -> Text:
    """`--cite`: the line to paste, alone at column 0 between blank lines, with no label to delete after
    pasting. It is printed soft-wrapped: the terminal folds it (mid-word if it must), so selecting it
    copies one line, with no line break or indent inside."""
    return Text.assemble("\n", safe_text(one_line(citation.text), CITE_STYLE), "\n")


class TerminalPrinter:
    shows_topics = True  # the list table has a Topics column

    def __init__(self, out: TextIO, *, color: bool = True, no_color: bool = False) -> None:
        self.console = make_console(out, color=color, no_color=no_color)

    @property
    def width(self) -> int:
        return self.console.width

    def print(self, *renderables: RenderableType) -> None:
        self.console.print(*renderables)

    def questions(self, transcript: Transcript, topics: Mapping[int, Sequence[str]] | None = None) -> None:
        """A table, the question given the width: number, question, main topics, length of the answer."""
        # imported where a table is drawn: it would push `show --color always` past its start-up budget
        from rich.table import Table

        rows = listed(transcript)
        outlets = [e.outlet for e in rows]
        # An outlet is named by the question itself ("I represent ..."): a column for it only when most
        # questions name one, else a nearly empty column would starve the questions.
        with_outlet = sum(map(bool, outlets)) * 2 >= len(rows)
        table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False, expand=True)
        table.add_column("#", justify="right", style=NUMBER_STYLE, no_wrap=True)
        table.add_column("Question", overflow="ellipsis", no_wrap=True, ratio=1)
        if with_outlet:
            table.add_column("Outlet", overflow="ellipsis", no_wrap=True, style=DIM, max_width=16)
        if topics is not None:
            # a quarter of the width: the question keeps the most room
            width = max(TOPICS_MIN_WIDTH, self.console.width // 4)
            table.add_column("Topics", overflow="ellipsis", no_wrap=True, style=TOPIC_STYLE, max_width=width)
        table.add_column("Words", justify="right", no_wrap=True, style=DIM)
        for exchange, outlet in zip(rows, outlets, strict=True):
            row: list[RenderableType] = [str(exchange.number)]
            if exchange.is_opening:
                row.append(Text("Opening remarks", style="italic"))
            else:
                row.append(safe_text(one_line(exchange.question_text or "")))
            if with_outlet:
                row.append(safe_text(outlet or ""))
            if topics is not None:
                row.append(safe_text(", ".join(topics.get(exchange.number, ()))))
            row.append(str(sum(len(p.text.split()) for p in exchange.answer)))
            table.add_row(*row)
        self.print(table)

    def exchanges(
        self,
        transcript: Transcript,
        exchanges: Sequence[Exchange],
        citations: Sequence[Citation] | None = None,
        *,
        several: bool = False,
    ) -> None:
        """Each exchange under a rule naming it, one or `several`; with --cite, its citation below (see
        `citation_line`)."""
        for index, exchange in enumerate(exchanges):
            if index:
                self.print("")
            self.print(self._exchange(transcript, exchange))
            if citations is not None:
                self.console.print(citation_line(citations[index]), end="", soft_wrap=True)

    def _exchange(self, transcript: Transcript, exchange: Exchange) -> RenderableType:
        heading = Text.assemble((exchange_title(exchange), NUMBER_STYLE))
        if not exchange.is_opening:
            heading.append(f" of {transcript.last_number}", style=DIM)
            if exchange.outlet:
                heading.append(f" · {visible(exchange.outlet)}", style=DIM)
        parts: list[RenderableType] = [Rule(heading, align="left", style=DIM)]
        for group in (exchange.question, exchange.answer):
            for paragraph in group:
                parts += [Text(), self._paragraph(paragraph)]  # a blank line, not Padding: no trailing spaces
        return Group(*parts)

    def _paragraph(self, paragraph: Paragraph) -> RenderableType:
        text = Text()
        if paragraph.label:
            style = QUESTION_STYLE if paragraph.speaker == QUESTION else SPEAKER_STYLE
            text.append(f"{visible(paragraph.label)}: ", style=style)
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

        def context_line(sentence: Sentence) -> None:  # a sentence around a hit (-C): dim, no score
            where = _reference(sentence.exchange, sentence.part)
            self._hanging(out, where, "", reference_width, score_width, safe_text(_flat(sentence.text)), DIM)

        for index, (hit, (before, after)) in enumerate(zip(hits, around, strict=True)):
            if (contexts is not None or citations is not None) and index:
                out.append("\n")
            for sentence in before:
                context_line(sentence)
            where = _reference(hit.exchange, hit.part)
            self._hanging(out, where, f"{hit.score:g}", reference_width, score_width, _marked(hit.text, hit.spans), "")
            for sentence in after:
                context_line(sentence)
            if citations is not None:
                out.append_text(citation_line(citations[index]))
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

    def topics(self, transcript: Transcript, topics: Sequence[Topic]) -> None:
        """A table, most mentioned first: the topic, its mentions, a sparkline of where they fall."""
        from rich.table import Table

        numbers = [e.number for e in transcript.exchanges]
        columns = _columns(len(numbers), max(self.console.width - 56, 10))
        table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
        table.add_column("Topic", overflow="ellipsis", no_wrap=True, max_width=36)
        table.add_column("Mentions", justify="right", no_wrap=True)
        table.add_column(f"Where: exchanges {numbers[0]}-{numbers[-1]}", no_wrap=True)
        table.add_column("Exchanges", justify="right", no_wrap=True, style=DIM)
        for topic in topics:
            per = {at.exchange: at.count for at in topic.per_exchange}
            counts = _bucketed([per.get(n, 0) for n in numbers], columns)
            table.add_row(
                safe_text(topic.name, TOPIC_STYLE if topic.kind == "name" else PHRASE_STYLE),
                str(topic.count),
                _sparkline(counts),
                str(len(topic.per_exchange)),
            )
        self.print(table)

    def topic(self, transcript: Transcript, match: TopicMatch) -> None:
        """The topic, then each exchange that mentions it, with its quotes and the mentions marked."""
        topic = match.topic
        heading = Text.assemble(
            (visible(topic.name), f"bold {TOPIC_STYLE}"),
            (f"  {_plural(topic.count, 'mention')} in {_plural(len(topic.per_exchange), 'exchange')}", DIM),
        )
        others = [s for s in topic.spellings if s != topic.name]
        if others:
            heading.append(f"  also: {visible(', '.join(others[:8]))}", style=DIM)
        self.print(heading)
        label_width = max(len(q.part) for q in topic.quotes)
        for at in topic.per_exchange:
            exchange = transcript.exchange(at.exchange)
            title = "Opening remarks" if exchange.is_opening else f"Question {exchange.number}"
            rule = Text.assemble((title, NUMBER_STYLE), (f" · {_plural(at.count, 'mention')}", DIM))
            self.print(Text())
            self.print(Rule(rule, align="left", style=DIM))
            out = Text()
            quotes = topic.quotes_in(exchange.number)
            if exchange.question_text and not any(q.part == QUESTION_PART for q in quotes):
                # the question in one line, for what the answer answers
                room = max(self.console.width - label_width - 3, 20)
                question = safe_text(_fit(_flat(one_line(exchange.question_text)), room))
                self._hanging(out, "asked", "", label_width, 0, question, DIM)
            for quote in quotes:
                self._hanging(out, quote.part, "", label_width, 0, _marked(quote.text, quote.spans), "")
            self.console.print(out, end="", soft_wrap=True)

    def topic_map(self, transcript: Transcript, grid: TopicMap) -> None:
        """A heat grid: a row per main topic, a cell per exchange, darker to brighter with more mentions."""
        coloured = self.console.color_system is not None and not self.console.no_color
        total_width = len(str(max((sum(r) for r in grid.counts), default=0))) + 1
        name_width = min(max((len(n) for n in grid.topics), default=5), MAP_NAME_WIDTH)
        room = max(self.console.width - name_width - 1 - total_width, 10)
        cell = 2 if 2 * len(grid.exchanges) <= room else 1
        columns = _columns(len(grid.exchanges), room // cell)
        per_column = -(-len(grid.exchanges) // columns)
        first, last = grid.exchanges[0], grid.exchanges[-1]
        title = f"Where the main topics come up: exchanges {first}-{last}"
        if first == 0:
            title += " (0 = opening remarks)"
        if per_column > 1:
            title += f", {per_column} to a cell"
        self.print(Text(title, style="bold"))
        # exchange numbers over every fifth cell
        ruler = [" "] * (columns * cell)
        for column in range(0, columns, 5):
            label = str(grid.exchanges[column * per_column])
            if column * cell + len(label) <= len(ruler):
                ruler[column * cell : column * cell + len(label)] = label
        self.print(Text(" " * (name_width + 1) + "".join(ruler).rstrip(), style=DIM))
        for name, row in zip(grid.topics, grid.counts, strict=True):
            line = Text(_fit(visible(name), name_width).ljust(name_width) + " ", style=TOPIC_STYLE)
            for count in _bucketed(list(row), columns):
                line.append_text(_heat_cell(count, cell, coloured))
            line.append(str(sum(row)).rjust(total_width), style=DIM)
            self.print(line)
        legend = Text(" " * (name_width + 1))
        for level, label in enumerate(HEAT_LABELS, start=1):
            legend.append_text(_heat_cell(1 << (level - 1), 1, coloured))
            legend.append(f" {label}  ", style=DIM)
        legend.append("mentions", style=DIM)
        self.print(legend)


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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _columns(count: int, room: int) -> int:
    """How many cells `count` exchanges take in `room` columns: one each, or several to a cell."""
    if count <= room:
        return max(count, 1)
    per_cell = -(-count // room)
    return -(-count // per_cell)


def _bucketed(counts: list[int], columns: int) -> list[int]:
    """Counts summed into `columns` cells of equal span (the last may be shorter)."""
    per_cell = -(-len(counts) // columns) if counts else 1
    return [sum(counts[i : i + per_cell]) for i in range(0, len(counts), per_cell)]


def _sparkline(counts: Sequence[int]) -> Text:
    """A bar per cell, as high as its share of the row's largest; a dot where there is none."""
    top = max(counts, default=0)
    line = Text()
    for count in counts:
        if count:
            line.append(SPARKS[max(0, -(-count * len(SPARKS) // top) - 1)], style="cyan")
        else:
            line.append("·", style=DIM)
    return line


def _heat_cell(count: int, width: int, coloured: bool) -> Text:
    if not count:
        return Text("·".ljust(width), style=DIM)
    level = min(count.bit_length(), len(HEAT_LABELS)) - 1
    # one block and a gap: neighbouring exchanges stay apart even when equally hot
    if coloured:
        return Text("█".ljust(width), style=HEAT_COLOURS[level])
    return Text(HEAT_BARS[level].ljust(width))
