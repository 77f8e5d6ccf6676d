"""`lvcli topics` and the topics of `lvcli list` as a user meets them: piped, as JSON, on a terminal."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import lvcli.topics
from lvcli.cli import app
from tests.conftest import sh

ESC = "\x1b"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
BRIEFING = str(Path(__file__).parent / "data" / "topics_briefing.txt")


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# lvcli topics


def test_topics_piped_one_topic_a_line_most_mentioned_first(runner: CliRunner) -> None:
    code, out, err = run(runner, "topics")
    assert code == 0 and err == "" and ESC not in out
    rows = [line.split("\t") for line in out.splitlines()]
    assert all(len(row) == 3 for row in rows)
    names = [row[0] for row in rows]
    counts = [int(row[1]) for row in rows]
    assert counts == sorted(counts, reverse=True) and min(counts) >= 2
    assert rows[1] == ["NATO", "78", "0,1,3,4,5,6,7,8,9,10,11,16,17,18,26,28,29"]
    for expected in ("NATO", "Ukraine", "United States", "EU", "CSTO", "Kazakhstan", "security guarantees"):
        assert expected in names[:25], expected
    assert rows[names.index("Japan")] == ["Japan", "27", "16"]


def test_topics_limit_and_all(runner: CliRunner) -> None:
    _, five, _ = run(runner, "topics", "--limit", "5")
    _, recurring, _ = run(runner, "topics")
    _, every, _ = run(runner, "topics", "--all")
    assert five.splitlines() == recurring.splitlines()[:5]
    assert len(every.splitlines()) > len(recurring.splitlines())
    assert every.splitlines()[-1].split("\t")[1] == "1"


def test_topics_into_head_ends_quietly() -> None:
    result = sh("lvcli topics | head -2")
    assert result.stdout.startswith("Russia\t") and result.stderr == ""


def test_topics_json(runner: CliRunner) -> None:
    code, out, _ = run(runner, "topics", "--json")
    data = json.loads(out)
    assert code == 0 and isinstance(data, list)
    assert all({"name", "kind", "count", "exchanges", "per_exchange", "spellings"} <= set(d) for d in data)
    nato = data[1]
    assert nato["name"] == "NATO" and nato["count"] == 78 and nato["kind"] == "name"
    assert nato["exchanges"][:3] == [0, 1, 3]
    assert sum(e["count"] for e in nato["per_exchange"]) == 78
    us = next(d for d in data if d["name"] == "United States")
    assert set(us["spellings"]) >= {"United States", "US"}
    assert [d["name"] for d in data] == [line.split("\t")[0] for line in run(runner, "topics")[1].splitlines()]


def test_topics_on_a_terminal_is_a_table_with_sparklines() -> None:
    result = sh("lvcli topics --limit 12", tty=True, cols=100)
    text = ANSI.sub("", result.stdout)
    lines = text.splitlines()
    assert result.returncode == 0 and ESC in result.stdout
    assert re.match(r"Topic\s+Mentions\s+Where: exchanges 0-29\s+Exchanges", lines[0])
    assert len(lines) == 13 and all(len(line) <= 100 for line in lines)
    japan = next(line for line in lines if line.startswith("Japan "))
    assert re.search(r"Japan\s+27\s+·{16}█·{13}\s+1$", japan)


# lvcli topics NAME


def test_topic_piped_is_its_quotes_one_a_line(runner: CliRunner) -> None:
    code, out, err = run(runner, "topics", "japan")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and err == ""
    assert all(len(row) == 3 and row[0] == "16" for row in rows)
    assert rows[0] == [
        "16",
        "question",
        "Last year you travelled to China and South Korea, but unfortunately did not visit Japan.",
    ]
    assert {row[1] for row in rows} == {"question", "answer"}
    assert all(re.search(r"Japan", row[2]) for row in rows)


def test_topic_by_a_misspelt_name_says_what_it_shows(runner: CliRunner) -> None:
    code, out, err = run(runner, "topics", "Kazakstan")
    assert code == 0
    assert err == "lvcli: no topic is called 'Kazakstan'; showing 'Kazakhstan'\n"
    assert out.splitlines() and all("Kazakhstan" in line for line in out.splitlines())


@pytest.mark.parametrize(("typed", "name"), [("nato", "NATO"), ("minsk", "Minsk"), ("U.S.", "United States")])
def test_topic_json(runner: CliRunner, typed: str, name: str) -> None:
    code, out, _ = run(runner, "topics", typed, "--json")
    data = json.loads(out)
    assert code == 0 and isinstance(data, dict)
    assert {"name", "count", "exchanges", "per_exchange", "spellings", "query", "exact", "score"} <= set(data)
    assert data["name"] == name and data["exact"] is True and data["query"] == typed
    assert data["exchanges"] == [e["exchange"] for e in data["per_exchange"]]
    for entry in data["per_exchange"]:
        assert {"exchange", "count", "in_question", "question", "quotes"} <= set(entry)
        assert sum(len(q["spans"]) for q in entry["quotes"]) == entry["count"]
        for quote in entry["quotes"]:
            assert all(quote["text"][s:e] in data["spellings"] for s, e in quote["spans"])
    assert data["per_exchange"][0]["question"] is None or data["per_exchange"][0]["exchange"] > 0


def test_unknown_topic_exits_1_and_suggests_close_names(runner: CliRunner) -> None:
    code, out, err = run(runner, "topics", "qzxjvkwpq")
    assert code == 1 and out == ""
    assert err == "lvcli: no topic matches 'qzxjvkwpq'; 'lvcli topics' lists them all\n"
    code, out, err = run(runner, "topics", "Kazahkstn")
    assert code == 1 and out == ""
    assert err.startswith("lvcli: no topic matches 'Kazahkstn'; close names: Kazakhstan")


@pytest.mark.parametrize(("args", "message"), [(["  "], "the topic name is empty"), (["nato", "--map"], "not both")])
def test_topics_bad_usage_exits_2(runner: CliRunner, args: list[str], message: str) -> None:
    code, out, err = run(runner, "topics", *args)
    assert code == 2 and out == "" and message in err and "Traceback" not in err


def test_topic_on_a_terminal_marks_the_mentions() -> None:
    result = sh("lvcli topics finland", tty=True, cols=100)
    text = ANSI.sub("", result.stdout)
    lines = text.splitlines()
    assert lines[0] == "Finland  6 mentions in 2 exchanges"
    assert any(line.startswith("Question 5 · 5 mentions ─") for line in lines)
    assert "answer     Russia fully respects the sovereignty of both Finland and Sweden." in lines
    assert all(len(line) <= 100 for line in lines)
    assert "\x1b[1;31mFinland" in result.stdout  # marked as search marks a match


# lvcli topics --map


def test_map_piped_is_a_tab_separated_matrix(runner: CliRunner) -> None:
    code, out, err = run(runner, "topics", "--map")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and err == "" and ESC not in out
    assert rows[0] == ["topic", *map(str, range(30))]
    assert all(len(row) == 31 and all(cell.isdigit() for cell in row[1:]) for row in rows[1:])
    by_name = {row[0]: [int(c) for c in row[1:]] for row in rows[1:]}
    assert sum(by_name["NATO"]) == 78 and by_name["NATO"][6] == 16
    assert by_name["Japan"][16] == 27 and sum(by_name["Japan"]) == 27
    assert "Kazakhstan" in by_name and "Ukraine" in by_name and "Russia" not in by_name


def test_map_json_is_the_matrix(runner: CliRunner) -> None:
    data = json.loads(run(runner, "topics", "--map", "--json")[1])
    assert data["exchanges"] == list(range(30))
    assert all({"name", "count", "counts"} <= set(t) and len(t["counts"]) == 30 for t in data["topics"])
    assert data["topics"][0] == {"name": "NATO", "count": 78, "counts": data["topics"][0]["counts"]}
    assert len(run(runner, "topics", "--map", "--limit", "5", "--json")[1]) < len(json.dumps(data, indent=2))


def test_map_on_a_100_column_terminal_is_a_colour_grid() -> None:
    result = sh("lvcli topics --map", tty=True, cols=100)
    text = ANSI.sub("", result.stdout)
    lines = text.splitlines()
    assert result.returncode == 0 and "\x1b[38;" in result.stdout  # coloured cells
    assert lines[0] == "Where the main topics come up: exchanges 0-29 (0 = opening remarks)"
    assert lines[1].split() == ["0", "5", "10", "15", "20", "25"]
    assert all(len(line) <= 100 for line in lines)
    japan = next(line for line in lines if line.startswith("Japan "))
    cells = japan[20 : 20 + 60]
    assert cells[2 * 16] == "█" and cells.replace("█", "").replace("·", "").strip() == ""
    assert japan.endswith(" 27")
    assert lines[-1].split()[-1] == "mentions"


def test_map_without_colour_draws_bars_of_growing_height() -> None:
    result = sh("lvcli topics --map --color never", tty=True, cols=100)
    assert ESC not in result.stdout
    nato = next(line for line in result.stdout.splitlines() if line.startswith("NATO "))
    assert nato[20 : 20 + 60].split() == "▇ ▇ · ▅ ▅ ▃ █ ▁ ▃ ▇ ▃ ▅ · · · · ▁ ▁ ▁ · · · · · · · ▅ · ▁ ▃".split()


def test_map_on_a_narrow_terminal_still_fits() -> None:
    result = sh("lvcli topics --map", tty=True, cols=60)
    lines = ANSI.sub("", result.stdout).splitlines()
    assert result.returncode == 0 and all(len(line) <= 60 for line in lines)


# lvcli list gains the topics


def test_list_json_carries_each_questions_topics(runner: CliRunner) -> None:
    data = json.loads(run(runner, "list", "--json")[1])
    topics = {d["number"]: d["topics"] for d in data}
    assert all(isinstance(t, list) and 1 <= len(t) <= 3 and all(isinstance(n, str) for n in t) for t in topics.values())
    assert topics[16][0] == "Japan"
    assert topics[5][:2] == ["Finland", "Sweden"]
    assert "China" in topics[14]


def test_list_piped_keeps_its_lines_and_computes_no_topics(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    class Refuse:
        def __init__(self, *args: object) -> None:
            raise AssertionError("topics computed for a piped list")

    monkeypatch.setattr(lvcli.topics, "TopicIndex", Refuse)
    code, out, _ = run(runner, "list")
    assert code == 0
    assert all(re.fullmatch(r"\d+\t[^\t]+", line) for line in out.splitlines())


def test_list_on_a_terminal_has_a_topics_column() -> None:
    result = sh("lvcli list", tty=True, cols=100)
    lines = ANSI.sub("", result.stdout).splitlines()
    assert re.match(r"\s*#\s+Question\s+Topics\s+Words$", lines[0])
    row16 = next(line for line in lines if line.lstrip().startswith("16 "))
    assert "Japan" in row16
    assert all(len(line) <= 100 for line in lines)


# another briefing, given with --transcript


def test_another_briefing_has_its_own_topics(runner: CliRunner) -> None:
    code, out, _ = run(runner, "topics", "--transcript", BRIEFING)
    names = [line.split("\t")[0] for line in out.splitlines()]
    assert code == 0
    for expected in ("Kosovo", "Moldova", "IAEA", "United States", "Bulgaria", "Afghanistan", "grain deal"):
        assert expected in names
    assert "NATO" not in names and "Maria Zakharova" not in names
    listed = {d["number"]: d["topics"] for d in json.loads(run(runner, "list", "--json", "--transcript", BRIEFING)[1])}
    assert listed[4][0] == "Moldova" and listed[7][0] == "Afghanistan" and listed[3][0] == "grain deal"
    grid = run(runner, "topics", "--map", "--transcript", BRIEFING)[1].splitlines()
    assert grid[0] == "topic\t0\t1\t2\t3\t4\t5\t6\t7"
    code, out, err = run(runner, "topics", "usa", "--transcript", BRIEFING)
    assert code == 0 and err == "" and out.startswith("1\tquestion\tHow do you assess the new sanctions")


# the cache: only the first call finds the topics; the next ones read them


def cache_files(home: Path) -> list[Path]:
    return sorted((home / "lvcli").glob("*"))


def test_topics_are_kept_in_the_users_cache_and_read_back_the_same(tmp_path: Path) -> None:
    transcript = tmp_path / "briefing.txt"
    transcript.write_text(Path(BRIEFING).read_text(encoding="utf-8"), encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = sh(f"lvcli topics --all --transcript {transcript}", **env)
    (kept,) = cache_files(tmp_path / "cache")
    assert kept.suffix == ".json" and sorted(p.name for p in tmp_path.iterdir()) == ["briefing.txt", "cache"]
    again = sh(f"lvcli topics --all --transcript {transcript}", **env)
    assert again.returncode == first.returncode == 0 and again.stdout == first.stdout and again.stderr == ""
    quotes = sh(f"lvcli topics usa --json --transcript {transcript}", **env)
    assert json.loads(quotes.stdout)["per_exchange"][0]["quotes"][0]["text"].startswith("How do you assess")
    assert cache_files(tmp_path / "cache") == [kept]


def rows(listed: str) -> dict[int, dict[str, object]]:
    return {row["number"]: row for row in json.loads(listed)}


def test_without_xdg_cache_home_the_cache_is_under_home(tmp_path: Path) -> None:
    for xdg in ("", "relative/cache"):
        result = sh("lvcli list --json", HOME=str(tmp_path), XDG_CACHE_HOME=xdg)
        assert result.returncode == 0 and rows(result.stdout)[16]["topics"][0] == "Japan"
        assert len(cache_files(tmp_path / ".cache")) == 1


def test_a_changed_transcript_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    transcript = tmp_path / "briefing.txt"
    text = Path(BRIEFING).read_text(encoding="utf-8")
    transcript.write_text(text, encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert "Kosovo\t" in sh(f"lvcli topics --transcript {transcript}", **env).stdout
    transcript.write_text(text.replace("Kosovo", "Narnia"), encoding="utf-8")
    names = [line.split("\t")[0] for line in sh(f"lvcli topics --transcript {transcript}", **env).stdout.splitlines()]
    assert "Narnia" in names and "Kosovo" not in names


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b"\xff\xfe\x00garbage", b'{"made_by": 1, "topics": []}', b"[" * 100_000 + b"]" * 100_000],
)
def test_a_damaged_cache_is_ignored_and_replaced(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, damage: bytes
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    expected = run(runner, "topics")
    (kept,) = cache_files(tmp_path)
    kept.write_bytes(damage)
    assert run(runner, "topics") == expected and expected[0] == 0 and expected[2] == ""
    assert json.loads(kept.read_bytes())["topics"]  # found again and kept whole


def test_a_cache_of_the_wrong_shape_is_ignored(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    expected = run(runner, "topics", "--json")
    (kept,) = cache_files(tmp_path)
    made_by = json.loads(kept.read_bytes())["made_by"]
    for topics in ([{"name": "NATO"}], [{"name": "NATO", "kind": "name", "spellings": [], "per_exchange": [[1]]}], {}):
        kept.write_text(json.dumps({"made_by": made_by, "topics": topics}))
        assert run(runner, "topics", "--json") == expected


def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    expected = sh("lvcli topics").stdout
    result = sh("lvcli topics", XDG_CACHE_HOME=str(blocker))
    assert result.returncode == 0 and result.stdout == expected and result.stderr == ""
