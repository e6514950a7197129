"""`quiz check` and the bank summary."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TextIO

from quiz.core.check import check_bank, ungrounded
from quiz.core.fairness import fairness
from quiz.core.inert import inert, json_text
from quiz.core.model import Bank
from quiz.core.problems import Problem
from quiz.data import locations


def display(path: Path) -> str:
    """A path as the learner would type it: relative below the current folder, else whole (~ for home).

    Never '../../..': a path that climbs out of here is harder to read than the whole one.
    """
    whole = Path(os.path.abspath(Path(path).expanduser()))
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        with contextlib.suppress(ValueError):
            return prefix + str(whole.relative_to(base))
    return str(whole)


def check(args: argparse.Namespace) -> int:
    path = Path(args.path) if args.path else locations.bank_path(args.bank)
    bank, errors = check_bank(path, locations.seeds_path(args.seeds))
    warnings = fairness(bank)
    strict = getattr(args, "strict", False)
    failed = bool(errors) or (strict and bool(warnings))
    if args.json:
        print(json_text(json.dumps(_report(bank, errors, warnings, failed), indent=2, ensure_ascii=False)))
        return 1 if failed else 0
    for p in sorted(errors + warnings, key=lambda p: (str(p.file), p.line)):
        print(_line(p, strict))
    if failed:
        found = [plural(len(errors), "problem")] if errors else []
        found += [plural(len(warnings), "warning")] if strict and warnings else []
        again = "quiz check --strict" if strict else "quiz check"
        them = "it" if len(errors) + (len(warnings) if strict else 0) == 1 else "them"
        print(f"\n✗ {' and '.join(found)} in {inert(display(path))}; fix {them} and run `{again}` again.")
        return 1
    loose = len(ungrounded(bank))
    grounded = f"{plural(loose, 'question')} ungrounded (imported, no evidence)" if loose else "all grounded"
    if warnings:
        print(
            f"\n✓ {inert(display(path))}: {_counts(bank)}, {grounded}; "
            f"{plural(len(warnings), 'fairness warning')} (`quiz check --strict` fails on them)."
        )
        return 0
    print(f"✓ {inert(display(path))}: {_counts(bank)}, {grounded}{', and fair' if strict else ''}.")
    return 0


def _line(p: Problem, strict: bool = False) -> str:
    label = "warning: " if p.severity == "warning" and not strict else ""
    # Messages quote the files they are about: printed inert, whatever those files hold.
    return inert(Problem(Path(display(p.file)), p.line, label + p.message, p.question))


def _report(bank: Bank, errors: list[Problem], warnings: list[Problem], failed: bool) -> dict[str, object]:
    return {
        "ok": not failed,
        "decks": len(bank.decks),
        "questions": len(bank.questions),
        "articles": len(bank.articles),
        "ungrounded": len(ungrounded(bank)),
        "problems": [{**p.as_dict(), "file": display(p.file)} for p in errors],
        "warnings": [{**p.as_dict(), "file": display(p.file)} for p in warnings],
    }


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _counts(bank: Bank) -> str:
    parts = [(len(bank.decks), "deck"), (len(bank.questions), "question"), (len(bank.articles), "article")]
    return ", ".join(plural(n, w) for n, w in parts)


def summary(bank: Bank) -> str:
    lines = [_counts(bank)]
    for deck in bank.decks:
        kinds = Counter(q.kind.value for q in deck.questions)
        detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        lines.append(f"  {inert(deck.id):<24} {len(deck.questions):>4}  ({detail})")
    return "\n".join(lines)


def print_problems(problems: list[Problem], stream: TextIO) -> None:
    for p in problems:
        print(_line(p), file=stream)


def refuse_bank(path: Path, problems: list[Problem], stream: TextIO) -> None:
    """Why the bank at `path` cannot be studied: a mistyped path in one line, else each problem."""
    if not path.exists():
        print(inert(f"quiz: there is no bank at {display(path)}; check --bank (or QUIZ_BANK)"), file=stream)
        return
    print_problems(problems, stream)
    print("The bank has problems; fix them (see `quiz check`) and try again.", file=stream)


def summary_command(args: argparse.Namespace) -> int:
    """The bank in a few lines: printed by `quiz` when its output is not a terminal."""
    from quiz.data.library import read_full_bank  # imported here: start-up speed

    path = locations.bank_path(args.bank)
    # The decks the app would show: the bank in use and the learner's library decks.
    bank, problems = read_full_bank(path, locations.seeds_path(args.seeds), locations.data_dir(args.data_dir))
    if problems:
        refuse_bank(path, problems, sys.stderr)
        return 1
    print(summary(bank))
    print("Run `quiz` in a terminal for the app, or `quiz play --plain` for line mode.")
    return 0
