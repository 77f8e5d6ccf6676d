"""The exchange view: a question and its answer whole, styled as `show` styles them, one sentence perhaps marked."""

from __future__ import annotations

from typing import ClassVar

from rich.rule import Rule
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Footer, Static

from lvcli.browse.common import CitationBar, Passage, citation, paragraph_text, title
from lvcli.printers.terminal import DIM
from lvcli.safe import visible
from lvcli.transcript import QUESTION_PART, Exchange, Transcript


class ExchangeView(Screen[None]):
    """One exchange, whole; n and p move to the next and previous one, c cites it (or the marked sentence)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "move(1)", "Next"),
        Binding("p", "move(-1)", "Prev"),
        Binding("c", "cite", "Cite"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, doc: Transcript, number: int, passage: Passage | None = None) -> None:
        super().__init__()
        self.doc = doc
        self.exchange = doc.exchange(number)
        self.passage = passage
        self.marked: Static | None = None  # the paragraph that holds the passage, while it is shown
        self.before_passage = ""  # its text as shown up to the passage

    def compose(self) -> ComposeResult:
        yield Static(id="heading")
        yield VerticalScroll(id="reading")
        yield CitationBar()
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        await self.show(self.exchange)

    async def show(self, exchange: Exchange) -> None:
        self.exchange = exchange
        if self.passage is not None and self.passage.exchange != exchange.number:
            self.passage = None  # it was in the exchange the reader has moved on from
        passage = self.passage
        self.query_one("#heading", Static).update(Rule(title(exchange, self.doc.last_number), align="left", style=DIM))
        self.marked = None
        widgets: list[Static] = []
        for in_question, group in ((True, exchange.question), (False, exchange.answer)):
            for index, paragraph in enumerate(group):
                if passage and passage.paragraph == index and (passage.part == QUESTION_PART) == in_question:
                    text = paragraph_text(paragraph, passage.layers())
                    after = len(visible(paragraph.text[passage.start :]))
                    self.before_passage = text.plain[: len(text.plain) - after]
                    self.marked = Static(text, classes="paragraph")
                    widgets.append(self.marked)
                else:
                    widgets.append(Static(paragraph_text(paragraph), classes="paragraph"))
        reading = self.query_one("#reading", VerticalScroll)
        await reading.remove_children()
        await reading.mount_all(widgets)
        reading.scroll_home(animate=False)
        if self.marked is not None:
            self.call_after_refresh(self.scroll_to_passage)

    def passage_line(self) -> int:
        """The line of the reading pane on which the marked sentence starts."""
        assert self.marked is not None
        before = Text(self.before_passage.rstrip() or " ")
        lines = before.wrap(self.app.console, max(self.marked.content_size.width, 1))
        return self.marked.virtual_region.y + len(lines) - 1

    def scroll_to_passage(self) -> None:
        """Bring the marked sentence to the middle of the view."""
        if self.marked is None:
            return
        reading = self.query_one("#reading", VerticalScroll)
        reading.scroll_to_region(
            Region(0, self.passage_line(), reading.size.width, 2), center=True, animate=False, force=True
        )

    async def action_move(self, step: int) -> None:
        number = self.exchange.number + step
        if not 0 <= number <= self.doc.last_number:
            self.notify("That was the last exchange." if step > 0 else "This is the first exchange.", timeout=2)
            return
        await self.show(self.doc.exchange(number))

    def action_cite(self) -> None:
        self.query_one(CitationBar).copy(citation(self.doc, self.exchange.number, self.passage))
