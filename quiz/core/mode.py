"""The kinds of study session: a module of its own, so that home can offer them without loading
the selection of questions (and its dataclasses) before it is drawn."""

from __future__ import annotations

import enum


class Mode(str, enum.Enum):
    PRACTICE = "practice"  # feedback after each answer; a miss comes back once at the end
    EXAM = "exam"  # no feedback until the end; optional time limit for the whole session
    REVIEW = "review"  # what FSRS says is due today, most overdue first, plus a few new questions
    MISTAKES = "mistakes"  # what was answered wrong in its latest attempt
    DRILL = "drill"  # classroom: the same seeded questions in the same order for everyone

    @property
    def feedback(self) -> bool:
        return self is not Mode.EXAM

    @property
    def describe(self) -> str:
        return {
            Mode.PRACTICE: "feedback after each answer; misses come back at the end",
            Mode.EXAM: "no feedback until the end; optional time limit",
            Mode.REVIEW: "spaced repetition: what is due today",
            Mode.MISTAKES: "questions you got wrong last time",
            Mode.DRILL: "the same seeded quiz for every student",
        }[self]
