"""Names: the countries, organisations and people in the runs of capitalised words of a text.

A run ("President of Russia Vladimir Putin", "the European Union's") is cut into segments at
titles and possessives, and a segment into the names it holds: "Russia" and "Vladimir Putin",
who is titled, so a person. An acronym's long form that holds "and" or "in" ("Organisation for
Security and Co-operation in Europe") is one name, though such small words end a run.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from lvcli.topics.records import NAME
from lvcli.topics.text import CAPITAL_WORD, Mention, Text
from lvcli.topics.words import NAME_LINKS, TITLES, cut_possessive, is_acronym, is_roman, key_of, spells

# Capitalised words joined by single spaces, "of" or "for": a name, or several names and titles.
_RUN = re.compile(rf"(?<![\w'\u2019]){CAPITAL_WORD}(?:(?: of| for)? {CAPITAL_WORD})*")
# ... and by the other small words an acronym's long form may hold.
_LONG_RUN = re.compile(rf"(?<![\w'\u2019]){CAPITAL_WORD}(?:(?: (?:of|for|and|in|on|the|de))* {CAPITAL_WORD})+")
_INNER_LINK = re.compile(r" (?:and|in|on|the|de) ")
# After these a capitalised word may open a quotation or a clause, as at the start of a sentence.
_OPENERS = frozenset('"\u201c\u00ab\u2018:([')
# Titles only after another title ("Secretary General"); alone they name things ("General Staff").
_TRAILING_TITLES = frozenset({"general"})

Word = tuple[str, int]  # a word (possessive cut) and its offset in its run
Found = tuple[str, str, int, int]  # a mention in a run: key, spelling, start, end


@dataclass
class Segment:
    """Capitalised words of one run taken together, before they are read as names."""

    words: list[Word] = field(default_factory=list)
    after_title_of: bool = False  # "President of <Russia Vladimir Putin>": a place, then a person
    before_title: bool = False  # "<Foreign> Minister", "<US> President"
    titled: bool = False  # right after a title: a person


@dataclass
class Name:
    """A name read in a run: its key, where it starts in the run, and its mentions there."""

    key: str
    start: int
    mentions: list[Found]


@dataclass
class Run:
    """A run of capitalised words as read: where it stands in the whole text, and its segments."""

    text: str
    initial: bool  # it opens a sentence, a quotation or a clause
    start: int
    segments: list[Segment]
    in_long_form: bool  # part of it spells out an acronym: it reads differently here than elsewhere


class Names:
    """Every mention of a name in a text, with what the merging of spellings needs to know of them."""

    def __init__(self, text: Text) -> None:
        self.text = text
        self.long_forms = long_forms(text)
        self._long_form_ends = [end for _, end in self.long_forms]
        self.after_the: set[str] = set()  # keys seen after "the": places and things, not persons
        self.titled: set[str] = set()  # keys seen after a title: persons
        self.mentions: list[Mention] = []
        self.known: set[str] = set()  # what the text names without a title beside it
        runs = self._runs()  # reading every run first tells what is `known`, which reading their names needs
        names_of: dict[tuple[str, bool], list[Name]] = {}  # a name comes back again and again: read it once
        for run in runs:
            if run.in_long_form:
                names = self._names(run)
            elif (run.text, run.initial) in names_of:
                names = names_of[run.text, run.initial]
            else:
                names = names_of[run.text, run.initial] = self._names(run)
            self._mention(run, names)
        for start, end in self.long_forms:
            sentence = text.sentence_at(start)
            spelling = text.whole[start:end]
            at = start - text.starts[sentence]
            self.mentions.append(Mention(key_of(spelling), NAME, spelling, sentence, at, at + len(spelling)))

    def _runs(self) -> list[Run]:
        """The runs of capitalised words that hold a name or a title, in the order of the text."""
        whole = self.text.whole
        found: list[Run] = []
        segments_of: dict[tuple[str, bool], list[Segment]] = {}  # most runs come back again and again
        for m in _RUN.finditer(whole):
            start, run = m.start(), m.group()
            before = whole[max(0, start - 3) : start].rstrip(" ")
            initial = not before or before[-1] == "\n" or before[-1] in _OPENERS
            in_long_form = self._overlaps_long_form(start, m.end())
            if in_long_form:
                segments = self._segments(run, initial, start)
            elif (run, initial) in segments_of:
                segments = segments_of[run, initial]
            else:
                segments = segments_of[run, initial] = self._segments(run, initial, None)
            if segments:
                found.append(Run(run, initial, start, segments, in_long_form))
        return found

    def _overlaps_long_form(self, start: int, end: int) -> bool:
        i = bisect_right(self._long_form_ends, start)
        return i < len(self.long_forms) and self.long_forms[i][0] < end

    def _in_long_form(self, at: int) -> bool:
        i = bisect_right(self._long_form_ends, at)
        return i < len(self.long_forms) and self.long_forms[i][0] <= at

    def _segments(self, run: str, initial: bool, at_whole: int | None) -> list[Segment]:
        """The segments of a run of capitalised words, their words' offsets counted from its start; when
        `at_whole` (where the run is in the whole text) is given, words of an acronym's long form are left out."""
        found: list[Segment] = []
        segment = Segment()
        pending_title = previous_title = False
        offset = 0
        for position, raw in enumerate(run.split(" ")):
            word = cut_possessive(raw)
            at = offset
            offset += len(raw) + 1
            lower = word.lower()
            first = position == 0 and initial
            if at_whole is not None and self._in_long_form(at_whole + at):
                segment = _close(found, segment, Segment())
                continue
            if lower in NAME_LINKS and raw.islower():
                if pending_title:
                    segment = _close(found, segment, Segment(after_title_of=True, titled=True))
                elif segment.words:
                    segment.words.append((lower, at))
                pending_title = previous_title = False
                continue
            is_title = lower in TITLES or (lower in _TRAILING_TITLES and previous_title)
            if is_title and not is_acronym(word) and not (first and lower not in self.text.proper):
                segment.before_title = True
                segment = _close(found, segment, Segment(titled=True))
                pending_title = previous_title = True
                continue
            pending_title = previous_title = False
            if self.text.is_name_word(word, first):
                segment.words.append((word, at))
                if word != raw:  # a possessive ends a name: "Russia's Foreign Ministry"
                    segment = _close(found, segment, Segment())
            else:
                segment = _close(found, segment, Segment())
        _close(found, segment, segment)
        # a name that stands with no title beside it is known: a run holding it can be read as two names
        self.known.update(key_of(_joined(s.words)) for s in found if not (s.after_title_of or s.before_title))
        return found

    def _names(self, run: Run) -> list[Name]:
        """The names a run holds, with their mentions; the keys of titled ones are kept as persons'."""
        names = []
        for segment in run.segments:
            for words, titled in self._split(segment):
                key = key_of(_joined(words))
                if titled:
                    self.titled.add(key)
                names.append(Name(key, words[0][1], self._found(run.text, words)))
        return names

    def _split(self, segment: Segment) -> list[tuple[list[Word], bool]]:
        """The names a segment holds, each with whether a title stands before it."""
        words, known = segment.words, self.known
        if segment.before_title:
            # "Russian Foreign Minister": keep what the text also uses on its own
            while words and key_of(_joined(words)) not in known:
                words = words[:-1]
            return [(words, False)] if words else []
        if segment.after_title_of:
            # "President of Russia Vladimir Putin": the longest known name, then a person
            for end in range(len(words), 0, -1):
                if words[end - 1][0] not in NAME_LINKS and key_of(_joined(words[:end])) in known:
                    rest = _trim(words[end:])
                    return [(words[:end], False)] + ([(rest, True)] if rest else [])
            rest = _trim(words[1:])  # "Secretary of State Antony Blinken": the office, then a person
            return [(rest, True)] if rest else []
        # "Union State of Russia": two names the text also uses on their own, joined by "of"
        for i, (word, _) in enumerate(words):
            if word in NAME_LINKS:
                left, right = words[:i], words[i + 1 :]
                if len(left) > 1 and key_of(_joined(left)) in known and key_of(_joined(right)) in known:
                    return [(left, segment.titled), (right, False)]
        return [(words, segment.titled)]

    def _found(self, run: str, words: list[Word]) -> list[Found]:
        """The mentions a name's words make: the name, and the names it is made of that stand on their own."""
        if len(words) == 1 and is_roman(words[0][0]):
            return []  # "II" alone names nothing
        known = self.known
        found: list[Found] = []

        def mention(part: list[Word]) -> None:
            start, end = part[0][1], part[-1][1] + len(part[-1][0])
            found.append((key_of(_joined(part)), run[start:end], start, end))

        for word, at in words:
            parts = word.split("-")
            if len(parts) > 1 and all(p[:1].isupper() and key_of(p) in known for p in parts):
                # "Russia-NATO", "EU-Russia": each side is a name of its own
                for part in parts:
                    found.append((key_of(part), part, at, at + len(part)))
                    at += len(part) + 1
            elif len(words) > 1 and is_acronym(word):
                found.append((key_of(word), word, at, at + len(word)))  # "UN Charter"
        if not (len(words) == 1 and found):
            mention(words)
        links = [i for i, (w, _) in enumerate(words) if w in NAME_LINKS]
        if links:
            tail = words[links[-1] + 1 :]
            if tail and key_of(_joined(tail)) in known and not (len(tail) == 1 and is_acronym(tail[0][0])):
                mention(tail)  # "People's Republic of China" mentions China
        return found

    def _mention(self, run: Run, names: list[Name]) -> None:
        sentence = self.text.sentence_at(run.start)
        text = self.text.texts[sentence]
        at_run = run.start - self.text.starts[sentence]
        for name in names:
            at = at_run + name.start
            if text[max(0, at - 4) : at].lower() == "the ":
                self.after_the.add(name.key)
            for key, spelling, start, end in name.mentions:
                self.mentions.append(Mention(key, NAME, spelling, sentence, at_run + start, at_run + end))


def long_forms(text: Text) -> list[tuple[int, int]]:
    """Spans of the whole text that spell out an acronym the text uses, with "and", "in"... inside:
    "Organisation for Security and Co-operation in Europe" (for OSCE). Names joined only by
    "of" or "for" need no such care: they are read as one name anyway."""
    found: list[tuple[int, int]] = []
    if not text.acronyms:
        return found
    spans_in: dict[str, list[tuple[int, int]]] = {}  # a name comes back again and again: read it once
    for m in _LONG_RUN.finditer(text.whole):
        run = m.group()
        if run not in spans_in:
            spans_in[run] = _spelt_out(run, text.acronyms)
        found.extend((m.start() + start, m.start() + end) for start, end in spans_in[run])
    return found


def _spelt_out(run: str, acronyms: dict[str, list[str]]) -> list[tuple[int, int]]:
    """The spans of a run of capitalised words (offsets into it) that spell out one of `acronyms`."""
    found: list[tuple[int, int]] = []
    if not _INNER_LINK.search(run):
        return found
    raw = run.split(" ")
    capitals = "".join(w[0] for w in raw if w[0].isupper())
    if not any(a[:2] in capitals or a[1] == "O" for c in set(capitals) for a in acronyms.get(c, ())):
        return found  # a long form starts with two words (or a word and "of") that begin an acronym
    words = [cut_possessive(w) for w in raw]
    offsets = [0]
    for word in raw[:-1]:
        offsets.append(offsets[-1] + len(word) + 1)
    i = 0
    while i < len(words):
        candidates = acronyms.get(words[i][0], ()) if words[i][0].isupper() else ()
        # a letter is a word, with perhaps a small word before the next: no longer than that
        j = min(len(words), i + 2 * max((len(a) for a in candidates), default=0))
        while j > i + 1 and not (words[j - 1][0].isupper() and any(spells(a, words[i:j]) for a in candidates)):
            j -= 1
        if j > i + 1:
            found.append((offsets[i], offsets[j - 1] + len(words[j - 1])))
            i = j
        else:
            i += 1
    return found


def _joined(words: list[Word]) -> str:
    return " ".join(w for w, _ in words)


def _close(found: list[Segment], segment: Segment, following: Segment) -> Segment:
    """Keep `segment` if any name word is left in it; go on with `following`."""
    while segment.words and segment.words[-1][0] in NAME_LINKS:
        segment.words.pop()
    if segment.words:
        found.append(segment)
    return following


def _trim(words: list[Word]) -> list[Word]:
    while words and (words[0][0] in NAME_LINKS or not words[0][0][:1].isupper()):
        words = words[1:]
    return words
