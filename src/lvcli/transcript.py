"""The transcript model and its parser: a faithful, lossless reading of a ministry transcript.

The ministry publishes its transcripts as plain paragraphs separated by blank lines. Its
printable page and a copy of its web page differ only around the text:

    printable page                            web page
    <letterhead in Russian>                   2 March 2020 18:05          (the header)
    14.01.2022 16:03                          <title>
    № 30-14-01-2022                           • en-GB1 ru-RU1
    <title>
    <opening remarks>                                                     (exchange 0)
    Question: ...            (one or more paragraphs)
    Sergey Lavrov: ...       (the answer, one or more paragraphs, any speaker)
    * * *                    (a section break, between any two paragraphs)
    ...
    https://mid.ru/...                        Share                       (the end of the page)

The copy we read was taken from a paginated page, so a blank line sometimes falls inside a
sentence ("...detail assessing" / blank line / "it. You heard..."), once inside a hyphenated
word ("multi-" / "religious").  The parser mends those and keeps everything else verbatim:
every word of the file except the speaker labels lands in exactly one field of the model, the
web page's own lines (language switcher, credits, share buttons) in `page_lines`; `* * *` is
layout.

`parse` reads in five steps, one function each: `_blocks` (paragraphs and the blank lines
between them), `_read_header` (the header and title, line by line), `_read_trailer` (the source
URL and share buttons), `_mend_page_breaks`, `_exchanges` (speaker labels). Where the format
cannot tell, this is what the parser decides:

- Paragraphs before the first `Question:` are the opening remarks (exchange 0), whoever is
  labelled in them; a transcript that starts with a question has none. A text with no
  `Question:` paragraph at all is not a transcript.
- A question with no answer (another `Question:` follows, or the file ends) is kept as an
  exchange with an empty answer: briefings do leave a question unanswered.
- A speaker label after an answer with no `Question:` between ("Maria Zakharova: ...") adds to
  that answer; it never makes a question up.
- A text where no question is answered at all (no speaker label after any `Question:`) is not
  in this format either: TranscriptError, rather than a list of questions without answers.
- `* * *` ends no exchange: the paragraphs after it go on with the answer or opening before it,
  unless a label says otherwise; but no page-break mend joins a sentence across it.
- CRLF or CR line ends, a byte-order mark, spaces and tabs around lines, and any number of blank
  (or blank-looking) lines between paragraphs are layout: such a copy reads exactly like the clean one.

Nothing here knows about terminals, Typer or Rich.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from itertools import islice
from typing import NamedTuple

QUESTION = "Question"
OPENING, QUESTION_PART, ANSWER = "opening", "question", "answer"

# In English whatever the user's locale: titles and citations name months this way.
MONTHS = tuple("January February March April May June July August September October November December".split())

# A speaker label opens a paragraph: "Question:", "Sergey Lavrov:", "Maria Zakharova (adds):".
# A name is two to four capitalised words, so "Note: ..." or "However: ..." stay text.
_NAME_WORD = r"[A-Z\u0400-\u042f][\w.'\u2019-]*"
LABEL = re.compile(
    rf"(?P<name>{QUESTION}|{_NAME_WORD}(?: {_NAME_WORD}){{1,3}})"
    r"(?P<note> ?\([^()\n]{1,60}\))?:(?:[ \t]+|(?=\n)|$)"
)
# The letterhead's timestamp, "14.01.2022 16:03" or "14.01.2022": day, month, year.
TIMESTAMP = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?: \d{1,2}:\d{2})?")
DOCUMENT_NUMBER = re.compile(r"№\s*\S+")
URL = re.compile(r"https?://\S+")

# The patterns below stay strings re compiles on first use, and the parser tries them only on a
# line that may match: compiled at import or tried on every file, they break list's start-up budget.

# Dates as headers and titles write them: "14.01.2022", "2 March 2020", "March 2, 2020".
_DATE = (
    r"(?P<nd>\d{1,2})\.(?P<nm>\d{1,2})\.(?P<ny>\d{4})"
    rf"|(?P<dd>\d{{1,2}})\s+(?P<dm>{'|'.join(MONTHS)}),?\s+(?P<dy>\d{{4}})"
    rf"|(?P<mm>{'|'.join(MONTHS)})\s+(?P<md>\d{{1,2}}),?\s+(?P<my>\d{{4}})"
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = rf"(?:{'|'.join(_WEEKDAYS)}),?\s+"
_TIME = r"\d{1,2}:\d{2}"
# A web page's timestamp: "2 March 2020 18:05", "Monday, 2 March 2020", "15 May 201921:30" (the copy
# runs date and time together), or a date and a time on lines of their own.
_WEB_TIMESTAMP = rf"(?:{_WEEKDAY})?(?:{_DATE})(?:,?\s*{_TIME})?|{_TIME}"
# The title ends with the place and the date: "..., Moscow, January 14, 2022" or "..., 3 March 2023".
_TITLE_DATE = rf",\s*(?P<place>[A-Z][\w .'-]*?),\s*(?:{_WEEKDAY})?(?:{_DATE})\s*$"
# A line of only asterisks, "* * *", parts sections of the conversation: layout, like a blank line.
_SECTION_BREAK = r"\*(?:[ \t]*\*){2,}"
# A web page's language switcher: "• en-GB1 ru-RU1".
_LANGUAGES = r"[•·|]?\s*[a-z]{2}-[A-Z]{2}\d*(?:[\s•·|,]+[a-z]{2}-[A-Z]{2}\d*)*"
# A questioner who names the media outlet: "I represent the Mir Interstate Television and Radio Company".
_OUTLET = (
    r"\bI (?:represent|am from|work for|am with|am a correspondent (?:for|of)) (?:the )?"
    r"(?P<outlet>[A-Z][^.,;:!?()]{1,80})"
)
# The first words a web page's timestamp may start with, besides a digit.
_DATE_WORDS = frozenset(MONTHS + _WEEKDAYS)
# A photo or video credit under the title: "Photo: ...", short, unlike a title or a paragraph.
_CREDITS = frozenset({"Photo", "Photos", "Video", "Videos"})
_CREDIT_LENGTH = 100

# A paragraph that ends like this has ended its sentence; anything else may be cut by a page break.
_SENTENCE_END = frozenset(".?!…:;\"”’')]*»")


class TranscriptError(Exception):
    """The text cannot be read as a transcript; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence, verbatim, and where it stands: exchange, part, paragraph and offset."""

    exchange: int
    part: str
    speaker: str | None
    paragraph: int
    start: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the body; `labelled` says whether the file put a speaker label before it.

    `note` keeps what the label said beside the name, as written: "(adds)" in "Maria Zakharova (adds):".
    """

    speaker: str | None
    text: str
    labelled: bool = False
    note: str | None = None

    @property
    def label(self) -> str | None:
        """The label as the file wrote it, without the colon: "Question", "Sergey Lavrov (adds)"."""
        if not (self.labelled and self.speaker):
            return None
        return f"{self.speaker} {self.note}" if self.note else self.speaker


@dataclass(frozen=True)
class Exchange:
    """A question and its answer; exchange 0 holds the opening remarks as its answer."""

    number: int
    question: tuple[Paragraph, ...]
    answer: tuple[Paragraph, ...]

    @property
    def is_opening(self) -> bool:
        return self.number == 0

    @property
    def speaker(self) -> str | None:
        """The answering speaker: whoever is labelled first in the answer."""
        return next((p.speaker for p in self.answer if p.speaker), None)

    @property
    def question_text(self) -> str | None:
        if self.is_opening:
            return None
        return "\n\n".join(p.text for p in self.question)

    @property
    def answer_text(self) -> str:
        return "\n\n".join(p.text for p in self.answer)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        # Imported here: compiling the splitter's patterns at import breaks the start-up budget of `list`.
        from lvcli.splitter import split_sentences

        found: list[Sentence] = []
        parts = ((QUESTION_PART, self.question), (OPENING if self.is_opening else ANSWER, self.answer))
        for part, paragraphs in parts:
            for index, paragraph in enumerate(paragraphs):
                for start, text in split_sentences(paragraph.text):
                    found.append(Sentence(self.number, part, paragraph.speaker, index, start, text))
        return tuple(found)

    @property
    def words(self) -> int:
        return sum(len(p.text.split()) for p in (*self.question, *self.answer))

    @property
    def outlet(self) -> str | None:
        """The media outlet the questioner names ("I represent the Mir ... Company"), if any."""
        if self.question and (m := re.search(_OUTLET, self.question[0].text)):
            return m["outlet"].strip()
        return None


@dataclass(frozen=True)
class Transcript:
    """The whole document: header fields, the exchanges and the source URL.

    `exchanges[n]` is exchange number n; 0 holds the opening remarks (with no paragraph when the
    transcript starts with a question). `page_lines` keeps, verbatim and in file order, what a copy of
    the web page adds around the text: the language switcher, photo and video credits, share buttons.
    """

    title: str | None
    exchanges: tuple[Exchange, ...]
    letterhead: str | None = None
    timestamp: str | None = None
    document_number: str | None = None
    url: str | None = None
    mended_breaks: int = 0
    page_lines: tuple[str, ...] = ()

    @property
    def questions(self) -> tuple[Exchange, ...]:
        """The exchanges that have a question, 1..N."""
        return self.exchanges[1:]

    @property
    def last_number(self) -> int:
        return len(self.exchanges) - 1

    def exchange(self, number: int) -> Exchange:
        """The exchange with this number; KeyError when there is none."""
        if not 0 <= number < len(self.exchanges):
            raise KeyError(number)
        return self.exchanges[number]

    @property
    def date(self) -> date | None:
        """The day of the event: from the title when it names one, else from the timestamp."""
        if self.title and (m := re.search(_TITLE_DATE, self.title)) and (day := _day_of(m)):
            return day
        if self.timestamp and (m := re.search(_DATE, self.timestamp)):
            return _day_of(m)
        return None

    @property
    def place(self) -> str | None:
        """The city the title names before the date ("..., Moscow, January 14, 2022")."""
        if self.title and (m := re.search(_TITLE_DATE, self.title)):
            return m["place"].strip() or None
        return None

    @property
    def has_opening(self) -> bool:
        """Whether anything stands before the first question: a briefing may start with one."""
        return bool(self.exchanges[0].answer)

    @property
    def speaker(self) -> str | None:
        """Who answers most often: the principal of the event."""
        return principal(self.exchanges)

    @property
    def words(self) -> int:
        return sum(e.words for e in self.exchanges)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for e in self.exchanges for s in e.sentences)


def _day_of(m: re.Match[str]) -> date | None:
    """The day a match of `_DATE` names, whichever of its three forms matched."""
    if m["nd"]:
        year, month, day = int(m["ny"]), int(m["nm"]), int(m["nd"])
    else:
        year, day = int(m["dy"] or m["my"]), int(m["dd"] or m["md"])
        month = MONTHS.index(m["dm"] or m["mm"]) + 1
    try:
        return date(year, month, day)
    except ValueError:  # "31.02.2022"
        return None


def principal(exchanges: Sequence[Exchange]) -> str | None:
    """Who answers most often: the principal of the event, to whom unlabelled opening remarks belong."""
    counts = Counter(e.speaker for e in exchanges if e.speaker)
    return counts.most_common(1)[0][0] if counts else None


# The parser, step by step.


class _Header(NamedTuple):
    """What stands before the body: letterhead, timestamp, document number, title, and the web page's lines."""

    letterhead: str | None
    timestamp: str | None
    document_number: str | None
    title: str | None
    page_lines: tuple[str, ...]


# The header is read within the file's first lines (no header is longer); a title wraps onto three at most.
_HEADER_LINES, _TITLE_LINES = 16, 3


def parse(text: str) -> Transcript:
    """Read a transcript in the ministry's format; TranscriptError when it holds no question."""
    blocks, gaps = _blocks(text.removeprefix("\ufeff"))
    header, body = _read_header(blocks, gaps)
    body, url, trailer = _read_trailer(body)
    body, mended = _mend_page_breaks(body)
    exchanges = _exchanges(body)
    if len(exchanges) == 1:
        raise TranscriptError("no 'Question:' paragraph found; is this a transcript in the ministry's format?")
    if not any(e.answer for e in exchanges[1:]):
        raise TranscriptError(
            "no question is answered: no paragraph after a 'Question:' is labelled with a speaker "
            "(like 'Sergey Lavrov:'); is this a transcript in the ministry's format?"
        )
    # The opening remarks carry no label: they are the principal's, who answers most often.
    who = principal(exchanges)
    if who and exchanges[0].speaker is None:
        exchanges[0] = replace(exchanges[0], answer=tuple(replace(p, speaker=who) for p in exchanges[0].answer))
    return Transcript(
        title=header.title,
        exchanges=tuple(exchanges),
        letterhead=header.letterhead,
        timestamp=header.timestamp,
        document_number=header.document_number,
        url=url,
        mended_breaks=mended,
        page_lines=header.page_lines + trailer,
    )


def _blocks(text: str) -> tuple[list[str], list[int]]:
    """The file's paragraphs, split at blank lines, and how many blank lines stand before each.

    A line of only white space is blank. Line ends of any kind (LF, CRLF, CR) and spaces and
    tabs around each line are layout, not text: a Windows, old Mac, indented or tab-aligned copy
    reads exactly like the clean one. A section break (`* * *`) is a paragraph of its own even
    with no blank line around it.
    """
    blocks: list[str] = []
    gaps: list[int] = []
    lines: list[str] = []
    gap = 0
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip(" \t")
        blank = not line or line.isspace()
        if not blank and not (line[-1] == "*" and _is_section_break(line)):
            lines.append(line)
            continue
        if lines:
            blocks.append("\n".join(lines))
            gaps.append(gap)
            lines, gap = [], 0
        if blank:
            gap += 1
        else:  # a section break
            blocks.append(line)
            gaps.append(gap)
            gap = 0
    if lines:
        blocks.append("\n".join(lines))
        gaps.append(gap)
    return blocks, gaps


def _read_header(blocks: list[str], gaps: list[int]) -> tuple[_Header, list[str]]:
    """The header, and the body's paragraphs after it.

    Read line by line, with or without blank lines between, in any order: the printable page's
    letterhead, timestamp, document number and title, or the web page's timestamp ("2 March 2020
    18:05"), title, language switcher ("• en-GB1 ru-RU1") and credits.
    """
    lines = list(islice(_lines(blocks), _HEADER_LINES))
    found: dict[str, list[str]] = {kind: [] for kind in ("letterhead", "timestamp", "number", "page", "break")}
    at = _header_lines(lines, 0, found)
    after_header = any(found[kind] for kind in found if kind != "break")
    title, at = _title(lines, at, after_header, blocks, gaps)
    if title is not None:
        at = _header_lines(lines, at, found)
    header = _Header(
        letterhead="\n".join(found["letterhead"]) or None,
        timestamp=_one_line(" ".join(found["timestamp"])) or None,
        document_number=" ".join(found["number"]) or None,
        title=title,
        page_lines=tuple(found["page"]),
    )
    return header, _body(blocks, lines, at)


def _lines(blocks: list[str]) -> Iterator[tuple[int, int, str]]:
    """Each line of the paragraphs with its place: paragraph, line in it, and the line without white space around."""
    for number, block in enumerate(blocks):
        for index, text in enumerate(block.split("\n")):
            yield number, index, text.strip()


def _header_lines(lines: list[tuple[int, int, str]], at: int, found: dict[str, list[str]]) -> int:
    """Files the header lines from lines[at] under their kind; the index of the first that is none."""
    while at < len(lines) and (kind := _header_kind(text := lines[at][2])):
        found[kind].append(text)
        at += 1
    return at


def _header_kind(text: str) -> str | None:
    """Which part of a header a line is, if any: letterhead, timestamp, number, page (a web page's own line) or break."""
    if _is_letterhead(text):
        return "letterhead"
    if TIMESTAMP.fullmatch(text) or _is_web_timestamp(text):
        return "timestamp"
    if DOCUMENT_NUMBER.fullmatch(text):
        return "number"
    if _is_section_break(text):
        return "break"
    if _is_page_line(text):
        return "page"
    return None


def _is_web_timestamp(text: str) -> bool:
    may_be = text[0].isdigit() or text.split(maxsplit=1)[0].rstrip(",") in _DATE_WORDS
    return may_be and re.fullmatch(_WEB_TIMESTAMP, text) is not None


def _is_section_break(text: str) -> bool:
    return text.endswith("*") and re.fullmatch(_SECTION_BREAK, text.strip()) is not None


def _is_page_line(text: str) -> bool:
    """A line a web page adds to the text: the language switcher, a photo or video credit, a share button."""
    word, colon, _ = text.partition(":")
    if (colon and word in _CREDITS and len(text) <= _CREDIT_LENGTH) or text.rstrip(":").casefold() == "share":
        return True
    return (text[0] in "•·|" or text[2:3] == "-") and re.fullmatch(_LANGUAGES, text) is not None


def _title(
    lines: list[tuple[int, int, str]], at: int, after_header: bool, blocks: list[str], gaps: list[int]
) -> tuple[str | None, int]:
    """The title, if lines[at] starts one, on one line; and the index of the first line after it.

    No title line is a speaker label or ends like a sentence. The title is, the first that holds:
    - the lines, up to three, that end with the place and the date ("..., Kazan, March 2, 2020");
    - the lines before a header line (a timestamp, a language switcher);
    - one line after a header line, or one that ends with the place and the date;
    - with no header line at all, the first paragraph, when a wider gap than the file's usual one
      sets it apart (a double-spaced file has no title) and it has at most three lines.
    """
    run: list[str] = []
    closed = False  # a header line follows the run
    for _, _, text in lines[at : at + _TITLE_LINES + 1]:
        if run and len(run) < _TITLE_LINES and run[-1].endswith(",") and _ends_title(" ".join([*run, text])):
            run.append(text)  # "..., Kazan," and the date on the next line, which alone reads as a timestamp
            break
        if _header_kind(text) not in (None, "break"):  # a section break may stand anywhere
            closed = True
            break
        if len(run) == _TITLE_LINES or LABEL.match(text) or _ends_sentence(text) or _is_section_break(text):
            break
        run.append(text)
    if not run:
        return None, at
    for length in range(len(run), 1, -1):  # a wrapped title, the longest first
        if _ends_title(" ".join(run[:length])):
            return _one_line(" ".join(run[:length])), at + length
    if closed:
        return _one_line(" ".join(run)), at + len(run)
    if after_header or _ends_title(run[0]):
        return _one_line(run[0]), at + 1
    whole = blocks[0].split("\n")
    usual = Counter(gaps[2:]).most_common(1)
    wider = max(2, usual[0][0] + 1) if usual else 2
    if len(blocks) > 1 and gaps[1] >= wider and len(whole) <= _TITLE_LINES and not _ends_sentence(blocks[0]):
        return _one_line(blocks[0]), len(whole)
    return None, at


def _ends_title(text: str) -> bool:
    """Does the text end with a place and a date, as a title does?"""
    return text[-1].isdigit() and re.search(_TITLE_DATE, text) is not None


def _one_line(text: str) -> str:
    """A title or timestamp as one line: the copy may wrap it, or part its words with no-break spaces."""
    return " ".join(text.split())


def _body(blocks: list[str], lines: list[tuple[int, int, str]], at: int) -> list[str]:
    """The paragraphs from lines[at] on; from the line after the last one read when `at` is past it."""
    if at < len(lines):
        block, line, _ = lines[at]
    elif lines:
        block, line = lines[-1][0], lines[-1][1] + 1
    else:
        return blocks
    if line == 0:
        return blocks[block:]
    rest = blocks[block].split("\n")[line:]
    return (["\n".join(rest)] if rest else []) + blocks[block + 1 :]


def _read_trailer(blocks: list[str]) -> tuple[list[str], str | None, tuple[str, ...]]:
    """The body without what ends the page, the source URL, and the web page's own lines there.

    Read from the last line up: the source URL alone on a line (the printable page's last), share
    buttons, credits and section breaks; the first line that is none of them ends the text.
    """
    url = None
    page: list[str] = []
    while blocks:
        lines = blocks[-1].split("\n")
        while lines:
            text = lines[-1].strip()
            if url is None and URL.fullmatch(text):
                url = text
            elif _is_page_line(text):
                page.append(text)
            elif not _is_section_break(text):
                break
            lines.pop()
        if lines:
            blocks[-1] = "\n".join(lines)
            break
        blocks.pop()
    return blocks, url, tuple(reversed(page))


def _is_letterhead(text: str) -> bool:
    """The ministry's name in Russian: Cyrillic letters and no Latin ones."""
    return any("\u0400" <= c <= "\u04ff" for c in text) and not any(c.isascii() and c.isalpha() for c in text)


def _ends_sentence(text: str) -> bool:
    return text[-1] in _SENTENCE_END


def _mend_page_breaks(blocks: list[str]) -> tuple[list[str], int]:
    """The paragraphs once every sentence a page break cut in two is whole again; how many were mended."""
    # Each paragraph is kept as pieces and joined once: gluing strings one break at a time is
    # quadratic on a long run of cut sentences. Mending looks only at the last two characters.
    paragraphs: list[list[str]] = []
    tail = ""
    mended = 0
    for text in blocks:
        if text[-1] == "*" and _is_section_break(text):
            tail = ""  # a section break is layout, and no sentence runs across it
            continue
        if tail and _continues(tail, text):
            joint = "" if _inside_a_word(tail, text) else " "
            paragraphs[-1] += (joint, text)
            tail = (tail + joint + text[-2:])[-2:]
            mended += 1
        else:
            paragraphs.append([text])
            tail = text[-2:]
    return ["".join(pieces) for pieces in paragraphs], mended


def _continues(previous: str, following: str) -> bool:
    """Is `following` the rest of a sentence a page break cut after `previous`?"""
    if _ends_sentence(previous) or LABEL.match(following):
        return False
    first = following[0]
    return first.islower() or (previous[-1].isalnum() and (first.isalnum() or first in "\"“‘'("))


def _inside_a_word(previous: str, following: str) -> bool:
    """Did the break cut a hyphenated word ("multi-" / "religious")? Then nothing goes between the halves."""
    return previous.endswith("-") and len(previous) > 1 and previous[-2].isalpha() and following[0].islower()


def _exchanges(paragraphs: list[str]) -> list[Exchange]:
    """The body's paragraphs grouped by their speaker labels: exchange 0 (the opening remarks), then one per question."""
    exchanges: list[Exchange] = []
    question: list[Paragraph] = []
    answer: list[Paragraph] = []
    speaker: str | None = None  # whose paragraphs these are: QUESTION inside a question
    note: str | None = None
    label_alone = False  # a label on a line of its own names the paragraph after it
    for text in paragraphs:
        labelled, label_alone = label_alone, False
        if m := LABEL.match(text):
            if m["name"] == QUESTION:
                exchanges.append(Exchange(len(exchanges), tuple(question), tuple(answer)))
                question, answer = [], []
            speaker = m["name"]
            note = (m["note"] or "").strip() or None
            text = text[m.end() :].lstrip("\n")
            if not text:
                label_alone = True
                continue
            labelled = True
        paragraph = Paragraph(speaker, text, labelled, note if labelled else None)
        (question if speaker == QUESTION else answer).append(paragraph)
    exchanges.append(Exchange(len(exchanges), tuple(question), tuple(answer)))
    return exchanges
