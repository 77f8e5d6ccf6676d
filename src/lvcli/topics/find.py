"""Finding the topics of a transcript: its names and key phrases, their spellings merged, counted by exchange."""

from __future__ import annotations

from collections import Counter, defaultdict

from lvcli.topics.merge import merge
from lvcli.topics.names import Names
from lvcli.topics.phrases import find_phrases
from lvcli.topics.records import NAME, PHRASE, ExchangeCount, Topic
from lvcli.topics.text import Mention, Text
from lvcli.topics.words import key
from lvcli.transcript import QUESTION, QUESTION_PART, Transcript

ADJECTIVE_NAME_WEIGHT = 1 / 3


def find_topics(transcript: Transcript) -> tuple[Topic, ...]:
    """Every topic of a transcript, most mentioned first."""
    text = Text(transcript.sentences)
    names = Names(text)
    mentions = names.mentions + find_phrases(text)

    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, str] = {}
    for m in mentions:
        spellings[m.key][m.spelling] += 1
        kinds.setdefault(m.key, m.kind)
    groups, adjectives = merge(spellings, kinds, names)

    # the speakers and the "Question" label are who talks, not what about
    speakers = {key(p.speaker.split()) for e in transcript.exchanges for p in e.answer if p.speaker}
    dropped = {groups.find(k) for k in spellings if k in speakers or k == QUESTION.lower()}
    roots = {k: groups.find(k) for k in spellings}
    grouped: dict[str, dict[tuple[int, int, int], Mention]] = defaultdict(dict)
    for m in mentions:
        root = roots[m.key]
        if root not in dropped:
            grouped[root].setdefault((m.sentence, m.start, m.end), m)
    exchange_of = [s.exchange for s in transcript.sentences]
    asked = [s.part == QUESTION_PART for s in transcript.sentences]
    topics = [
        _topic(list(found.values()), kinds, adjectives, transcript, exchange_of, asked) for found in grouped.values()
    ]
    topics.sort(key=lambda t: (-t.count, -len(t.per_exchange), t.name.lower()))
    return tuple(topics)


def _topic(
    found: list[Mention],
    kinds: dict[str, str],
    adjectives: set[str],
    transcript: Transcript,
    exchange_of: list[int],
    asked: list[bool],
) -> Topic:
    """The topic its mentions make: named by its most frequent spelling, counted by exchange."""
    spellings = Counter(m.spelling for m in found)
    # a place is named by its name, not its adjective, unless the adjective is far more frequent ("Americans")
    weight = {m.spelling: ADJECTIVE_NAME_WEIGHT if m.key in adjectives else 1.0 for m in found}
    ranked = sorted(spellings, key=lambda s: (-spellings[s] * weight[s], -len(s), s))
    per_exchange = Counter(exchange_of[m.sentence] for m in found)
    in_question = Counter(exchange_of[m.sentence] for m in found if asked[m.sentence])
    return Topic(
        name=ranked[0],
        kind=NAME if any(kinds[m.key] == NAME for m in found) else PHRASE,
        count=len(found),
        per_exchange=tuple(ExchangeCount(e, n, in_question[e]) for e, n in sorted(per_exchange.items())),
        spellings=tuple(ranked),
        places=tuple((m.sentence, m.start, m.end) for m in found),
        transcript=transcript,
    )
