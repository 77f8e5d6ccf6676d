"""The exchanges view, the topics view, and one topic's exchanges and quotes."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from lvcli.browse.common import CitationBar, Opening, Passage, Topics, citation, marked, preview
from lvcli.browse.reader import ExchangeView
from lvcli.browse.rows import RowList
from lvcli.printers.terminal import DIM, MATCH_STYLE, NUMBER_STYLE, TOPIC_STYLE
from lvcli.safe import visible
from lvcli.transcript import QUESTION_PART, Transcript

if TYPE_CHECKING:
    from lvcli.topics import Quote, Topic


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class ExchangesView(Screen[None]):
    """Every exchange on a line: number, question, main topics, answer length (0 is the opening remarks)."""

    def __init__(self, doc: Transcript) -> None:
        super().__init__()
        self.doc = doc
        self.main_topics: dict[int, tuple[str, ...]] | None = None  # until the topics are found

    def compose(self) -> ComposeResult:
        count = plural(len(self.doc.questions), "question")
        yield Static(f"Exchanges · {count}, and 0 the opening remarks", classes="title")
        yield Static(id="columns")
        yield RowList(self.row, len(self.doc.exchanges), id="exchanges")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "topics", self.topics_found)

    def topics_found(self, topics: Topics | None) -> None:
        if topics is not None:
            self.main_topics = topics.main
            self.query_one(RowList).refresh()

    def on_resize(self) -> None:
        # the rows' width: the screen's, less the scroll bar
        self.query_one("#columns", Static).update(
            self.line(self.size.width - 1, "#", "Question", "Topics", "Words", True)
        )

    def widths(self, width: int) -> tuple[int, int, int, int]:
        """Number, question, topics and words: the question takes what the others leave."""
        number = len(str(self.doc.last_number))
        room = max(width - 1 - number - 5 - 3 * 2, 20)
        topics = min(max(room // 3, 10), 40)
        return number, room - topics, topics, 5

    def line(self, width: int, number: str, question: str, topics: str, words: str, heading: bool = False) -> Text:
        number_width, question_width, topics_width, words_width = self.widths(width)
        return Text.assemble(
            " ",
            (number.rjust(number_width), "bold" if heading else NUMBER_STYLE),
            "  ",
            (fit(question, question_width).ljust(question_width), "bold" if heading else ""),
            "  ",
            (fit(topics, topics_width).ljust(topics_width), "bold" if heading else TOPIC_STYLE),
            (words.rjust(words_width + 2), "bold" if heading else DIM),
            no_wrap=True,
        )

    def row(self, index: int, width: int) -> Text:
        exchange = self.doc.exchanges[index]
        found = "…" if self.main_topics is None else ", ".join(self.main_topics.get(exchange.number, ()))
        words = sum(len(p.text.split()) for p in exchange.answer)
        return self.line(width, str(exchange.number), preview(exchange), found, str(words))

    def on_row_list_chosen(self, event: RowList.Chosen) -> None:
        self.app.push_screen(ExchangeView(self.doc, self.doc.exchanges[event.index].number))


class TopicsView(Screen[None]):
    """The recurring topics, most mentioned first, with their mentions and exchanges."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.home", "Back")]

    def __init__(self, doc: Transcript) -> None:
        super().__init__()
        self.doc = doc
        self.topics: tuple[Topic, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static("Topics · finding them…", classes="title", id="topics-title")
        yield Static(id="columns")
        yield RowList(self.row, id="topics")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(RowList).loading = True
        self.watch(self.app, "topics", self.topics_found)

    def topics_found(self, topics: Topics | None) -> None:
        if topics is None:
            return
        self.topics = topics.recurring
        self.query_one("#topics-title", Static).update(
            f"Topics · {len(self.topics)} come up more than once · Enter lists their exchanges and quotes"
        )
        self.query_one("#columns", Static).update(
            self.line(self.size.width - 1, "Topic", "Mentions", "Exchanges", True)
        )
        rows = self.query_one(RowList)
        rows.loading = False
        rows.show(len(self.topics))

    def line(self, width: int, name: str, mentions: str, exchanges: str, heading: bool = False) -> Text:
        name_width = min(max(width - 1 - 10 - 11, 10), 40)
        return Text.assemble(
            " ",
            (fit(name, name_width).ljust(name_width), "bold" if heading else TOPIC_STYLE),
            (mentions.rjust(10), "bold" if heading else ""),
            (exchanges.rjust(11), "bold" if heading else DIM),
            no_wrap=True,
        )

    def row(self, index: int, width: int) -> Text:
        topic = self.topics[index]
        return self.line(width, visible(topic.name), str(topic.count), str(len(topic.per_exchange)))

    def on_row_list_chosen(self, event: RowList.Chosen) -> None:
        self.app.push_screen(TopicView(self.doc, self.topics[event.index]))


class TopicView(Screen[None]):
    """One topic: each exchange that mentions it, and under it the quotes with the mentions marked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "cite", "Cite"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, doc: Transcript, topic: Topic) -> None:
        super().__init__()
        self.doc = doc
        self.topic = topic

    def compose(self) -> ComposeResult:
        topic = self.topic
        heading = Text.assemble(
            (visible(topic.name), f"bold {TOPIC_STYLE}"),
            (f" · {plural(topic.count, 'mention')} in {plural(len(topic.per_exchange), 'exchange')}", DIM),
        )
        yield Static(heading, classes="title")
        yield OptionList(id="quotes")
        yield CitationBar()
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.fill()

    @work(exclusive=True)
    async def fill(self) -> None:
        """The entries a few hundred at a time: a topic of a long transcript has thousands of quotes, and
        OptionList measures each as it comes, so the reader can read and move while the rest arrive."""
        listing = self.query_one(OptionList)
        entries = self.entries()
        while batch := list(islice(entries, 200)):
            listing.add_options(batch)
            if listing.highlighted is None:
                listing.highlighted = 0
            await asyncio.sleep(0)

    def entries(self) -> Iterator[Opening]:
        quotes: dict[int, list[Quote]] = {}
        for quote in self.topic.quotes:
            quotes.setdefault(quote.exchange, []).append(quote)
        for at in self.topic.per_exchange:
            exchange = self.doc.exchange(at.exchange)
            head = Text.assemble(
                ("Opening remarks" if exchange.is_opening else f"Question {exchange.number}", NUMBER_STYLE),
                (f" · {plural(at.count, 'mention')}", DIM),
                ("" if exchange.is_opening else f" · {fit(preview(exchange), 50)}", DIM),
            )
            yield Opening(head, exchange.number)
            for quote in quotes.get(exchange.number, ()):
                where = " (in the question)" if quote.part == QUESTION_PART and not exchange.is_opening else ""
                line = Text.assemble("  ", marked(quote.text, [(MATCH_STYLE, quote.spans)]), (where, DIM))
                yield Opening(line, exchange.number, Passage.of_quote(self.doc, quote))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        assert isinstance(event.option, Opening)
        self.app.push_screen(ExchangeView(self.doc, event.option.number, event.option.passage))

    def action_cite(self) -> None:
        entry = self.query_one(OptionList).highlighted_option
        if isinstance(entry, Opening):
            self.query_one(CitationBar).copy(citation(self.doc, entry.number, entry.passage))
