"""Sentences as a reader counts them: abbreviations, initials and numbers do not cut one, and nothing is lost."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lvcli.splitter import split_sentences
from lvcli.transcript import Transcript


def texts(paragraph: str) -> list[str]:
    return [text for _, text in split_sentences(paragraph)]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Mr. Borrell met Mr Lavrov. Then they left.", ["Mr. Borrell met Mr Lavrov.", "Then they left."]),
        ("The U.S. President spoke. We listened.", ["The U.S. President spoke.", "We listened."]),
        ("Sanctions came from the U.S. We will respond.", ["Sanctions came from the U.S.", "We will respond."]),
        ("On December 9-10, 2021. The summit failed.", ["On December 9-10, 2021.", "The summit failed."]),
        ("The 3+3 format works. It is good.", ["The 3+3 format works.", "It is good."]),
        ("See No. 5 on the list. Next.", ["See No. 5 on the list.", "Next."]),
        ("I said no. We left.", ["I said no.", "We left."]),
        ("Vladimir V. Putin spoke.", ["Vladimir V. Putin spoke."]),
        ("It grew 1.5 times. Good.", ["It grew 1.5 times.", "Good."]),
        ("1. The first point. 2. The second.", ["1. The first point.", "2. The second."]),
        ('He said: "Stop." Then he left.', ['He said: "Stop."', "Then he left."]),
        ("Wait... What? Yes! (Indeed.) Next", ["Wait...", "What?", "Yes!", "(Indeed.)", "Next"]),
        ("Is it so? yes, it is.", ["Is it so? yes, it is."]),  # a lower-case word goes on
        ("St. Petersburg, e.g. Moscow too.", ["St. Petersburg, e.g. Moscow too."]),
        ("(Mr. Smith) left. Art. 51 applies.", ["(Mr. Smith) left.", "Art. 51 applies."]),
        ("It is a U.S.-led bloc. Jan. 14 came.", ["It is a U.S.-led bloc.", "Jan. 14 came."]),
        ("We met in Jan. The talks went on.", ["We met in Jan.", "The talks went on."]),
        ("Dr. Petrov spoke. Gen. Smith too.", ["Dr. Petrov spoke.", "Gen. Smith too."]),
    ],
)
def test_split(paragraph: str, expected: list[str]) -> None:
    assert texts(paragraph) == expected


def test_the_transcripts_own_hard_cases(doc: Transcript) -> None:
    quotes = [s.text for s in doc.sentences]
    assert "The most notorious project of this kind was the Summit for Democracy on December 9-10, 2021." in quotes
    assert "I will not go into too much detail assessing it." in quotes  # a sentence across a mended page break
    assert any("3+3" in q for q in quotes)
    assert all(q == q.strip() and q for q in quotes)


# Lossless: every character but the white space between sentences lands in exactly one sentence.

sentence_like = st.lists(
    st.sampled_from([*"aAbB zZ.?!…\"“”'’()[]*«»0123456789,-+\n\t", "Mr.", "U.S.", " No. 5", "e.g.", " I. ", " V. "]),
    max_size=40,
).map("".join)


@given(paragraph=st.one_of(st.text(max_size=120), sentence_like))
def test_splitting_loses_nothing(paragraph: str) -> None:
    found = split_sentences(paragraph)
    at = 0
    for offset, text in found:
        assert text and text == text.strip()
        assert paragraph[offset : offset + len(text)] == text
        assert offset >= at and not paragraph[at:offset].strip()  # only white space in between
        at = offset + len(text)
    assert not paragraph[at:].strip()
    assert "".join(paragraph.split()) == "".join("".join(t.split()) for _, t in found)
