"""The search core as a reader meets it: is the sentence meant on the first line, and are the right words marked?

The cases here are our own, written apart from the development cases in ../shared/search-dev.json
(which `python3 ../shared/checks/search_dev.py` scores): typos, words in another order, the start
of a name, case and punctuation, half-remembered sentences, and queries that look like patterns.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvcli.search import DEFAULT_LIMIT, DEFAULT_MIN_SCORE, Hit, SearchIndex, blank, context, fold, search, words
from lvcli.splitter import split_sentences
from lvcli.transcript import Transcript, parse

# (query, words of the sentence it means)
HELD_OUT = [
    # typos
    ("secruity guarantes", "security guarantees"),
    ("Nrod Stream", "Or take Nord Stream 2."),
    ("each state has the rigth to be nuetral", "each state has the right to be neutral"),
    ("Erbil and Bagdad", "I was in Erbil and Baghdad"),
    ("Putin highlighted Greater Eurasian Partnershp", "has highlighted the Greater Eurasian Partnership initiative"),
    # words in another order
    ("horses harness Russians", "how long Russians take to harness their horses"),
    ("crisis in orthodoxy united states", "directly involved in the ongoing crisis in Orthodoxy"),
    ("Putin visited New Delhi december", "President Vladimir Putin visited New Delhi"),
    ("more stable iraq more confidence", "The more stable Iraq is"),
    ("Voluntary Resettlement programme compatriots", "State Programme to Assist Voluntary Resettlement"),
    ("left out of the constitutional process turkish neighbours", "who were left out of the constitutional process"),
    # the start of a name
    ("kapodistr", "Ioannis Kapodistrias"),
    ("dendia", "Nikos Dendias"),
    # case, punctuation, curly and straight quotes, accents, hyphens
    ("[our requirements]", "We clearly outlined [our requirements]"),
    ("WE WANT THE EU TO PLAY AN INDEPENDENT ROLE", "We want the EU to play an independent role"),
    ("coup d'etat sang a different tune", "sang a different tune"),
    ("Putin’s initiative Greater Eurasian Partnership", "promote President Vladimir Putin's initiative"),
    ("western colleagues behaviour and manners", "our Western colleagues' behaviour and manners"),
    ("policy setting statements", "detailed policy-setting statements"),
    ("euro-atlantic alliance dictate its will", "no Euro-Atlantic alliance has the right to dictate its will"),
    ("1200 youth sports patriotic events", "some 1,200 youth, sports, patriotic and human rights events"),
    # half-remembered sentences and fragments
    ("we harness our horses slowly but then we ride", "We harness them slowly but then it's time to ride"),
    ("we saddle our horses slowly", "We harness them slowly"),  # a word the transcript lacks
    ("americans failed to study our proposals", "the Americans failed to study our proposals"),
    ("realised the need to do this quickly in writing", "with specificity, and in writing"),
    ("excuses attempts to drag out the process", "those are excuses and attempts to drag out the process"),
    ("OSCE secretariat acting like NATO secretariat", "OSCE Secretariat is acting much like the NATO Secretariat"),
    ("zelensky asking russians get out of ukraine", "Zelensky asking the Russians to get out of Ukraine"),
    ("foreign military personnel in large quantities", "foreign military personnel are there, and in large quantities"),
    ("impediment for the time being", "This position is also an impediment for us"),
    ("OSCE impossible to conduct talks", "impossible to conduct any talks there in principle"),
    ("Charter for European Security Istanbul three components", "contain three components"),
    # questions
    ("priority policy areas with Japan", "Which new priority policy areas with Japan"),
    ("new sanctions CSTO peacekeepers", "adopt new sanctions after the use of CSTO peacekeepers"),
    ("Foreign Ministry protect rights compatriots", "What is the Foreign Ministry doing in today"),
]


def same(text: str) -> str:
    return text.lower().replace("’", "'")


def rank(index: SearchIndex, query: str, meant: str) -> int | None:
    hits = index.search(query, limit=10)
    return next((i for i, hit in enumerate(hits, 1) if same(meant) in same(hit.text)), None)


@pytest.fixture(scope="module")
def index(doc: Transcript) -> SearchIndex:
    return SearchIndex(doc)


@pytest.mark.parametrize(("query", "meant"), HELD_OUT, ids=[q for q, _ in HELD_OUT])
def test_the_sentence_meant_comes_first(index: SearchIndex, query: str, meant: str) -> None:
    assert rank(index, query, meant) == 1


def test_typos_light_up_the_words_meant(index: SearchIndex) -> None:
    hit = index.search("secruity guarantes")[0]
    assert [hit.text[a:b] for a, b in hit.spans] == ["security guarantees"]
    assert 0 < hit.score < 100  # found, but not as typed


def test_a_partial_name_marks_the_whole_name(index: SearchIndex) -> None:
    hit = index.search("kapodistr")[0]
    assert [hit.text[a:b] for a, b in hit.spans] == ["Kapodistrias"]
    assert (hit.exchange, hit.part) == (11, "answer")


def test_common_words_are_marked_only_as_part_of_a_phrase(index: SearchIndex) -> None:
    hit = index.search("we harness our horses slowly but then we ride")[0]
    assert hit.text == "We harness them slowly but then it's time to ride."
    assert [hit.text[a:b] for a, b in hit.spans] == ["We harness", "slowly but then", "ride"]


def test_an_exact_phrase_scores_100_and_carries_its_place(index: SearchIndex) -> None:
    hit = index.search("[our requirements]")[0]
    assert hit.score == 100
    assert hit.text.startswith("We clearly outlined [our requirements] and provided detailed arguments")
    assert [hit.text[a:b] for a, b in hit.spans] == ["our requirements"]
    assert (hit.exchange, hit.part, hit.speaker) == (0, "opening", "Sergey Lavrov")


def test_a_query_is_text_not_a_pattern(index: SearchIndex) -> None:
    for query in (".*", "a|b", "(", "[", "\\", "^$", "%s", "{0}", "*security*"):
        index.search(query)  # no exception
    assert [h.text for h in index.search("*security* guarantees?")][:1] == [
        h.text for h in index.search("security guarantees")
    ][:1]


def test_search_filters_by_part(index: SearchIndex) -> None:
    assert index.search("kapodistr", part="question") == []
    assert [h.part for h in index.search("kapodistr", part="answer")] == ["answer"]
    assert {h.part for h in index.search("security guarantees", part="question", limit=50)} == {"question"}


def test_min_score_zero_ranks_every_sentence(index: SearchIndex, doc: Transcript) -> None:
    hits = index.search("e", limit=None, min_score=0)
    assert sorted(h.text for h in hits) == sorted(s.text for s in doc.sentences)


def test_limit_and_min_score(index: SearchIndex) -> None:
    assert len(index.search("security guarantees", limit=3)) == 3
    assert all(h.score >= 90 for h in index.search("security guarantees", min_score=90, limit=None))
    assert index.search("zzxqj wvvq") == []


def test_context_is_the_sentences_around_a_hit_in_its_exchange(doc: Transcript) -> None:
    hit = search(doc, "horses harness Russians")[0]
    before, after = context(doc, hit, 1)
    assert [s.text for s in before] == ["We are very patient."]
    assert [s.text for s in after] == ["We harness them slowly but then it's time to ride."]
    first = search(doc, "Good morning, colleagues")[0]
    assert context(doc, first, 3)[0] == ()  # nothing before the first sentence
    assert context(doc, first, 0) == ((), ())


def test_blank_queries() -> None:
    assert blank("") and blank("   ") and blank("\t\n") and blank("?!…—")
    assert blank("🙂") and blank("\ufffd") and blank("© ®")
    assert not blank("3+3") and not blank("[x]")


def test_emoji_and_symbols_are_not_words(index: SearchIndex) -> None:
    assert words("guarantees 🙂, №5 ©") == ["guarantees", "no5"]  # № folds to "No" (NFKD)
    plain = index.search("security guarantees")
    decorated = index.search("security 🙂 guarantees ⚠️")
    assert [(h.text, h.score) for h in decorated] == [(h.text, h.score) for h in plain]


def test_words_fold_case_quotes_dashes_and_possessives() -> None:
    assert words("Russia’s “much-needed” coup d’état — NATO's") == ["russia", "much", "needed", "coup", "detat", "nato"]


# Made-up transcripts, to pin the ranking rules on sentences built for them.


def made_up(*answers: str) -> Transcript:
    return parse("Question: What is new?\n\n" + "\n\n".join(f"Sergey Lavrov: {a}" for a in answers) + "\n")


def test_exact_words_outrank_near_misses() -> None:
    doc = made_up(
        "The security guarantee was discussed. Secruity guarantees were denied.",
        "They want security guarantees now.",
    )
    assert [h.text for h in search(doc, "security guarantees")][:1] == ["They want security guarantees now."]


def test_equal_scores_go_to_the_shorter_sentence_then_the_earlier() -> None:
    doc = made_up(
        "Nord Stream is a pipeline under the Baltic Sea.",
        "Nord Stream works. Nord Stream ends.",
        "Nord Stream runs.",
    )
    hits = search(doc, "nord stream")
    assert [h.text for h in hits] == [
        "Nord Stream ends.",
        "Nord Stream runs.",
        "Nord Stream works.",
        "Nord Stream is a pipeline under the Baltic Sea.",
    ]
    assert {h.score for h in hits} == {100}


def test_a_tie_with_a_paragraph_whose_sentences_are_all_longer_leaves_the_list_alone() -> None:
    # "Mr." ends no sentence, so the second paragraph is one sentence, tying with the first and
    # longer than it
    doc = made_up("Alpha beta.", "Mr. Smith met alpha gamma.")
    assert [h.text for h in search(doc, "alpha", limit=1)] == ["Alpha beta."]
    assert [h.text for h in search(doc, "alpha")] == ["Alpha beta.", "Mr. Smith met alpha gamma."]


made_up_sentences = st.lists(
    st.lists(
        st.sampled_from(["Mr.", "Smith", "met", "alpha", "beta", "U.S.", "No.", "5", "J.", "gamma", "said.", "Yes."]),
        min_size=1,
        max_size=9,
    ).map(" ".join),
    min_size=1,
    max_size=6,
)


@given(answers=made_up_sentences, query=st.sampled_from(["alpha", "beta gamma", "smith", "said", "mr smith"]))
@settings(max_examples=200, deadline=None)
def test_the_first_hits_are_the_start_of_the_whole_ranking_on_any_transcript(answers: list[str], query: str) -> None:
    doc = made_up(*answers)
    whole = search(doc, query, limit=None)
    for limit in (1, 2, 3):
        assert search(doc, query, limit=limit) == whole[:limit]


def test_the_phrase_in_order_beats_the_same_words_scattered() -> None:
    doc = made_up("Stream the water to Nord.", "Nord Stream is long.")
    assert [h.text for h in search(doc, "Nord Stream")][:1] == ["Nord Stream is long."]


# Properties: whatever a reader types, search answers sensibly.

_index_cache: dict[str, SearchIndex] = {}


def bundled_index(doc: Transcript) -> SearchIndex:
    return _index_cache.setdefault("bundled", SearchIndex(doc))


query_text = st.one_of(
    st.text(max_size=60),
    st.lists(
        st.sampled_from(["security", "secruity", "NATO", "the", "kapodistr", "[", "’s", "-", "3+3", "é"]), max_size=8
    ).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=query_text, limit=st.integers(min_value=1, max_value=30), min_score=st.sampled_from([0.0, 10.0, 50.0, 90.0])
)
def test_any_query_gives_well_formed_hits(doc: Transcript, query: str, limit: int, min_score: float) -> None:
    hits = bundled_index(doc).search(query, limit=limit, min_score=min_score)
    assert len(hits) <= limit
    for hit in hits:
        assert min_score <= hit.score <= 100
        previous_end = 0
        for start, end in hit.spans:
            assert previous_end <= start < end <= len(hit.text)
            previous_end = end
    keys = [(-h.score, len(h.text)) for h in hits]
    assert keys == sorted(keys)  # best first; equal scores, shorter first


# The index folds whole paragraphs and scores sentences folded apart; a paragraph may only be
# passed over if its words bound its sentences', so both must see the same words.

text_with_marks = st.lists(
    st.sampled_from([*"aZé ’'s.,-—“”…\t\r\x1c\u00a0\u2028Ё3ΣΟ🙂½\u0301_", "'s", "’s ", "U.S.", "№"]), max_size=30
).map("".join)


@given(texts=st.lists(st.one_of(st.text(max_size=40), text_with_marks), min_size=1, max_size=4))
def test_texts_joined_by_white_space_hold_the_words_of_each(texts: list[str]) -> None:
    for space in (" ", "\n", "\u00a0"):
        assert words(space.join(texts)) == [w for text in texts for w in words(text)]


@given(paragraph=st.one_of(st.text(max_size=80), text_with_marks))
def test_a_paragraph_holds_the_words_of_its_sentences(paragraph: str) -> None:
    assert words(paragraph) == [w for _, sentence in split_sentences(paragraph) for w in words(sentence)]


@given(text=st.one_of(st.text(max_size=40), text_with_marks))
def test_folding_leaves_words_apart_and_nothing_else(text: str) -> None:
    folded = fold(text)
    assert folded.split() == words(text) and all(w.isalnum() for w in folded.split())
    assert fold(folded).split() == folded.split()  # folding twice changes nothing


# Folding takes a quicker road where a text holds nothing beyond ASCII: a character must fold
# alike on either road ("Ё" sends the text down the other, and folds to "е").
@pytest.mark.parametrize("code", range(0x80, 0x100))
def test_latin1_folds_as_unicode_does(code: int) -> None:
    assert words(f"x{chr(code)}y Ё") == [*words(f"x{chr(code)}y"), "е"]
    assert words(f"COUP D’{chr(code)}TAT Ё") == [*words(f"COUP D’{chr(code)}TAT"), "е"]


def test_accents_and_other_alphabets_fold_by_unicode_decomposition() -> None:
    assert words("Erdoğan São Ångström façade naïve") == ["erdogan", "sao", "angstrom", "facade", "naive"]
    assert words("Ёлка ЗДЕСЬ й") == ["елка", "здесь", "и"]  # Cyrillic lower-cased, its breve and diaeresis off
    assert words("ﬁnal ½ ① x²") == ["final", "1", "2", "1", "x2"]  # compatibility forms as their letters and digits
    assert words("one_two three‑four rock’n’roll Lavrov’s") == ["one", "two", "three", "four", "rocknroll", "lavrov"]


def test_hits_compare_and_print_by_value(doc: Transcript) -> None:
    first, second = search(doc, "security guarantees", limit=2)
    assert search(doc, "security guarantees", limit=2) == [first, second]
    assert first != second and first != (first.exchange, first.text)
    assert repr(first).startswith(f"Hit(exchange={first.exchange}, part={first.part!r}, speaker=")


LOREM = " ".join(
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed eiusmod tempor incididunt labore dolore "
    "magna aliqua veniam nostrud exercitation ullamco laboris aliquip commodo consequat duis aute irure "
    "reprehenderit voluptate velit cillum fugiat nulla pariatur excepteur occaecat cupidatat".split()
    * 25
)


def test_a_pasted_passage_is_not_matched_for_slips(doc: Transcript) -> None:
    # 40 distinct words, none in the transcript: a slip among so many moves no ranking, so none
    # is taken for a near word of the transcript ("labore" is two edits from "above").
    assert search(doc, LOREM) == []
    assert search(doc, LOREM, min_score=0)[0].score == 0
    # a short query's words still are
    assert "security" in search(doc, "secruity guarantees")[0].text
    first = search(doc, "labore")[0]
    assert [first.text[a:b] for a, b in first.spans] == ["above"]


@pytest.mark.parametrize(
    ("one", "two", "meant"),
    [("secruity", "secruit", "security"), ("guarantes", "garantes", "guarantee"), ("sanctons", "snctons", "sanction")],
)
def test_a_slip_of_one_edit_or_two_finds_the_word_meant(index: SearchIndex, one: str, two: str, meant: str) -> None:
    for typed in (one, two):
        hit = index.search(typed, limit=1)[0]
        assert [hit.text[a:b].lower() for a, b in hit.spans] == [w for w in words(hit.text) if w.startswith(meant)]


def test_of_many_near_words_the_likeliest_are_kept(index: SearchIndex) -> None:
    # "bast" is one edit from seven words, more than a slip may stand for: the ones more paragraphs
    # hold are kept ("last" and "past" 9, "best" 4, "east" 3), and of two held alike ("base", "cast"
    # and "vast" 1 each), the first in the alphabet
    assert list(index.vocabulary.look_up("bast").similar) == ["last", "past", "best", "east", "base", "cast"]


# The first N hits must be the first N of the whole ranking: reading stops early, and skips what
# can no longer get in (paragraphs bounded below the last hit, longer sentences on a tie).


@pytest.mark.parametrize("query", ["the", "of the", "we", "Russia", "security", "NATO expansion", "e"])
def test_the_first_hits_are_the_start_of_the_whole_ranking(doc: Transcript, query: str) -> None:
    whole = bundled_index(doc).search(query, limit=None)
    for limit in (1, 3, 10, 25):
        assert SearchIndex(doc).search(query, limit=limit) == whole[:limit]


@pytest.mark.parametrize("query", ["the", "security guarantees", "secruit", "kapodistr", "🙂"])
def test_a_min_score_cuts_the_whole_ranking(doc: Transcript, query: str) -> None:
    every = bundled_index(doc).search(query, limit=None, min_score=0)
    assert len(every) == len(doc.sentences)
    for min_score in (10.0, 25.0, 50.0, 100.0):
        kept = [h for h in every if h.score >= min_score]
        assert bundled_index(doc).search(query, limit=None, min_score=min_score) == kept


def scaled(raw: str, times: int) -> Transcript:
    """The bundled transcript with its questions and answers repeated, as bench/run.py's scaled_text builds it."""
    lines = raw.rstrip().split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("Question:"))
    head, body, url = "\n".join(lines[:first]), "\n".join(lines[first:-1]), lines[-1]
    return parse(f"{head}\n\n" + f"{body.strip()}\n\n" * times + f"{url}\n")


@pytest.fixture(scope="module")
def ten_times(raw: str) -> SearchIndex:
    return SearchIndex(scaled(raw, 10))


_whole: dict[tuple[str, float], list[Hit]] = {}

ranking_words = st.sampled_from(
    [
        *("the", "of", "we", "NATO", "security", "guarantees", "Russia", "United", "States", "expansion", "nord"),
        *("secruity", "garantees", "Rusia", "NAT0", "expanson"),  # slips
        *("kapodistr", "guarant", "secur", "negotiat", "ukrain"),  # starts of words
    ]
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.lists(ranking_words, min_size=1, max_size=3).map(" ".join),
    limit=st.sampled_from([1, 3, 10, 25]),
    min_score=st.sampled_from([DEFAULT_MIN_SCORE, 60.0, 90.0]),
)
def test_the_first_hits_are_the_start_of_the_whole_ranking_at_ten_times_the_size(
    ten_times: SearchIndex, query: str, limit: int, min_score: float
) -> None:
    if (query, min_score) not in _whole:
        _whole[query, min_score] = ten_times.search(query, limit=None, min_score=min_score)
    assert ten_times.search(query, limit=limit, min_score=min_score) == _whole[query, min_score][:limit]


def test_ten_times_the_transcript_ranks_the_common_words_as_the_whole_ranking_does(ten_times: SearchIndex) -> None:
    # the queries a cap on tie reads once got wrong from three times the transcript on
    for query in ("the", "of the", "NATO", "security"):
        assert ten_times.search(query) == ten_times.search(query, limit=None)[:DEFAULT_LIMIT]
