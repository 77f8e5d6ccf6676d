"""The browse app: three views one key away (exchanges, search, topics), each with its own stack of screens."""

from __future__ import annotations

import threading
from functools import partial
from typing import ClassVar

from rich.table import Table
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from lvcli.browse.common import Topics
from lvcli.browse.lists import ExchangesView, TopicsView
from lvcli.browse.search_view import SearchView
from lvcli.topics import TopicIndex
from lvcli.transcript import Transcript

KEYS = (
    ("/", "search: what you remember, typos welcome"),
    ("e", "the exchanges"),
    ("t", "the topics"),
    ("↑ ↓ PgUp PgDn", "move (in the hits while typing too)"),
    ("Enter", "open"),
    ("n  p", "next, previous exchange"),
    ("c", "copy the citation, and show it"),
    ("Escape", "back"),
    ("?", "these keys"),
    ("q", "quit (Ctrl+Q while typing)"),
)


class KeysScreen(ModalScreen[None]):
    """The keys, over whatever view was showing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,enter", "dismiss", "Close"),
    ]

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        for key, what in KEYS:
            keys.add_row(key, what)
        with Vertical(id="keys") as box:
            box.border_title = "Keys"
            yield Static(keys)
            yield Static("Escape closes this.", classes="hint")


class BrowseApp(App[int]):
    """`lvcli browse`: the exchanges, the search and the topics of one transcript."""

    CSS_PATH = "browse.tcss"
    TITLE = "lvcli browse"
    ENABLE_COMMAND_PALETTE = False
    # In this order in the footer, after the view's own keys: on a narrow screen the last are cut.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "keys", "Keys"),
        Binding("q", "leave", "Quit"),
        Binding("slash", "search", "Search"),
        Binding("e", "view('exchanges')", "Exchanges"),
        Binding("t", "view('topics')", "Topics"),
    ]

    # None until found: the views show the transcript at once, and the topics when they come.
    topics: reactive[Topics | None] = reactive(None)

    class TopicsFound(Message):
        def __init__(self, topics: Topics) -> None:
            super().__init__()
            self.topics = topics

    def __init__(self, doc: Transcript) -> None:
        super().__init__()
        self.doc = doc
        self.add_mode("exchanges", partial(ExchangesView, doc))
        self.add_mode("search", partial(SearchView, doc))
        self.add_mode("topics", partial(TopicsView, doc))

    def on_mount(self) -> None:
        self.switch_mode("exchanges")
        # A daemon thread, not a worker: quitting waits for a worker's thread, and topics take long on a long
        # transcript. Started once the first screen is drawn, so as not to hold it up.
        self.call_after_refresh(threading.Thread(target=self.find_topics, name="topics", daemon=True).start)

    def find_topics(self) -> None:
        index = TopicIndex(self.doc)
        main = {e.number: tuple(t.name for t in index.main_topics(e.number)) for e in self.doc.exchanges}
        self.post_message(self.TopicsFound(Topics(index.recurring(), main)))  # safe from another thread

    def on_browse_app_topics_found(self, message: TopicsFound) -> None:
        self.topics = message.topics

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the reader types in the search box, letters are text: hide the single-letter keys.
        return not (action in {"view", "search", "keys", "leave"} and isinstance(self.focused, Input))

    def action_leave(self) -> None:
        """q: quit; Ctrl+Q (Textual's own "quit") quits while the reader types too."""
        self.exit(0)

    def action_view(self, mode: str) -> None:
        self.switch_mode(mode)

    async def action_search(self) -> None:
        """To the search box, from wherever the reader is: an exchange opened from a hit closes."""
        await self.switch_mode("search")
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        self.screen.query_one(Input).focus()

    def action_keys(self) -> None:
        self.push_screen(KeysScreen())

    def action_home(self) -> None:
        """Escape on the first screen of the search or topics view: back to the exchanges."""
        self.switch_mode("exchanges")
