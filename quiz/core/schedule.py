"""Spaced repetition with FSRS: the rating rule, reviews, and previews of every outcome.

fsrs is imported on first use, not with this module: drawing the home screen needs none of it.
Card and Rating are fsrs's own classes, available from here as attributes all the same.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from quiz.core.verdict import Form, Outcome, Verdict

if TYPE_CHECKING:
    from fsrs import Card, Rating, Scheduler

__all__ = ["Card", "Rating", "Schedule", "card_id", "format_interval", "rating_for"]

QUICK_MS_BASE = 6_000
QUICK_MS_PER_CHAR = 250
"""A typed answer counts as quick (Easy) within 6 s plus 0.25 s per character of the answer."""
DESIRED_RETENTION = 0.9
"""FSRS's default: schedule each review when the chance of still knowing the answer falls to 90%."""


def __getattr__(name: str) -> Any:
    """`quiz.core.schedule.Card` and `.Rating`: fsrs's classes, importing fsrs when first asked for."""
    if name in ("Card", "Rating"):
        import fsrs

        return getattr(fsrs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def rating_for(verdict: Verdict, form: Form, elapsed_ms: int, *, hinted: bool = False) -> Rating:
    """The FSRS rating earned by what happened (flashcards are rated by the learner instead).

    - wrong or skipped: Again
    - correct after a hint, or with a typo: Hard
    - multiple choice or true/false: at most Good (recognising is easier than recalling)
    - typed recall: Easy when answered exactly and quickly, otherwise Good
    """
    from fsrs import Rating

    if not verdict.correct:
        return Rating.Again
    if hinted or verdict.outcome is Outcome.TYPO:
        return Rating.Hard
    if form is not Form.TYPED:
        return Rating.Good
    quick = elapsed_ms <= QUICK_MS_BASE + QUICK_MS_PER_CHAR * len(verdict.expected)
    return Rating.Easy if quick and verdict.outcome is Outcome.CORRECT else Rating.Good


def card_id(question_id: str) -> int:
    """A stable FSRS card id derived from the question id (progress follows the id)."""
    import hashlib

    return int.from_bytes(hashlib.sha256(question_id.encode("utf-8")).digest()[:6], "big")


class Schedule:
    """FSRS over question ids; pure functions of (card, rating, now)."""

    def __init__(
        self,
        *,
        fuzzing: bool = True,
        desired_retention: float = DESIRED_RETENTION,
        parameters: tuple[float, ...] | None = None,
    ) -> None:
        self.fuzzing = fuzzing
        self.desired_retention = desired_retention
        self.parameters = parameters  # None: FSRS's defaults; otherwise the learner's fitted ones
        self._scheduler: Scheduler | None = None

    def retaining(self, desired_retention: float) -> Schedule:
        """The same schedule aiming at another retention (a new setting applies to the next review)."""
        if desired_retention == self.desired_retention:
            return self
        return Schedule(fuzzing=self.fuzzing, desired_retention=desired_retention, parameters=self.parameters)

    def fitted(self, parameters: tuple[float, ...] | None) -> Schedule:
        """The same schedule with other FSRS parameters (None: the defaults)."""
        if parameters == self.parameters:
            return self
        return Schedule(fuzzing=self.fuzzing, desired_retention=self.desired_retention, parameters=parameters)

    @property
    def _fsrs(self) -> Scheduler:
        """The FSRS scheduler, made the first time a card is reviewed or previewed."""
        if self._scheduler is None:
            from fsrs import Scheduler

            fitted = {} if self.parameters is None else {"parameters": self.parameters}
            self._scheduler = Scheduler(enable_fuzzing=self.fuzzing, desired_retention=self.desired_retention, **fitted)
        return self._scheduler

    def new_card(self, question_id: str, now: datetime) -> Card:
        from fsrs import Card

        _aware(now)
        return Card(card_id=card_id(question_id), due=now)

    def review(self, card: Card | None, question_id: str, rating: Rating, now: datetime) -> Card:
        """The card after this review; the input card is left unchanged."""
        _aware(now)
        card = card or self.new_card(question_id, now)
        updated, _log = self._fsrs.review_card(card, rating, now)
        return updated

    def preview(self, card: Card | None, question_id: str, now: datetime) -> dict[Rating, timedelta]:
        """How long until the next review for each possible rating, before one is chosen."""
        from fsrs import Rating

        _aware(now)
        card = card or self.new_card(question_id, now)
        out = {}
        for rating in Rating:
            updated, _log = self._fsrs.review_card(card, rating, now)
            out[rating] = updated.due - now
        return out

    def retrievability(self, card: Card, now: datetime) -> float:
        return self._fsrs.get_card_retrievability(card, now)


def format_interval(delta: timedelta) -> str:
    """'1 min', '10 min', '5 h', '4 days', '3 mo', '1.2 y': short enough for a button."""
    seconds = max(delta.total_seconds(), 0)
    if seconds < 3600:
        return f"{max(round(seconds / 60), 1)} min"
    if seconds < 86_400:
        return f"{round(seconds / 3600)} h"
    days = seconds / 86_400
    if days < 30.5:
        n = round(days)
        return f"{n} day" if n == 1 else f"{n} days"
    if days < 365:
        return f"{round(days / 30.4)} mo"
    return f"{days / 365:.1f} y"


def _aware(now: datetime) -> None:
    if now.tzinfo is None:
        raise ValueError("pass a timezone-aware datetime")
