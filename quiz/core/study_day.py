"""The learner's study day, what is due in it, and what counts as mastered: one meaning everywhere.

As in Anki, a day begins at a set hour (4 am unless config.toml says otherwise), so that an
evening session that runs past midnight still belongs to that evening. A question is due today
when its next review falls before the current study day ends; overdue questions are due too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.core.schedule import Card

DAY_START = 4
"""The hour a study day begins unless config.toml says otherwise (Anki's default)."""
MASTERED_STABILITY_DAYS = 21.0
"""Mastered, like Anki's "mature": FSRS expects the answer to be remembered for 21 days or more."""
NEW_PER_DAY = 20
"""Never-seen questions review mode brings in per study day unless config.toml says otherwise."""


@dataclass(frozen=True)
class StudyDay:
    """One study day: from `start` to `end`, named after the calendar date it begins on."""

    date: date
    start: datetime
    end: datetime

    @classmethod
    def of(cls, now: datetime, day_start: int = DAY_START) -> StudyDay:
        """The study day that holds `now`, in the time zone of `now`."""
        if now.tzinfo is None:
            raise ValueError("pass a timezone-aware datetime")
        day = now.date() if now.hour >= day_start else now.date() - timedelta(days=1)
        return cls.on(day, now.tzinfo, day_start)

    @classmethod
    def on(cls, day: date, tz: tzinfo | None, day_start: int = DAY_START) -> StudyDay:
        """The study day named `day`: from `day_start` o'clock that day to the same hour the next."""
        hour = time(day_start)
        start = datetime.combine(day, hour, tzinfo=tz)
        return cls(day, start, datetime.combine(day + timedelta(days=1), hour, tzinfo=tz))

    def following(self, days: int = 1) -> StudyDay:
        return StudyDay.on(self.date + timedelta(days=days), self.start.tzinfo, self.start.hour)


def is_due(card: Card, day: StudyDay) -> bool:
    """Due today: the next review falls before this study day ends (overdue included)."""
    return card.due < day.end


def is_mastered(card: Card) -> bool:
    """The schedule's evidence, not one lucky answer: stability of 21 days or more."""
    return (card.stability or 0.0) >= MASTERED_STABILITY_DAYS
