"""One answered question, as it is stored: the unit of progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from quiz.core.verdict import Form, Outcome


@dataclass(frozen=True)
class Attempt:
    question_id: str
    content_hash: str  # Question.content_hash(): tells a reworded question apart in history
    deck: str
    form: Form
    given: str
    outcome: Outcome
    rating: int | None  # FSRS rating 1-4 (Again, Hard, Good, Easy); None when not scheduled
    elapsed_ms: int
    answered_at: datetime  # timezone-aware
    mode: str
    hinted: bool = False

    def __post_init__(self) -> None:
        if self.answered_at.tzinfo is None:
            raise ValueError("answered_at must be timezone-aware")

    @property
    def correct(self) -> bool:
        return self.outcome.is_correct
