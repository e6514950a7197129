"""Times as the store keeps them (unix milliseconds, UTC), study days, and the streak.

Apart from quiz.data.stats so that opening the store and drawing the home screen (which shows
the streak) do not load the full progress figures.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta, timezone, tzinfo

from quiz.core.study_day import DAY_START, StudyDay

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MS = timedelta(milliseconds=1)
QUARTER_MS = 15 * 60 * 1000
"""Answers are summed per quarter hour (the table answer_quarters): every time zone's offset is a whole
number of quarter hours, so a study day, which begins on a local hour, is a whole number of them."""


def to_ms(moment: datetime) -> int:
    """Unix milliseconds (UTC) of an aware datetime: how the store keeps time."""
    if moment.tzinfo is None:
        raise ValueError("pass a timezone-aware datetime")
    return (moment - EPOCH) // _MS


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, timezone.utc)


def day_bounds_ms(day: date, tz: tzinfo | None, day_start: int) -> tuple[int, int]:
    """When the study day named `day` begins and ends, in unix ms (see quiz.core.study_day)."""
    span = StudyDay.on(day, tz, day_start)
    return to_ms(span.start), to_ms(span.end)


def streak(
    db: sqlite3.Connection, profile_id: int | None, now: datetime, day_start: int = DAY_START
) -> tuple[int, bool]:
    """Consecutive study days with an answer, up to today (or yesterday, if today has none yet)."""
    if profile_id is None:
        return 0, False
    tz, today = now.tzinfo, StudyDay.of(now, day_start).date
    answered_today = _answered(db, profile_id, today, tz, day_start)
    day = today if answered_today else today - timedelta(days=1)
    count = 0
    # One indexed probe per day: cheap even for a streak of years, and exact across DST changes.
    while _answered(db, profile_id, day, tz, day_start):
        count += 1
        day -= timedelta(days=1)
    return count, answered_today


def _answered(db: sqlite3.Connection, profile_id: int, day: date, tz: tzinfo | None, day_start: int) -> bool:
    start, end = day_bounds_ms(day, tz, day_start)
    return bool(db.execute(_ANY_ANSWER, (profile_id, start // QUARTER_MS, end // QUARTER_MS)).fetchone()[0])


_ANY_ANSWER = "SELECT EXISTS(SELECT 1 FROM answer_quarters WHERE profile_id = ? AND quarter >= ? AND quarter < ?)"


def sums(
    db: sqlite3.Connection,
    profile_id: int,
    spans: Sequence[tuple[int, int]],
    columns: str = "answers, correct",
    decks: Collection[str] = (),
) -> list[tuple[int, ...]]:
    """Per span of unix ms (start, end): the totals of `columns` of answer_quarters, in those decks if any named."""
    where = f" AND deck IN ({','.join('?' * len(decks))})" if decks else ""
    sql = f"SELECT {', '.join(f'total({c})' for c in columns.split(', '))} FROM answer_quarters"
    sql += f" WHERE profile_id = ? AND quarter >= ? AND quarter < ?{where}"
    chosen = sorted(decks)
    # One range of the primary key per span: summed inside SQLite, a handful of rows per quarter hour.
    return [
        tuple(int(n) for n in db.execute(sql, (profile_id, start // QUARTER_MS, end // QUARTER_MS, *chosen)).fetchone())
        for start, end in spans
    ]


# For SQL over the cards table: a suspended question is never asked, so it is never due either
# (one primary-key lookup per due card).
NOT_SUSPENDED = (
    " AND NOT EXISTS (SELECT 1 FROM question_marks m"
    " WHERE m.profile_id = cards.profile_id AND m.question_id = cards.question_id AND m.suspended)"
)


def unless_suspended(db: sqlite3.Connection, profile_id: int) -> str:
    """NOT_SUSPENDED when the learner has suspended a question, else nothing: a lookup per card saved for most."""
    return NOT_SUSPENDED if db.execute(_ANY_SUSPENDED, (profile_id,)).fetchone()[0] else ""


_ANY_SUSPENDED = "SELECT EXISTS(SELECT 1 FROM question_marks WHERE profile_id = ? AND suspended)"
