"""The parser reads the transcript faithfully: header apart, exchanges numbered, page breaks mended, nothing lost."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lvcli.transcript import LABEL, Transcript, TranscriptError, parse

SEED_LABELS = re.compile(r"^(?:Question|Sergey Lavrov):", re.MULTILINE)


def squeeze(text: str) -> str:
    """Every character but white space, in order: what 'nothing lost' compares."""
    return re.sub(r"\s+", "", text)


def index_stream(doc: Transcript) -> str:
    """The model's text in document order, without white space."""
    pieces = [doc.letterhead or "", doc.timestamp or "", doc.document_number or "", doc.title or ""]
    for exchange in doc.exchanges:
        pieces += [p.text for p in exchange.question] + [p.text for p in exchange.answer]
    pieces.append(doc.url or "")
    return squeeze("".join(pieces))


# A line of only asterisks: a section break, layout like a blank line.
SECTION_BREAK_LINE = re.compile(r"^[ \t]*\*(?:[ \t]*\*){2,}[ \t]*$", re.MULTILINE)


def assert_nothing_lost(raw: str, doc: Transcript, labels: re.Pattern[str]) -> None:
    """Every word of the file is in exactly one place of the model: the text in the file's order; the
    header, the URL and the web page's own lines (language switcher, credits, share buttons, kept in
    `page_lines`) wherever the page put them. Speaker labels are read into the model (`labels` takes
    them out of the file), and a `* * *` line is layout, like a blank line."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n")
    given = squeeze(labels.sub("", SECTION_BREAK_LINE.sub("", lines)))
    text = squeeze("".join(p.text for e in doc.exchanges for p in (*e.question, *e.answer)))
    fields = [doc.letterhead, doc.timestamp, doc.document_number, doc.title, doc.url, *doc.page_lines]
    metadata = squeeze("".join(field or "" for field in fields))
    assert text in given
    assert Counter(given) == Counter(text) + Counter(metadata)


def test_header_is_set_apart(doc: Transcript) -> None:
    assert doc.letterhead == "Министерство иностранных дел\nРоссийской Федерации"
    assert doc.timestamp == "14.01.2022 16:03"
    assert doc.document_number == "№ 30-14-01-2022"
    assert doc.title is not None and doc.title.startswith("Foreign Minister Sergey Lavrov's remarks")
    assert doc.title.endswith("Moscow, January 14, 2022")
    assert doc.url == "https://mid.ru/en/foreign_policy/news/1794396/"
    assert doc.date == date(2022, 1, 14)
    assert doc.place == "Moscow"
    assert doc.page_lines == ()
    assert doc.has_opening


def test_header_and_url_do_not_leak_into_the_text(doc: Transcript) -> None:
    body = "\n".join(p.text for e in doc.exchanges for p in (*e.question, *e.answer))
    for fragment in ("Министерство", "16:03", "№", "Foreign Minister Sergey Lavrov's remarks", "https://"):
        assert fragment not in body
    assert doc.exchanges[0].answer[0].text == "Good morning, colleagues,"
    assert doc.exchanges[-1].answer[-1].text.endswith("in their current relations with Russia.")


def test_exchanges_are_numbered_in_file_order(doc: Transcript) -> None:
    assert [e.number for e in doc.exchanges] == list(range(30))
    assert doc.exchanges[0].question == ()
    assert doc.exchanges[0].question_text is None
    assert all(e.speaker == "Sergey Lavrov" for e in doc.exchanges)
    assert "Japan" in (doc.exchange(16).question_text or "")


def test_two_paragraph_questions_stay_with_the_question(doc: Transcript) -> None:
    assert [e.number for e in doc.questions if len(e.question) == 2] == [6, 11, 22]
    assert doc.exchange(11).question[1].text.startswith("It has been three years since world Orthodoxy")
    assert doc.exchange(11).answer[0].text.startswith("You mentioned Greece's")


def test_page_breaks_are_mended(doc: Transcript) -> None:
    assert doc.mended_breaks == 34
    opening = doc.exchanges[0].answer_text
    assert "I will not go into too much detail assessing it. You heard President" in opening
    assert "as a multi-ethnic and multi-religious movement." in opening
    assert "Deputy Secretary of State Wendy Sherman, said" in doc.exchange(1).answer_text
    assert "We asked our Turkish colleagues for an explanation." in doc.exchange(12).answer_text
    # a paragraph that ends on a comma and is followed by a capital stays its own paragraph
    assert doc.exchanges[0].answer[1].text.startswith("Happy New Year to all of you")


def test_text_is_verbatim(doc: Transcript) -> None:
    everything = "\n".join(e.answer_text + (e.question_text or "") for e in doc.exchanges)
    for verbatim in ("[our requirements]", "*fait accompli*", "“political Kama Sutra.”", "coup d’etat", "–"):
        assert verbatim in everything


def test_nothing_is_lost_from_the_real_file(raw: str, doc: Transcript) -> None:
    assert index_stream(doc) == squeeze(SEED_LABELS.sub("", raw))


def test_sentences_cover_every_paragraph(doc: Transcript) -> None:
    for exchange in doc.exchanges:
        answer_part = "opening" if exchange.is_opening else "answer"
        for part, paragraphs in (("question", exchange.question), (answer_part, exchange.answer)):
            for index, paragraph in enumerate(paragraphs):
                joined = "".join(s.text for s in exchange.sentences if s.paragraph == index and s.part == part)
                assert squeeze(joined) == squeeze(paragraph.text)


def test_a_text_without_questions_is_refused() -> None:
    with pytest.raises(TranscriptError, match="Question:"):
        parse("Good morning.\n\nThat is all.\n")


def test_other_speakers_and_no_header() -> None:
    doc = parse(
        "Maria Zakharova: Good afternoon.\n\nQuestion: What about Japan?\n\n"
        "Maria Zakharova: We answered.\n\nSergey Lavrov: I would add this.\n"
    )
    assert doc.title is None and doc.url is None
    assert doc.exchange(0).answer_text == "Good afternoon."
    assert doc.exchange(1).speaker == "Maria Zakharova"
    assert [p.speaker for p in doc.exchange(1).answer] == ["Maria Zakharova", "Sergey Lavrov"]


# Generated transcripts: any briefing in the ministry's format reads back as it was written.

WORD = st.from_regex(r"[A-Za-z][a-z]{0,8}|[0-9]{1,4}|\[[a-z]{1,6}\]|“[a-z]{1,6}”|[a-z]{1,5}-[a-z]{1,5}", fullmatch=True)
SPEAKER = st.sampled_from(["Sergey Lavrov", "Maria Zakharova", "Alexander Grushko"])


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=12))
    first = words[0]
    words[0] = first[0].upper() + first[1:] if first[0].isalpha() else "Then " + first
    return " ".join(words) + draw(st.sampled_from([".", "?", "!", "…", ".”"]))


HEADERS = {
    "none": [],
    "printable": [
        "Министерство иностранных дел",
        "02.03.2022 12:00",
        "№ 1-02-03-2022",
        "Briefing by a spokeswoman, Moscow, March 2, 2022",
    ],
    "web": ["2 March 2022 12:00", "Briefing by a spokeswoman, Moscow, March 2, 2022", "• en-GB1 ru-RU1"],
}
FOOTERS = {"none": [], "printable": ["https://mid.ru/en/1/"], "web": ["Share"]}


@st.composite
def briefings(draw: st.DrawFn) -> tuple[str, list[tuple[list[str], str, list[str]]], list[str], str]:
    """A briefing with no header, the printable page's or the web page's, and perhaps `* * *` between sections."""
    opening = draw(st.lists(paragraphs(), max_size=3))
    exchanges = [
        (
            draw(st.lists(paragraphs(), min_size=1, max_size=2)),
            draw(SPEAKER),
            draw(st.lists(paragraphs(), min_size=1, max_size=3)),
        )
        for _ in range(draw(st.integers(1, 5)))
    ]
    header = draw(st.sampled_from(sorted(HEADERS)))
    blocks = HEADERS[header] + opening
    for question, speaker, answer in exchanges:
        if len(blocks) > len(HEADERS[header]) and draw(st.booleans()):
            blocks.append("* * *")
        blocks += [f"Question: {question[0]}", *question[1:], f"{speaker}: {answer[0]}", *answer[1:]]
    blocks += FOOTERS[header]
    sep = draw(st.sampled_from(["\n\n", "\n\n\n", "\r\n\r\n", "\n \t\n"]))
    return sep.join(blocks) + "\n", exchanges, opening, header


@settings(max_examples=60, deadline=None)
@given(briefings())
def test_generated_briefings_read_back_exactly(
    briefing: tuple[str, list[tuple[list[str], str, list[str]]], list[str], str],
) -> None:
    text, exchanges, opening, header = briefing
    doc = parse(text)
    assert [p.text for p in doc.exchange(0).answer] == opening
    assert doc.last_number == len(exchanges)
    for number, (question, speaker, answer) in enumerate(exchanges, start=1):
        exchange = doc.exchange(number)
        assert [p.text for p in exchange.question] == question
        assert [p.text for p in exchange.answer] == answer
        assert exchange.speaker == speaker
    assert (doc.url is not None) == (header == "printable")
    assert (doc.title is not None) == (header != "none")
    assert doc.page_lines == (("• en-GB1 ru-RU1", "Share") if header == "web" else ())
    labels = re.compile(r"^(?:Question|Sergey Lavrov|Maria Zakharova|Alexander Grushko):", re.MULTILINE)
    assert_nothing_lost(text, doc, labels)
    if header != "web":  # the printable page's header and URL stand in the file's order too
        assert index_stream(doc) == squeeze(labels.sub("", SECTION_BREAK_LINE.sub("", text.replace("\r", ""))))


@settings(max_examples=60, deadline=None)
@given(st.lists(paragraphs(), min_size=2, max_size=6), st.data())
def test_page_breaks_inside_sentences_are_mended(answer: list[str], data: st.DataObject) -> None:
    """A blank line put inside a sentence, before a lower-case word, is taken out again."""
    broken = []
    for paragraph in answer:
        words = paragraph.split(" ")
        cut = [i for i in range(1, len(words)) if words[i][0].islower() and words[i - 1][-1].isalnum()]
        if cut and data.draw(st.booleans()):
            at = data.draw(st.sampled_from(cut))
            broken.append(" ".join(words[:at]) + "\n\n" + " ".join(words[at:]))
        else:
            broken.append(paragraph)
    doc = parse("Question: Why?\n\nSergey Lavrov: " + "\n\n".join(broken) + "\n")
    assert [p.text for p in doc.exchange(1).answer] == answer


def test_a_note_beside_the_speakers_name_is_kept() -> None:
    doc = parse("Question: Why?\n\nSergey Lavrov: Because.\n\nMaria Zakharova (adds): And [also] this.\n")
    adds = doc.exchange(1).answer[1]
    assert (adds.speaker, adds.note, adds.label, adds.text) == (
        "Maria Zakharova",
        "(adds)",
        "Maria Zakharova (adds)",
        "And [also] this.",
    )
    assert doc.exchange(1).answer[0].note is None


def test_a_title_needs_a_wider_gap_than_the_files_usual_one() -> None:
    titled = parse(
        "Briefing by Maria Zakharova, Moscow, March 2, 2022\n\n\n\nQuestion: Why?\n\nMaria Zakharova: Because.\n"
    )
    assert titled.title == "Briefing by Maria Zakharova, Moscow, March 2, 2022"
    double_spaced = parse("Good afternoon, colleagues,\n\n\nQuestion: Why?\n\n\nMaria Zakharova: Because.\n")
    assert double_spaced.title is None
    assert double_spaced.exchange(0).answer_text == "Good afternoon, colleagues,"


@pytest.mark.parametrize(
    ("last_line", "is_url"),
    [
        ("https://mid.ru/en/1/", True),
        ("http://x.y", True),
        ("https://", False),
        ("see https://mid.ru", False),
        ("ftp://x", False),
    ],
)
def test_only_a_lone_url_on_the_last_line_is_the_source(last_line: str, is_url: bool) -> None:
    doc = parse(f"Question: Why?\n\nSergey Lavrov: Because.\n\n{last_line}\n")
    assert (doc.url == last_line) is is_url
    assert (doc.exchange(1).answer[-1].text == last_line) is not is_url


@pytest.mark.parametrize(
    ("line", "timestamp", "day"),
    [
        ("14.01.2022 16:03", "14.01.2022 16:03", date(2022, 1, 14)),
        ("14.01.2022", "14.01.2022", date(2022, 1, 14)),
        ("2.3.2022 9:05", "2.3.2022 9:05", date(2022, 3, 2)),
        ("31.02.2022 16:03", "31.02.2022 16:03", None),  # a timestamp, but no such day
        ("14.01.22 16:03", None, None),
        ("14.01.2022 16:3", None, None),
        ("14.01.2022 at 16:03", None, None),
    ],
)
def test_the_letterheads_timestamp_gives_the_date(line: str, timestamp: str | None, day: date | None) -> None:
    doc = parse(f"Министерство иностранных дел\n\n{line}\n\nQuestion: Why?\n\nSergey Lavrov: Because.\n")
    assert (doc.timestamp, doc.date) == (timestamp, day)
    if timestamp is None:
        assert doc.title == line  # what follows the letterhead and is not a timestamp is the title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Question: Good afternoon.", ("Question", None, 10)),
        ("Sergey Lavrov: Thank you.", ("Sergey Lavrov", None, 15)),
        ("Maria Zakharova (adds): Yes.", ("Maria Zakharova", " (adds)", 24)),
        ("Maria Zakharova(adds):\nYes.", ("Maria Zakharova", "(adds)", 22)),
        ("Question Time: x", ("Question Time", None, 15)),
        ("Jean-Pierre O'Neill Jr.: x", ("Jean-Pierre O'Neill Jr.", None, 25)),
        ("Сергей Лавров: Спасибо.", ("Сергей Лавров", None, 15)),
        ("Note: this is text.", None),
        ("One Two Three Four Five: too long for a name", None),
        ("Sergey Lavrov:", ("Sergey Lavrov", None, 14)),
        ("Sergey Lavrov:x", None),
        ("Sergey lavrov: x", None),
        ("Maria Zakharova (" + "x" * 61 + "): too long for a note", None),
    ],
)
def test_what_a_speaker_label_is(text: str, expected: tuple[str, str | None, int] | None) -> None:
    m = LABEL.match(text)
    assert ((m["name"], m["note"], m.end()) if m else None) == expected
