"""Hostile input: every row of the README's "Hostile input" table, as a user meets it.

Files that are not transcripts, transcripts laid out carelessly, arguments typed wrong, and text
that tries to drive the terminal. Each gets one clear message and exit 2, or reads exactly like the
clean file, or prints literally. The property tests at the end run briefly here; bench/fuzz_long.py
runs them with 10,000 examples each (LVCLI_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import json
import os
import pkgutil
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lvcli import source
from lvcli.cli import app
from lvcli.safe import json_safe, visible
from lvcli.source import decode
from lvcli.transcript import Transcript, TranscriptError, parse
from tests.conftest import sh

NOT_A_TRANSCRIPT = "is this a transcript in the ministry's format?"
EMPTY_QUERY = "lvcli: the query is empty; give some words of the sentence to look for\n"
SGR = re.compile(r"\x1b\[[0-9;]*m")  # the styling Rich itself writes, and nothing else


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def raw_controls(text: str) -> list[str]:
    """The characters in `text` that a terminal would obey: C0 but tab and newline, DEL, C1, bidi controls."""
    return [
        c
        for c in text
        if (unicodedata.category(c) == "Cc" and c not in "\t\n") or unicodedata.bidirectional(c) in BIDI_CONTROLS
    ]


BIDI_CONTROLS = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


# Files: one line on stderr naming the file and what is wrong, exit 2, nothing on stdout. The tests
# name files relative to their folder: a message shows at most 80 characters of a name.


def _cp1251(path: Path) -> None:
    path.write_bytes("Question: Как дела?\n\nSergey Lavrov: Хорошо.\n".encode("cp1251"))


FILE_ROWS = [
    # (what the file is, how to make it, the message after "lvcli: <path>: ")
    ("missing", lambda p: None, "no such file"),
    ("directory", lambda p: p.mkdir(), "is a directory, not a transcript file"),
    ("empty", lambda p: p.write_bytes(b""), "the file is empty"),
    ("blank lines only", lambda p: p.write_bytes(b"\xef\xbb\xbf \r\n\t\n\n"), "the file holds only blank lines"),
    ("binary", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary data, not a text transcript"),
    (
        "UTF-16",
        lambda p: p.write_bytes("Question: Why?\n".encode("utf-16")),
        "UTF-16 text, not UTF-8; convert it first, e.g. iconv -f UTF-16 -t UTF-8",
    ),
    (
        "Windows-1251",
        _cp1251,
        "not UTF-8 (invalid byte 0xca at offset 10); convert it first, e.g. iconv -f WINDOWS-1251 -t UTF-8",
    ),
    (
        "not UTF-8 after a byte-order mark",
        lambda p: p.write_bytes(b"\xef\xbb\xbfQuestion: caf\xe9?\n"),
        "not UTF-8 (invalid byte 0xe9 at offset 16); convert it first, e.g. iconv -f WINDOWS-1251 -t UTF-8",
    ),
    (
        "no Question: paragraph",
        lambda p: p.write_text("Good morning.\n\nSergey Lavrov: That is all.\n", encoding="utf-8"),
        f"no 'Question:' paragraph found; {NOT_A_TRANSCRIPT}",
    ),
    (
        "questions but no answer at all",
        lambda p: p.write_text("Question: One?\n\nQuestion: Two?\n", encoding="utf-8"),
        "no question is answered: no paragraph after a 'Question:' is labelled with a speaker "
        f"(like 'Sergey Lavrov:'); {NOT_A_TRANSCRIPT}",
    ),
]


@pytest.mark.parametrize(("what", "make", "message"), FILE_ROWS, ids=[row[0] for row in FILE_ROWS])
@pytest.mark.parametrize("command", [["list"], ["show", "1"], ["info"], ["search", "why"]])
def test_a_bad_file_is_one_line_on_stderr_and_exit_2(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    what: str,
    make: Callable[[Path], object],
    message: str,
    command: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    make(tmp_path / "briefing.txt")
    code, out, err = run(runner, *command, "--transcript", "briefing.txt")
    assert (code, out, err) == (2, "", f"lvcli: briefing.txt: {message}\n")


def test_a_bad_file_named_by_the_environment_gets_the_same_message(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(runner, "list", env={"LVCLI_TRANSCRIPT": "gone.txt"}) == (2, "", "lvcli: gone.txt: no such file\n")


def test_an_unreadable_file(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied, as a user who is not root meets it (root reads any file, so it is simulated),
    the same whether the option or the environment names the file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "locked.txt").write_text("Question: Why?\n\nSergey Lavrov: Because.\n", encoding="utf-8")
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    refused = (2, "", "lvcli: locked.txt: permission denied\n")
    assert run(runner, "list", "--transcript", "locked.txt") == refused
    assert run(runner, "list", env={"LVCLI_TRANSCRIPT": "locked.txt"}) == refused


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read a file with mode 000")
def test_an_unreadable_file_for_real(tmp_path: Path) -> None:
    """Through the option as through the environment: lvcli's own message, not the option parser's."""
    path = tmp_path / "locked.txt"
    path.write_text("Question: Why?\n\nSergey Lavrov: Because.\n", encoding="utf-8")
    path.chmod(0)
    name = os.path.relpath(path, tempfile.gettempdir())  # sh runs lvcli there
    refused = (2, "", f"lvcli: {name}: permission denied\n")
    result = sh(f"lvcli list --transcript {name}")
    assert (result.returncode, result.stdout, result.stderr) == refused
    result = sh("lvcli list", LVCLI_TRANSCRIPT=name)
    assert (result.returncode, result.stdout, result.stderr) == refused


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_a_file_that_opens_but_cannot_be_read() -> None:
    """/proc/self/mem opens for anyone, root included, and fails on read: the real 'cannot read' case."""
    result = sh("lvcli list --transcript /proc/self/mem")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "lvcli: /proc/self/mem: cannot read it (Input/output error)\n"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_at_once() -> None:
    """Devices are sniffed before they are read whole: /dev/zero is binary, not a wait forever."""
    result = sh("lvcli list --transcript /dev/zero")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "lvcli: /dev/zero: binary data, not a text transcript\n"


def test_a_broken_install_without_its_transcript_says_so(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> bytes:
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(source, "bundled_bytes", missing)
    assert run(runner, "list") == (
        2,
        "",
        "lvcli: the bundled transcript is missing from the installed package (No such file or directory); "
        "reinstall lvcli, or give a transcript with --transcript PATH\n",
    )


def test_a_loader_that_cannot_read_the_bundled_transcript_says_so(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pkgutil, "get_data", lambda package, resource: None)
    assert run(runner, "list") == (
        2,
        "",
        "lvcli: the bundled transcript is missing from the installed package (the package's loader cannot read it); "
        "reinstall lvcli, or give a transcript with --transcript PATH\n",
    )


def test_a_transcript_can_come_from_a_pipe(raw: str, tmp_path: Path) -> None:
    """A pipe is not a regular file: it is sniffed first, then read whole, like any other."""
    (tmp_path / "transcript.txt").write_text(raw, encoding="utf-8")
    result = sh(f"lvcli list --transcript /dev/stdin < {tmp_path / 'transcript.txt'}")
    assert result.returncode == 0 and result.stdout.startswith("0\t(opening remarks)\n1\tYou have already spoken")


def test_a_bad_file_through_the_installed_lvcli_has_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "bin.dat").write_bytes(bytes(range(256)))
    for name, message in (("bin.dat", "binary data, not a text transcript"), ("nope.txt", "no such file")):
        path = os.path.relpath(tmp_path / name, tempfile.gettempdir())  # sh runs lvcli there
        result = sh(f"lvcli show 1 --transcript {path}")
        assert (result.returncode, result.stdout, result.stderr) == (2, "", f"lvcli: {path}: {message}\n")


# Where the format cannot tell: what is tolerated.


def test_a_question_without_an_answer_is_kept_with_an_empty_answer(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "briefing.txt"
    path.write_text("Question: First?\n\nQuestion: Second?\n\nSergey Lavrov: Only the second.\n", encoding="utf-8")
    assert run(runner, "list", "--transcript", str(path)) == (0, "1\tFirst?\n2\tSecond?\n", "")
    code, out, _ = run(runner, "show", "1", "--json", "--transcript", str(path))
    record = json.loads(out)
    assert code == 0 and (record["question"], record["answer"], record["speaker"]) == ("First?", "", None)


def test_a_last_question_without_an_answer_is_kept() -> None:
    doc = parse("Question: One?\n\nSergey Lavrov: Yes.\n\nQuestion: And the last one?\n")
    assert doc.last_number == 2 and doc.exchange(2).answer == ()


def test_an_answer_without_a_question_adds_to_the_answer_before_it() -> None:
    doc = parse(
        "Sergey Lavrov: Good afternoon.\n\nQuestion: Why?\n\nSergey Lavrov: Because.\n\n"
        "Maria Zakharova (adds): And also this.\n"
    )
    assert doc.exchange(0).answer_text == "Good afternoon."
    assert doc.last_number == 1
    assert [(p.speaker, p.text) for p in doc.exchange(1).answer] == [
        ("Sergey Lavrov", "Because."),
        ("Maria Zakharova", "And also this."),
    ]


# Layout: CRLF, byte-order mark, trailing spaces, tabs and blank lines read exactly like the clean file.

LAYOUTS = {
    "CRLF": lambda t: t.replace("\n", "\r\n"),
    "old Mac CR": lambda t: t.replace("\n", "\r"),
    "byte-order mark": lambda t: "\ufeff" + t,
    "trailing spaces and tabs": lambda t: t.replace("\n", "  \t \n"),
    "tab-indented lines": lambda t: re.sub(r"\n(?=\S)", "\n\t", t),
    "several blank lines": lambda t: re.sub(r"\n\n+", "\n\n\n\n\n", t),
    "blank lines of spaces": lambda t: re.sub(r"\n\n+", "\n \t \n   \n", t),
    "all at once": lambda t: "\ufeff" + re.sub(r"\n\n+", "\n\t\n \n\n", t).replace("\n", " \t\r\n"),
}


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
def test_a_careless_layout_reads_exactly_like_the_clean_file(raw: str, doc: Transcript, layout: str) -> None:
    text = LAYOUTS[layout](raw)
    assert parse(text) == doc
    assert parse(decode(text.encode("utf-8"), "copy")) == doc


def test_a_careless_copy_prints_exactly_like_the_clean_file(runner: CliRunner, raw: str, tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(LAYOUTS["all at once"](raw).encode("utf-8"))
    for command in (["show", "0-29", "--json"], ["list"], ["info", "--json"], ["search", "security guarantees"]):
        assert run(runner, *command, "--transcript", str(path)) == run(runner, *command)


# Other speakers and other briefings in the ministry's format.

BRIEFING = """Министерство иностранных дел
Российской Федерации

02.03.2022 15:10

№ 7-02-03-2022

Briefing by Foreign Ministry Spokeswoman Maria Zakharova, Moscow, March 2, 2022



Good afternoon. I will start with the schedule.

Question: What about the talks?

Maria Zakharova: They continue [as planned].

Question: And the sanctions?

Maria Zakharova: We will answer.

Sergey Lavrov (adds): Let me add a word.

https://mid.ru/en/foreign_policy/news/1/
"""


def test_another_speaker_answers_and_json_says_who(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "zakharova.txt"
    path.write_text(BRIEFING, encoding="utf-8")
    code, out, _ = run(runner, "show", "2", "--json", "--transcript", str(path))
    record = json.loads(out)
    assert code == 0 and record["speaker"] == "Maria Zakharova"
    assert [(p["speaker"], p["text"]) for p in record["paragraphs"]] == [
        ("Question", "And the sanctions?"),
        ("Maria Zakharova", "We will answer."),
        ("Sergey Lavrov", "Let me add a word."),
    ]
    assert json.loads(run(runner, "show", "0", "--json", "--transcript", str(path))[1])["speaker"] == "Maria Zakharova"
    assert run(runner, "show", "1", "--transcript", str(path)) == (
        0,
        "Question: What about the talks?\n\nMaria Zakharova: They continue [as planned].\n",
        "",
    )
    info = json.loads(run(runner, "info", "--json", "--transcript", str(path))[1])
    assert (info["speaker"], info["date"], info["place"], info["exchanges"]) == (
        "Maria Zakharova",
        "2022-03-02",
        "Moscow",
        2,
    )


# A very large transcript: read once, and no quadratic step (the timing lives in bench/parse_scale.py).


def test_a_long_run_of_cut_sentences_is_mended_into_one_paragraph() -> None:
    """The shape that used to be quadratic: every paragraph is the rest of the sentence before it."""
    pieces = [f"word{i} and" for i in range(20_000)]
    doc = parse("Question: Why?\n\nSergey Lavrov: " + "\n\n".join(pieces) + "\n")
    assert doc.exchange(1).answer_text == " ".join(pieces)
    assert doc.mended_breaks == len(pieces) - 1


def test_a_large_file_is_read_once(tmp_path: Path, raw: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    body = raw[raw.index("Question:") : raw.rindex("https://")]
    path.write_text(raw[: raw.index("Question:")] + body * 40, encoding="utf-8")  # about 4 MB
    reads: list[int] = []
    real_read_bytes = source.read_bytes

    def counted(p: Path) -> bytes:
        data = real_read_bytes(p)
        reads.append(len(data))
        return data

    monkeypatch.setattr(source, "read_bytes", counted)
    doc = source.load(path)
    assert reads == [path.stat().st_size]
    assert doc.last_number == 29 * 40


# Arguments: a message that says what would work, exit 2, nothing on stdout.

SHOW_ROWS = [
    ("1.5", "'1.5' is not an exchange number; give whole numbers like 12, or a range like 3-5"),
    ("abc", "'abc' is not an exchange number; give whole numbers like 12, or a range like 3-5"),
    ("-3", "there is no exchange -3; this transcript has 0-29 (0 is the opening remarks)"),
    (
        "99999999999999999999",
        "there is no exchange 99999999999999999999; this transcript has 0-29 (0 is the opening remarks)",
    ),
    ("5-3", "the range 5-3 runs backwards; did you mean 3-5?"),
    ("5..3", "the range 5..3 runs backwards; did you mean 3-5?"),
    ("0-99", "there is no exchange 99; this transcript has 0-29 (0 is the opening remarks)"),
    ("3--5", "'3--5' is not an exchange number; give whole numbers like 12, or a range like 3-5"),
    ("1_000", "'1_000' is not an exchange number; give whole numbers like 12, or a range like 3-5"),
    ("+3", "'+3' is not an exchange number; give whole numbers like 12, or a range like 3-5"),
    ("٣", "'٣' is not an exchange number; give whole numbers like 12, or a range like 3-5"),
    ("", "'' is not an exchange number; give whole numbers like 12, or a range like 3-5"),
    ("--jsn", "no such option: --jsn\ndid you mean --json?"),
    ("--colour=never", "no such option: --colour\ndid you mean --color?"),
    ("--lmit", "no such option: --lmit\ntry 'lvcli show --help'"),  # show has no --limit: not --cite either
    ("--zzz", "no such option: --zzz\ntry 'lvcli show --help'"),
]


@pytest.mark.parametrize(("argument", "message"), SHOW_ROWS, ids=[row[0] or "empty" for row in SHOW_ROWS])
def test_show_with_a_bad_number(runner: CliRunner, argument: str, message: str) -> None:
    assert run(runner, "show", "2", argument) == (2, "", f"lvcli: {message}\n")


def test_show_says_which_number_is_bad_even_after_a_good_one(runner: CliRunner) -> None:
    """Nothing is printed for the good numbers: no partial output before the error."""
    assert run(runner, "show", "1", "2", "40") == (
        2,
        "",
        "lvcli: there is no exchange 40; this transcript has 0-29 (0 is the opening remarks)\n",
    )


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "?!...", "— – …", "[/]", "«»"])
def test_search_without_a_word_to_look_for(runner: CliRunner, query: str) -> None:
    assert run(runner, "search", "--", query) == (2, "", EMPTY_QUERY)


def test_search_with_a_10000_character_query(runner: CliRunner) -> None:
    query = ("security guarantees " * 500)[:10_000]
    code, out, err = run(runner, "search", query, "--limit", "1")
    assert (code, err) == (0, "")
    assert out == "29\tquestion\t90\tWhen was the demand of security guarantees formulated?\n"


def test_a_long_query_that_finds_nothing_is_not_echoed_whole(runner: CliRunner) -> None:
    code, out, err = run(runner, "search", "zqxj " * 2000)
    assert (code, out) == (1, "")
    assert (
        err
        == "lvcli: no sentence matches 'zqxj zqxj zqxj zqxj zqxj zqxj zqxj zqxj zqxj zqxj zqxj…' with a score of 25 or more\n"
    )


def test_a_min_score_that_is_not_a_number_is_refused(runner: CliRunner) -> None:
    assert run(runner, "search", "nato", "--min-score", "nan") == (
        2,
        "",
        "lvcli: --min-score takes a number from 0 to 100\n",
    )


HOSTILE_QUERIES = [
    "Министерство",
    "Лавров",
    "🙂",
    "guarantees 🙂",
    "[bold]security[/bold] guarantees",
    ":warning: guarantees",
    "\x1b[2J\x1b]0;pwned\x07 guarantees",
    "\u202eguarantees",
    "-security guarantees",
    "\x00\x7f\x85",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_search_with_a_hostile_query_answers_0_or_1_or_says_it_is_empty(runner: CliRunner, query: str) -> None:
    code, out, err = run(runner, "search", "--", query)
    assert code in (0, 1) or (code, out, err) == (2, "", EMPTY_QUERY), err
    assert raw_controls(out + err) == []
    if code == 1:
        assert out == "" and err.startswith("lvcli: no sentence matches") and len(err.splitlines()) == 1
    elif code == 0:
        assert err == "" and out


def test_bytes_that_are_not_utf8_in_a_query_are_no_traceback() -> None:
    for query in (r"$'\xff\xfe security'", r"$'zz\xff'"):
        result = sh(f"lvcli search {query}")
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr
    # a query of nothing but a broken byte (read as U+FFFD, a symbol) has no word to look for
    result = sh(r"lvcli search $'\xc3'")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "lvcli: the query is empty; give some words of the sentence to look for\n"


def test_a_file_name_cannot_drive_the_terminal(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(runner, "list", "--transcript", "\x1b[2J\x1b]0;pwned\x07.txt")
    assert (code, out) == (2, "")
    assert err == "lvcli: \\x1b[2J\\x1b]0;pwned\\x07.txt: no such file\n"


def test_a_bad_number_cannot_drive_the_terminal(runner: CliRunner) -> None:
    assert run(runner, "show", "\x1b[2J\u202e") == (
        2,
        "",
        "lvcli: '\\x1b[2J\\u202e' is not an exchange number; give whole numbers like 12, or a range like 3-5\n",
    )


def test_a_hostile_query_in_the_no_match_message_is_escaped(runner: CliRunner) -> None:
    code, out, err = run(runner, "search", "\x1b[2Jzqxj\u202e")
    assert (code, out) == (1, "")
    assert "\x1b" not in err and "\u202e" not in err
    assert "\\x1b[2Jzqxj\\u202e" in err


USAGE_ROWS = [
    (["shw", "3"], "lvcli: no such command 'shw'\ndid you mean 'show'?\n"),
    (["serch", "nato"], "lvcli: no such command 'serch'\ndid you mean 'search'?\n"),
    (["lst"], "lvcli: no such command 'lst'\ndid you mean 'list'?\n"),
    (["find", "nato"], "lvcli: no such command 'find'\ntry 'lvcli --help' for the commands\n"),
    (["--bogus"], "lvcli: no such option: --bogus\ntry 'lvcli --help'\n"),
    (["list", "--jsn"], "lvcli: no such option: --jsn\ndid you mean --json?\n"),
    (["search", "nato", "--lmit", "3"], "lvcli: no such option: --lmit\ndid you mean --limit?\n"),
    (["search", "nato", "--min", "3"], "lvcli: no such option: --min\ndid you mean --min-score?\n"),
    (["search", "nato", "-N", "3"], "lvcli: no such option: -N\ndid you mean -n?\n"),
    (["list", "extra"], "lvcli: unexpected argument 'extra'\ntry 'lvcli list --help'\n"),
    (
        ["search", "security", "guarantees"],
        "lvcli: unexpected argument 'guarantees'\nquote words that go together: lvcli search 'security guarantees'\n",
    ),
    (
        ["search", "-free"],
        "lvcli: no such option: -free\nif it is not meant as an option, put -- before it: lvcli search -- -free\n",
    ),
    (["search", "nato", "--limit"], "lvcli: option '--limit' requires an argument\ntry 'lvcli search --help'\n"),
    (["list", "--json=yes"], "lvcli: option '--json' does not take a value\ntry 'lvcli list --help'\n"),
    (["list", "--color", "purple"], "lvcli: --color takes auto, always or never\n"),
    (["search", "nato", "--in", "speaker"], "lvcli: --in takes opening, question or answer\n"),
    (["search", "nato", "--limit", "0"], "lvcli: --limit takes a whole number of 1 or more\n"),
    (["search", "nato", "--limit", "-5"], "lvcli: --limit takes a whole number of 1 or more\n"),
    (["search", "nato", "--limit", "many"], "lvcli: --limit takes a whole number of 1 or more\n"),
    (["search", "nato", "-C", "-1"], "lvcli: --context takes a whole number of 0 or more\n"),
    (["search", "nato", "--min-score", "inf"], "lvcli: --min-score takes a number from 0 to 100\n"),
    (["search", "nato", "--min-score", "-1"], "lvcli: --min-score takes a number from 0 to 100\n"),
    (["topics", "--limit", "0"], "lvcli: --limit takes a whole number of 1 or more\n"),
    (["list", "--transcript", ""], "lvcli: --transcript: the file name is empty\n"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ROWS, ids=[" ".join(row[0]) for row in USAGE_ROWS])
def test_a_usage_error_says_what_is_wrong_and_what_would_work(runner: CliRunner, args: list[str], message: str) -> None:
    """lvcli's voice, not the option parser's: `lvcli: <what is wrong>`, at most one hint line, exit 2."""
    assert run(runner, *args) == (2, "", message)


@pytest.mark.parametrize("command", [["search"], ["show"]])
def test_a_missing_argument_names_it(runner: CliRunner, command: list[str]) -> None:
    code, out, err = run(runner, *command)
    assert (code, out) == (2, "")
    missing, hint = err.splitlines()
    assert re.fullmatch(r"lvcli: missing argument [A-Z.]+", missing), missing
    assert hint == f"try 'lvcli {command[0]} --help'"


@pytest.mark.parametrize(
    ("args", "echo"),
    [
        (["\x1b[2Jx"], "'\\x1b[2Jx'"),
        (["list", "--\x1b[2J"], "--\\x1b[2J"),
        (["topics", "\x1b[2J"], "'\\x1b[2J'"),
        (["show", "1", "--\x1b]0;t\x07\u202e"], "--\\x1b]0;t\\x07\\u202e"),
    ],
)
def test_a_usage_error_cannot_drive_the_terminal(runner: CliRunner, args: list[str], echo: str) -> None:
    code, out, err = run(runner, *args)
    assert code in (1, 2) and out == ""
    assert raw_controls(err) == [] and echo in err


def test_a_usage_error_from_the_installed_lvcli_goes_to_stderr() -> None:
    result = sh("lvcli shw 3")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "lvcli: no such command 'shw'\ndid you mean 'show'?\n"


# What reaches the terminal: control characters shown as escapes, markup and emoji codes literal.

HOSTILE_TEXT = (
    "Hostile briefing \x1b]0;pwned\x07, Moscow, January 14, 2022\n\n\n"
    "Question: Red \x1b[31mALERT\x1b[0m, clear \x1b[2J\x1b[H, bell \x07, C1 \x9b31m, DEL \x7f, "
    "bidi \u202etxet desrever\u202c [bold]not bold[/] [/] :warning: tab\there.\n\n"
    "Maria Zakharova: I answer [red]this[/red] :smile: \u2066isolated\u2069 \x01soh \x1b[?1049h security.\n"
    "A second line \x1b[1A\x1b[K up.\n\n"
    "Question: Где Лавров? 🙂\n\n"
    "Sergey Lavrov: Здесь. 🙂 Security guarantees [bold]matter[/bold].\n"
)
QUESTION_SHOWN = (
    r"Red \x1b[31mALERT\x1b[0m, clear \x1b[2J\x1b[H, bell \x07, C1 \x9b31m, DEL \x7f, "
    r"bidi \u202etxet desrever\u202c [bold]not bold[/] [/] :warning: tab" + "\there."
)
ANSWER_SHOWN = (
    r"I answer [red]this[/red] :smile: \u2066isolated\u2069 \x01soh \x1b[?1049h security." + "\n"
    r"A second line \x1b[1A\x1b[K up."
)


def transcript_file(folder: Path, name: str, text: str) -> str:
    """A transcript written to `folder`, its path as --transcript takes it."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def hostile(tmp_path: Path) -> str:
    return transcript_file(tmp_path, "hostile.txt", HOSTILE_TEXT)


def test_piped_show_shows_control_characters_as_escapes(runner: CliRunner, hostile: str) -> None:
    code, out, err = run(runner, "show", "1", "--transcript", hostile)
    assert (code, err) == (0, "")
    assert out == f"Question: {QUESTION_SHOWN}\n\nMaria Zakharova: {ANSWER_SHOWN}\n"


def test_piped_list_and_info_show_control_characters_as_escapes(runner: CliRunner, hostile: str) -> None:
    code, out, _ = run(runner, "list", "--transcript", hostile)
    assert code == 0 and out == f"1\t{QUESTION_SHOWN.replace(chr(9), ' ')}\n2\tГде Лавров? 🙂\n"
    code, out, _ = run(runner, "info", "--transcript", hostile)
    assert code == 0 and out.startswith("title\tHostile briefing \\x1b]0;pwned\\x07, Moscow, January 14, 2022\n")
    assert raw_controls(out) == []


@pytest.mark.parametrize(
    "command", [["show", "1-2"], ["show", "1", "--cite"], ["list"], ["info"], ["search", "security"]]
)
def test_json_escapes_every_control_character_and_keeps_the_text(
    runner: CliRunner, hostile: str, command: list[str]
) -> None:
    code, out, _ = run(runner, *command, "--json", "--transcript", hostile)
    assert code == 0
    assert raw_controls(out.replace("\n", "")) == [] and "\t" not in out
    assert "\\u001b[31mALERT" in out or command[0] in ("info", "search")
    json.loads(out)  # still JSON


def test_json_gives_back_the_exact_text(runner: CliRunner, hostile: str) -> None:
    record = json.loads(run(runner, "show", "1", "--json", "--transcript", hostile)[1])
    doc = parse(HOSTILE_TEXT)
    assert record["question"] == doc.exchange(1).question_text
    assert record["answer"] == doc.exchange(1).answer_text
    assert "\x1b[2J" in record["question"] and "\u202e" in record["question"] and "\t" in record["question"]


@pytest.mark.parametrize(
    "command",
    [
        ["show", "1-2"],
        ["show", "1", "--cite"],
        ["list"],
        ["info"],
        ["search", "security"],
        ["search", "[bold]not bold[/]"],
    ],
)
def test_forced_colour_styles_but_obeys_nothing(runner: CliRunner, hostile: str, command: list[str]) -> None:
    code, out, _ = run(runner, *command, "--color", "always", "--transcript", hostile)
    assert code == 0
    plain = SGR.sub("", out)
    assert raw_controls(plain) == []
    if command[0] != "info":
        assert SGR.search(out), "expected styling"


@pytest.mark.parametrize(
    "command", ["show 1-2", "show 1 --cite", "list", "info", "search security", "search 'not bold'"]
)
def test_a_real_terminal_is_never_driven_by_the_transcript(hostile: str, command: str) -> None:
    result = sh(f"lvcli {command} --transcript {hostile}", tty=True, cols=200)
    assert result.returncode == 0, result.stdout
    screen = SGR.sub("", result.stdout)
    assert raw_controls(screen.replace("\r", "")) == []
    if command == "show 1-2":
        assert "\\x1b[31mALERT\\x1b[0m" in screen and "\\u202etxet desrever\\u202c" in screen
        assert "[bold]not bold[/] [/] :warning:" in screen and "[red]this[/red] :smile:" in screen
        assert "Здесь. 🙂" in screen


@pytest.mark.parametrize("printer", [[], ["--json"], ["--color", "always"]])
def test_markup_and_emoji_codes_in_search_hits_print_literally(
    runner: CliRunner, hostile: str, printer: list[str]
) -> None:
    code, out, _ = run(runner, "search", "guarantees matter", *printer, "--transcript", hostile)
    assert code == 0
    assert "[bold]matter[/bold]" in SGR.sub("", out)
    code, out, _ = run(runner, "search", "[red]this[/red] :smile:", *printer, "--transcript", hostile)
    assert code == 0
    assert "[red]this[/red] :smile:" in SGR.sub("", out) or "[red]this[/red] :smile:" in out.replace('\\"', '"')


@pytest.mark.parametrize(("query", "exchange"), [("Лавров", "2\tquestion"), ("здесь", "2\tanswer")])
def test_cyrillic_queries_find_cyrillic_text(runner: CliRunner, hostile: str, query: str, exchange: str) -> None:
    code, out, err = run(runner, "search", query, "--transcript", hostile)
    assert (code, err) == (0, "") and out.startswith(exchange)


TOPICS_TEXT = (
    "Question: What about NATO \x1b[31mexpansion\x1b[0m and [bold]security[/bold] guarantees?\n\n"
    "Sergey Lavrov: NATO \x1b]0;pwned\x07 keeps expanding :warning: toward our borders \u202ereversed\u202c. "
    "Security guarantees matter [red]now[/red].\n\n"
    "Question: Will NATO listen to the security guarantees \x9b2J proposal?\n\n"
    "Sergey Lavrov: NATO must listen. Security guarantees are \x7f needed :smile:.\n\n"
    "Question: And Kazakhstan \x1b[2J?\n\n"
    "Sergey Lavrov: Kazakhstan asked for help. NATO was not involved. [Security guarantees] again.\n"
)


@pytest.fixture
def hostile_topics(tmp_path: Path) -> str:
    return transcript_file(tmp_path, "topics.txt", TOPICS_TEXT)


def test_topic_quotes_piped_show_escapes_and_literal_markup(runner: CliRunner, hostile_topics: str) -> None:
    code, out, err = run(runner, "topics", "nato", "--transcript", hostile_topics)
    assert (code, err) == (0, "")
    assert "1\tquestion\tWhat about NATO \\x1b[31mexpansion\\x1b[0m and [bold]security[/bold] guarantees?\n" in out
    assert "NATO \\x1b]0;pwned\\x07 keeps expanding :warning: toward our borders \\u202ereversed\\u202c." in out
    assert raw_controls(out) == []


@pytest.mark.parametrize(
    "command", [["topics"], ["topics", "nato"], ["topics", "--map"], ["topics", "security guarantees"]]
)
@pytest.mark.parametrize("printer", [[], ["--json"], ["--color", "always"]])
def test_topics_obey_nothing_in_any_printer(
    runner: CliRunner, hostile_topics: str, command: list[str], printer: list[str]
) -> None:
    code, out, _ = run(runner, *command, *printer, "--transcript", hostile_topics)
    assert code == 0 and out
    assert raw_controls(SGR.sub("", out).replace("\n", "")) == []
    if printer == ["--json"]:
        json.loads(out)


@pytest.mark.parametrize("command", ["topics", "topics nato", "topics --map"])
def test_topics_on_a_real_terminal_obey_nothing(hostile_topics: str, command: str) -> None:
    result = sh(f"lvcli {command} --transcript {hostile_topics}", tty=True, cols=160)
    assert result.returncode == 0, result.stdout
    screen = SGR.sub("", result.stdout)
    assert raw_controls(screen.replace("\r", "")) == []
    if command == "topics nato":
        assert "[bold]security[/bold]" in screen and "\\x1b]0;pwned\\x07" in screen and ":warning:" in screen


@pytest.mark.parametrize("name", ["[bold]", ":warning:", "\x1b[2J\x1b]0;t\x07", "\u202eotan", "z" * 10_000])
def test_topics_with_a_hostile_name(runner: CliRunner, name: str) -> None:
    code, out, err = run(runner, "topics", "--", name)
    assert code in (0, 1) and raw_controls(out + err) == []
    if code == 1:
        assert out == "" and len(err.splitlines()) == 1


def test_topics_with_an_empty_name(runner: CliRunner) -> None:
    assert run(runner, "topics", "") == (
        2,
        "",
        "lvcli: the topic name is empty; give one, or run 'lvcli topics' for the list\n",
    )


def test_text_safety_keeps_tabs_and_newlines_and_escapes_the_rest() -> None:
    assert visible("a\tb\nc") == "a\tb\nc"
    assert visible("\x1b[2J\x00\x7f\x85\x9b\u202e\u2066") == r"\x1b[2J\x00\x7f\x85\x9b\u202e\u2066"


# Property tests: short here, 10,000 examples each in bench/fuzz_long.py.

FUZZ = settings(
    max_examples=int(os.environ.get("LVCLI_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)

_LABEL_AT_START = re.compile(
    r"(?:Question|[A-Z\u0400-\u042f][\w.'\u2019-]*(?: [A-Z\u0400-\u042f][\w.'\u2019-]*){1,3})"
    r"(?: ?\([^()\n]{1,60}\))?:(?:[ \t]+|(?=\n)|$)"
)

_SECTION_BREAK = re.compile(r"\*(?:[ \t]*\*){2,}")


def _non_space(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace())


def _model_text(doc: Transcript) -> str:
    pieces = [doc.letterhead, doc.timestamp, doc.document_number, doc.title, doc.url, *doc.page_lines]
    pieces += [p.text for e in doc.exchanges for p in (*e.question, *e.answer)]
    return "\n".join(piece for piece in pieces if piece)


def assert_nothing_lost(text: str, doc: Transcript) -> None:
    """Every character of the file but white space, speaker labels and section breaks (`* * *`) is in the model,
    once; nothing is added."""
    if text.startswith("\ufeff"):
        text = text[1:]
    given_chars = _non_space(text)
    kept = _non_space(_model_text(doc))
    assert not kept - given_chars, f"invented: {kept - given_chars}"
    # A label can only open a paragraph: the first line after a blank one (any white space) or the file's start.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    labels = Counter[str]()
    for index, line in enumerate(lines):
        opens = line.strip() and (index == 0 or not lines[index - 1].strip())
        if opens and (m := _LABEL_AT_START.match(line.strip(" \t"))):
            labels += _non_space(m.group())
        if _SECTION_BREAK.fullmatch(line.strip()):
            labels += _non_space(line)
    lost = given_chars - kept
    assert not lost - labels, f"lost: {lost - labels}"


WORDS = st.sampled_from(
    [
        "security",
        "guarantees",
        "it.",
        "assessing",
        "multi-",
        "religious",
        "Mr.",
        "U.S.",
        "…",
        "“quoted”",
        "[bold]",
        "[/]",
        ":warning:",
        "\x1b[31m",
        "\x1b]0;title\x07",
        "\u202e",
        "\x85",
        "\x7f",
        "\t",
        "\x0c",
        "\u2028",
        "Лавров",
        "🙂",
        "https://mid.ru/en/1/",
        "14.01.2022 16:03",
        "№ 30-14-01-2022",
        "Министерство иностранных дел",
        "Moscow, January 14, 2022",
        "Note:",
        "(adds)",
    ]
)
PIECE = st.one_of(st.lists(WORDS, min_size=1, max_size=8).map(" ".join), st.text(min_size=1, max_size=30))
LABELS = st.sampled_from(
    ["", "", "Question: ", "Question:", "Sergey Lavrov: ", "Maria Zakharova (adds): ", "Maria Zakharova:\n"]
)
SEPARATORS = st.sampled_from(["\n\n", "\n\n", "\r\n\r\n", "\n \t\n", "\n\n\n\n", "\r\r", "\n", "\n\u3000\n"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Text shaped like a briefing (labels, blank lines, headers) with anything at all in between."""
    parts = draw(st.lists(st.tuples(LABELS, PIECE, SEPARATORS), min_size=1, max_size=25))
    text = "".join(label + piece + sep for label, piece, sep in parts)
    return draw(st.sampled_from(["", "\ufeff"])) + text


def _parse_or_refuse(text: str) -> Transcript | None:
    try:
        return parse(text)
    except TranscriptError as exc:
        message = str(exc)
        assert message and "\n" not in message
        return None


@FUZZ
@given(st.text())
def test_any_text_parses_with_nothing_lost_or_is_refused_in_one_line(text: str) -> None:
    doc = _parse_or_refuse(text)
    if doc is not None:
        assert_nothing_lost(text, doc)


@FUZZ
@given(documents())
@example("\x0c\nQuestion: security\n\nSergey Lavrov: 0\n\n")  # a form feed makes a blank line too
def test_any_briefing_shaped_text_parses_with_nothing_lost_or_is_refused(text: str) -> None:
    doc = _parse_or_refuse(text)
    if doc is not None:
        assert_nothing_lost(text, doc)
        assert doc.last_number == len(doc.exchanges) - 1


@FUZZ
@given(st.binary(max_size=300) | documents().map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_decode_and_parse_or_give_one_clear_error(data: bytes) -> None:
    try:
        doc = parse(decode(data, "f.txt"))
    except TranscriptError as exc:
        assert str(exc).startswith("f.txt: ") or "Question:" in str(exc)
        assert "\n" not in str(exc)
    else:
        assert doc.exchanges


@FUZZ
@given(documents().filter(lambda t: "\r" not in t), st.sampled_from(["CRLF", "trailing", "indent", "bom"]))
def test_layout_never_changes_what_is_read(text: str, layout: str) -> None:
    changed = {
        "CRLF": text.replace("\n", "\r\n"),
        "trailing": text.replace("\n", " \t\n"),
        "indent": text.replace("\n", "\n \t"),
        "bom": text if text.startswith("\ufeff") else "\ufeff" + text,
    }[layout]
    try:
        doc = parse(text)
    except TranscriptError as exc:
        with pytest.raises(TranscriptError, match=re.escape(str(exc))):
            parse(changed)
    else:
        assert parse(changed) == doc


@FUZZ
@given(st.text())
def test_visible_and_json_safe_leave_no_raw_control(text: str) -> None:
    assert raw_controls(visible(text).replace("\t", "").replace("\n", "")) == []
    encoded = json_safe(json.dumps({"text": text}, ensure_ascii=False))
    assert raw_controls(encoded) == [] and json.loads(encoded) == {"text": text}


def test_every_character_a_terminal_would_obey_is_escaped() -> None:
    obeyed = [c for c in map(chr, range(0x110000)) if raw_controls(c)]
    assert len(obeyed) > 60
    assert [c for c in obeyed if not visible(c).isascii() or not visible(c).isprintable()] == []
    assert [c for c in obeyed if not json_safe(c).startswith("\\u")] == []


_runner = CliRunner()


# Bytes typed on a command line that are not UTF-8 reach Python as lone surrogates (os.fsdecode).
ARGV_BYTES = st.binary(max_size=60).map(lambda b: b.decode("utf-8", "surrogateescape"))


@FUZZ
@given(st.text(max_size=200) | st.lists(WORDS, max_size=6).map(" ".join) | ARGV_BYTES)
def test_any_query_answers_0_or_1_or_says_it_is_empty(query: str) -> None:
    result = _runner.invoke(app, ["search", "--", query])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 2:
        assert (result.stdout, result.stderr) == ("", EMPTY_QUERY)
    else:
        assert result.exit_code in (0, 1), result.stderr
        assert raw_controls(result.stdout + result.stderr) == []
        assert (result.exit_code == 0) == bool(result.stdout)
