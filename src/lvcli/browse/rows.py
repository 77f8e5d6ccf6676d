"""A list of one-line rows drawn only where they are seen, so thousands of exchanges or topics cost nothing to show."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class RowList(ScrollView, can_focus=True):
    """Rows drawn by `draw(index, width)` as they scroll into view; a cursor; Enter or a click chooses one.

    Textual's DataTable and OptionList measure every row when filled, which at 100 times the
    transcript held up the first screen and every resize for seconds.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "go(0)", show=False),
        Binding("end", "go(-1)", show=False),
        Binding("enter", "choose", "Open"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor"}
    DEFAULT_CSS = """
    RowList { overflow-x: hidden; overflow-y: scroll; scrollbar-size-vertical: 1; }
    RowList > .row-list--cursor { background: $block-cursor-background; }
    RowList:blur > .row-list--cursor { background: $block-cursor-blurred-background; }
    """

    cursor: reactive[int] = reactive(0)

    class Chosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, draw: Callable[[int, int], Text], count: int = 0, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.draw = draw
        self.count = count

    def show(self, count: int) -> None:
        """Draw `count` rows afresh (the same rows with more to say, or others)."""
        self.count = count
        self.virtual_size = Size(self.size.width, count)
        self.cursor = min(self.cursor, max(count - 1, 0))
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.count)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= self.count:
            return Strip.blank(width, self.rich_style)
        segments = list(self.draw(index, width).render(self.app.console, end=""))
        if index == self.cursor:
            cursor = self.get_component_rich_style("row-list--cursor")
            segments = list(Segment.apply_style(segments, post_style=Style(bgcolor=cursor.bgcolor, bold=True)))
            return Strip(segments).crop_extend(0, width, Style(bgcolor=cursor.bgcolor))
        return Strip(segments).crop_extend(0, width, self.rich_style)

    def watch_cursor(self, cursor: int) -> None:
        self.refresh()
        self.scroll_to_region(Region(0, cursor, self.size.width, 1), animate=False, force=True)

    def action_move(self, step: int) -> None:
        self.cursor = max(0, min(self.cursor + step, self.count - 1))

    def action_page(self, step: int) -> None:
        self.action_move(step * max(self.scrollable_content_region.height - 1, 1))

    def action_go(self, index: int) -> None:
        self.cursor = index if index >= 0 else max(self.count - 1, 0)

    def action_choose(self) -> None:
        if self.count:
            self.post_message(self.Chosen(self.cursor))

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < self.count:
            self.cursor = index
            self.action_choose()
