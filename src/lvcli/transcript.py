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

Where the format cannot tell, this is what the parser decides (the README's "Hostile input"
table says the same):

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
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from lvcli.splitter import split_sentences

QUESTION = "Question"
OPENING, QUESTION_PART, ANSWER = "opening", "question", "answer"
PARTS = (OPENING, QUESTION_PART, ANSWER)

MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}

# A speaker label opens a paragraph: "Question:", "Sergey Lavrov:", "Maria Zakharova (adds):".
# A name is two to four capitalised words, so "Note: ..." or "However: ..." stay text.
# `read_label` reads it with str methods; LABEL_PATTERN is the same rule as a pattern, for the tests.
_NAME_WORD = r"[A-Z\u0400-\u042f][\w.'\u2019-]*"
LABEL_PATTERN = (
    rf"(?P<label>{QUESTION}|{_NAME_WORD}(?: {_NAME_WORD}){{1,3}})"
    r"(?P<note> ?\([^()\n]{1,60}\))?:(?:[ \t]+|(?=\n)|$)"
)
_NAME_WORD_CHARS = "_.'\u2019-"  # besides letters and digits
_NOTE_MAX = 60
# These two stay strings, compiled (and cached by `re`) on first use: most calls never read the
# date, place or outlet, and compiling them at import cost every call (see bench/).
_TITLE_DATE = (
    r",\s*(?P<place>[A-Z][\w .'-]*?),\s*"
    r"(?:(?P<month1>[A-Z][a-z]+) (?P<day1>\d{1,2}),? (?P<year1>\d{4})"
    r"|(?P<day2>\d{1,2}) (?P<month2>[A-Z][a-z]+),? (?P<year2>\d{4}))\s*$"
)
_OUTLET = (
    r"\bI (?:represent|am from|work for|am with|am a correspondent (?:for|of)) (?:the )?"
    r"(?P<outlet>[A-Z][^.,;:!?()]{1,80})"
)
# A paragraph that ends like this has ended its sentence; anything else may be cut by a page break.
_SENTENCE_END = frozenset(".?!…:;\"”’')]*»")


def principal(exchanges: Sequence[Exchange]) -> str | None:
    """Who answers most often: the principal of the event, to whom unlabelled opening remarks belong."""
    counts = Counter(e.speaker for e in exchanges if e.speaker)
    return counts.most_common(1)[0][0] if counts else None


def timestamp_date(text: str) -> tuple[int, int, int] | None:
    r"""(day, month, year) of a letterhead timestamp such as "14.01.2022 16:03" or "14.01.2022"; else None.

    The same as fullmatching r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?: \d{1,2}:\d{2})?", with str methods
    (`isdecimal` is what `\d` means in a str pattern): the parser asks this of every header line
    and compiling the pattern cost every call about 0.7 M instructions.
    """
    day_text, space, clock = text.partition(" ")
    if space:
        hours, colon, minutes = clock.partition(":")
        if not (colon and 1 <= len(hours) <= 2 and len(minutes) == 2 and (hours + minutes).isdecimal()):
            return None
    parts = day_text.split(".")
    if len(parts) != 3:
        return None
    day, month, year = parts
    if not (1 <= len(day) <= 2 and 1 <= len(month) <= 2 and len(year) == 4 and (day + month + year).isdecimal()):
        return None
    return int(day), int(month), int(year)


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
    """The whole document: header fields, the exchanges (0 = opening remarks) and the source URL."""

    title: str | None
    exchanges: tuple[Exchange, ...]
    letterhead: str | None = None
    timestamp: str | None = None
    document_number: str | None = None
    url: str | None = None
    mended_breaks: int = 0
    _by_number: dict[int, Exchange] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_number.update((e.number, e) for e in self.exchanges)

    @property
    def questions(self) -> tuple[Exchange, ...]:
        """The exchanges that have a question, 1..N."""
        return tuple(e for e in self.exchanges if not e.is_opening)

    @property
    def last_number(self) -> int:
        return self.exchanges[-1].number

    def exchange(self, number: int) -> Exchange:
        """The exchange with this number; KeyError when there is none."""
        return self._by_number[number]

    @property
    def date(self) -> date | None:
        """The day of the event: from the title when it names one, else from the timestamp."""
        if self.title and (m := re.search(_TITLE_DATE, self.title)):
            month = MONTHS.get((m["month1"] or m["month2"]).lower())
            if month:
                day, year = m["day1"] or m["day2"], m["year1"] or m["year2"]
                try:
                    return date(int(year), month, int(day))
                except ValueError:
                    pass
        if self.timestamp and (day := timestamp_date(self.timestamp)):
            day_of_month, month, year = day
            try:
                return date(year, month, day_of_month)
            except ValueError:
                return None
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


class _Block:
    """A paragraph of the file as read: its text and how many blank lines came before it."""

    # A plain class: the parser's own scratch record need not pay a dataclass's definition at
    # import, about 1 M instructions on every call (see bench/).
    __slots__ = ("gap_before", "text")

    def __init__(self, text: str, gap_before: int) -> None:
        self.text = text
        self.gap_before = gap_before


def _name_word_end(text: str, at: int) -> int:
    """Where a name word starting at `at` ends ("Lavrov", "O'Neill", "Jr."); -1 if none starts there."""
    if at >= len(text) or not ("A" <= text[at] <= "Z" or "\u0400" <= text[at] <= "\u042f"):
        return -1
    end = at + 1
    while end < len(text) and (text[end].isalnum() or text[end] in _NAME_WORD_CHARS):
        end += 1
    return end


def _label_end(text: str, at: int) -> tuple[str | None, int] | None:
    """After a label's name at `at`: its note as written (or None) and where the label ends."""
    for with_note in (True, False):
        note = None
        colon = at
        if with_note:
            opens = at + 1 if text.startswith(" (", at) else at
            if not text.startswith("(", opens):
                continue
            closes = opens + 1
            while closes < len(text) and text[closes] not in "()\n" and closes - opens <= _NOTE_MAX:
                closes += 1
            if not (closes < len(text) and text[closes] == ")" and 1 <= closes - opens - 1 <= _NOTE_MAX):
                continue
            note, colon = text[at : closes + 1], closes + 1
        if not text.startswith(":", colon):
            continue
        end = colon + 1
        while end < len(text) and text[end] in " \t":
            end += 1
        if end > colon + 1 or end == len(text) or text[end] == "\n":
            return note, end
    return None


def read_label(text: str) -> tuple[str, str | None, int] | None:
    """The speaker label that opens `text`: (name, note as written or None, where the text begins).

    The rule LABEL_PATTERN states, read with str methods (a property test holds them equal):
    compiling the pattern cost every call of lvcli about 4 M instructions, as its classes reach
    beyond Latin-1 and `re` builds 64K-entry maps for them.
    """
    if ":" not in text:  # most paragraphs: decided in C
        return None
    if text.startswith(QUESTION) and (after := _label_end(text, len(QUESTION))):
        return QUESTION, *after
    end = _name_word_end(text, 0)
    if end < 0:
        return None
    words = 1
    while words < 4 and text.startswith(" ", end) and (following := _name_word_end(text, end + 1)) > 0:
        end, words = following, words + 1
    if words == 1 or not (after := _label_end(text, end)):
        return None
    return text[:end], *after


def _blocks(text: str) -> list[_Block]:
    """Split into paragraphs at blank lines; lines of only spaces and tabs count as blank.

    Spaces and tabs around each line are layout, not text: an indented or tab-aligned copy reads
    exactly like the clean one.
    """
    blocks: list[_Block] = []
    lines: list[str] = []
    gap = 0
    for line in text.split("\n"):
        line = line.strip(" \t\r")
        if not line.strip():
            if lines:
                blocks.append(_Block("\n".join(lines).strip(" \t"), gap))
                lines, gap = [], 0
            gap += 1
        else:
            lines.append(line)
    if lines:
        blocks.append(_Block("\n".join(lines).strip(" \t"), gap))
    # the gap before a block is the number of blank lines, so the blank line that separates
    # any two paragraphs counts as one
    return blocks


def _is_letterhead(text: str) -> bool:
    """The ministry's name in Russian: Cyrillic letters and no Latin ones."""
    return any("\u0400" <= c <= "\u04ff" for c in text) and not any(c.isascii() and c.isalpha() for c in text)


def _one_word(text: str) -> bool:
    return bool(text) and not any(c.isspace() for c in text)


def _is_document_number(text: str) -> bool:
    """The ministry's document number: "№ 30-14-01-2022" (string tests: no pattern to compile)."""
    return text.startswith("№") and _one_word(text[1:].lstrip())


def _is_url(text: str) -> bool:
    """The source URL on the last line: "https://mid.ru/..." and nothing else."""
    scheme, sep, rest = text.partition("://")
    return scheme in ("http", "https") and bool(sep) and _one_word(rest)


def _ends_sentence(text: str) -> bool:
    return text[-1] in _SENTENCE_END


def _continues(previous: str, following: str) -> bool:
    """Is `following` the rest of a sentence a page break cut after `previous`?"""
    if _ends_sentence(previous) or read_label(following):
        return False
    first = following[0]
    return first.islower() or (previous[-1].isalnum() and (first.isalnum() or first in "\"“‘'("))


def _joint(previous: str, following: str) -> str:
    """What goes between the two halves of a mended sentence: nothing inside a hyphenated word."""
    if previous.endswith("-") and len(previous) > 1 and previous[-2].isalpha() and following[0].islower():
        return ""  # "multi-" + "religious"
    return " "


def parse(text: str) -> Transcript:
    """Read a transcript in the ministry's format; TranscriptError when it holds no question."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _blocks(text)

    letterhead: list[str] = []
    timestamp = document_number = title = url = None
    start = 0
    while start < len(blocks):
        head = blocks[start].text
        if _is_letterhead(head):
            letterhead.append(head)
        elif timestamp is None and timestamp_date(head):
            timestamp = head
        elif document_number is None and _is_document_number(head):
            document_number = head
        else:
            break
        start += 1
    if start < len(blocks) and not read_label(blocks[start].text):
        # Without the ministry's header, a first line is a title only when a wider gap than the
        # file's usual one between paragraphs sets it apart (a double-spaced file has no title).
        usual = Counter(b.gap_before for b in blocks[start + 2 :]).most_common(1)
        widest_usual = max(2, usual[0][0] + 1) if usual else 2
        followed_by_gap = start + 1 < len(blocks) and blocks[start + 1].gap_before >= widest_usual
        if (letterhead or timestamp or document_number) or (followed_by_gap and not _ends_sentence(blocks[start].text)):
            title = blocks[start].text
            start += 1
    end = len(blocks)
    if end > start and _is_url(blocks[end - 1].text):
        url = blocks[end - 1].text
        end -= 1

    # mend page breaks, then attach speaker labels
    # Each paragraph is kept as pieces and joined once: gluing strings one break at a time is
    # quadratic when a hostile file is one long run of cut sentences. Mending only looks at the
    # last two characters of what came before, kept in `tail`.
    pieces: list[list[str]] = []
    tail = ""
    mended = 0
    for block in blocks[start:end]:
        if pieces and _continues(tail, block.text):
            joint = _joint(tail, block.text)
            pieces[-1] += (joint, block.text)
            tail = (tail + joint + block.text[-2:])[-2:]
            mended += 1
        else:
            pieces.append([block.text])
            tail = block.text[-2:]
    body = ["".join(paragraph) for paragraph in pieces]

    exchanges: list[Exchange] = []
    question: list[Paragraph] = []
    answer: list[Paragraph] = []
    number = 0
    speaker: str | None = None
    in_question = False
    pending_label = False
    note: str | None = None

    def close() -> None:
        exchanges.append(Exchange(number, tuple(question), tuple(answer)))

    for paragraph in body:
        labelled = False
        if found := read_label(paragraph):
            name, written_note, end = found
            note = (written_note or "").strip() or None
            rest = paragraph[end:].lstrip("\n")
            if name == QUESTION:
                close()
                number += 1
                question, answer = [], []
                in_question = True
                speaker = None
            else:
                in_question = False
                speaker = name
            if not rest:
                pending_label = True  # a label on its own: the next paragraphs are that speaker's
                continue
            paragraph, labelled = rest, True
        target = question if in_question else answer
        labelled = labelled or pending_label
        target.append(Paragraph(QUESTION if in_question else speaker, paragraph, labelled, note if labelled else None))
        pending_label = False
    close()

    if number == 0:
        raise TranscriptError("no 'Question:' paragraph found; is this a transcript in the ministry's format?")
    if not any(e.answer for e in exchanges[1:]):
        raise TranscriptError(
            "no question is answered: no paragraph after a 'Question:' is labelled with a speaker "
            "(like 'Sergey Lavrov:'); is this a transcript in the ministry's format?"
        )
    # The opening remarks carry no label: they are the principal's, who answers most often.
    who = principal(exchanges)
    if who and exchanges[0].answer and exchanges[0].speaker is None:
        opening = tuple(Paragraph(p.speaker or who, p.text, p.labelled, p.note) for p in exchanges[0].answer)
        exchanges[0] = Exchange(0, (), opening)
    return Transcript(
        title=title,
        exchanges=tuple(exchanges),
        letterhead="\n".join(letterhead) or None,
        timestamp=timestamp,
        document_number=document_number,
        url=url,
        mended_breaks=mended,
    )
