"""The topics of a transcript: the names and key phrases it keeps coming back to, where and how often.

Topics are read off the text itself; there is no list of subjects written for any one briefing.

* A name is a run of capitalised words ("Kazakhstan", "the European Union", "NATO", "U.S.").
  A capitalised word that opens a sentence counts only when the text also capitalises it
  mid-sentence, so "However" or "Clearly" never become names; function words never do.
  Titles are cut off ("President Vladimir Putin" is about Vladimir Putin).
* A key phrase is a run of two or three content words ("security guarantees", "Minsk
  agreements") met at least three times in more than one exchange: no function word in it and
  no verb at either end (a word the text mostly uses after "we", "will" or "to" is a verb).

Spellings of one subject are merged by general rules: an acronym joins the capitalised phrase of
the same text whose initials it is ("EU" / "European Union", "APR" / "Asia-Pacific Region"),
dots do not matter ("U.S." / "US"), plurals fold ("agreements" / "agreement"), an adjective joins
the place it is formed from ("Ukrainian" / "Ukraine", "Japanese" / "Japan", "Western" / "West"),
and a surname the text gives a title joins the one full name it ends ("Mr Borrell" / "Josep Borrell").

Nothing here knows how results are printed.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, compress, pairwise

from lvcli.transcript import QUESTION, QUESTION_PART, Sentence, Transcript

NAME, PHRASE = "name", "phrase"

# Function words (and numerals): they never begin, end or make up a topic.
STOP_WORDS = frozenset(
    """
    a an the this that these those some any all each every no not none both either neither other another such
    much many more most few fewer less least own same several various i me my mine myself we us our ours ourselves
    you your yours yourself yourselves he him his himself she her hers herself it its itself they them their theirs
    themselves one ones who whom whose which what whatever whoever whichever where wherever when whenever why how
    there here then than and or but nor so yet if because as while whilst although though since unless until till
    whether of in on at to for from by with without within about against between among amongst into onto through
    throughout during before after above below up down out off over under again further once upon via per across
    along around behind beyond despite except inside outside towards toward like unlike
    am is are was were be been being have has had having do does did doing done will would shall should can could
    may might must ought let lets
    very too also just only even still already almost quite rather really however moreover therefore thus hence
    nevertheless nonetheless furthermore indeed perhaps otherwise instead meanwhile besides anyway yes
    now today tomorrow yesterday ago ever never always often sometimes soon later
    two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds thousand
    thousands million millions billion billions first second third last next
    """.split()
)
# Dates say when, not what.
CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# Honorifics and offices stand before a name without being the subject.
TITLES = frozenset(
    """
    mr mrs ms dr sir madam lord lady president presidents vice prime minister ministers secretary secretaries
    deputy chancellor king queen prince princess pope patriarch ambassador envoy chairman chairwoman chairperson
    spokesperson spokesman spokeswoman director head senator governor mayor commissioner representative special
    """.split()
)
# Titles only after another title ("Secretary General"); alone they name things ("General Staff").
_TRAILING_TITLES = frozenset({"general"})
# An adjective is formed from a place name by cutting a short ending and adding one of these
# ("Ukrain-e" -> "Ukrain-ian", "Japan" -> "Japan-ese", "Gree-ce" -> "Gree-k").
_DEMONYM_SUFFIXES = ("ian", "ean", "ese", "ish", "ern", "an", "ic", "n", "i", "k")
# ... or is the place name without one of these ("German-y", "Kazakh-stan").
_BARE_STEM_TAILS = frozenset({"y", "stan", "istan"})

# Words of one name may be joined by these ("Union State of Russia", "Summit for Democracy").
_NAME_LINKS = frozenset({"of", "for"})
# An acronym's long form may hold more small words ("Organisation for Security and Co-operation in Europe").
_EXPANSION_LINKS = frozenset({"of", "for", "and", "in", "on", "the", "de"})

_CAPITAL_WORD = r"(?:(?:[A-Z]\.){2,}(?![A-Za-z])|[A-Z\u00c0-\u00de][\w&]*(?:[-'\u2019][\w&]+)*)"
# The same as a pattern's start: its first letter, then what the text before it must (not) be, then
# the rest of the word. A pattern that opens with a set of letters is searched for by a fast scan for
# them; one that opens with a look-behind is tried at every character of the text, at two to three times the cost.
_CAPITAL = r"[A-Z\u00c0-\u00de]"
_CAPITAL_REST = r"(?:(?<=[A-Z])\.(?:[A-Z]\.)+(?![A-Za-z])|[\w&]*(?:[-'\u2019][\w&]+)*)"
# Capitalised words joined by single spaces, "of" or "for": a name, or several names and titles.
_RUN = re.compile(rf"{_CAPITAL}(?<![\w'\u2019].){_CAPITAL_REST}(?:(?: of| for)? {_CAPITAL_WORD})*")
_INNER_LINK = re.compile(r" (?:and|in|on|the|de) ")
# ... and by the other small words an acronym's long form may hold.
_LONG_RUN = re.compile(
    rf"{_CAPITAL}(?<![\w'\u2019].){_CAPITAL_REST}(?:(?: (?:of|for|and|in|on|the|de))* {_CAPITAL_WORD})+"
)
_ROMAN = re.compile(r"[IVXLC]+")
_MID_SENTENCE_CAPITAL = re.compile(rf"{_CAPITAL}(?<=[^\s\"\u201c\u00ab\u2018:(\[] .){_CAPITAL_REST}")
_OPENERS = frozenset('"\u201c\u00ab\u2018:([')
# Marks between words: no pair of words is counted across one.
_MARKS = re.compile(r"[^\w\s'\u2019-]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_WORD_BEFORE = re.compile(r"([\w'\u2019-]+) \Z")
_WORD_AFTER = re.compile(r" ([\w'\u2019-]+)")
# What a subject does, not what it is about: a word the text mostly uses after these is a verb.
_VERB_CUES = frozenset({"i", "we", "you", "they", "he", "she", "will", "would", "can", "could", "must", "should", "to"})

MIN_PHRASE_COUNT = 3
MAIN_TOPICS_PER_EXCHANGE = 3
MAIN_TOPIC_SHARE = 0.15  # a second or third main topic scores at least this share of the first
QUESTION_WEIGHT = 3  # a mention in the question counts this much more than one in the answer
MAP_ROWS = 24
UBIQUITOUS = 0.9  # a topic in this share of the exchanges is no row of the map
FUZZY_CUTOFF = 85.0  # "Kazakstan" / "Kazakhstan" scores 95, "Japn" / "Japan" 89
SUGGEST_CUTOFF = 70.0
ADJECTIVE_NAME_WEIGHT = 1 / 3


@dataclass(frozen=True)
class Quote:
    """A sentence that mentions a topic; `spans` are the mentions, as offsets into `text`."""

    exchange: int
    part: str
    speaker: str | None
    text: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ExchangeCount:
    """How often a topic is mentioned in one exchange, and how many of those are in the question."""

    exchange: int
    count: int
    in_question: int = 0


@dataclass(frozen=True)
class Topic:
    """A subject of the transcript: its name, how often and where it is mentioned, and the quotes.

    `kind` is "name" (a country, organisation, person...) or "phrase" (a key phrase);
    `spellings` are the forms the text uses, most frequent first (the first is `name`).
    """

    name: str
    kind: str
    count: int
    per_exchange: tuple[ExchangeCount, ...]
    spellings: tuple[str, ...]
    # where the mentions are, as (sentence index, start, end): the quotes are made from them when asked
    places: tuple[tuple[int, int, int], ...] = field(default=(), repr=False, compare=False)
    sentences: Sequence[Sentence] = field(default=(), repr=False, compare=False)

    @cached_property
    def quotes(self) -> tuple[Quote, ...]:
        """The sentences that mention the topic, in the order of the transcript, with the mentions marked."""
        spans: dict[int, list[tuple[int, int]]] = {}
        for index, start, end in self.places:
            spans.setdefault(index, []).append((start, end))
        return tuple(
            Quote(s.exchange, s.part, s.speaker, s.text, tuple(sorted(spans[i])))
            for i in sorted(spans)
            for s in (self.sentences[i],)
        )

    @property
    def exchanges(self) -> tuple[int, ...]:
        """The exchanges that mention the topic, in order."""
        return tuple(e.exchange for e in self.per_exchange)

    def quotes_in(self, exchange: int) -> tuple[Quote, ...]:
        return tuple(q for q in self.quotes if q.exchange == exchange)


@dataclass(frozen=True)
class TopicMatch:
    """The topic a name typed by the user was taken for; `exact` when it is one of its spellings."""

    query: str
    topic: Topic
    score: float
    exact: bool


@dataclass(frozen=True)
class TopicMap:
    """How often each main topic (rows) is mentioned in each exchange (columns)."""

    topics: tuple[str, ...]
    exchanges: tuple[int, ...]
    counts: tuple[tuple[int, ...], ...]


# --- words --------------------------------------------------------------------------------------


def _fold_plural(word: str) -> str:
    """The singular of a lower-case English noun by the regular rules ("countries" -> "country")."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    return word[:-1]


def _is_acronym(word: str) -> bool:
    """An acronym: "NATO", "U.S.", "G20"; not "I", nor a Roman numeral ("World War II")."""
    return len(word) >= 2 and word.isupper() and not _ROMAN.fullmatch(word)


def _key(words: Sequence[str]) -> str:
    """What the spellings of one subject share: lower case, no dots, the last word singular."""
    key = " ".join(words).lower().replace(".", "")
    if words[-1].isupper():
        return key
    head, _, last = key.rpartition(" ")
    return f"{head} {_fold_plural(last)}" if head else _fold_plural(last)


def _cut_possessive(word: str) -> str:
    """The word without a possessive ending: "NATO's" -> "NATO", "Russians'" -> "Russians"."""
    if len(word) > 2 and word[-2] in "'\u2019" and word[-1] in "sS":
        return word[:-2]
    if len(word) > 1 and word[-1] in "'\u2019":
        return word[:-1]
    return word


# --- reading the text ---------------------------------------------------------------------------


class _Mention:
    # a plain class, not a dataclass: made thousands of times, and defining a dataclass costs at import
    __slots__ = ("end", "key", "kind", "sentence", "spelling", "start")

    def __init__(self, key: str, kind: str, spelling: str, sentence: int, start: int, end: int) -> None:
        self.key, self.kind, self.spelling = key, kind, spelling
        self.sentence, self.start, self.end = sentence, start, end


_Word = tuple[str, int]  # a word (possessive cut) and its offset in the sentence


class _Segment:
    """Capitalised words of one sentence taken together, before they are read as names."""

    __slots__ = ("after_title_of", "before_title", "titled", "words")

    def __init__(
        self, words: list[_Word], after_title_of: bool = False, before_title: bool = False, titled: bool = False
    ) -> None:
        self.words = words
        self.after_title_of = after_title_of  # "President of <Russia Vladimir Putin>": a place, then a person
        self.before_title = before_title  # "<Foreign> Minister", "<US> President"
        self.titled = titled  # right after a title: a person


class _Reader:
    """Reads a transcript's sentences once and gathers every mention of a name or a key phrase."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sentences
        self.texts = [s.text for s in sentences]
        # all sentences in one string, apart, so that no name or pair of words spans two
        self.whole = " \n ".join(self.texts)
        lowered = self.whole.lower()
        # offsets into one are offsets into the other, unless lower-casing changed a length ("İ")
        self.lowered_whole = lowered if len(lowered) == len(self.whole) else self.whole.translate(_ASCII_LOWER)
        # where each sentence starts in it: after the one before and the three characters between them
        self.starts = list(accumulate(map((3).__add__, map(len, self.texts)), initial=0))[:-1]
        # words the text capitalises where no sentence, quotation or clause opens: proper names
        mid_sentence = {_cut_possessive(w) for w in set(_MID_SENTENCE_CAPITAL.findall(self.whole))}
        self.proper = frozenset({w.lower() for w in mid_sentence} - _NAME_LINKS)
        self.acronyms: dict[str, list[str]] = defaultdict(list)  # by first letter
        for word in mid_sentence:
            if _is_acronym(word):
                self.acronyms[word[0]].append(word.replace(".", ""))
        self.expansions = self._expansions()
        self.the: Counter[str] = Counter()  # keys seen after "the": places and things, not persons
        self.titled: set[str] = set()  # keys seen after a title: persons
        self._keys: dict[str, str] = {}

    def _expansions(self) -> list[tuple[int, int]]:
        """Spans of the whole text that spell out an acronym the text uses, with "and", "in"... inside:
        "Organisation for Security and Co-operation in Europe" (for OSCE). Names joined only by
        "of" or "for" need no such care: they are read as one name anyway."""
        found: list[tuple[int, int]] = []
        if not self.acronyms:
            return found
        spans_in: dict[str, list[tuple[int, int]]] = {}  # a name comes back again and again: read it once
        for m in _LONG_RUN.finditer(self.whole):
            run = m.group()
            spans = spans_in.get(run)
            if spans is None:
                spans = spans_in[run] = self._spelt_out(run)
            if spans:
                at = m.start()
                found.extend([(at + start, at + end) for start, end in spans])
        return found

    def _spelt_out(self, run: str) -> list[tuple[int, int]]:
        """The spans of a run of capitalised words (offsets into it) that spell out an acronym of the text."""
        found: list[tuple[int, int]] = []
        if not _INNER_LINK.search(run):
            return found
        raw = run.split(" ")
        capitals = "".join(w[0] for w in raw if w[0].isupper())
        if not any(a[:2] in capitals or a[1] == "O" for c in set(capitals) for a in self.acronyms.get(c, ())):
            return found  # no acronym of the text begins with the initials of two words in a row here
        words = [_cut_possessive(w) for w in raw]
        offsets = [0]
        for word in raw[:-1]:
            offsets.append(offsets[-1] + len(word) + 1)
        i = 0
        while i < len(words):
            candidates = self.acronyms.get(words[i][0], ()) if words[i][0].isupper() else ()
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

    def _in_expansion(self, at: int) -> bool:
        spans = self.expansions
        i = bisect_right(spans, (at, len(self.whole))) - 1
        return i >= 0 and spans[i][0] <= at < spans[i][1]

    def is_name_word(self, word: str, initial: bool) -> bool:
        if _is_acronym(word):
            return True  # "US" is no "us"
        lower = word.lower()
        if lower in STOP_WORDS or lower in CALENDAR_WORDS:
            return False
        if "-" in lower and all(p in STOP_WORDS or p in CALENDAR_WORDS for p in lower.split("-")):
            return False  # "November-December"
        return not initial or lower in self.proper

    def _extend(
        self, places: list[tuple[int, int, int]], edges: set[str], content: set[str]
    ) -> list[tuple[int, int, int]]:
        """The phrase grown by the word that always stands before or after it, up to five words:
        "Zaporozhye nuclear power" and "nuclear power plant" are "Zaporozhye nuclear power plant"."""
        for _ in range(2):
            grown = False
            after = {_WORD_AFTER.match(self.texts[i], end) for i, _, end in places}
            words = {m[1].lower() if m else "" for m in after}
            if len(words) == 1 and (word := words.pop()) in edges:
                places = [(i, start, end + 1 + len(_cut_possessive(word))) for i, start, end in places]
                grown = True
            before = [_WORD_BEFORE.search(self.texts[i], max(0, start - 40), start) for i, start, _ in places]
            words = {m[1].lower() if m else "" for m in before}
            if len(words) == 1 and (word := words.pop()) in edges and word in content:
                places = [(i, start - 1 - len(word), end) for i, start, end in places]
                grown = True
            if not grown or len(self.texts[places[0][0]][places[0][1] : places[0][2]].split(" ")) >= 5:
                break
        return places

    def key_of(self, words: str) -> str:
        """`_key` of the words of a name, remembered: the same names come back again and again."""
        key = self._keys.get(words)
        if key is None:
            key = self._keys[words] = _key(words.split(" "))
        return key

    def _names(self, word: str) -> bool:
        """Is this word, next to a capitalised one, part of the same name?"""
        lower = word.lower()
        return word[0].isupper() and lower not in STOP_WORDS and lower not in CALENDAR_WORDS and lower in self.proper

    # names

    def segments(self) -> list[tuple[_Segment, int, int]]:
        """The segments of the text, each with its sentence and the offset its words are counted from."""
        found: list[tuple[_Segment, int, int]] = []
        whole, starts, spans = self.whole, self.starts, self.expansions
        index = 0
        after = 0  # the first long form of an acronym that does not end before this run
        # What a run of capitalised words holds depends only on the run and on whether it opens a sentence,
        # unless an acronym's long form is in it: each other run is read once, however often it comes back.
        read: dict[tuple[str, bool], list[_Segment]] = {}
        for m in _RUN.finditer(whole):
            start, run = m.start(), m.group()
            if " " not in run and not run.isupper() and run.lower() in STOP_WORDS:
                continue  # "The", "We", "However": the most common runs, and never a name
            while index + 1 < len(starts) and starts[index + 1] <= start:
                index += 1
            before = whole[max(0, start - 3) : start].rstrip(" ")
            initial = not before or before[-1] == "\n" or before[-1] in _OPENERS
            at_run = start - starts[index]
            while after < len(spans) and spans[after][1] <= start:
                after += 1
            if after < len(spans) and spans[after][0] < m.end():
                held = self._read(run, initial, start)
            elif (run, initial) in read:
                held = read[run, initial]
            else:
                held = read[run, initial] = self._read(run, initial, None)
            for segment in held:
                found.append((segment, index, at_run))
        return found

    def _read(self, run: str, initial: bool, at_whole: int | None) -> list[_Segment]:
        """The names and titles of a run of capitalised words, their words' offsets counted from its start;
        when `at_whole` (where the run is in the whole text) is given, words of an acronym's long form are
        left out."""
        found: list[_Segment] = []
        if " " not in run:  # most runs are one word: "Russia", "NATO", "President"
            word = _cut_possessive(run)
            lower = word.lower()
            if lower in TITLES and not _is_acronym(word):
                return found
            if self.is_name_word(word, initial) and not (at_whole is not None and self._in_expansion(at_whole)):
                found.append(_Segment([(word, 0)]))
            return found
        segment = _Segment([])
        pending_title = False
        offset = 0
        previous_title = False
        for position, raw in enumerate(run.split(" ")):
            word = _cut_possessive(raw)
            at = offset
            offset += len(raw) + 1
            lower = word.lower()
            first = position == 0 and initial
            if at_whole is not None and self._in_expansion(at_whole + at):
                segment = _close(found, segment, _Segment([]))
                continue
            if lower in _NAME_LINKS and raw.islower():
                if pending_title:
                    segment = _close(found, segment, _Segment([], after_title_of=True, titled=True))
                elif segment.words:
                    segment.words.append((lower, at))
                pending_title = False
                previous_title = False
                continue
            is_title = lower in TITLES or (lower in _TRAILING_TITLES and previous_title)
            if is_title and not _is_acronym(word) and not (first and lower not in self.proper):
                segment.before_title = True
                segment = _close(found, segment, _Segment([], titled=True))
                pending_title = previous_title = True
                continue
            pending_title = previous_title = False
            if self.is_name_word(word, first):
                segment.words.append((word, at))
                if word != raw:  # a possessive ends a name: "Russia's Foreign Ministry"
                    segment = _close(found, segment, _Segment([]))
            else:
                segment = _close(found, segment, _Segment([]))
        _close(found, segment, segment)
        return found

    def name_mentions(self) -> list[_Mention]:
        placed = self.segments()
        # a segment read once stands for every place its run comes back: count and read it once
        uses = Counter([id(segment) for segment, _, _ in placed])
        segments = {id(segment): segment for segment, _, _ in placed}
        known: Counter[str] = Counter()
        for ident, n in uses.items():
            segment = segments[ident]
            if not (segment.after_title_of or segment.before_title):
                known[self.key_of(" ".join(w for w, _ in segment.words))] += n
        mentions: list[_Mention] = []
        read: dict[int, list[tuple[str, int, list[tuple[str, str, int, int]]]]] = {}
        for segment, index, at_run in placed:
            units = read.get(id(segment))
            if units is None:
                units = read[id(segment)] = self._units(segment, index, at_run, known)
            text = self.texts[index]
            for key, at, found in units:
                at += at_run
                if text[max(0, at - 4) : at].lower() == "the ":
                    self.the[key] += 1
                mentions.extend(
                    [_Mention(k, NAME, spelling, index, at_run + i, at_run + j) for k, spelling, i, j in found]
                )
        index = 0
        for start, end in self.expansions:
            while index + 1 < len(self.starts) and self.starts[index + 1] <= start:
                index += 1
            spelling = self.whole[start:end]
            at = start - self.starts[index]
            mentions.append(_Mention(_key(spelling.split(" ")), NAME, spelling, index, at, at + len(spelling)))
        return mentions

    def _units(
        self, segment: _Segment, index: int, at_run: int, known: Counter[str]
    ) -> list[tuple[str, int, list[tuple[str, str, int, int]]]]:
        """The names a segment holds, read where it stands in sentence `index` at `at_run`: each name's key,
        where it starts and its mentions as (key, spelling, start, end), with offsets counted from `at_run`."""
        placed = _Segment(
            [(w, at_run + at) for w, at in segment.words], segment.after_title_of, segment.before_title, segment.titled
        )
        units = []
        for unit, titled in self._split(placed, known):
            key = self.key_of(" ".join(w for w, _ in unit))
            if titled:
                self.titled.add(key)
            found = [
                (m.key, m.spelling, m.start - at_run, m.end - at_run) for m in self._unit_mentions(index, unit, known)
            ]
            units.append((key, unit[0][1] - at_run, found))
        return units

    def _split(self, segment: _Segment, known: Counter[str]) -> list[tuple[list[_Word], bool]]:
        """The names a segment holds, each with whether a title stands before it."""
        words = segment.words
        if segment.before_title:
            # "Russian Foreign Minister": keep what the text also uses on its own
            while words and not known[self.key_of(" ".join(w for w, _ in words))]:
                words = words[:-1]
            return [(words, False)] if words else []
        if segment.after_title_of:
            # "President of Russia Vladimir Putin": the longest known name, then a person
            for end in range(len(words), 0, -1):
                if words[end - 1][0] not in _NAME_LINKS and known[self.key_of(" ".join(w for w, _ in words[:end]))]:
                    rest = _trim(words[end:])
                    return [(words[:end], False)] + ([(rest, True)] if rest else [])
            rest = _trim(words[1:])  # "Secretary of State Antony Blinken": the office, then a person
            return [(rest, True)] if rest else []
        # "Union State of Russia": two names the text also uses on their own, joined by "of"
        for i, (word, _) in enumerate(words):
            if word in _NAME_LINKS:
                left, right = words[:i], words[i + 1 :]
                if (
                    len(left) > 1
                    and known[self.key_of(" ".join(w for w, _ in left))]
                    and known[self.key_of(" ".join(w for w, _ in right))]
                ):
                    return [(left, segment.titled), (right, False)]
        return [(words, segment.titled)]

    def _unit_mentions(self, sentence: int, unit: list[_Word], known: Counter[str]) -> list[_Mention]:
        text = self.texts[sentence]
        found: list[_Mention] = []

        def mention(words: Sequence[_Word]) -> None:
            first, last = words[0], words[-1]
            start, end = first[1], last[1] + len(last[0])
            found.append(
                _Mention(self.key_of(" ".join(w for w, _ in words)), NAME, text[start:end], sentence, start, end)
            )

        if len(unit) == 1:
            word, at = unit[0]
            if "-" not in word:  # the common case: one word, one mention
                if _ROMAN.fullmatch(word):
                    return []
                return [_Mention(self.key_of(word), NAME, word, sentence, at, at + len(word))]
        for word, at in unit:
            parts = word.split("-")
            if len(parts) > 1 and all(p[:1].isupper() and known[_key([p])] for p in parts):
                # "Russia-NATO", "EU-Russia": each side is a name of its own
                for part in parts:
                    found.append(_Mention(_key([part]), NAME, part, sentence, at, at + len(part)))
                    at += len(part) + 1
            elif len(unit) > 1 and _is_acronym(word):
                found.append(_Mention(_key([word]), NAME, word, sentence, at, at + len(word)))  # "UN Charter"
        if not (len(unit) == 1 and found):
            mention(unit)
        links = [i for i, (w, _) in enumerate(unit) if w in _NAME_LINKS]
        if links:
            tail = unit[links[-1] + 1 :]
            if (
                tail
                and known[self.key_of(" ".join(w for w, _ in tail))]
                and not (len(tail) == 1 and _is_acronym(tail[0][0]))
            ):
                mention(tail)  # "People's Republic of China" mentions China
        return found

    # key phrases

    def phrase_mentions(self) -> list[_Mention]:
        # Count the pairs and triples of words at once (the counting runs in C), look closely only
        # at those met more than once, then find where they stand with one pattern.
        lowered = self.lowered_whole
        tokens = _MARKS.sub(" | ", lowered).split()
        seen = Counter(tokens)
        cued = Counter(compress(tokens[1:], map(_VERB_CUES.__contains__, tokens)))  # the words after "we", "to"...
        verbs = {w for w, n in cued.items() if n * 3 >= seen[w]}
        stop = STOP_WORDS | CALENDAR_WORDS | TITLES
        cuts = {w: _cut_possessive(w) for w in seen if "'" in w or "\u2019" in w}  # any other word is its own
        content = {w for w in seen if len(w) > 1 and w[0].isalpha() and cuts.get(w, w) not in stop}
        edges = {w for w in content if _can_end_phrase(cuts.get(w, w), verbs)}

        # Only pairs and triples that start with a word a phrase can start with, or with the first word
        # of one's key (which its spellings start with), are ever looked up: only those are counted.
        firsts = edges | set(map(str.lower, map(cuts.get, edges, edges)))
        starting = list(map(firsts.__contains__, tokens))
        pairs: Counter[tuple[str, ...]] = Counter(compress(pairwise(tokens), starting))
        triples: Counter[tuple[str, ...]] = Counter(
            compress(zip(tokens, tokens[1:], tokens[2:], strict=False), starting)
        )
        totals: Counter[str] = Counter()
        for grams in (pairs, triples):
            for gram in [g for g, n in grams.items() if n > 1]:
                if gram[0] in edges and gram[-1] in edges and (len(gram) == 2 or gram[1] in content or gram[1] == "of"):
                    totals[_key([_cut_possessive(w) for w in gram])] += grams[gram]
        candidates = [k for k, n in totals.items() if n >= MIN_PHRASE_COUNT]

        text = self.whole
        found: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        forms = {form: key for key in candidates for form in _forms(key, pairs if key.count(" ") == 1 else triples)}
        if not forms:
            return []
        # one pass over the text for all of them
        pattern = _phrase_pattern(forms)
        index = 0
        for hit in pattern.finditer(lowered):
            at, longest = hit.start(1), hit.group(1)
            while index + 1 < len(self.starts) and self.starts[index + 1] <= at:
                index += 1
            # the longest phrase starting here, and the shorter ones it begins with
            lengths = [i for i, c in enumerate(longest) if c == " " and longest[:i] in forms] + [len(longest)]
            for length in lengths:
                end = at + length
                key = forms[lowered[at:end]]
                words = text[at:end].split(" ")
                opening = at == self.starts[index]
                capitals = [
                    w[0].isupper() and (i > 0 or not opening or w.lower() in self.proper) for i, w in enumerate(words)
                ]
                if all(capitals):
                    continue  # a name, not a phrase
                if capitals[0] and (m := _WORD_BEFORE.search(text, max(0, at - 40), at)) and self._names(m[1]):
                    continue  # starts inside a name: "(Vladimir) Putin's initiative"
                if capitals[-1] and (m := _WORD_AFTER.match(text, end)) and self._names(m[1]):
                    continue  # ends inside a name: "political Kama (Sutra)"
                start = at - self.starts[index]
                cut = start + len(_cut_possessive(text[at:end]))
                found[key].append((index, start, cut))
        spread: dict[str, list[tuple[int, int, int]]] = {}
        for where in found.values():
            if len(where) < MIN_PHRASE_COUNT:
                continue
            # met in more than one exchange, or asked about: not one answer's turn of phrase
            exchanges = {self.sentences[i].exchange for i, _, _ in where}
            if len(exchanges) > 1 or any(self.sentences[i].part == QUESTION_PART for i, _, _ in where):
                where = self._extend(where, edges, content)
                spread.setdefault(_key(self.texts[where[0][0]][where[0][1] : where[0][2]].split(" ")), where)
        # a phrase that never stands without a longer one is no topic of its own
        covered: set[str] = set()
        for key, places in spread.items():
            words = key.split(" ")
            for size in range(2, len(words)):
                for first in range(len(words) - size + 1):
                    part = _key(words[first : first + size])
                    if part in spread and len(spread[part]) <= len(places):
                        covered.add(part)
        return [
            _Mention(key, PHRASE, self.texts[index][start:end], index, start, end)
            for key, places in spread.items()
            if key not in covered
            for index, start, end in places
        ]


def _can_end_phrase(word: str, verbs: set[str]) -> bool:
    """Not a verb, not an adverb: "security guarantees", not "join NATO" or "fully engaged"."""
    if word in verbs or word.endswith("ly"):
        return False
    return not (word.endswith("ing") and (word[:-3] in verbs or word[:-3] + "e" in verbs))


def _forms(key: str, counted: Counter[tuple[str, ...]]) -> Iterable[str]:
    """The spellings of a key phrase the text uses: singular, plural, possessive."""
    *head, last = key.split(" ")
    plural = (
        last[:-1] + "ies" if last.endswith("y") else last + ("es" if last.endswith(("s", "x", "ch", "sh")) else "s")
    )
    for end in (last, plural):
        for tail in ("", "'s", "\u2019s", "'", "\u2019"):
            words = (*head, end + tail)
            if words in counted:
                yield " ".join(words)


_Trie = dict[str, "_Trie"]


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds, at each word that begins one of `phrases`, the longest of them there, as
    group 1 of a look-ahead, so that phrases overlapping one another are all found.

    It is shaped like a tree of words, grouped first by their first letter, so that a long list costs
    little more per position than a short one and is quick to build and compile: "minsk agreement",
    "minsk agreements", "mutual respect" -> "m(?:insk (?:agreement|agreements)|utual respect)"."""
    tree: _Trie = {}
    for phrase in phrases:
        node = tree
        for word in phrase.split(" "):
            node = node.setdefault(word, {})
        node[""] = {}

    def rest(child: _Trie) -> str:
        if not any(child):
            return ""
        more = " " + _either([re.escape(word) + rest(grand) for word, grand in sorted(child.items()) if word])
        return f"(?:{more})?" if "" in child else more

    by_letter: dict[str, list[str]] = defaultdict(list)
    for word, child in sorted(tree.items()):
        by_letter[word[0]].append(re.escape(word[1:]) + rest(child))
    body = _either([re.escape(letter) + _either(found) for letter, found in by_letter.items()])
    return re.compile(rf"(?<![\w'\u2019-])(?=({body})(?![\w'\u2019-]))")


def _either(branches: list[str]) -> str:
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _close(found: list[_Segment], segment: _Segment, following: _Segment) -> _Segment:
    """Keep `segment` if any name word is left in it; go on with `following`."""
    while segment.words and segment.words[-1][0] in _NAME_LINKS:
        segment.words.pop()
    if segment.words:
        found.append(segment)
    return following


def _trim(words: list[_Word]) -> list[_Word]:
    while words and (words[0][0] in _NAME_LINKS or not words[0][0][:1].isupper()):
        words = words[1:]
    return words


# --- merging spellings ---------------------------------------------------------------------------


class _Groups:
    """Union-find over mention keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        parent = self.parent.setdefault(key, key)
        if parent != key:
            parent = self.parent[key] = self.find(parent)
        return parent

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def spells(acronym: str, words: Sequence[str]) -> bool:
    """Is `acronym` made of the initials of `words`? Small linking words give a letter or none."""

    def match(i: int, j: int) -> bool:
        if i == len(words):
            return j == len(acronym)
        if j >= len(acronym):
            return False
        word = words[i]
        if _is_acronym(word):
            return False  # "US and NATO" spells no "UN": a long form is made of words
        if word in _EXPANSION_LINKS:
            # "of" may give its letter ("JCPOA"); "in" gives none, or "Russians in Crimea" would spell "RIC"
            return match(i + 1, j) or (word == "of" and acronym[j] == "O" and match(i + 1, j + 1))
        if word[0].upper() != acronym[j]:
            return False
        if match(i + 1, j + 1):
            return True
        # "Asia-Pacific" gives "AP"
        letters = "".join(p[0].upper() for p in word.split("-")[1:] if p)
        return bool(letters) and acronym.startswith(letters, j + 1) and match(i + 1, j + 1 + len(letters))

    return match(0, 0)


def place_of(adjective: str, places: dict[str, list[str]]) -> str | None:
    """The place name an adjective is formed from, if the text uses one: "ukrainian" -> "ukraine"."""
    for suffix in _DEMONYM_SUFFIXES:
        stem = adjective[: -len(suffix)]
        if adjective.endswith(suffix) and len(stem) >= 4:
            for place in places.get(stem, ()):
                if place != adjective and len(place) - len(stem) <= 3 and len(adjective) >= len(place) - 1:
                    return place
    for place in places.get(adjective, ()):
        if place[len(adjective) :] in _BARE_STEM_TAILS:
            return place  # "German" / "Germany", "Kazakh" / "Kazakhstan"
    return None


def _by_stem(keys: Iterable[str]) -> dict[str, list[str]]:
    """Each one-word name under its stems: "ukraine" under "ukraine", "ukrain", "ukrai", "ukra"
    (five letters at most cut: "afghan-istan")."""
    found: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        for cut in range(0, 6):
            if len(key) - cut >= 4:
                found[key[: len(key) - cut]].append(key)
    return found


# --- the index ----------------------------------------------------------------------------------


class TopicIndex:
    """The topics of one transcript, computed when first asked for."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript

    @cached_property
    def topics(self) -> tuple[Topic, ...]:
        """Every topic, most mentioned first."""
        return self._compute()

    def recurring(self) -> tuple[Topic, ...]:
        """The topics mentioned more than once, most mentioned first."""
        return tuple(t for t in self.topics if t.count > 1)

    @cached_property
    def _by_key(self) -> dict[str, Topic]:
        """Every spelling of every topic, as a key ("u.s." -> "us", "Agreements" -> "agreement")."""
        found: dict[str, Topic] = {}
        for topic in self.topics:
            for spelling in topic.spellings:
                found.setdefault(_query_key(spelling), topic)
        return found

    @cached_property
    def _choices(self) -> tuple[list[str], list[Topic]]:
        spellings, owners = [], []
        for topic in self.topics:
            for spelling in topic.spellings:
                spellings.append(spelling.lower())
                owners.append(topic)
        return spellings, owners

    def find(self, name: str) -> TopicMatch | None:
        """The topic a name stands for: a spelling of it in any case, else the closest (misspelt) one."""
        query = " ".join(name.split())
        if not query:
            return None
        exact = self._by_key.get(_query_key(query))
        if exact is not None:
            return TopicMatch(query, exact, 100.0, True)
        from rapidfuzz import fuzz, process  # only for a name no topic is spelt as: its import costs

        spellings, owners = self._choices
        best = process.extractOne(
            query.lower(), spellings, scorer=fuzz.WRatio, processor=_fold_case, score_cutoff=FUZZY_CUTOFF
        )
        if best is None:
            return None
        return TopicMatch(query, owners[best[2]], float(best[1]), False)

    def suggest(self, name: str, limit: int = 5) -> tuple[str, ...]:
        """Topic names close to what was typed, closest first, for a "did you mean" note."""
        query = " ".join(name.split()).lower()
        if not query:
            return ()
        from rapidfuzz import fuzz, process

        spellings, owners = self._choices
        names: list[str] = []
        for _, score, index in process.extract(
            query, spellings, scorer=fuzz.WRatio, processor=_fold_case, limit=limit * 4, score_cutoff=SUGGEST_CUTOFF
        ):
            if owners[index].name not in names and score:
                names.append(owners[index].name)
        return tuple(names[:limit])

    @cached_property
    def _main(self) -> dict[int, tuple[Topic, ...]]:
        """Each exchange's main topics: tf-idf over exchanges, where a mention in the question counts four times."""
        exchanges = len(self.transcript.exchanges)
        scored: dict[int, list[tuple[float, int, Topic]]] = defaultdict(list)
        for rank, topic in enumerate(self.topics):
            idf = math.log(exchanges / len(topic.per_exchange))
            for at in topic.per_exchange:
                if idf > 0 and (topic.count > 1 or at.in_question):  # not a passing mention
                    scored[at.exchange].append(((at.count + QUESTION_WEIGHT * at.in_question) * idf, -rank, topic))
        main: dict[int, tuple[Topic, ...]] = {}
        for exchange, found in scored.items():
            found.sort(key=lambda s: (s[0], s[1]), reverse=True)
            top = found[0][0]
            main[exchange] = tuple(
                t for score, _, t in found[:MAIN_TOPICS_PER_EXCHANGE] if score >= top * MAIN_TOPIC_SHARE
            )
        return main

    def main_topics(self, exchange: int) -> tuple[Topic, ...]:
        """The two or three topics an exchange is most about, most telling first; () for none."""
        return self._main.get(exchange, ())

    def heat_map(self, rows: int = MAP_ROWS) -> TopicMap:
        """The main topics against the exchanges, most mentioned first.

        A row is a topic that is a main topic of some exchange or among the most mentioned ones,
        unless nearly every exchange mentions it (the speaker's own country says nothing about where).
        """
        numbers = tuple(e.number for e in self.transcript.exchanges)
        leading = {id(t) for found in self._main.values() for t in found}
        chosen = [
            t
            for rank, t in enumerate(self.topics)
            if (id(t) in leading or rank < rows // 2) and len(t.per_exchange) < UBIQUITOUS * len(numbers)
        ][:rows]
        counts = []
        for topic in chosen:
            per = {at.exchange: at.count for at in topic.per_exchange}
            counts.append(tuple(per.get(n, 0) for n in numbers))
        return TopicMap(tuple(t.name for t in chosen), numbers, tuple(counts))

    def _compute(self) -> tuple[Topic, ...]:
        sentences = self.transcript.sentences
        reader = _Reader(sentences)
        mentions = reader.name_mentions() + reader.phrase_mentions()

        groups = _Groups()
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        kinds: dict[str, str] = {}
        for m in mentions:
            spellings[m.key][m.spelling] += 1
            kinds.setdefault(m.key, m.kind)
        adjectives = _merge(groups, spellings, kinds, reader)

        speakers = {_key(p.speaker.split()) for e in self.transcript.exchanges for p in e.answer if p.speaker}
        dropped = {groups.find(k) for k in spellings if k in speakers or k == QUESTION.lower()}
        grouped: dict[str, dict[tuple[int, int, int], _Mention]] = defaultdict(dict)
        roots = {key: groups.find(key) for key in spellings}
        for m in mentions:
            root = roots[m.key]
            if root not in dropped:
                grouped[root].setdefault((m.sentence, m.start, m.end), m)
        exchange_of = [s.exchange for s in sentences]
        asked = [s.part == QUESTION_PART for s in sentences]
        topics = [
            _topic(list(found.values()), kinds, adjectives, sentences, exchange_of, asked) for found in grouped.values()
        ]
        topics.sort(key=lambda t: (-t.count, -len(t.per_exchange), t.name.lower()))
        return tuple(topics)


def _query_key(text: str) -> str:
    words = text.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return _key([_cut_possessive(w) for w in words])


def _fold_case(text: str) -> str:
    return text.lower().strip()


def _merge(groups: _Groups, spellings: dict[str, Counter[str]], kinds: dict[str, str], reader: _Reader) -> set[str]:
    """Join the keys that are spellings of one subject; return the keys that are adjectives of a place."""
    adjectives: set[str] = set()
    names = [k for k in spellings if kinds[k] == NAME]
    acronyms = {k: k.upper() for k in names if " " not in k and any(_is_acronym(s) for s in spellings[k])}
    # an acronym and the phrase of its initials; when several phrases fit, the most frequent
    initials: dict[str, list[str]] = defaultdict(list)
    for key in names:
        if key not in acronyms and (" " in key or "-" in key):
            initials[key[0].upper()].append(key)
    for key, acronym in acronyms.items():
        fits = [k for k in initials[acronym[0]] if spells(acronym, k.split())]
        if fits:
            groups.union(key, max(fits, key=lambda k: (sum(spellings[k].values()), k)))
    # "the United States of America" and "the United States", "the Union State of Russia" and "the Union State"
    for key in names:
        left, of, _ = key.partition(" of ")
        left = _key(left.split(" ")) if of else ""
        if " " in left and left in spellings and kinds[left] == NAME:
            groups.union(left, key)
    # an adjective and its place
    singles = [k for k in names if " " not in k and k not in acronyms]
    places = _by_stem(singles)
    for key in singles:
        place = place_of(key, places)
        if place:
            groups.union(place, key)
            adjectives.add(key)
    # a surname and the one full name that ends with it, when a title shows one is a person
    full_names: dict[str, list[str]] = defaultdict(list)
    for key in names:
        words = key.split()
        if 1 < len(words) <= 3 and not any(w in _NAME_LINKS or w.upper() in acronyms.values() for w in words):
            full_names[words[-1]].append(key)
    for key in singles:
        candidates = full_names.get(key, [])
        if len(candidates) == 1 and not reader.the[key] and (key in reader.titled or candidates[0] in reader.titled):
            groups.union(candidates[0], key)
    return adjectives


def _topic(
    found: list[_Mention],
    kinds: dict[str, str],
    adjectives: set[str],
    sentences: Sequence[Sentence],
    exchange_of: list[int],
    asked: list[bool],
) -> Topic:
    spellings: dict[str, int] = {}
    weight: dict[str, float] = {}
    per_exchange: dict[int, int] = {}
    in_question: dict[int, int] = {}
    for m in found:
        spellings[m.spelling] = spellings.get(m.spelling, 0) + 1
        # a place is named by its name, not its adjective, unless the adjective is far more frequent ("Americans")
        weight[m.spelling] = ADJECTIVE_NAME_WEIGHT if m.key in adjectives else 1.0
        exchange = exchange_of[m.sentence]
        per_exchange[exchange] = per_exchange.get(exchange, 0) + 1
        if asked[m.sentence]:
            in_question[exchange] = in_question.get(exchange, 0) + 1
    ranked = [s for s, n in sorted(spellings.items(), key=lambda kv: (-kv[1] * weight[kv[0]], -len(kv[0]), kv[0]))]
    return Topic(
        name=ranked[0],
        kind=NAME if any(kinds[m.key] == NAME for m in found) else PHRASE,
        count=len(found),
        per_exchange=tuple(ExchangeCount(e, n, in_question.get(e, 0)) for e, n in sorted(per_exchange.items())),
        spellings=tuple(ranked),
        places=tuple([(m.sentence, m.start, m.end) for m in found]),
        sentences=sentences,
    )
