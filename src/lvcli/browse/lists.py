"""The exchanges view, the topics view, and one topic's exchanges and quotes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Static

from lvcli.browse.common import CitationBar, Opening, Passage, citation, marked, preview, quote_row
from lvcli.browse.reader import ExchangeView
from lvcli.printers.terminal import DIM, MATCH_STYLE, NUMBER_STYLE, TOPIC_STYLE
from lvcli.transcript import Transcript

if TYPE_CHECKING:
    from lvcli.browse.app import Topics
    from lvcli.topics import Topic


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class ExchangesView(Screen[None]):
    """Every exchange on a line: number, question, main topics, answer length (0 is the opening remarks)."""

    def __init__(self, doc: Transcript) -> None:
        super().__init__()
        self.doc = doc
        self.main_topics: dict[int, tuple[str, ...]] | None = None
        self.filled_for = 0  # the width the rows were cut to

    def compose(self) -> ComposeResult:
        count = plural(len(self.doc.questions), "question")
        yield Static(f"Exchanges · {count}, and 0 the opening remarks", classes="title")
        yield DataTable(cursor_type="row", id="exchanges")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "topics", self.topics_found)

    def topics_found(self, topics: Topics | None) -> None:
        if topics is not None:
            self.main_topics = topics.main
            self.fill()

    def on_resize(self) -> None:
        if self.size.width != self.filled_for:
            self.fill()

    def fill(self) -> None:
        """Rows cut to the width of the screen: the question takes what the other columns leave."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        self.filled_for = width = self.size.width
        number_width = len(str(self.doc.last_number))
        room = max(width - 2 - 2 * 4 - number_width - 5, 20)  # scroll bar, cell padding, number, words
        topics_width = min(max(room // 3, 10), 40)
        table.add_column("#", width=number_width, key="number")
        table.add_column("Question", width=room - topics_width, key="question")
        table.add_column("Topics", width=topics_width, key="topics")
        table.add_column(Text("Words", justify="right"), width=5, key="words")
        for exchange in self.doc.exchanges:
            found = "…" if self.main_topics is None else ", ".join(self.main_topics.get(exchange.number, ()))
            table.add_row(
                Text(str(exchange.number), style=NUMBER_STYLE, justify="right"),
                fit(preview(exchange), room - topics_width),
                Text(fit(found, topics_width), style=TOPIC_STYLE),
                Text(str(sum(len(p.text.split()) for p in exchange.answer)), style=DIM, justify="right"),
                key=str(exchange.number),
            )
        table.move_cursor(row=row, animate=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        assert event.row_key.value is not None
        self.app.push_screen(ExchangeView(self.doc, int(event.row_key.value)))


class TopicsView(Screen[None]):
    """The recurring topics, most mentioned first, with their mentions and exchanges."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.home", "Back")]

    def __init__(self, doc: Transcript) -> None:
        super().__init__()
        self.doc = doc
        self.topics: tuple[Topic, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static("Topics · finding them…", classes="title", id="topics-title")
        yield DataTable(cursor_type="row", id="topics")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).loading = True
        self.watch(self.app, "topics", self.topics_found)

    def topics_found(self, topics: Topics | None) -> None:
        if topics is None:
            return
        self.topics = topics.recurring
        self.query_one("#topics-title", Static).update(
            f"Topics · {len(self.topics)} come up more than once · Enter lists their exchanges and quotes"
        )
        table = self.query_one(DataTable)
        table.add_column("Topic", key="topic")
        table.add_column(Text("Mentions", justify="right"), key="mentions")
        table.add_column(Text("Exchanges", justify="right"), key="exchanges")
        for index, topic in enumerate(self.topics):
            table.add_row(
                Text(fit(topic.name, 40), style=TOPIC_STYLE),
                Text(str(topic.count), justify="right"),
                Text(str(len(topic.per_exchange)), style=DIM, justify="right"),
                key=str(index),
            )
        table.loading = False

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        assert event.row_key.value is not None
        self.app.push_screen(TopicView(self.doc, self.topics[int(event.row_key.value)]))


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
            (topic.name, f"bold {TOPIC_STYLE}"),
            (f" · {plural(topic.count, 'mention')} in {plural(len(topic.per_exchange), 'exchange')}", DIM),
        )
        yield Static(heading, classes="title")
        yield OptionList(*self.entries(), id="quotes")
        yield CitationBar()
        yield Footer(compact=True)

    def entries(self) -> list[Opening]:
        margin = len("question") + 1
        entries = []
        for at in self.topic.per_exchange:
            exchange = self.doc.exchange(at.exchange)
            head = Table.grid()
            head.add_column(no_wrap=True, overflow="ellipsis")  # one line, however long the question
            head.add_row(
                Text.assemble(
                    ("Opening remarks" if exchange.is_opening else f"Question {exchange.number}", NUMBER_STYLE),
                    (f" · {plural(at.count, 'mention')}", DIM),
                    ("" if exchange.is_opening else f" · {preview(exchange)}", DIM),
                )
            )
            entries.append(Opening(head, exchange.number))
            for quote in self.topic.quotes_in(exchange.number):
                text = marked(quote.text, [(MATCH_STYLE, quote.spans)])
                row = quote_row(Text(f" {quote.part}", style=DIM), text, margin)
                entries.append(Opening(row, exchange.number, Passage.of_quote(self.doc, quote)))
        return entries

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        assert isinstance(event.option, Opening)
        self.app.push_screen(ExchangeView(self.doc, event.option.number, event.option.passage))

    def action_cite(self) -> None:
        entry = self.query_one(OptionList).highlighted_option
        if isinstance(entry, Opening):
            self.query_one(CitationBar).copy(citation(self.doc, entry.number, entry.passage))
