"""Transcripts copied from the ministry's web page rather than its printable version (issue 15).

The web copy has no letterhead and no document number: a timestamp ("2 March 2020 18:05", or
"15 May 201921:30" with date and time run together), the title, a language switcher
("• en-GB1 ru-RU1"), perhaps a photo credit; `* * *` between sections; "Share" at the end.
The two briefings under tests/data/ are invented in that shape.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lvcli.cli import app
from lvcli.complete import exchange_numbers
from lvcli.transcript import MONTHS, Transcript, parse
from tests.test_parse import assert_nothing_lost, paragraphs

KAZAN = str(Path(__file__).parent / "data" / "web_copy_kazan.txt")
SOCHI = str(Path(__file__).parent / "data" / "web_copy_sochi.txt")  # run together, no opening, * * *

KAZAN_TITLE = (
    "Deputy Foreign Minister Ivan Petrov’s remarks and answers to media questions at a joint news conference "
    "following talks with Foreign Minister of Ruritania Anna Novak, Kazan, March 2, 2020"
)
SOCHI_TITLE = (
    "Deputy Foreign Minister Ivan Petrov’s answers to media questions following the meeting of "
    "the Caspian foreign ministers, Sochi, 15 May 2019"
)


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def body_text(doc: Transcript) -> str:
    """Every paragraph of every exchange: what `show` and `search` can print."""
    return "\n".join(p.text for e in doc.exchanges for p in (*e.question, *e.answer))


# The web copy of a news conference: timestamp, title, language switcher, opening remarks.


def test_info_json_gives_title_date_and_place(runner: CliRunner) -> None:
    code, out, err = run(runner, "info", "--json", "--transcript", KAZAN)
    info = json.loads(out)
    assert (code, err) == (0, "")
    assert (info["title"], info["date"], info["place"]) == (KAZAN_TITLE, "2020-03-02", "Kazan")
    assert (info["timestamp"], info["letterhead"], info["document_number"], info["url"]) == (
        "2 March 2020 18:05",
        None,
        None,
        None,
    )
    assert (info["speaker"], info["exchanges"]) == ("Ivan Petrov", 3)


def test_info_piped_shows_the_title_date_and_place(runner: CliRunner) -> None:
    code, out, _ = run(runner, "info", "--transcript", KAZAN)
    assert code == 0
    assert out.splitlines()[:3] == [f"title\t{KAZAN_TITLE}", "date\t2020-03-02", "place\tKazan"]


def test_list_has_the_questions_and_nothing_of_the_header(runner: CliRunner) -> None:
    assert run(runner, "list", "--transcript", KAZAN) == (
        0,
        "0\t(opening remarks)\n"
        "1\tDid you discuss visas? Ruritanian students say they wait for months.\n"
        "2\tWhat about the fishing dispute? Is a deal close?\n"
        "3\tWill Ruritania join the regional trade bloc?\n",
        "",
    )


def test_show_0_is_the_opening_remarks_without_timestamp_title_or_switcher(runner: CliRunner) -> None:
    code, out, err = run(runner, "show", "0", "--transcript", KAZAN)
    assert (code, err) == (0, "")
    assert out.startswith("Ladies and gentlemen,\n\nOur talks with Foreign Minister Anna Novak")
    assert out.endswith("settled by the joint commission, not in the press.\n")
    for header in ("18:05", "Deputy Foreign Minister", "en-GB1", "•"):
        assert header not in out


def test_show_n_json_keeps_notes_and_mends_the_page_break(runner: CliRunner) -> None:
    code, out, _ = run(runner, "show", "1", "--json", "--transcript", KAZAN)
    record = json.loads(out)
    assert code == 0
    assert record["speaker"] == "Ivan Petrov"
    assert [(p["part"], p["speaker"], p["note"]) for p in record["paragraphs"]] == [
        ("question", "Question", None),
        ("answer", "Ivan Petrov", None),
        ("answer", "Anna Novak", "(speaking Russian)"),
    ]
    mended = json.loads(run(runner, "show", "2", "--json", "--transcript", KAZAN)[1])
    assert mended["answer"] == (
        "The commission meets in April. I will not guess at its findings, but the mood is good. "
        "Both delegations brought their maps."
    )


def test_the_citation_names_the_occasion_place_and_date(runner: CliRunner) -> None:
    code, out, _ = run(runner, "show", "3", "--cite", "--transcript", KAZAN)
    assert code == 0
    assert out.splitlines()[-1] == (
        'Anna Novak, answer to question 3, "Deputy Foreign Minister Ivan Petrov’s remarks and answers to media '
        'questions at a joint news conference following talks with Foreign Minister of Ruritania Anna Novak", '
        "Kazan, 2 March 2020"
    )


# Date and time run together, a title wrapped onto two lines, a photo credit, no opening
# remarks, sections parted by * * *, and a share button at the end.


def test_run_together_timestamp_and_wrapped_title(runner: CliRunner) -> None:
    info = json.loads(run(runner, "info", "--json", "--transcript", SOCHI)[1])
    assert (info["title"], info["date"], info["place"], info["timestamp"]) == (
        SOCHI_TITLE,
        "2019-05-15",
        "Sochi",
        "15 May 201921:30",
    )
    doc = parse(Path(SOCHI).read_text(encoding="utf-8"))
    assert doc.page_lines == ("• en-GB1 ru-RU1", "Photo: Press service", "Share")


def test_show_0_without_opening_remarks_says_so_and_exits_2(runner: CliRunner) -> None:
    message = "lvcli: this transcript has no opening remarks; its exchanges are 1-3\n"
    assert run(runner, "show", "0", "--transcript", SOCHI) == (2, "", message)
    assert run(runner, "show", "0", "--json", "--transcript", SOCHI) == (2, "", message)
    assert run(runner, "show", "4", "--transcript", SOCHI) == (
        2,
        "",
        "lvcli: there is no exchange 4; this transcript has 1-3 (it has no opening remarks)\n",
    )


def test_completion_offers_no_0_when_there_are_no_opening_remarks() -> None:
    offered = [value for value, _ in exchange_numbers(parse(Path(SOCHI).read_text(encoding="utf-8")))]
    assert offered == ["1", "2", "3"]
    kazan = [value for value, _ in exchange_numbers(parse(Path(KAZAN).read_text(encoding="utf-8")))]
    assert kazan == ["0", "1", "2", "3"]


def test_a_range_from_0_starts_at_question_1_when_there_are_no_opening_remarks(runner: CliRunner) -> None:
    assert run(runner, "show", "0-1", "--transcript", SOCHI) == (
        0,
        "--- Question 1 ---\n\nQuestion: How did the meeting go?\n\n"
        "Ivan Petrov: It went well. We agreed on a date for the summit.\n",
        "",
    )


def test_section_breaks_and_share_belong_to_no_answer(runner: CliRunner) -> None:
    code, out, _ = run(runner, "show", "1-3", "--json", "--transcript", SOCHI)
    records = json.loads(out)
    assert code == 0
    assert [r["answer"] for r in records] == [
        "It went well. We agreed on a date for the summit.",
        "The hosts will announce the venue themselves.\n\nThe invitations go out next week.",
        "It is ready for signing. The lawyers finished their work in April.",
    ]
    assert [p["text"] for r in records for p in r["paragraphs"]][-1] == (
        "It is ready for signing. The lawyers finished their work in April."
    )
    plain = run(runner, "show", "1-3", "--transcript", SOCHI)[1]
    assert "* * *" not in plain and "Share" not in plain and "Photo" not in plain
    assert run(runner, "list", "--transcript", SOCHI)[1].splitlines() == [
        "1\tHow did the meeting go?",
        "2\tWill the summit be held in Baku?",
        "3\tAnd the fisheries convention?",
    ]


@pytest.mark.parametrize("path", [KAZAN, SOCHI])
def test_nothing_is_lost_from_the_web_copies(path: str) -> None:
    raw = Path(path).read_text(encoding="utf-8")
    doc = parse(raw)
    assert_nothing_lost(
        raw, doc, re.compile(r"^(?:Question|Ivan Petrov|Anna Novak|Maria Ivanova)(?: \([^()]*\))?:", re.M)
    )


# Other shapes the web page gives, one at a time.

BODY = "Question: Why?\n\nIvan Petrov: Because.\n"


@pytest.mark.parametrize(
    ("header", "title", "timestamp", "day", "place"),
    [
        ("2 March 2020\n18:05\nTalks, Kazan, March 2, 2020", "Talks, Kazan, March 2, 2020", "2 March 2020 18:05",
         date(2020, 3, 2), "Kazan"),
        ("18:05\nTalks, Kazan, March 2, 2020", "Talks, Kazan, March 2, 2020", "18:05", date(2020, 3, 2), "Kazan"),
        ("Monday, 2 March 2020 18:05\n\nTalks, Kazan, 2 March 2020", "Talks, Kazan, 2 March 2020",
         "Monday, 2 March 2020 18:05", date(2020, 3, 2), "Kazan"),
        ("Talks, St. Petersburg, March 2, 2020\n2 March 2020 18:05", "Talks, St. Petersburg, March 2, 2020",
         "2 March 2020 18:05", date(2020, 3, 2), "St. Petersburg"),
        ("2 March 2020 18:05\nBriefing on the Caspian summit\n• en-GB1 ru-RU1", "Briefing on the Caspian summit",
         "2 March 2020 18:05", date(2020, 3, 2), None),
        ("Briefing on the Caspian summit\n\n2 March 2020 18:05", "Briefing on the Caspian summit",
         "2 March 2020 18:05", date(2020, 3, 2), None),
        ("March 2, 2020 18:05\nRemarks at talks\n\nwith the Ruritanian delegation, Kazan, March 2, 2020",
         "Remarks at talks with the Ruritanian delegation, Kazan, March 2, 2020", "March 2, 2020 18:05",
         date(2020, 3, 2), "Kazan"),
        ("2\u00a0March\u00a02020\u00a018:05\nTalks,\u00a0Kazan,\u00a0March\u00a02,\u00a02020",
         "Talks, Kazan, March 2, 2020", "2 March 2020 18:05", date(2020, 3, 2), "Kazan"),
        ("2 March 2020 18:05\nTalks, Kazan,\nMarch 2, 2020", "Talks, Kazan, March 2, 2020", "2 March 2020 18:05",
         date(2020, 3, 2), "Kazan"),
        ("Talks, Kazan, Monday, March 2, 2020", "Talks, Kazan, Monday, March 2, 2020", None, date(2020, 3, 2),
         "Kazan"),
    ],
)  # fmt: skip
def test_header_shapes(header: str, title: str, timestamp: str | None, day: date, place: str | None) -> None:
    doc = parse(f"{header}\n\nGood afternoon.\n\n{BODY}")
    assert (doc.title, doc.timestamp, doc.date, doc.place) == (title, timestamp, day, place)
    assert [p.text for p in doc.exchange(0).answer] == ["Good afternoon."]


def test_a_dated_title_alone_before_the_text_is_the_title() -> None:
    doc = parse(f"Talks with Ruritania, Kazan, March 2, 2020\n\nGood afternoon.\n\n{BODY}")
    assert (doc.title, doc.date, doc.place) == ("Talks with Ruritania, Kazan, March 2, 2020", date(2020, 3, 2), "Kazan")
    assert doc.exchange(0).answer_text == "Good afternoon."


def test_credits_and_share_lines_are_the_pages_not_the_text() -> None:
    doc = parse(
        "2 March 2020 18:05\nTalks, Kazan, March 2, 2020\nPhoto: Press service\nVideo: Ruritania TV\n"
        f"Good afternoon.\n\n{BODY}\nshare:\n"
    )
    assert doc.page_lines == ("Photo: Press service", "Video: Ruritania TV", "share:")
    assert doc.exchange(0).answer_text == "Good afternoon."
    assert doc.exchange(1).answer_text == "Because."


def test_no_sentence_is_mended_across_a_section_break() -> None:
    doc = parse("Question: Why?\n\nIvan Petrov: We spoke of the lake and\n\n* * *\n\nthe river was next.\n")
    assert [p.text for p in doc.exchange(1).answer] == ["We spoke of the lake and", "the river was next."]
    assert doc.mended_breaks == 0


def test_a_section_break_needs_no_blank_lines_around_it() -> None:
    doc = parse("Question: Why?\n\nIvan Petrov: Because.\n***\nQuestion: And?\n\nIvan Petrov: So.\n")
    assert [e.answer_text for e in doc.questions] == ["Because.", "So."]


def test_a_transcript_that_starts_with_a_question_has_empty_opening_remarks() -> None:
    doc = parse(f"15 May 201921:30\nTalks, Sochi, 15 May 2019\n\n{BODY}")
    assert not doc.has_opening and doc.exchange(0).answer == ()
    assert parse(f"Good afternoon.\n\n{BODY}").has_opening


# Property: a header of any of these shapes never leaks into the opening remarks or an answer.

PLACES = ["Kazan", "Moscow", "Sochi", "St. Petersburg", "Nur-Sultan", "New York"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OCCASIONS = [
    "Deputy Foreign Minister Ivan Petrov’s remarks and answers to media questions at a news conference",
    "Foreign Ministry Spokeswoman Anna Novak’s briefing on current foreign policy issues",
    "Remarks and answers to media questions following the talks with the Ruritanian delegation in 2021",
    "Answers to media questions",
]
SWITCHERS = ["• en-GB1 ru-RU1", "• en-GB1 ru-RU1 es-ES1", "en-GB ru-RU"]
# Between the header's lines, a line end or blank lines; between paragraphs, blank lines.
HEADER_SEPARATORS = ["\n", "\n\n", "\n\n\n", "\n \t\n", "\r\n"]
SEPARATORS = ["\n\n", "\n\n\n", "\n \t\n", "\r\n\r\n"]


@st.composite
def web_headers(draw: st.DrawFn) -> tuple[list[str], str, date]:
    """A web copy's header lines in one of its shapes, the title they give (on one line) and the day."""
    day = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)))
    month = MONTHS[day.month - 1]
    written = draw(st.sampled_from([f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}"]))
    weekday = draw(st.sampled_from(["", f"{WEEKDAYS[day.weekday()]}, "]))
    time = f"{draw(st.integers(0, 23))}:{draw(st.integers(0, 59)):02d}"
    stamp = draw(
        st.sampled_from(
            [
                [f"{weekday}{written} {time}"],
                [f"{weekday}{written}{time}"],  # run together
                [f"{weekday}{written}", time],  # the time on a line of its own
                [time],  # a time with no date: the title gives the day
                [f"{day.day:02d}.{day.month:02d}.{day.year} {time}"],
            ]
        )
    )
    dated = draw(st.booleans()) or stamp == [time]
    occasion = draw(st.sampled_from(OCCASIONS))
    title = f"{occasion}, {draw(st.sampled_from(PLACES))}, {written}" if dated else occasion
    stamp_first = draw(st.booleans())
    after = draw(st.sampled_from([[], [draw(st.sampled_from(SWITCHERS))], ["Photo: Press service"]]))
    title_lines = [title]
    # The title wraps onto two lines, not after "St.", which ends a line like a sentence; a title with
    # no place and date needs a header line after it to be told from the text.
    if draw(st.booleans()) and (dated or after or not stamp_first):
        words = title.split(" ")
        cut = draw(st.sampled_from([i for i in range(1, len(words)) if not words[i - 1].endswith(".")]))
        title_lines = [" ".join(words[:cut]), " ".join(words[cut:])]
    return (stamp + title_lines if stamp_first else title_lines + stamp) + after, title, day


@st.composite
def web_copies(draw: st.DrawFn) -> tuple[str, str, date, list[str], list[tuple[list[str], list[str]]]]:
    header, title, day = draw(web_headers())
    opening = draw(st.lists(paragraphs(), max_size=2))
    if opening and draw(st.booleans()):
        opening[0] = "Ladies and gentlemen,"  # a greeting that does not end like a sentence
    exchanges = [
        (draw(st.lists(paragraphs(), min_size=1, max_size=2)), draw(st.lists(paragraphs(), min_size=1, max_size=2)))
        for _ in range(draw(st.integers(1, 3)))
    ]
    sep = draw(st.sampled_from(SEPARATORS))
    text = "".join(line + draw(st.sampled_from(HEADER_SEPARATORS)) for line in header)
    blocks = list(opening)
    for question, answer in exchanges:
        if blocks and draw(st.booleans()):
            blocks.append("* * *")
        blocks += [f"Question: {question[0]}", *question[1:], f"Ivan Petrov: {answer[0]}", *answer[1:]]
    if draw(st.booleans()):
        blocks.append("Share")
    return text + sep.join(blocks) + "\n", title, day, opening, exchanges


@settings(max_examples=50, deadline=None)
@given(web_copies())
def test_a_web_header_of_any_shape_never_leaks_into_the_text(
    copy: tuple[str, str, date, list[str], list[tuple[list[str], list[str]]]],
) -> None:
    text, title, day, opening, exchanges = copy
    doc = parse(text)
    assert doc.title == title
    assert doc.date == day
    assert [p.text for p in doc.exchange(0).answer] == opening
    assert [([p.text for p in e.question], [p.text for p in e.answer]) for e in doc.questions] == exchanges
    for fragment in ("en-GB", "Photo:", "* * *", "Share", title, doc.timestamp):
        assert fragment and fragment not in body_text(doc)
    # Nothing lost: the switcher, credit and share line are in page_lines, a `* * *` line is layout.
    assert_nothing_lost(text, doc, re.compile(r"^(?:Question|Ivan Petrov):", re.MULTILINE))
