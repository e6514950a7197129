"""Entering a classroom drill: the student's name, and the rule that a drill is taken once.

A student who leaves a drill early has seen the answers to what they answered, and only to
that (results never show the questions not reached). So entering the code again under the same
name goes on at the first question not answered, never from the top (`Study.start`), and a drill
answered to the end is refused: the teacher's results hold one run per student.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from quiz.core.model import Bank
from quiz.core.selection import Options, candidates

MAX_NAME = 40


class DrillEntryError(ValueError):
    """A name that cannot be used, or a drill this student already took. The message says what to do."""


def student_name(text: str) -> str:
    """The name as the teacher will see it: spaces folded; refused when empty, too long or unprintable."""
    name = " ".join(text.split())
    if not name:
        raise DrillEntryError("type your name, so that your teacher knows whose answers these are")
    if len(name) > MAX_NAME:
        raise DrillEntryError(f"a name has at most {MAX_NAME} characters; shorten it")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise DrillEntryError("a name cannot hold control characters; type it again")
    return name


def same_student(a: str, b: str) -> bool:
    """'Ana  Silva' and 'ana silva' are one student."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def drill_size(bank: Bank, options: Options) -> int:
    """How many questions the drill asks: its count, or fewer when its decks hold fewer."""
    return min(max(options.count, 1), len(candidates(bank, options)))


def admit(answers: Iterable[Mapping[str, Any]], student: str, code: str, size: int) -> str:
    """The name `student` takes drill `code` under (as first written, so that one run keeps one name);
    DrillEntryError when `answers` (the drill's, by anyone) show they answered all `size` questions."""
    mine = [a for a in answers if same_student(str(a["student"]), student)]
    answered = len({a["question_id"] for a in mine})
    if not mine:
        return student
    if answered < size:  # left early: it goes on at the first question not answered
        return str(mine[0]["student"])
    right = sum(1 for a in mine if a["correct"])
    raise DrillEntryError(
        f"{mine[0]['student']} has already taken drill {code} here ({answered} answered, {right} right); "
        "a drill is taken once, and your teacher sees that run"
    )
