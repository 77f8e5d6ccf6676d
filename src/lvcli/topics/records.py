"""What finding topics gives: the topics with their counts and quotes, a lookup's match, the map."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from lvcli.transcript import Transcript

NAME, PHRASE = "name", "phrase"


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
    transcript: Transcript | None = field(default=None, repr=False, compare=False)

    @cached_property
    def quotes(self) -> tuple[Quote, ...]:
        """The sentences that mention the topic, in the order of the transcript, with the mentions marked."""
        sentences = self.transcript.sentences if self.transcript else ()
        spans: dict[int, list[tuple[int, int]]] = {}
        for index, start, end in self.places:
            spans.setdefault(index, []).append((start, end))
        return tuple(
            Quote(s.exchange, s.part, s.speaker, s.text, tuple(sorted(spans[i])))
            for i in sorted(spans)
            for s in (sentences[i],)
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
