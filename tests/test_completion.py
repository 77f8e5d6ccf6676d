"""Shell completion as the shells ask for it: the installed `lvcli` run with Typer's completion variables.

bash sets COMP_WORDS/COMP_CWORD and shows values only; zsh and fish pass the command line in
_TYPER_COMPLETE_ARGS and show a description beside each value.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lvcli.complete import bash_word, describe, exchange_numbers, no_markup, topic_names, typographic_quotes
from lvcli.transcript import Transcript
from tests.conftest import clean_env, lvcli_executable


def complete(shell: str, line: str, **env: str) -> subprocess.CompletedProcess[str]:
    """What `lvcli` answers when `shell` asks it to complete `line` (the cursor at its end)."""
    variables = {"_LVCLI_COMPLETE": f"complete_{shell}", **env}
    if shell == "bash":
        words = line.split(" ")
        variables |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    else:
        variables["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            variables["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    return subprocess.run(
        [lvcli_executable()], capture_output=True, text=True, env=clean_env(**variables), timeout=60, check=False
    )


def zsh_items(output: str) -> dict[str, str]:
    """The value -> description pairs of Typer's zsh answer: _arguments '*: :(("12":"Recently…" ...))'."""
    return dict(re.findall(r'"((?:[^"]|"")*)":"((?:[^"]|"")*)"', output))


def test_bash_completes_exchange_numbers_without_descriptions() -> None:
    result = complete("bash", "lvcli show 1")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.splitlines() == ["1", *(str(n) for n in range(10, 20))]


def test_zsh_offers_every_number_with_the_start_of_its_question(doc: Transcript) -> None:
    items = zsh_items(complete("zsh", "lvcli show ").stdout)
    assert list(items) == [str(n) for n in range(doc.last_number + 1)]
    assert items["0"] == "Opening remarks"
    assert items["12"] == "Recently there were clashes at the Armenian-Azerbaijani…"
    assert items["2"] == "Is Russia considering an opportunity to expand its…"
    # quotes survive zsh's quoting as typographic ones (Typer's escaping drops straight ones)
    assert items["3"] == "The issues of Ukraine’s “non-admission” to NATO and NATO’s…"


def test_zsh_completes_what_has_been_typed() -> None:
    assert list(zsh_items(complete("zsh", "lvcli show 2").stdout)) == ["2", *(str(n) for n in range(20, 30))]
    # after a first number, the next one is offered too (show takes several)
    assert "29" in zsh_items(complete("zsh", "lvcli show 12 2").stdout)


def test_fish_shows_value_tab_description() -> None:
    lines = complete("fish", "lvcli show 8").stdout.splitlines()
    assert lines == ["8\tI represent the Mir Interstate Television and Radio…"]


def test_commands_and_option_values_complete() -> None:
    commands = zsh_items(complete("zsh", "lvcli ").stdout)
    assert {"list", "show", "info"} <= set(commands)
    assert commands["show"] == "Show a question and its answer, whole."
    assert complete("bash", "lvcli show 12 --color ").stdout.splitlines() == ["auto", "always", "never"]


def test_options_before_the_command_complete_too(tmp_path: Path) -> None:
    assert complete("bash", "lvcli --color ").stdout.splitlines() == ["auto", "always", "never"]
    assert {"--json", "--color", "--cite", "--no-pager", "--transcript"} <= set(
        complete("bash", "lvcli --").stdout.split()
    )
    assert "search" in complete("bash", "lvcli --json ").stdout.split()
    assert complete("bash", "lvcli --json show 2").stdout.splitlines() == ["2", *(str(n) for n in range(20, 30))]
    # a transcript named before the command is the one whose numbers complete
    other = tmp_path / "briefing.txt"
    other.write_text("Question: Is it raining?\n\nMaria Zakharova: It is.\n", encoding="utf-8")
    assert zsh_items(complete("zsh", f"lvcli --transcript {other} show ").stdout) == {"1": "Is it raining?"}


def test_help_completes_the_commands() -> None:
    assert complete("bash", "lvcli help s").stdout.splitlines() == ["show", "search"]
    items = zsh_items(complete("zsh", "lvcli help ").stdout)
    assert list(items) == ["list", "show", "info", "search", "topics", "browse", "help"]
    assert items["search"] == "Find the sentence you remember, best match..."
    assert items["info"].startswith("Show the transcript’s title")  # a quote zsh would drop


def test_search_in_offers_its_three_choices() -> None:
    assert complete("bash", "lvcli search kremlin --in ").stdout.splitlines() == ["opening", "question", "answer"]
    assert complete("bash", "lvcli search kremlin --in q").stdout.splitlines() == ["question"]


def test_topics_complete_by_name_with_their_mentions() -> None:
    items = zsh_items(complete("zsh", "lvcli topics NATO").stdout)
    assert next(iter(items)) == "NATO" and "NATO members" in items
    assert re.fullmatch(r"\d+ mentions in \d+ exchanges", items["NATO"])
    # bash puts a value on the line as it is: a name of two words comes escaped, to stay one argument
    assert complete("bash", "lvcli topics Unite").stdout.splitlines() == ["United\\ States"]
    assert "NATO\\ members" in complete("bash", "lvcli topics NAT").stdout.splitlines()


def test_completion_reads_the_transcript_named_on_the_line(tmp_path: Path) -> None:
    other = tmp_path / "briefing.txt"
    other.write_text(
        "Briefing, Geneva, 3 March 2023\n\n\nGood morning.\n\n"
        "Question: What about [our requirements] at 5:30, $HOME and `ls`?\n\nSergey Lavrov: Nothing.\n",
        encoding="utf-8",
    )
    output = complete("zsh", f"lvcli show --transcript {other} ").stdout
    # zsh reads \$, \` and \\: back as $, ` and :; the brackets are not eaten as markup
    assert '"1":"What about [our requirements] at 5\\\\:30, \\$HOME and \\`ls\\`?"' in output
    assert list(zsh_items(output)) == ["0", "1"]
    # an unreadable transcript completes nothing, quietly
    result = complete("zsh", f"lvcli show --transcript {tmp_path / 'missing.txt'} ")
    assert result.returncode == 0 and result.stderr == "" and result.stdout.strip() == "_files"


def test_real_bash_completes_through_the_script_lvcli_prints() -> None:
    """bash itself: source what --show-completion prints, then ask its function as <TAB> would."""
    script = f"""
        lvcli={lvcli_executable()}  # bash passes the command as typed; here, the installed one
        source <("$lvcli" --show-completion)
        complete -p lvcli
        ask() {{ COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _lvcli_completion "$lvcli"; printf '%s|' "${{COMPREPLY[@]}}"; echo; }}
        ask lvcli sh
        ask lvcli show 2
        ask lvcli topics Unite
    """
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=60,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "complete -o default -F _lvcli_completion lvcli"
    assert lines[1] == "show|"
    assert lines[2] == "|".join(["2", *(str(n) for n in range(20, 30))]) + "|"
    assert lines[3] == "United\\ States|"


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_reads_the_answer_as_meant() -> None:
    """zsh evals lvcli's answer and hands it to _arguments: what _arguments receives keeps every character."""
    script = f"""
        _arguments() {{ print -r -- "$@" }}
        words=(lvcli show 3); CURRENT=3
        eval $(env _TYPER_COMPLETE_ARGS="${{words[1,$CURRENT]}}" _LVCLI_COMPLETE=complete_zsh {lvcli_executable()})
    """
    result = subprocess.run(
        ["zsh", "-fc", script], capture_output=True, text=True, env=clean_env(), timeout=60, check=False
    )
    assert result.stdout == '*: :(("3":"The issues of Ukraine’s “non-admission” to NATO and NATO’s…"))\n'


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_show_completion_prints_the_script_for_the_shell_it_runs_in() -> None:
    result = subprocess.run(
        # "; true": zsh would otherwise exec lvcli in its own place, and lvcli would not see zsh above it
        ["zsh", "-fc", f"{lvcli_executable()} --show-completion; true"],
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert "#compdef lvcli" in result.stdout and "_LVCLI_COMPLETE=complete_zsh" in result.stdout


def test_show_completion_for_bash() -> None:
    result = subprocess.run(
        ["bash", "-c", f"{lvcli_executable()} --show-completion; true"],
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=60,
        check=False,
    )
    assert "complete -o default -F _lvcli_completion lvcli" in result.stdout


# the core: descriptions


def test_describe_cuts_at_a_word_and_keeps_one_line() -> None:
    assert describe("Short question?") == "Short question?"
    assert describe("one\ntwo\tthree") == "one two three"
    long = "word " * 30
    assert describe(long, 20) == "word word word word…"
    assert len(describe("a" * 100, 20)) == 20


def test_descriptions_survive_markup_and_zsh_quoting() -> None:
    assert no_markup("[our requirements]") == "\\[our requirements]"
    assert no_markup("5 [6] [/bold]") == "5 [6] \\[/bold]"
    assert typographic_quotes('Ukraine\'s "non-admission"') == "Ukraine’s “non-admission”"


def test_descriptions_never_carry_control_characters() -> None:
    assert describe("Was it \x1b]0;owned\x07 or \x1b[2J\u202e?") == "Was it \\x1b]0;owned\\x07 or \\x1b[2J\\u202e?"


def test_exchange_numbers_filters_by_prefix(doc: Transcript) -> None:
    assert [value for value, _ in exchange_numbers(doc, "2")] == ["2", *(str(n) for n in range(20, 30))]
    assert exchange_numbers(doc, "x") == []


def test_topic_names_match_in_any_case_most_mentioned_first(doc: Transcript) -> None:
    names = topic_names(doc, "nat")
    assert names[0][0] == "NATO" and all(name.lower().startswith("nat") for name, _ in names)
    counts = [int(about.split()[0]) for _, about in names]
    assert counts == sorted(counts, reverse=True)
    assert topic_names(doc, "zzz") == []


def test_bash_words_keep_one_argument() -> None:
    assert bash_word("United States") == "United\\ States"
    assert bash_word("Russia's (new) $deal") == "Russia\\'s\\ \\(new\\)\\ \\$deal"
    assert bash_word("U.S.") == "U.S." and bash_word("12") == "12"
