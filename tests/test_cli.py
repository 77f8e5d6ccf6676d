"""list, show and info as a user meets them: piped, as JSON, on a terminal, and with bad numbers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lvcli.cli import app
from tests.conftest import ROOT, clean_env, sh

ESC = "\x1b"
COLOUR = re.compile(r"\x1b\[[0-9;]*3[0-9]")


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def file_section(raw: str, start: str, end: str) -> str:
    """The text of the file from `start` up to (not including) `end`, stripped."""
    begin = raw.index(start)
    return raw[begin : raw.index(end, begin)].strip()


# list


def test_list_piped_is_one_line_per_row(runner: CliRunner, raw: str) -> None:
    code, out, err = run(runner, "list")
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert [line.split("\t")[0] for line in lines] == [str(n) for n in range(30)]
    # row 0 is the opening remarks, marked as such: it is no question
    assert lines[0] == "0\t(opening remarks)"
    question_2 = "Is Russia considering an opportunity to expand its political and military-strategic presence in some countries?"
    assert lines[2] == "2\t" + question_2
    # the two paragraphs of question 6 are one line, joined by a space
    assert lines[6].startswith("6\tOn January 10, The New York Times reported")
    assert "with you personally. Did you receive anything like that from Josep Borrell" in lines[6]
    assert ESC not in out


def test_list_piped_into_grep_finds_japan() -> None:
    result = sh("lvcli list | grep -i japan")
    assert result.returncode == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["16"]


def test_list_piped_keeps_only_the_questions_with_awk() -> None:
    """The README's way to leave row 0 out."""
    result = sh("lvcli list | awk -F'\\t' '$1 > 0' | cut -f1")
    assert result.stdout.split() == [str(n) for n in range(1, 30)]


def test_list_into_head_ends_quietly() -> None:
    result = sh("lvcli list | head -1")
    assert result.stdout == "0\t(opening remarks)\n"
    assert result.stderr == ""
    # 141 (SIGPIPE) when head closed the pipe first, as `cat file | head -1` ends; 0 when all fit in the pipe
    assert result.returncode in (0, 141)


def plain_screen(stdout: str) -> list[str]:
    return re.sub(r"\x1b\[[0-9;]*m", "", stdout).splitlines()


@pytest.mark.parametrize("cols", [60, 100, 160])
def test_list_on_a_terminal_gives_the_question_the_width(cols: int) -> None:
    lines = plain_screen(sh("lvcli list", tty=True, cols=cols).stdout)
    assert re.fullmatch(r" #  Question +Topics +Words", lines[0])
    assert len(lines) == 31 and all(len(line) <= cols for line in lines)
    assert re.fullmatch(r" 0  Opening remarks +APR, .* +1444", lines[1])
    question = lines[0].index("Question")
    topics = lines[0].index("Topics")
    # the question takes more than half the line, the rest is shared by the topics and the length
    assert topics - question > cols // 2
    row8 = next(line for line in lines if line.startswith(" 8 "))
    assert row8[question:].startswith("I represent the Mir Interstate") and row8.endswith(" 572")


def test_list_has_an_outlet_column_when_most_questions_name_one(tmp_path: Path) -> None:
    text = "Question: I represent Radio Alpha. Why?\n\nSergey Lavrov: Because.\n\nQuestion: Is it so?\n\nSergey Lavrov: Yes.\n"
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    lines = plain_screen(sh(f"lvcli list --transcript {tmp_path / 'b.txt'}", tty=True, cols=80).stdout)
    assert re.fullmatch(r"#  Question +Outlet +Topics +Words", lines[0])
    assert re.fullmatch(r"1  I represent Radio Alpha\. Why\? +Radio Alpha +\S.* +1", lines[1])
    assert len(lines) == 3  # no opening remarks in this transcript: no row 0


# show


def test_show_piped_is_the_transcripts_own_shape(runner: CliRunner, raw: str) -> None:
    code, out, err = run(runner, "show", "12")
    expected = file_section(raw, "Question: Recently there were clashes", "\nQuestion:")
    expected = expected.replace("our Turkish\n\ncolleagues", "our Turkish colleagues")  # a mended page break
    assert code == 0 and err == ""
    assert out == expected + "\n"


def test_show_0_prints_the_opening_remarks(runner: CliRunner) -> None:
    code, out, _ = run(runner, "show", "0")
    assert code == 0
    assert out.startswith("Good morning, colleagues,\n\nHappy New Year to all of you")
    assert "We clearly outlined [our requirements] and provided" in out
    assert "Question:" not in out
    assert out.endswith("We will continue to communicate with the media, if you are interested. We are ready for it.\n")


def test_show_several_numbers_and_ranges(runner: CliRunner) -> None:
    _, listed, _ = run(runner, "show", "3", "4", "5")
    _, ranged, _ = run(runner, "show", "3-5")
    assert listed == ranged
    assert listed.count("Question: ") == 3


def test_show_several_piped_heads_each_exchange(runner: CliRunner) -> None:
    _, one, _ = run(runner, "show", "1")
    _, two, _ = run(runner, "show", "2")
    _, both, _ = run(runner, "show", "1-2")
    assert both == f"--- Question 1 ---\n\n{one}\n--- Question 2 ---\n\n{two}"
    _, opening, _ = run(runner, "show", "0", "2")
    assert opening.startswith("--- Opening remarks ---\n\nGood morning, colleagues,\n\n")
    assert opening.endswith(f"\n\n--- Question 2 ---\n\n{two}")
    # a range of one is still a list: the heading says which exchange a saved file holds
    assert run(runner, "show", "12-12")[1].startswith("--- Question 12 ---\n\nQuestion: Recently")
    assert one.startswith("Question: You have already spoken")


@pytest.mark.parametrize("number", ["99", "30", "-1"])
def test_show_out_of_range(runner: CliRunner, number: str) -> None:
    code, out, err = run(runner, "show", number)
    assert code == 2 and out == ""
    assert "0-29" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("abc", "'abc' is not an exchange number"),
        ("1.5", "'1.5' is not an exchange number"),
        ("5-3", "runs backwards; did you mean 3-5?"),
        ("99999999999999999999", "there is no exchange 99999999999999999999"),
    ],
)
def test_show_bad_numbers(runner: CliRunner, argument: str, message: str) -> None:
    code, out, err = run(runner, "show", argument)
    assert code == 2 and out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_show_never_wraps(runner: CliRunner) -> None:
    _, out, _ = run(runner, "show", "1")
    lines = out.splitlines()
    assert len(lines) == 2 * len([line for line in lines if line]) - 1  # paragraphs and the blank lines between
    assert max(len(line) for line in lines) == 818


# info


def test_info_piped_and_json(runner: CliRunner) -> None:
    code, out, _ = run(runner, "info")
    fields = dict(line.split("\t", 1) for line in out.splitlines())
    assert code == 0
    assert fields["date"] == "2022-01-14" and fields["place"] == "Moscow" and fields["exchanges"] == "29"
    data = json.loads(run(runner, "info", "--json")[1])
    assert data["title"].endswith("Moscow, January 14, 2022")
    assert data["date"] == "2022-01-14"
    assert data["url"] == "https://mid.ru/en/foreign_policy/news/1794396/"
    assert data["exchanges"] == 29 and data["words"] == int(fields["words"])


# JSON, word for word


def test_every_exchange_in_json_is_the_transcript_word_for_word(runner: CliRunner, raw: str) -> None:
    data = json.loads(run(runner, "show", "0-29", "--json")[1])
    assert [d["number"] for d in data] == list(range(30))
    assert data[0]["question"] is None
    text = " ".join((d["question"] or "") + " " + d["answer"] for d in data)
    body = raw[raw.index("Good morning, colleagues,") : raw.index("https://mid.ru")]
    body = re.sub(r"^(?:Question|Sergey Lavrov): ", "", body, flags=re.MULTILINE)
    assert text.split() == body.replace("multi-\n\nreligious", "multi-religious").split()
    # paragraphs are separated by one blank line
    assert data[6]["question"].count("\n\n") == 1


def test_json_of_one_exchange_is_an_object_of_a_range_or_list_an_array(runner: CliRunner) -> None:
    data = json.loads(run(runner, "show", "12", "--json")[1])
    assert data["number"] == 12 and data["speaker"] == "Sergey Lavrov"
    assert data["question"].startswith("Recently there were clashes")
    assert data["answer"].startswith("I did not see any nervous reaction")
    for numbers in (["12-12"], ["12..12"], ["12", "13"], ["12-13"]):
        records = json.loads(run(runner, "show", *numbers, "--json")[1])
        assert isinstance(records, list) and records[0] == data, numbers


# colour and terminals


def test_color_always_styles_a_pipe_and_keeps_brackets(runner: CliRunner) -> None:
    code, out, _ = run(runner, "show", "0", "--color", "always")
    assert code == 0 and ESC in out
    assert "[our requirements]" in re.sub(r"\x1b\[[0-9;]*m", "", out)


def test_terminal_output_is_styled_and_never_reads_markup() -> None:
    result = sh("lvcli show 8 --no-pager", tty=True)
    assert COLOUR.search(result.stdout)
    assert "[of media freedom]" in re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)


def test_color_never_and_no_color_on_a_terminal() -> None:
    assert ESC not in sh("lvcli show 12 --color never", tty=True).stdout
    assert not COLOUR.search(sh("lvcli show 12", tty=True, NO_COLOR="1").stdout)


def test_force_color_styles_a_pipe() -> None:
    assert ESC in sh("lvcli show 12 | cat", FORCE_COLOR="1").stdout
    assert ESC not in sh("lvcli show 12 | cat").stdout


# other transcripts and the package


def test_transcript_option_and_environment(runner: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "briefing.txt"
    other.write_text("Question: Is it raining?\n\nMaria Zakharova: It is [not] raining.\n", encoding="utf-8")
    code, out, _ = run(runner, "show", "1", "--transcript", str(other))
    assert (code, out) == (0, "Question: Is it raining?\n\nMaria Zakharova: It is [not] raining.\n")
    result = sh("lvcli list", LVCLI_TRANSCRIPT=str(other))
    assert result.stdout == "1\tIs it raining?\n"


def test_a_bad_transcript_is_one_line_and_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    code, out, err = run(runner, "list", "--transcript", str(tmp_path / "missing.txt"))
    assert code == 2 and out == ""
    assert err == f"lvcli: {tmp_path / 'missing.txt'}: no such file\n"


def test_python_dash_m_runs_from_any_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lvcli", "show", "2"], capture_output=True, text=True, cwd=tmp_path, env=clean_env()
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Question: Is Russia considering an opportunity")


def test_a_long_output_on_a_terminal_goes_to_the_pager_unless_it_is_cat(tmp_path: Path) -> None:
    """Under `script` (a terminal nobody types into) a pager that does not wait for keys gets the whole text."""
    record = tmp_path / "paged.txt"
    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\ncat > {record}\n", encoding="utf-8")
    pager.chmod(0o755)
    result = sh("lvcli show 8", tty=True, rows=30, LVCLI_PAGER=str(pager))
    assert (result.returncode, result.stdout) == (0, "")
    assert "[of media freedom]" in re.sub(r"\x1b\[[0-9;]*m", "", record.read_text(encoding="utf-8"))
    record.unlink()
    result = sh("lvcli show 8", tty=True, rows=30, LVCLI_PAGER="cat")  # git's way of saying "do not page"
    assert "[of media freedom]" in re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert not record.exists()


def test_show_keeps_the_note_in_a_speakers_label(runner: CliRunner, tmp_path: Path) -> None:
    text = "Question: Why?\n\nSergey Lavrov: Because.\n\nMaria Zakharova (adds): And this.\n"
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    code, out, _ = run(runner, "show", "1", "--transcript", str(tmp_path / "b.txt"))
    assert (code, out) == (0, text)
    data = json.loads(run(runner, "show", "1", "--json", "--transcript", str(tmp_path / "b.txt"))[1])
    assert [(p["speaker"], p["note"]) for p in data["paragraphs"][1:]] == [
        ("Sergey Lavrov", None),
        ("Maria Zakharova", "(adds)"),
    ]


# options before the command, as git and gh take them


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("lvcli --json list", "lvcli list --json"),
        ("lvcli --json show 12", "lvcli show 12 --json"),
        ("lvcli --color always show 2", "lvcli show 2 --color always"),
        ("lvcli --cite search 'adult response' -n 1", "lvcli search 'adult response' -n 1 --cite"),
        ("lvcli --json --cite show 0-1", "lvcli show 0-1 --cite --json"),
        ("lvcli --color=never --json info", "lvcli info --json"),
    ],
)
def test_an_option_before_the_command_is_the_same_as_after(before: str, after: str) -> None:
    first, second = sh(before), sh(after)
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == second.stdout


def test_options_before_the_command_on_a_terminal(tmp_path: Path) -> None:
    assert ESC not in sh("lvcli --color never search NATO", tty=True).stdout
    # given on both sides, the one after the command wins, as it is the nearer
    assert ESC not in sh("lvcli --color always show 2 --color never | cat").stdout
    record = tmp_path / "paged.txt"
    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\ncat > {record}\n", encoding="utf-8")
    pager.chmod(0o755)
    result = sh("lvcli --no-pager show 8", tty=True, rows=30, LVCLI_PAGER=str(pager))
    assert "[of media freedom]" in re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert not record.exists()


def test_transcript_before_the_command(tmp_path: Path) -> None:
    other = tmp_path / "briefing.txt"
    other.write_text("Question: Is it raining?\n\nMaria Zakharova: It is.\n", encoding="utf-8")
    assert sh(f"lvcli --transcript {other} list").stdout == "1\tIs it raining?\n"
    assert sh(f"lvcli --transcript={other} show 1 --json | jq -r .answer").stdout == "It is.\n"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("lvcli --cite info", "lvcli: --cite does not apply to info\n"),
        ("lvcli --cite list", "lvcli: --cite does not apply to list\n"),
        ("lvcli --json help", "lvcli: --json does not apply to help\n"),
        ("lvcli --json", "lvcli: --json needs a command after it, as in 'lvcli --json list'\n"),
    ],
)
def test_an_option_that_does_not_apply_is_one_line_and_exit_2(line: str, message: str) -> None:
    result = sh(line)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


# fzf's preview window


def widest(stdout: str) -> int:
    return max(len(line) for line in re.sub(r"\x1b\[[0-9;]*m", "", stdout).splitlines())


def test_in_an_fzf_preview_the_text_wraps_to_the_preview(tmp_path: Path) -> None:
    """fzf runs the preview with stdout a pipe and says the window's size in FZF_PREVIEW_COLUMNS."""
    assert (
        widest(sh("lvcli show 1 --color always | cat", FZF_PREVIEW_COLUMNS="50", FZF_PREVIEW_LINES="20").stdout) == 50
    )
    assert widest(sh("lvcli show 1 --color always | cat", FZF_PREVIEW_COLUMNS="37").stdout) == 37
    # the shell between fzf and lvcli may have reset COLUMNS: fzf's own variable wins
    assert widest(sh("lvcli search NATO --color always | cat", FZF_PREVIEW_COLUMNS="44", COLUMNS="120").stdout) <= 44
    # without a preview, or on a real terminal, the terminal's width stands
    assert widest(sh("lvcli show 1 --color always | cat").stdout) == 80
    assert widest(sh("lvcli show 1", tty=True, cols=100, FZF_PREVIEW_COLUMNS="50").stdout) > 90
    # plain output is never wrapped: fzf's own `wrap` folds it
    assert widest(sh("lvcli show 1", FZF_PREVIEW_COLUMNS="50").stdout) == 818


def test_the_readme_fzf_recipes_run_what_fzf_runs() -> None:
    """The commands the README hands to fzf, run as fzf runs them: a preview for the first field of a
    line of `list` or of a search, a reload for what is typed (a query that starts with "-" too)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count("--preview 'lvcli show {1} --color always'") == 2
    assert "--bind 'change:reload:lvcli search -- {q} 2>/dev/null || true'" in readme
    hits = sh("lvcli search -- 'adult response' 2>/dev/null || true").stdout.splitlines()
    assert hits[0].split("\t")[3].endswith("we will be expecting an adult response from them.")
    for query in ("", "-", "--json"):
        assert sh(f"lvcli search -- '{query}' 2>/dev/null || true").returncode == 0
    for line in (sh("lvcli list").stdout.splitlines()[0], hits[0]):
        number = line.split("\t")[0]
        preview = sh(f"lvcli show {number} --color always", FZF_PREVIEW_COLUMNS="40", FZF_PREVIEW_LINES="20")
        assert preview.returncode == 0 and widest(preview.stdout) == 40
