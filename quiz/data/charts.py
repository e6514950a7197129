"""The series the stats charts draw: due ahead, answers and accuracy per day, true retention, the year.

Each is summed in SQL: the answers from their sums per quarter hour (answer_quarters), what is due
from the due index, so a year of daily study (a million answers) comes back as a few hundred rows.
Apart from quiz.data.stats so the two can change independently.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from quiz.core.study_day import DAY_START, MASTERED_STABILITY_DAYS, StudyDay
from quiz.data.days import QUARTER_MS, sums, to_ms, unless_suspended

if TYPE_CHECKING:
    from quiz.data.store import Store

AHEAD = 30
BACK = 90
YEAR = 365
WEEKS = 13


@dataclass(frozen=True)
class DayCount:
    """Answers, and how many were right, on one study day."""

    date: date
    answers: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answers if self.answers else None

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "answers": self.answers, "correct": self.correct}


@dataclass(frozen=True)
class Retention:
    """Anki's "true retention": the share of reviews of mature questions answered right."""

    start: date  # the first study day counted
    reviews: int
    correct: int

    @property
    def achieved(self) -> float | None:
        return self.correct / self.reviews if self.reviews else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.start.isoformat(),
            "reviews": self.reviews,
            "correct": self.correct,
            "achieved": self.achieved,
        }


@dataclass(frozen=True)
class Charts:
    """Every series the stats screen draws, for the chosen decks (none chosen: all of them)."""

    decks: tuple[str, ...]
    due: tuple[tuple[date, int], ...]  # today (overdue included) and the following days
    days: tuple[DayCount, ...]  # the last BACK study days, oldest first
    year: tuple[DayCount, ...]  # the last YEAR study days, oldest first
    retention: tuple[Retention, ...]  # one per week, oldest first
    desired_retention: float
    streak: int

    @property
    def retention_overall(self) -> Retention:
        """Every week of `retention` together."""
        start = self.retention[0].start if self.retention else self.days[-1].date
        return Retention(start, sum(r.reviews for r in self.retention), sum(r.correct for r in self.retention))

    def to_dict(self) -> dict[str, Any]:
        return {
            "decks": list(self.decks),
            "due": [{"date": d.isoformat(), "due": n} for d, n in self.due],
            "answers": [d.to_dict() for d in self.days],
            "retention": {
                "desired": self.desired_retention,
                "achieved": self.retention_overall.achieved,
                "mature_after_days": MASTERED_STABILITY_DAYS,
                "weeks": [r.to_dict() for r in self.retention],
            },
            "calendar": {"streak": self.streak, "days": [d.to_dict() for d in self.year if d.answers]},
        }


def compute(
    db: sqlite3.Connection,
    profile_id: int | None,
    now: datetime,
    *,
    decks: Collection[str] = (),
    desired_retention: float,
    day_start: int = DAY_START,
) -> Charts:
    """All the series, read inside the caller's transaction so they agree with each other."""
    year = answers_per_day(db, profile_id, now, YEAR, decks=decks, day_start=day_start)
    return Charts(
        decks=tuple(sorted(decks)),
        due=due_per_day(db, profile_id, now, AHEAD, decks=decks, day_start=day_start),
        days=year[-BACK:],
        year=year,
        retention=true_retention(db, profile_id, now, WEEKS, decks=decks, day_start=day_start),
        desired_retention=desired_retention,
        streak=streak_of(year),
    )


def _spans(now: datetime, count: int, day_start: int, step: int = 1) -> list[StudyDay]:
    """`count` periods of `step` study days ending with today, oldest first."""
    today = StudyDay.of(now, day_start)
    return [today.following(-step * back - (step - 1)) for back in range(count - 1, -1, -1)]


def _deck_filter(decks: Collection[str], column: str) -> tuple[str, list[str]]:
    if not decks:
        return "", []
    return f" AND {column} IN ({','.join('?' * len(decks))})", sorted(decks)


def answers_per_day(
    db: sqlite3.Connection,
    profile_id: int | None,
    now: datetime,
    days: int,
    *,
    decks: Collection[str] = (),
    day_start: int = DAY_START,
) -> tuple[DayCount, ...]:
    """Answers and right answers on each of the last `days` study days, oldest first."""
    spans = _spans(now, days, day_start)
    if profile_id is None:
        return tuple(DayCount(s.date, 0, 0) for s in spans)
    found = sums(db, profile_id, [(to_ms(s.start), to_ms(s.end)) for s in spans], decks=decks)
    return tuple(DayCount(s.date, n, ok) for s, (n, ok) in zip(spans, found, strict=True))


def due_per_day(
    db: sqlite3.Connection,
    profile_id: int | None,
    now: datetime,
    days: int = AHEAD,
    *,
    decks: Collection[str] = (),
    day_start: int = DAY_START,
) -> tuple[tuple[date, int], ...]:
    """Questions falling due on each study day from today on; overdue ones count today."""
    today = StudyDay.of(now, day_start)
    spans = [today.following(i) for i in range(days)]
    ends = [to_ms(s.end) for s in spans]
    counts = [0] * days
    if profile_id is not None:
        where, args = _deck_filter(decks, "deck")
        unless = unless_suspended(db, profile_id)
        sql = f"SELECT due / {QUARTER_MS}, count(*) FROM cards WHERE profile_id = ? AND due < ?{where}{unless}"
        sql += " GROUP BY 1"
        for bucket, n in db.execute(sql, (profile_id, ends[-1], *args)):
            counts[bisect_right(ends, bucket * QUARTER_MS)] += n
    return tuple((s.date, n) for s, n in zip(spans, counts, strict=True))


def true_retention(
    db: sqlite3.Connection,
    profile_id: int | None,
    now: datetime,
    weeks: int = WEEKS,
    *,
    decks: Collection[str] = (),
    day_start: int = DAY_START,
) -> tuple[Retention, ...]:
    """Per week, the answers to questions that were mature then, and how many were right.

    Mature at an answer: the question's previous answer was 21 days or more before it (FSRS, aiming at
    90%, sets an interval close to the stability, so this is "stability of 21 days or more" as it stood
    then; the stability kept now would count only the questions that were never forgotten). Each answer's
    maturity is counted when it is recorded (see quiz.data.store's answer_quarters).
    """
    spans = _spans(now, weeks, day_start, step=7)
    if profile_id is None:
        return tuple(Retention(s.date, 0, 0) for s in spans)
    bounds = [(to_ms(s.start), to_ms(s.following(7).start)) for s in spans]  # the last week ends today
    found = sums(db, profile_id, bounds, "mature, mature_correct", decks)
    return tuple(Retention(s.date, n, ok) for s, (n, ok) in zip(spans, found, strict=True))


def streak_of(days: tuple[DayCount, ...]) -> int:
    """Study days in a row with an answer up to today, or up to yesterday when today has none yet."""
    run = list(days)
    if run and not run[-1].answers:
        run.pop()
    count = 0
    for day in reversed(run):
        if not day.answers:
            break
        count += 1
    return count


def read(store: Store, profile: str, now: datetime, **options: Any) -> Charts:
    """The charts of `profile` from `store`, in one read transaction (options as for `compute`)."""
    from quiz.data.store import _profile_id

    with store._read("read your charts") as db:
        return compute(db, _profile_id(db, profile), now, **options)
