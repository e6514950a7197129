"""What the grader says about one answer."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Form(str, enum.Enum):
    """How a question is put to the learner (a bank kind can be asked in several forms)."""

    CHOICE = "choice"  # pick one of the shuffled options
    TYPED = "typed"  # type the answer (recall, gap, number)
    TRUEFALSE = "truefalse"  # t or f
    FLASHCARD = "flashcard"  # reveal, then grade yourself


class Outcome(str, enum.Enum):
    CORRECT = "correct"
    ALTERNATIVE = "alternative"  # one of the accepted alternatives
    TYPO = "typo"  # right answer with a small misspelling
    WRONG = "wrong"
    SKIPPED = "skipped"

    @property
    def is_correct(self) -> bool:
        return self in (Outcome.CORRECT, Outcome.ALTERNATIVE, Outcome.TYPO)


@dataclass(frozen=True)
class Verdict:
    """The grader's judgement, ready to display: what was given, what was expected, and why."""

    outcome: Outcome
    given: str
    expected: str
    note: str = ""  # e.g. "accepted: typo", "accepted alternative: Iliichev"

    @property
    def correct(self) -> bool:
        return self.outcome.is_correct

    @property
    def headline(self) -> str:
        """Words and a symbol, never colour alone."""
        if self.outcome is Outcome.SKIPPED:
            return "→ Skipped"
        return "✓ Correct" if self.correct else "✗ Not quite"
