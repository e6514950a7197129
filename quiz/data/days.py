"""Times as the store keeps them (unix milliseconds, UTC), local days, and the streak.

Apart from quiz.data.stats so that opening the store and drawing the home screen (which shows
the streak) do not load the full progress figures.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta, timezone, tzinfo

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MS = timedelta(milliseconds=1)


def to_ms(moment: datetime) -> int:
    """Unix milliseconds (UTC) of an aware datetime: how the store keeps time."""
    if moment.tzinfo is None:
        raise ValueError("pass a timezone-aware datetime")
    return (moment - EPOCH) // _MS


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, timezone.utc)


def day_start_ms(day: date, tz: tzinfo | None) -> int:
    """When `day` begins in the time zone of the caller's `now`, in unix ms."""
    return to_ms(datetime.combine(day, time(), tzinfo=tz))


def streak(db: sqlite3.Connection, profile_id: int | None, now: datetime) -> tuple[int, bool]:
    """Consecutive local days with an answer, up to today (or yesterday, if today has none yet)."""
    if profile_id is None:
        return 0, False
    tz, today = now.tzinfo, now.date()
    answered_today = _answered(db, profile_id, today, tz)
    day = today if answered_today else today - timedelta(days=1)
    count = 0
    # One indexed probe per day: cheap even for a streak of years, and exact across DST changes.
    while _answered(db, profile_id, day, tz):
        count += 1
        day -= timedelta(days=1)
    return count, answered_today


def _answered(db: sqlite3.Connection, profile_id: int, day: date, tz: tzinfo | None) -> bool:
    sql = "SELECT EXISTS(SELECT 1 FROM attempts WHERE profile_id = ? AND answered_at >= ? AND answered_at < ?)"
    start, end = day_start_ms(day, tz), day_start_ms(day + timedelta(days=1), tz)
    return bool(db.execute(sql, (profile_id, start, end)).fetchone()[0])
