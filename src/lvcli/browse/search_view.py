"""The search view: a box, and lvcli's own search run again off the UI thread at every keystroke."""

from __future__ import annotations

import threading
from typing import ClassVar

from rich.console import Console
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.worker import get_current_worker

from lvcli.browse.common import CitationBar, Opening, Passage, citation, marked
from lvcli.browse.reader import ExchangeView
from lvcli.printers.terminal import DIM, MATCH_STYLE, NUMBER_STYLE
from lvcli.search import DEFAULT_MIN_SCORE, Hit, SearchIndex, blank
from lvcli.transcript import Transcript

LIMIT = 20  # a screenful or two; each hit listed is laid out on every keystroke
HINT = "Type what you remember of a sentence: words in any order, typos and the start of a name welcome."


def hit_text(hit: Hit, where: int, score: int, width: int, console: Console) -> Text:
    """A hit as `lvcli search` prints it: reference and score in a margin, the sentence wrapped beside them.

    Wrapped here, to the list's width, rather than laid out by a Rich table: measuring and drawing
    a table per hit took most of the time between a keystroke and its hits on screen.
    """
    margin = where + 1 + score + 2
    head = Text.assemble(
        (f"{hit.exchange} {hit.part}".ljust(where), NUMBER_STYLE), (f" {hit.score:g}".rjust(score + 1), DIM), "  "
    )
    lines = marked(hit.text, [(MATCH_STYLE, hit.spans)]).wrap(console, max(width - margin, 20))
    return head + Text("\n" + " " * margin).join(lines)


class SearchView(Screen[None]):
    """A search box over the best sentences for what is typed, best first, the matched words marked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move('cursor_down')", "Down", show=False),
        Binding("up", "move('cursor_up')", "Up", show=False),
        Binding("pagedown", "move('page_down')", show=False),
        Binding("pageup", "move('page_up')", show=False),
        Binding("enter", "open", "Open"),
        Binding("c", "cite", "Cite"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, doc: Transcript) -> None:
        super().__init__()
        self.doc = doc
        self.shown = ""  # the query whose hits are listed
        self.hits: list[Hit] = []
        self.one_at_a_time = threading.Lock()
        self.index: SearchIndex | None = None  # built by the first search, kept for the next keystrokes

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search: what you remember of the sentence", id="query", compact=True)
        yield Static(HINT, id="status")
        yield OptionList(id="hits")
        yield CitationBar()
        yield Footer(compact=True)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.find(event.value)

    def on_input_submitted(self) -> None:
        self.action_open()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # c is a letter while the reader types
        return not (action == "cite" and isinstance(self.focused, Input))

    @work(exclusive=True, thread=True, exit_on_error=False)
    def find(self, query: str) -> None:
        """Search beside the UI, so typing never waits; a newer keystroke cancels this one."""
        worker = get_current_worker()
        # One search at a time: those superseded while they wait here never run.
        with self.one_at_a_time:
            if worker.is_cancelled:
                return
            if self.index is None:
                self.index = SearchIndex(self.doc)
            hits = [] if blank(query) else self.index.search(query, limit=LIMIT)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_hits, query, hits)

    def show_hits(self, query: str, hits: list[Hit]) -> None:
        if query != self.query_one(Input).value:
            return  # the reader has typed on since
        status = self.query_one("#status", Static)
        typed = " ".join(query.split())
        if blank(query):
            status.update(HINT)
            self.shown, self.hits = "", []
            self.query_one(OptionList).clear_options()
            return
        if not hits:
            # keep the last hits while a word is half typed ("security g"): they are more use than nothing
            again = f"; still showing {self.shown!r}" if self.shown else ""
            status.update(Text(f"No sentence matches {typed!r} with a score of {DEFAULT_MIN_SCORE:g} or more{again}"))
            return
        best = "the best " if len(hits) == LIMIT else ""
        status.update(Text(f"{best}{len(hits)} sentences for {typed!r}, best first; ↑↓ choose, Enter opens", style=DIM))
        self.shown = typed
        if hits == self.hits:
            return  # another word that changes nothing ("security " after "security"): the list stays as it is
        self.hits = hits
        self.list_hits()
        self.query_one(OptionList).highlighted = 0

    def list_hits(self) -> None:
        listing = self.query_one(OptionList)
        width = listing.scrollable_content_region.width - 2  # the entries' padding
        where = max(len(f"{hit.exchange} {hit.part}") for hit in self.hits)
        score = max(len(f"{hit.score:g}") for hit in self.hits)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options(
            Opening(hit_text(hit, where, score, width, self.app.console), hit.exchange, Passage.of_hit(hit))
            for hit in self.hits
        )
        listing.highlighted = highlighted

    def on_resize(self) -> None:
        if self.hits:
            self.call_after_refresh(self.list_hits)  # they were wrapped to the old width

    def action_move(self, how: str) -> None:
        getattr(self.query_one(OptionList), f"action_{how}")()

    def action_open(self) -> None:
        entry = self.query_one(OptionList).highlighted_option
        if isinstance(entry, Opening):
            self.app.push_screen(ExchangeView(self.doc, entry.number, entry.passage))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_cite(self) -> None:
        entry = self.query_one(OptionList).highlighted_option
        if isinstance(entry, Opening):
            self.query_one(CitationBar).copy(citation(self.doc, entry.number, entry.passage))

    def action_back(self) -> None:
        """From the box to the hits; from the hits back to the exchanges."""
        if self.query_one(Input).has_focus and self.query_one(OptionList).option_count:
            self.query_one(OptionList).focus()
        else:
            self.app.switch_mode("exchanges")
