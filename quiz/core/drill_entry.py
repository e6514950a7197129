"""Entering a classroom drill: the student's name, and the rule that a drill is taken once.

A student who leaves a drill early has seen the answers to what they answered; a fresh run
would score them on questions they already know. So a second run under the same name is
refused, and the teacher's results keep the first one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

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


def check_first_run(answers: Iterable[Mapping[str, Any]], student: str, code: str) -> None:
    """Raise DrillEntryError when `answers` (the drill's, by anyone) hold an earlier run by `student`."""
    mine = [a for a in answers if same_student(str(a["student"]), student)]
    if not mine:
        return
    questions = len({a["question_id"] for a in mine})
    right = sum(1 for a in mine if a["correct"])
    raise DrillEntryError(
        f"{mine[0]['student']} has already taken drill {code} here ({questions} answered, {right} right); "
        "a drill is taken once, and your teacher sees that run"
    )
