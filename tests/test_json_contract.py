"""The JSON shapes the README documents, pinned: a key added, renamed or dropped fails here first."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from lvcli.cli import app

LIST_KEYS = {"number", "question", "outlet", "speaker", "answer_words", "topics"}
SHOW_KEYS = {"number", "question", "answer", "speaker", "outlet", "words", "paragraphs"}
PARAGRAPH_KEYS = {"part", "speaker", "note", "text"}
INFO_KEYS = {
    "title",
    "date",
    "place",
    "speaker",
    "url",
    "timestamp",
    "document_number",
    "letterhead",
    "exchanges",
    "words",
    "mended_page_breaks",
}


def invoke(*args: str) -> object:
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_list_keys() -> None:
    data = invoke("list")
    assert isinstance(data, list) and len(data) == 30
    assert all(set(item) == LIST_KEYS for item in data)
    assert [item["number"] for item in data] == list(range(30))
    # row 0: the opening remarks, which have no question
    assert data[0] == {
        "number": 0,
        "question": None,
        "outlet": None,
        "speaker": "Sergey Lavrov",
        "answer_words": 1444,
        "topics": data[0]["topics"],
    }
    assert data[0]["topics"] and all(isinstance(t, str) for t in data[0]["topics"])
    assert data[8]["outlet"] == "Mir Interstate Television and Radio Company"
    assert isinstance(data[1]["answer_words"], int)


def test_show_keys_for_one_and_for_several() -> None:
    one = invoke("show", "12")
    assert isinstance(one, dict) and set(one) >= SHOW_KEYS
    assert all(set(p) == PARAGRAPH_KEYS for p in one["paragraphs"])
    assert [p["part"] for p in one["paragraphs"]] == ["question", "answer", "answer", "answer"]
    several = invoke("show", "3", "5")
    assert isinstance(several, list) and [d["number"] for d in several] == [3, 5]
    assert all(set(d) >= SHOW_KEYS for d in several)
    # a range is a list, even of one: a script that asked for a range always gets an array
    assert invoke("show", "12-12") == [one]


def test_show_0_has_no_question() -> None:
    data = invoke("show", "0")
    assert isinstance(data, dict)
    assert data["question"] is None and data["number"] == 0
    assert data["answer"].startswith("Good morning, colleagues,\n\nHappy New Year")
    assert {p["part"] for p in data["paragraphs"]} == {"opening"}


def test_info_keys() -> None:
    data = invoke("info")
    assert isinstance(data, dict) and set(data) == INFO_KEYS
    assert data["date"] == "2022-01-14" and data["place"] == "Moscow"
    assert data["timestamp"] == "14.01.2022 16:03" and data["document_number"] == "№ 30-14-01-2022"
    assert data["mended_page_breaks"] == 34
