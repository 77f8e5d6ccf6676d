"""Topics as a reader expects them: the conference's subjects, spellings merged, each question's
main topics, lookup by a misspelt name, and another briefing's subjects found with no change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvcli.topics import NAME, PHRASE, Topic, TopicIndex
from lvcli.topics.cache import cache_path
from lvcli.topics.merge import by_stem, place_of
from lvcli.topics.phrases import phrase_pattern
from lvcli.topics.words import spells
from lvcli.transcript import Transcript, TranscriptError, parse

BRIEFING = Path(__file__).parent / "data" / "topics_briefing.txt"


@pytest.fixture(scope="module")
def index(doc: Transcript) -> TopicIndex:
    return TopicIndex(doc)


@pytest.fixture(scope="module")
def briefing() -> TopicIndex:
    return TopicIndex(parse(BRIEFING.read_text(encoding="utf-8")))


def names(topics: tuple[Topic, ...]) -> list[str]:
    return [t.name for t in topics]


def topic(index: TopicIndex, name: str) -> Topic:
    match = index.find(name)
    assert match is not None, name
    return match.topic


# this conference


def test_the_subjects_a_reader_expects_lead(index: TopicIndex) -> None:
    top = names(index.topics[:12])
    for expected in ("NATO", "Ukraine", "United States", "EU", "CSTO"):
        assert expected in top, top
    assert "Kazakhstan" in names(index.topics[:20])
    assert index.topics[1].name == "NATO" and index.topics[1].count == 78
    # most frequent first
    counts = [t.count for t in index.topics]
    assert counts == sorted(counts, reverse=True)


def test_key_phrases_are_found_next_to_names(index: TopicIndex) -> None:
    phrases = [t.name for t in index.recurring() if t.kind == PHRASE]
    for expected in ("security guarantees", "Minsk agreements", "Western colleagues", "indivisible security"):
        assert expected in phrases
    assert {t.kind for t in index.topics} == {NAME, PHRASE}


def test_no_function_word_opener_or_speaker_is_a_topic(index: TopicIndex) -> None:
    spellings = {s.lower() for t in index.topics for s in t.spellings}
    for word in ("the", "however", "we", "clearly", "question", "sergey lavrov", "lavrov", "january", "i"):
        assert word not in spellings
    assert "Foreign" not in spellings  # "Foreign Minister" is a title


def test_united_states_and_us_are_one_topic(index: TopicIndex) -> None:
    us = topic(index, "United States")
    assert {"United States", "US"} <= set(us.spellings)
    assert us.count == 54  # 34 + 20
    assert topic(index, "U.S.") is us and topic(index, "the United States") is us and topic(index, "us") is us


def test_eu_and_the_european_union_are_one_topic(index: TopicIndex) -> None:
    eu = topic(index, "EU")
    assert eu.name == "EU" and {"EU", "European Union"} <= set(eu.spellings)
    assert topic(index, "the European Union") is eu


def test_singular_and_plural_are_one_topic(index: TopicIndex) -> None:
    guarantees = topic(index, "security guarantees")
    assert set(guarantees.spellings) == {"security guarantees", "security guarantee"}
    assert topic(index, "security guarantee") is guarantees


def test_an_adjective_joins_its_place(index: TopicIndex) -> None:
    assert topic(index, "Japanese").name == "Japan"
    assert topic(index, "Ukrainian").name == "Ukraine"
    assert topic(index, "Western").name == "West"
    assert topic(index, "Chinese").name == "China"


def test_a_surname_joins_the_full_name(index: TopicIndex) -> None:
    putin = topic(index, "Putin")
    assert putin.name == "Vladimir Putin" and "Putin" in putin.spellings
    assert topic(index, "Borrell").name == "Josep Borrell"


def test_acronyms_join_their_long_forms(index: TopicIndex) -> None:
    assert "Joint Comprehensive Plan of Action" in topic(index, "JCPOA").spellings
    assert "Asia-Pacific Region" in topic(index, "APR").spellings
    assert "United Nations" in topic(index, "UN").spellings


def test_no_false_merges(index: TopicIndex) -> None:
    assert topic(index, "Iran") is not topic(index, "Iraq")
    assert topic(index, "Union State") is not topic(index, "United States")  # both "US" by initials
    assert topic(index, "Russia") is not topic(index, "United Russia")
    assert topic(index, "Middle East") is not topic(index, "East")
    assert topic(index, "Greece") is not topic(index, "Church of Greece")


def test_quotes_hold_the_mentions(index: TopicIndex) -> None:
    japan = topic(index, "Japan")
    assert japan.exchanges == (16,)
    assert japan.per_exchange[0].count == japan.count == sum(len(q.spans) for q in japan.quotes)
    assert japan.per_exchange[0].in_question == 5  # "Japan" four times, "Japanese" once
    for quote in japan.quotes:
        assert quote.exchange == 16
        assert all(quote.text[start:end] in japan.spellings for start, end in quote.spans)
    assert japan.quotes[0].text.startswith("Last year you travelled to China and South Korea")
    assert japan.quotes[0].part == "question" and japan.quotes[0].speaker == "Question"


@pytest.mark.parametrize(
    ("number", "expected"),
    [(16, ["Japan"]), (5, ["Finland", "Sweden"]), (14, ["China"]), (28, ["Union State"]), (22, ["Iraq"])],
)
def test_main_topics_of_a_question(index: TopicIndex, number: int, expected: list[str]) -> None:
    main = names(index.main_topics(number))
    assert 1 <= len(main) <= 3
    assert main[: len(expected)] == expected, main


def test_every_question_has_main_topics_and_russia_leads_none(index: TopicIndex, doc: Transcript) -> None:
    for exchange in doc.questions:
        main = names(index.main_topics(exchange.number))
        assert main, exchange.number
        assert "Russia" not in main[:1]


@pytest.mark.parametrize(
    ("typed", "name", "exact"),
    [
        ("nato", "NATO", True),
        ("Kazakstan", "Kazakhstan", False),
        ("minsk", "Minsk", True),
        ("Minsk agreement", "Minsk agreements", True),
        ("  the   european union ", "EU", True),
        ("japn", "Japan", False),
        ("csto", "CSTO", True),
    ],
)
def test_find_a_topic_by_a_name_as_typed(index: TopicIndex, typed: str, name: str, exact: bool) -> None:
    match = index.find(typed)
    assert match is not None and match.topic.name == name and match.exact is exact
    assert match.score == 100.0 if exact else 85 <= match.score < 100


def test_an_unknown_name_finds_nothing_but_suggests_close_ones(index: TopicIndex) -> None:
    assert index.find("qzxjvkwpq") is None
    assert index.find("") is None and index.find("   ") is None
    assert index.suggest("qzxjvkwpq") == ()
    assert "Kazakhstan" in index.suggest("Kazahkstn")


def test_heat_map_rows_are_main_topics_over_every_exchange(index: TopicIndex) -> None:
    grid = index.heat_map()
    assert grid.exchanges == tuple(range(30))
    for expected in ("NATO", "Ukraine", "Kazakhstan", "Japan", "CSTO"):
        assert expected in grid.topics
    assert "Russia" not in grid.topics  # in nearly every exchange: says nothing about where
    row = grid.counts[grid.topics.index("Japan")]
    assert row[16] == 27 and sum(row) == 27
    assert all(len(r) == 30 for r in grid.counts)


# another briefing, in the same format, about other things


def test_another_briefing_has_its_own_subjects(briefing: TopicIndex) -> None:
    top = names(briefing.recurring())
    for expected in ("Kosovo", "Moldova", "IAEA", "United States", "Bulgaria", "Afghanistan", "OSCE", "Serbia"):
        assert expected in top, top
    assert "Maria Zakharova" not in top and "Zakharova" not in top
    assert "NATO" not in top
    for phrase in ("grain deal", "expulsion of diplomats", "Zaporozhye nuclear power plant"):
        assert phrase in top


def test_another_briefing_merges_by_the_same_rules(briefing: TopicIndex) -> None:
    us = topic(briefing, "USA")
    assert {"United States", "United States of America", "USA", "U.S."} <= set(us.spellings)
    osce = topic(briefing, "OSCE")
    assert "Organisation for Security and Co-operation in Europe" in osce.spellings
    assert "International Atomic Energy Agency" in topic(briefing, "IAEA").spellings
    assert topic(briefing, "Bulgarian").name == "Bulgaria"
    assert topic(briefing, "Afghan").name == "Afghanistan"
    assert topic(briefing, "EU").name in ("EU", "European Union")


@pytest.mark.parametrize(
    ("number", "first"),
    [(1, "United States"), (2, "Serbs"), (3, "grain deal"), (4, "Moldova"), (5, "Bulgaria"), (7, "Afghanistan")],
)
def test_another_briefing_main_topics(briefing: TopicIndex, number: int, first: str) -> None:
    assert names(briefing.main_topics(number))[0] == first


# the rules on their own


@pytest.mark.parametrize(
    ("acronym", "words", "expected"),
    [
        ("EU", "European Union", True),
        ("JCPOA", "Joint Comprehensive Plan of Action", True),
        ("OSCE", "Organisation for Security and Co-operation in Europe", True),
        ("APR", "Asia-Pacific Region", True),
        ("USA", "United States of America", True),
        ("UN", "United States", False),
        ("NATO", "North Atlantic", False),
    ],
)
def test_spells(acronym: str, words: str, expected: bool) -> None:
    assert spells(acronym, words.split()) is expected


@pytest.mark.parametrize(
    ("adjective", "place"),
    [
        ("ukrainian", "ukraine"),
        ("japanese", "japan"),
        ("chinese", "china"),
        ("german", "germany"),
        ("turkish", "turkey"),
        ("greek", "greece"),
        ("iraqi", "iraq"),
        ("iranian", "iran"),
        ("kazakh", "kazakhstan"),
        ("western", "west"),
        ("australian", "australia"),
        ("austrian", "austria"),
        ("iran", None),  # not an adjective of Iraq
        ("roman", None),  # not of Romania
    ],
)
def test_place_of(adjective: str, place: str | None) -> None:
    places = by_stem(["ukraine", "japan", "china", "germany", "turkey", "greece", "iraq", "iran", "kazakhstan"])
    places = by_stem([*{k for v in places.values() for k in v}, "west", "australia", "austria", "romania"])
    assert place_of(adjective, places) == place


PHRASE_WORDS = st.sampled_from(["a", "ab", "abs", "b", "ba", "a's", "ab\u2019s", "c-d", "x1", "\u00e9a"])


@given(
    st.sets(st.lists(PHRASE_WORDS, min_size=2, max_size=3).map(" ".join), min_size=1, max_size=6),
    st.lists(st.tuples(PHRASE_WORDS, st.sampled_from([" ", " ", "  ", ", ", "-", "'", "\n", ".", " ("]))),
)
def test_phrase_pattern_finds_the_longest_phrase_at_each_word(phrases: set[str], pieces: list[tuple[str, str]]) -> None:
    """The one pattern for all key phrases finds, at each word that starts one, the longest one that ends
    where a word ends, as a plain scan of every position would."""
    text = "".join(word + gap for word, gap in pieces)
    inside = re.compile(r"[\w'\u2019-]")
    expected = []
    for at in range(len(text)):
        if at and inside.match(text, at - 1):
            continue
        ending = [p for p in phrases if text.startswith(p, at) and not inside.match(text, at + len(p))]
        if ending:
            expected.append((at, max(ending, key=len)))
    assert [(m.start(1), m.group(1)) for m in phrase_pattern(phrases).finditer(text)] == expected


# any transcript

WORDS = st.sampled_from(
    "the NATO U.S. US EU European Union Russia Russian Ukraine Ukrainian security guarantees guarantee "
    "of for and in President Mr Putin Vladimir However We Japan's Iran Iraq Iraqi OSCE Organisation "
    "Security Co-operation Europe Russia-NATO I 2022 January — ( ) [ ] , . ; : ? ! \" ' “ ” - İstanbul "
    "Ärzte NATO's Americans' x y".split()
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=14).map(" ".join)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(lambda s: ". ".join(s) + ".")
EXCHANGE = st.tuples(PARAGRAPH, st.lists(PARAGRAPH, min_size=1, max_size=3)).map(
    lambda qa: f"Question: {qa[0]}\n\nSergey Lavrov: " + "\n\n".join(qa[1])
)
TRANSCRIPT = st.tuples(st.lists(PARAGRAPH, max_size=2), st.lists(EXCHANGE, min_size=1, max_size=6)).map(
    lambda parts: "\n\n".join([*parts[0], *parts[1]])
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TRANSCRIPT)
def test_any_transcript_gives_consistent_topics(text: str) -> None:
    try:
        doc = parse(text)
    except TranscriptError:
        return
    index = TopicIndex(doc)
    numbers = {e.number for e in doc.exchanges}
    for found in index.topics:
        assert found.name and found.name == found.spellings[0] and found.count >= 1
        assert found.count == sum(at.count for at in found.per_exchange)
        assert found.count == sum(len(q.spans) for q in found.quotes)
        assert list(found.exchanges) == sorted(set(found.exchanges)) and set(found.exchanges) <= numbers
        assert all(0 <= at.in_question <= at.count for at in found.per_exchange)
        for quote in found.quotes:
            assert all(0 <= s < e <= len(quote.text) for s, e in quote.spans)
            assert all(quote.text[s:e] in found.spellings for s, e in quote.spans)
        match = index.find(found.name)
        assert match is not None and match.exact
    for number in numbers:
        assert set(index.main_topics(number)) <= set(index.topics)
        assert len(index.main_topics(number)) <= 3
    grid = index.heat_map()
    assert grid.exchanges == tuple(sorted(numbers))
    for name, row in zip(grid.topics, grid.counts, strict=True):
        assert sum(row) == topic(index, name).count
    # a second index reads what the first one kept in the cache: the same topics, quotes and all
    kept = cache_path(doc)
    assert kept is not None and kept.exists()
    again = TopicIndex(doc).topics
    assert again == index.topics and [t.quotes for t in again] == [t.quotes for t in index.topics]
