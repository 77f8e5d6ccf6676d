"""`lvcli browse` driven by keys as a reader drives it (Textual's pilot), and its refusal off a terminal."""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from rich.rule import Rule
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static
from typer.testing import CliRunner

from lvcli.browse.app import BrowseApp, KeysScreen
from lvcli.browse.common import PASSAGE_STYLE, CitationBar, Opening
from lvcli.browse.lists import ExchangesView, TopicsView, TopicView
from lvcli.browse.reader import ExchangeView
from lvcli.browse.rows import RowList
from lvcli.browse.search_view import LIMIT, SearchView
from lvcli.cite import cite
from lvcli.cli import app as cli_app
from lvcli.search import SearchIndex, search
from lvcli.source import load
from lvcli.topics import TopicIndex
from lvcli.transcript import Transcript
from tests.conftest import ROOT, clean_env, lvcli_executable, sh

BRIEFING = ROOT / "tests" / "data" / "topics_briefing.txt"
REFUSAL = "lvcli: browse is interactive and needs a terminal; piped or redirected, use 'lvcli list', 'lvcli search' or 'lvcli show'\n"
Scenario = Callable[[Pilot[int]], Awaitable[None]]


def play(scenario: Scenario, doc: Transcript, size: tuple[int, int] = (100, 30)) -> BrowseApp:
    """Run the app headless at `size`, let `scenario` drive it, and return it once it has ended."""
    app = BrowseApp(doc)

    async def run() -> None:
        async with app.run_test(size=size) as pilot:
            await scenario(pilot)

    asyncio.run(run())
    return app


async def until(pilot: Pilot[int], condition: Callable[[], bool], what: str) -> None:
    """Let the app run until `condition` holds (a search or the topics come from other threads)."""
    for _ in range(400):
        if condition():
            return
        await pilot.pause(0.025)
    raise AssertionError(f"waited 10 s for {what}")


async def settle(pilot: Pilot[int]) -> None:
    """Let the app's workers finish (a topic's entries are added in batches), and draw."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot: Pilot[int], text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))


async def search_for(pilot: Pilot[int], query: str) -> SearchView:
    """Press / and type `query`, then wait for its hits to be listed."""
    await pilot.press("slash")
    await type_text(pilot, query)
    view = pilot.app.screen
    assert isinstance(view, SearchView)
    await until(pilot, lambda: f"{' '.join(query.split())!r}" in status(view), f"the hits for {query!r}")
    return view


def status(view: SearchView) -> str:
    return str(view.query_one("#status", Static).content)


def entries(listing: OptionList) -> list[Opening]:
    found = [listing.get_option_at_index(i) for i in range(listing.option_count)]
    assert all(isinstance(entry, Opening) for entry in found)
    return found  # type: ignore[return-value]


def heading(view: ExchangeView) -> str:
    rule = view.query_one("#heading", Static).content
    assert isinstance(rule, Rule) and isinstance(rule.title, Text)
    return rule.title.plain


def marked_sentence(view: ExchangeView) -> str:
    """The text the exchange view marks as the passage the reader came for."""
    assert view.marked is not None
    text = view.marked.content
    assert isinstance(text, Text)
    spans = [span for span in text.spans if PASSAGE_STYLE in str(span.style)]
    return "".join(text.plain[span.start : span.end] for span in spans)


def test_the_exchanges_view_lists_each_exchange_with_its_topics_and_answer_length(doc: Transcript) -> None:
    index = TopicIndex(doc)

    async def scenario(pilot: Pilot[int]) -> None:
        app = pilot.app
        assert isinstance(app, BrowseApp)
        view = app.screen
        assert isinstance(view, ExchangesView)
        rows = view.query_one(RowList)
        assert rows.count == len(doc.exchanges) and rows.has_focus
        await until(pilot, lambda: app.topics is not None, "the topics")
        width = rows.scrollable_content_region.width
        opening = view.row(0, width).plain
        assert opening.split()[:3] == ["0", "Opening", "remarks"]
        assert opening.split()[-1] == str(sum(len(p.text.split()) for p in doc.exchange(0).answer))
        sixteen = view.row(16, width).plain
        assert sixteen.lstrip().startswith("16  Last year you travelled to China")
        assert ", ".join(t.name for t in index.main_topics(16)) in sixteen
        assert sixteen.split()[-1] == "833"
        # the main keys are in the footer
        shown = {key for key, active in view.active_bindings.items() if active.binding.show and active.enabled}
        assert {"slash", "e", "t", "question_mark", "q"} <= shown

    play(scenario, doc)


def test_a_misspelt_query_shows_the_sentence_meant_first_ranked_as_lvcli_search(doc: Transcript) -> None:
    query = "secruity guarantes"

    async def scenario(pilot: Pilot[int]) -> None:
        view = await search_for(pilot, query)
        listed = entries(view.query_one(OptionList))
        first = listed[0].passage
        assert first is not None
        assert (first.exchange, first.part) == (29, "question")
        assert first.text == "When was the demand of security guarantees formulated?"
        assert [first.text[a:b] for a, b in first.spans] == ["security guarantees"]
        hits = search(doc, query, limit=LIMIT)
        assert [(e.number, e.passage and e.passage.text) for e in listed] == [(h.exchange, h.text) for h in hits]
        assert view.query_one(Input).has_focus  # the reader can type on

    play(scenario, doc)


def test_enter_opens_the_exchange_with_the_sentence_marked(doc: Transcript) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await search_for(pilot, "secruity guarantes")
        await pilot.press("enter")
        await pilot.pause()
        view = pilot.app.screen
        assert isinstance(view, ExchangeView)
        assert heading(view) == "Question 29 of 29"
        assert marked_sentence(view) == "When was the demand of security guarantees formulated?"
        paragraphs = [str(p.content) for p in view.query(".paragraph").results(Static)]
        assert paragraphs[0].startswith("Question: When was the demand of security guarantees formulated?")
        assert sum(len(p) for p in paragraphs) > 1000  # the answer whole, not an excerpt

    play(scenario, doc)


def test_a_sentence_deep_in_an_answer_is_scrolled_into_view_on_a_small_screen(doc: Transcript) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await search_for(pilot, "harnes hrses")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        view = pilot.app.screen
        assert isinstance(view, ExchangeView)
        assert heading(view) == "Question 3 of 29"
        assert "harness their horses" in marked_sentence(view)
        reading = view.query_one("#reading")
        line = view.passage_line()
        assert reading.scroll_y > 0
        assert reading.scroll_y <= line < reading.scroll_y + reading.scrollable_content_region.height

    play(scenario, doc, size=(60, 20))


def test_n_and_p_move_to_the_next_and_previous_exchange(doc: Transcript) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await search_for(pilot, "secruity guarantes")
        await pilot.press("enter")
        await pilot.pause()
        view = pilot.app.screen
        assert isinstance(view, ExchangeView)
        await pilot.press("n")  # 29 is the last: it stays, and says so
        assert heading(view) == "Question 29 of 29"
        await pilot.press("p")
        await pilot.pause()
        assert heading(view) == "Question 28 of 29" and view.marked is None
        await pilot.press("p", "p")
        await pilot.pause()
        assert heading(view) == "Question 26 of 29"
        await pilot.press("n")
        await pilot.pause()
        assert heading(view) == "Question 27 of 29"
        assert pilot.app.screen is view  # moving does not stack screens: Escape still goes back at once

    play(scenario, doc)


def test_escape_steps_back(doc: Transcript) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        app = pilot.app
        search_screen = await search_for(pilot, "harnes hrses")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExchangeView)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is search_screen and search_screen.query_one(Input).value == "harnes hrses"
        await pilot.press("escape")  # out of the box, onto the hits
        assert search_screen.query_one(OptionList).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExchangesView)
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TopicsView) and bool(app.screen.topics), "the topics")
        await pilot.press("enter")
        await settle(pilot)  # the topic's entries come in batches
        assert isinstance(app.screen, TopicView)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExchangeView)
        for back_to in (TopicView, TopicsView, ExchangesView):
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, back_to)

    play(scenario, doc)


def test_keys_move_between_the_views_each_keeping_its_place(doc: Transcript) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        app = pilot.app
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TopicsView) and bool(app.screen.topics), "the topics")
        await pilot.press("down", "enter")
        await pilot.pause()
        topic_screen = app.screen
        assert isinstance(topic_screen, TopicView) and topic_screen.topic.name == "NATO"
        await pilot.press("e")
        assert isinstance(app.screen, ExchangesView)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchView) and app.screen.query_one(Input).has_focus
        await pilot.press("escape", "escape")
        await pilot.press("t")
        assert app.screen is topic_screen
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is topic_screen

    play(scenario, doc)


def test_q_is_a_letter_in_the_search_box_and_quits_elsewhere_with_status_0(doc: Transcript) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("slash", "q")
        await pilot.pause()
        assert pilot.app.is_running and pilot.app.screen.query_one(Input).value == "q"
        await pilot.press("escape", "escape")  # to the hits, then out of the search
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExchangesView)
        await pilot.press("q")

    assert play(scenario, doc).return_code == 0

    async def typing(pilot: Pilot[int]) -> None:
        await pilot.press("slash", "n", "a", "ctrl+q")

    assert play(typing, doc).return_code == 0


def test_c_copies_the_citation_and_shows_it(doc: Transcript) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        app = pilot.app
        await search_for(pilot, "secruity guarantes")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("c")
        asked = cite(doc, doc.exchange(29), "question", "Question").text
        assert asked.startswith("Journalist, question 29, ")
        assert app.clipboard == asked
        bar = app.screen.query_one(CitationBar)
        assert bar.display and asked in str(bar.content)
        await pilot.press("p", "c")  # another exchange, no sentence marked: the answer is cited
        assert app.clipboard == cite(doc, doc.exchange(28)).text
        await pilot.press("escape", "tab", "down", "c")  # the second hit, from the list
        second = entries(app.screen.query_one(OptionList))[1]
        assert second.passage is not None
        assert app.clipboard == cite(doc, doc.exchange(second.number), second.passage.part, second.passage.speaker).text

    play(scenario, doc)


def test_a_topic_lists_its_exchanges_and_quotes_and_opens_one(doc: Transcript) -> None:
    nato = next(t for t in TopicIndex(doc).recurring() if t.name == "NATO")

    async def scenario(pilot: Pilot[int]) -> None:
        app = pilot.app
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TopicsView) and bool(app.screen.topics), "the topics")
        topics = app.screen
        assert isinstance(topics, TopicsView)
        rows = topics.query_one(RowList)
        assert rows.count == len(topics.topics)
        assert topics.row(1, 60).plain.split() == ["NATO", str(nato.count), str(len(nato.per_exchange))]
        await pilot.press("down", "enter")
        await settle(pilot)
        view = app.screen
        assert isinstance(view, TopicView)
        listed = entries(view.query_one(OptionList))
        heads = [e.number for e in listed if e.passage is None]
        quotes = [e.passage for e in listed if e.passage is not None]
        assert heads == list(nato.exchanges)
        assert [q.text for q in quotes] == [q.text for q in nato.quotes]
        for quote in quotes:
            assert all(quote.text[a:b].lower() in {s.lower() for s in nato.spellings} for a, b in quote.spans)
        await pilot.press("down", "enter")  # the first quote
        await pilot.pause()
        exchange = app.screen
        assert isinstance(exchange, ExchangeView)
        assert exchange.exchange.number == quotes[0].exchange
        assert marked_sentence(exchange) == quotes[0].text

    play(scenario, doc)


def test_search_runs_beside_the_ui_and_a_newer_keystroke_supersedes_an_older_search(
    doc: Transcript, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    calls: list[tuple[str, bool]] = []

    original = SearchIndex.search

    def slow_search(index: SearchIndex, query: str, **options: object) -> object:
        calls.append((query, threading.current_thread() is threading.main_thread()))
        if query == "n":
            release.wait(10)  # a search that takes long: the reader types on meanwhile
        return original(index, query, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(SearchIndex, "search", slow_search)

    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("slash", "n")
        await until(pilot, lambda: bool(calls), "the first search to start")
        await pilot.press("a", "t", "o")
        box = pilot.app.screen.query_one(Input)
        assert box.value == "nato"  # typing did not wait for the search
        release.set()
        view = pilot.app.screen
        assert isinstance(view, SearchView)
        await until(pilot, lambda: "'nato'" in status(view), "the hits for 'nato'")
        assert [query for query, _ in calls] == ["n", "nato"]  # "na" and "nat" never ran
        assert not any(on_main for _, on_main in calls)

    play(scenario, doc)


@pytest.mark.parametrize("size", [(60, 20), (100, 30), (160, 50)])
def test_every_view_fits_the_screen(doc: Transcript, size: tuple[int, int]) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        app = pilot.app
        await until(pilot, lambda: app.topics is not None, "the topics")
        exchanges = app.screen
        assert isinstance(exchanges, ExchangesView)
        width = exchanges.query_one(RowList).scrollable_content_region.width
        assert all(len(exchanges.row(i, width).plain) <= width for i in range(len(doc.exchanges)))
        await pilot.press("t")
        await pilot.pause()
        topics = app.screen
        assert isinstance(topics, TopicsView)
        assert all(len(topics.row(i, width).plain) <= width for i in range(len(topics.topics)))
        search_screen = await search_for(pilot, "nord stream")
        hits = search_screen.query_one(OptionList)
        assert hits.virtual_size.width <= hits.size.width
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExchangeView)
        assert app.screen.query_one("#reading").virtual_size.width <= size[0]

    play(scenario, doc, size=size)


def test_another_transcript_is_browsed_the_same_way() -> None:
    briefing = load(BRIEFING)

    async def scenario(pilot: Pilot[int]) -> None:
        view = pilot.app.screen
        assert isinstance(view, ExchangesView)
        assert view.query_one(RowList).count == len(briefing.exchanges)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExchangeView)
        assert heading(pilot.app.screen).startswith(f"Question 1 of {briefing.last_number}")

    play(scenario, briefing)


# The command itself, in a real process


def run_on_terminal(args: list[str], wait_for: bytes, keys: bytes, env: dict[str, str]) -> tuple[int, bytes]:
    """Start the installed lvcli on a pseudo-terminal, wait for `wait_for` on screen, press `keys`."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = subprocess.Popen(
        [lvcli_executable(), *args], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    drawn = b""
    deadline = time.monotonic() + 30
    try:
        while wait_for not in drawn and time.monotonic() < deadline:
            if select.select([master], [], [], 0.1)[0]:
                drawn += os.read(master, 65536)
        assert wait_for in drawn, drawn[-2000:]
        os.write(master, keys)
        return process.wait(timeout=30), drawn
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()


def test_on_a_terminal_it_opens_the_transcript_named_by_the_environment_and_q_exits_0() -> None:
    env = clean_env(TERM="xterm-256color", LVCLI_TRANSCRIPT=str(BRIEFING))
    count = len(load(BRIEFING).questions)
    status, _ = run_on_terminal(["browse"], f"Exchanges · {count} questions".encode(), b"q", env)
    assert status == 0
    status, _ = run_on_terminal(
        ["browse", "--transcript", str(BRIEFING)], f"{count} questions".encode(), b"q", clean_env(TERM="xterm")
    )
    assert status == 0


def test_off_a_terminal_it_refuses_in_one_line_with_status_2(runner: CliRunner) -> None:
    result = runner.invoke(cli_app, ["browse"])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", REFUSAL)
    for line in ("lvcli browse | cat", "lvcli browse > /dev/null", "lvcli browse < /dev/null"):
        done = sh(line, tty=True)
        assert done.returncode == 2, line
        assert done.stdout == REFUSAL, line  # stderr is the terminal: the message is there
    piped = sh("lvcli browse | cat")
    assert (piped.returncode, piped.stdout, piped.stderr) == (2, "", REFUSAL)


def test_a_transcript_that_cannot_be_read_is_one_line_and_status_2(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    done = sh(f"lvcli browse --transcript {missing}", tty=True)
    assert done.returncode == 2
    assert done.stdout == f"lvcli: {missing}: no such file\n"


def test_no_other_command_imports_textual() -> None:
    for args in (["list"], ["show", "12"], ["search", "nato"], ["--help"]):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "lvcli", *args],
            capture_output=True,
            text=True,
            env=clean_env(),
            check=True,
        )
        assert "textual" not in done.stderr, args
