"""Times as the store keeps them (unix milliseconds, UTC), study days, and the streak.

Apart from quiz.data.stats so that opening the store and drawing the home screen (which shows
the streak) do not load the full progress figures.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone, tzinfo

from quiz.core.study_day import DAY_START, StudyDay

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MS = timedelta(milliseconds=1)


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
    sql = "SELECT EXISTS(SELECT 1 FROM attempts WHERE profile_id = ? AND answered_at >= ? AND answered_at < ?)"
    return bool(db.execute(sql, (profile_id, *day_bounds_ms(day, tz, day_start))).fetchone()[0])


# For SQL over the cards table: a suspended question is never asked, so it is never due either
# (one primary-key lookup per due card).
NOT_SUSPENDED = (
    " AND NOT EXISTS (SELECT 1 FROM question_marks m"
    " WHERE m.profile_id = cards.profile_id AND m.question_id = cards.question_id AND m.suspended)"
)
