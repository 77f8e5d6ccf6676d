"""The transcript model and its parser: a faithful, lossless reading of a ministry transcript.

The ministry publishes its transcripts as plain paragraphs separated by blank lines:

    <letterhead in Russian>, <timestamp>, <document number>, <title>     (the header)
    <opening remarks>                                                    (exchange 0)
    Question: ...            (one or more paragraphs)
    Sergey Lavrov: ...       (the answer, one or more paragraphs, any speaker)
    ...
    https://mid.ru/...                                                   (the source URL)

The copy we read was taken from a paginated page, so a blank line sometimes falls inside a
sentence ("...detail assessing" / blank line / "it. You heard..."), once inside a hyphenated
word ("multi-" / "religious").  The parser mends those and keeps everything else verbatim:
every word of the file except the speaker labels lands in exactly one field of the model.

`parse` reads in four steps, one function each: `_blocks` (paragraphs and the blank lines
between them), `_read_header` (the header and title), `_mend_page_breaks`, `_exchanges`
(speaker labels). Where the format cannot tell, this is what the parser decides:

- Paragraphs before the first `Question:` are the opening remarks (exchange 0), whoever is
  labelled in them. A text with no `Question:` paragraph at all is not a transcript.
- A question with no answer (another `Question:` follows, or the file ends) is kept as an
  exchange with an empty answer: briefings do leave a question unanswered.
- A speaker label after an answer with no `Question:` between ("Maria Zakharova: ...") adds to
  that answer; it never makes a question up.
- A text where no question is answered at all (no speaker label after any `Question:`) is not
  in this format either: TranscriptError, rather than a list of questions without answers.
- CRLF or CR line ends, a byte-order mark, spaces and tabs around lines, and any number of blank
  (or blank-looking) lines between paragraphs are layout: such a copy reads exactly like the clean one.

Nothing here knows about terminals, Typer or Rich.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
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

# The next two stay strings re compiles on first use: compiled at import they break list's start-up budget.
# The title ends with the place and the date: "..., Moscow, January 14, 2022" or "..., 3 March 2023".
_TITLE_DATE = (
    r",\s*(?P<place>[A-Z][\w .'-]*?),\s*"
    r"(?:(?P<month1>[A-Z][a-z]+) (?P<day1>\d{1,2}),? (?P<year1>\d{4})"
    r"|(?P<day2>\d{1,2}) (?P<month2>[A-Z][a-z]+),? (?P<year2>\d{4}))\s*$"
)
# A questioner who names the media outlet: "I represent the Mir Interstate Television and Radio Company".
_OUTLET = (
    r"\bI (?:represent|am from|work for|am with|am a correspondent (?:for|of)) (?:the )?"
    r"(?P<outlet>[A-Z][^.,;:!?()]{1,80})"
)

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

    `exchanges[n]` is exchange number n; 0 holds the opening remarks.
    """

    title: str | None
    exchanges: tuple[Exchange, ...]
    letterhead: str | None = None
    timestamp: str | None = None
    document_number: str | None = None
    url: str | None = None
    mended_breaks: int = 0

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
        if self.title and (m := re.search(_TITLE_DATE, self.title)):
            month = m["month1"] or m["month2"]
            if month in MONTHS:
                day = _day(int(m["year1"] or m["year2"]), MONTHS.index(month) + 1, int(m["day1"] or m["day2"]))
                if day:
                    return day
        if self.timestamp and (m := TIMESTAMP.fullmatch(self.timestamp)):
            return _day(int(m[3]), int(m[2]), int(m[1]))
        return None

    @property
    def place(self) -> str | None:
        """The city the title names before the date ("..., Moscow, January 14, 2022")."""
        if self.title and (m := re.search(_TITLE_DATE, self.title)):
            return m["place"].split(",")[-1].strip() or None
        return None

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


def _day(year: int, month: int, day: int) -> date | None:
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
    """What stands before the body: the ministry's letterhead, timestamp and document number, and a title."""

    letterhead: str | None
    timestamp: str | None
    document_number: str | None
    title: str | None


def parse(text: str) -> Transcript:
    """Read a transcript in the ministry's format; TranscriptError when it holds no question."""
    blocks, gaps = _blocks(text.removeprefix("\ufeff"))
    header, start = _read_header(blocks, gaps)
    url = None
    if len(blocks) > start and URL.fullmatch(blocks[-1]):  # the source, alone on the last line
        url = blocks.pop()
    body, mended = _mend_page_breaks(blocks[start:])
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
    )


def _blocks(text: str) -> tuple[list[str], list[int]]:
    """The file's paragraphs, split at blank lines, and how many blank lines stand before each.

    A line of only white space is blank. Line ends of any kind (LF, CRLF, CR) and spaces and
    tabs around each line are layout, not text: a Windows, old Mac, indented or tab-aligned copy
    reads exactly like the clean one.
    """
    blocks: list[str] = []
    gaps: list[int] = []
    lines: list[str] = []
    gap = 0
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip(" \t")
        if line and not line.isspace():
            lines.append(line)
            continue
        if lines:
            blocks.append("\n".join(lines))
            gaps.append(gap)
            lines, gap = [], 0
        gap += 1
    if lines:
        blocks.append("\n".join(lines))
        gaps.append(gap)
    return blocks, gaps


def _read_header(blocks: list[str], gaps: list[int]) -> tuple[_Header, int]:
    """The header, and the index of the first block after it.

    The ministry's header is its letterhead in Russian, a timestamp and a document number, in
    any order, then the title. Without that header, a first paragraph is a title only when a
    wider gap than the file's usual one between paragraphs sets it apart (a double-spaced file
    has no title), and only when it does not end like a sentence.
    """
    letterhead: list[str] = []
    timestamp = document_number = title = None
    start = 0
    for block in blocks:
        if _is_letterhead(block):
            letterhead.append(block)
        elif timestamp is None and TIMESTAMP.fullmatch(block):
            timestamp = block
        elif document_number is None and DOCUMENT_NUMBER.fullmatch(block):
            document_number = block
        else:
            break
        start += 1
    if start < len(blocks) and not LABEL.match(blocks[start]):
        usual = Counter(gaps[start + 2 :]).most_common(1)
        wider = max(2, usual[0][0] + 1) if usual else 2
        set_apart = start + 1 < len(blocks) and gaps[start + 1] >= wider
        if start > 0 or (set_apart and not _ends_sentence(blocks[start])):
            title = blocks[start]
            start += 1
    header = _Header(
        letterhead="\n".join(letterhead) or None, timestamp=timestamp, document_number=document_number, title=title
    )
    return header, start


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
        if paragraphs and _continues(tail, text):
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
