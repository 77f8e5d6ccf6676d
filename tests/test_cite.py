"""--cite: a citation a journalist can paste, under each exchange or quote, built from the transcript alone."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lvcli.cite import cite, long_date, occasion
from lvcli.cli import app
from lvcli.transcript import Transcript, parse
from tests.conftest import sh

OCCASION = (
    "Foreign Minister Sergey Lavrov's remarks and answers to media questions at a news conference "
    "on Russia's foreign policy performance in 2021"
)
URL = "https://mid.ru/en/foreign_policy/news/1794396/"
TAIL = f'"{OCCASION}", Moscow, 14 January 2022, {URL}'
ANSWER_12 = f"Sergey Lavrov, answer to question 12, {TAIL}"

OTHER = """Deputy Minister's briefing on Arctic cooperation, St Petersburg, 3 March 2023


Good afternoon.

Question: What about the Arctic Council?

Maria Zakharova: It goes on.

https://example.org/briefings/42
"""


def invoke(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout


def test_the_citation_of_an_exchange(doc: Transcript) -> None:
    assert cite(doc, doc.exchange(12)).text == ANSWER_12
    assert cite(doc, doc.exchange(0)).text == f"Sergey Lavrov, opening remarks, {TAIL}"
    assert cite(doc, doc.exchange(29), "question").text == f"Journalist, question 29, {TAIL}"
    outlet = "Journalist (Mir Interstate Television and Radio Company), question 8"
    assert cite(doc, doc.exchange(8), "question").text == f"{outlet}, {TAIL}"


def test_the_date_is_written_out_whatever_the_locale() -> None:
    assert long_date(date(2022, 1, 14)) == "14 January 2022"
    assert long_date(date(2023, 3, 3)) == "3 March 2023"


def test_everything_comes_from_the_transcript(doc: Transcript) -> None:
    other = parse(OTHER)
    assert occasion(doc) == OCCASION
    assert cite(other, other.exchange(1)).text == (
        'Maria Zakharova, answer to question 1, "Deputy Minister\'s briefing on Arctic cooperation", '
        "St Petersburg, 3 March 2023, https://example.org/briefings/42"
    )
    # what the transcript does not say is left out, not made up
    bare = parse("Question: Why?\n\nSergey Lavrov: Because.\n")
    assert cite(bare, bare.exchange(1)).text == "Sergey Lavrov, answer to question 1"


def test_show_cite_piped_puts_the_citation_under_each_exchange(runner: CliRunner) -> None:
    code, out = invoke(runner, "show", "12", "--cite")
    assert code == 0
    assert out.endswith(f"\n\n{ANSWER_12}\n")
    assert out.count(URL) == 1
    code, out = invoke(runner, "show", "11-12", "--cite")
    blocks = out.split("\n\n--- Question 12 ---\n\n")
    assert len(blocks) == 2 and blocks[0].startswith("--- Question 11 ---\n\nQuestion: ")
    assert blocks[0].endswith(f"\n\nSergey Lavrov, answer to question 11, {TAIL}")
    assert blocks[1].startswith("Question: ") and blocks[1].endswith(f"\n\n{ANSWER_12}\n")
    # without --cite, no citation
    assert URL not in invoke(runner, "show", "12")[1]


def test_show_cite_json_carries_citation(runner: CliRunner) -> None:
    record = json.loads(invoke(runner, "show", "12", "--cite", "--json")[1])
    assert record["citation"] == ANSWER_12
    records = json.loads(invoke(runner, "show", "0-1", "--cite", "--json")[1])
    assert [r["citation"].split(", ")[1] for r in records] == ["opening remarks", "answer to question 1"]
    assert "citation" not in json.loads(invoke(runner, "show", "12", "--json")[1])


def test_show_cite_reads_another_transcript(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "briefing.txt"
    path.write_text(OTHER, encoding="utf-8")
    out = invoke(runner, "show", "1", "--cite", "--transcript", str(path))[1]
    assert out.splitlines()[-1].startswith("Maria Zakharova, answer to question 1, ")
    assert out.splitlines()[-1].endswith("3 March 2023, https://example.org/briefings/42")


def test_search_cite(runner: CliRunner) -> None:
    code, out = invoke(runner, "search", "adult response", "--limit", "1", "--cite")
    assert code == 0
    fields = out.rstrip("\n").split("\t")
    assert fields[0] == "4" and fields[1] == "answer"
    assert fields[4] == f"Sergey Lavrov, answer to question 4, {TAIL}"  # one record a line: a fifth field
    hits = json.loads(invoke(runner, "search", "security guarantees", "--cite", "--json")[1])
    assert hits and all(hit["citation"].endswith(TAIL) for hit in hits)
    for hit in hits:
        who = "Journalist" if hit["part"] == "question" else "Sergey Lavrov"
        assert hit["citation"].startswith(who)
        where = "opening remarks" if hit["exchange"] == 0 else f"question {hit['exchange']}"
        assert f"{where}, " in hit["citation"]


@pytest.mark.parametrize("cols", [60, 100])
@pytest.mark.parametrize("command", ["show 12 --cite", "search 'adult response' --limit 2 --cite"])
def test_on_a_terminal_the_citation_is_one_line_to_copy(command: str, cols: int) -> None:
    """The citation stands alone at column 0 between blank lines, one line the terminal folds itself
    (soft wrap), so selecting it copies it whole, without a line break or an indent inside."""
    screen = sh(f"lvcli {command}", tty=True, cols=cols).stdout
    lines = re.sub(r"\x1b\[[0-9;]*m", "", screen).splitlines()
    cited = [index for index, line in enumerate(lines) if line.endswith(TAIL)]
    assert len(cited) == (1 if command.startswith("show") else 2)
    for index in cited:
        assert re.fullmatch(r"(Sergey Lavrov|Journalist), (answer to )?question \d+, " + re.escape(TAIL), lines[index])
        assert lines[index - 1] == ""
        assert index == len(lines) - 1 or lines[index + 1] == ""
