"""Click's usage errors in lvcli's voice: what is wrong, and at most one hint.

The command line (`lvcli.commandline.Group`) imports this only when a usage error happens, so that
no call that goes right pays for it. Typer 0.28 carries its own copy of Click, whose exceptions
and parameter types are only found under `typer._click`; the messages they carry are matched here
and pinned by tests/test_hostile.py.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from difflib import get_close_matches

from typer._click import exceptions as click_errors
from typer._click import types as click_types
from typer._types import TyperChoice

from lvcli.safe import brief


def explain(exc: click_errors.UsageError, args: Sequence[str]) -> tuple[str, str | None]:
    """Click's usage error as lvcli says it: what is wrong, and a hint (`args`: the command line)."""
    ctx = exc.ctx
    command = "lvcli"
    if ctx is not None:
        command = ctx.command_path
    elif args and not args[0].startswith("-"):  # Click's parser gives no context with `--limit` and no value
        command = f"lvcli {args[0]}"
    params = ctx.command.get_params(ctx) if ctx else []
    help_hint = f"try '{command} --help'"
    if isinstance(exc, click_errors.NoSuchOption):
        word = exc.option_name
        if not word.startswith("--"):  # Click names one letter of "-free": echo the word as typed
            word = next((a for a in args if a.startswith(word) and not a.startswith("--")), word)
        message = f"no such option: {brief(word)}"
        if close := suggest(word, [o for p in params for o in (*p.opts, *p.secondary_opts) if o.startswith("-")]):
            return message, f"did you mean {close}?"
        if len(word) > 2 and not word.startswith("--") and any(p.param_type_name == "argument" for p in params):
            return message, f"if it is not meant as an option, put -- before it: {command} -- {brief(word)}"
        return message, help_hint
    if isinstance(exc, click_errors.MissingParameter) and exc.param is not None:
        return f"missing {exc.param.param_type_name} {exc.param.human_readable_name.upper()}", help_hint
    if isinstance(exc, click_errors.BadParameter) and exc.param is not None:
        name = max(exc.param.opts, key=len)
        takes = expected(exc.param.type)
        return f"{name} takes {takes}" if takes else f"{name}: {brief(exc.message, 160)}", None
    if exc.message.startswith("Got unexpected extra argument") and ctx is not None:
        extra = exc.message.partition(" (")[2].removesuffix(")")
        # `lvcli search security guarantees`: the words of one query, given as two
        words = [
            v for p in params if p.param_type_name == "argument" and isinstance(v := ctx.params.get(p.name or ""), str)
        ]
        quoted = shlex.quote(f"{words[0]} {extra}") if words else ""
        hint = f"quote words that go together: {command} {brief(quoted)}" if words else help_hint
        return f"unexpected argument '{brief(extra)}'", hint
    text = exc.format_message().rstrip(".")
    return brief(text[:1].lower() + text[1:], 160), help_hint


def expected(kind: click_types.ParamType) -> str | None:
    """What an option takes, in words: 'a whole number of 1 or more', 'auto, always or never'."""
    if isinstance(kind, TyperChoice):
        names = [str(choice) for choice in kind.choices]
        return f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]
    if isinstance(kind, click_types.IntParamType | click_types.FloatParamType):
        noun = "a whole number" if isinstance(kind, click_types.IntParamType) else "a number"
        low, high = getattr(kind, "min", None), getattr(kind, "max", None)  # only ranges have them
        if low is not None and high is not None:
            return f"{noun} from {low:g} to {high:g}"
        if low is not None or high is not None:
            return f"{noun} of {low:g} or more" if low is not None else f"{noun} of {high:g} or less"
        return noun
    return None


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate `word` most likely meant, as git's "did you mean": the only one it begins, else
    the closest spelling; None when nothing is close (so `--lmit` gets `--limit`, never `--cite`)."""
    by_lower = {c.lower(): c for c in candidates}
    typed = word.partition("=")[0].lower()
    starting = [c for c in by_lower if c.startswith(typed)] if len(typed.lstrip("-")) >= 2 else []
    if len(starting) == 1:
        return by_lower[starting[0]]
    close = get_close_matches(typed, by_lower, n=1, cutoff=0.75)
    return by_lower[close[0]] if close else None
