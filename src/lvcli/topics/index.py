"""The topics of one transcript, and what is asked of them: a lookup by name, each exchange's main topics, the map."""

from __future__ import annotations

import math
from collections import defaultdict
from functools import cached_property

from lvcli.topics.cache import cache_path, load_topics, save_topics
from lvcli.topics.records import Topic, TopicMap, TopicMatch
from lvcli.topics.words import query_key
from lvcli.transcript import Transcript

MAIN_TOPICS_PER_EXCHANGE = 3
MAIN_TOPIC_SHARE = 0.15  # a second or third main topic scores at least this share of the first
QUESTION_WEIGHT = 3  # a mention in the question counts this much more than one in the answer
MAP_ROWS = 24
UBIQUITOUS = 0.9  # a topic in this share of the exchanges is no row of the map
FUZZY_CUTOFF = 85.0  # "Kazakstan" / "Kazakhstan" scores 95, "Japn" / "Japan" 89
SUGGEST_CUTOFF = 70.0


class TopicIndex:
    """The topics of one transcript, found when first asked for."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript

    @cached_property
    def topics(self) -> tuple[Topic, ...]:
        """Every topic, most mentioned first: as found before for the same transcript, else found now."""
        path = cache_path(self.transcript)
        found = load_topics(path, self.transcript) if path else None
        if found is None:
            from lvcli.topics.find import find_topics  # here: reading the cache needs none of its rules

            found = find_topics(self.transcript)
            if path:
                save_topics(path, found)
        return found

    def recurring(self) -> tuple[Topic, ...]:
        """The topics mentioned more than once, most mentioned first."""
        return tuple(t for t in self.topics if t.count > 1)

    @cached_property
    def _by_key(self) -> dict[str, Topic]:
        """Every spelling of every topic, as a key ("u.s." -> "us", "Agreements" -> "agreement")."""
        found: dict[str, Topic] = {}
        for topic in self.topics:
            for spelling in topic.spellings:
                found.setdefault(query_key(spelling), topic)
        return found

    @cached_property
    def _choices(self) -> tuple[list[str], list[Topic]]:
        """Every spelling of every topic in lower case, and the topic it belongs to."""
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
        exact = self._by_key.get(query_key(query))
        if exact is not None:
            return TopicMatch(query, exact, 100.0, True)
        from rapidfuzz import fuzz, process  # here: only a misspelt name pays for importing it

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


def _fold_case(text: str) -> str:
    return text.lower().strip()
