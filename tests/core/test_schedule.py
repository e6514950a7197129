"""FSRS scheduling: the rating rule, stable card ids, reviews that do not mutate, previews."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from quiz.core.schedule import Rating, Schedule, card_id, format_interval, rating_for
from quiz.core.verdict import Form, Outcome, Verdict

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def verdict(outcome: Outcome, expected: str = "Petr Iliichev") -> Verdict:
    return Verdict(outcome, "x", expected)


@pytest.mark.parametrize(
    ("outcome", "form", "ms", "hinted", "rating"),
    [
        (Outcome.WRONG, Form.TYPED, 1000, False, Rating.Again),
        (Outcome.SKIPPED, Form.CHOICE, 1000, False, Rating.Again),
        (Outcome.CORRECT, Form.TYPED, 1000, True, Rating.Hard),
        (Outcome.TYPO, Form.TYPED, 1000, False, Rating.Hard),
        (Outcome.CORRECT, Form.CHOICE, 500, False, Rating.Good),
        (Outcome.CORRECT, Form.TRUEFALSE, 500, False, Rating.Good),
        (Outcome.CORRECT, Form.TYPED, 4000, False, Rating.Easy),
        (Outcome.CORRECT, Form.TYPED, 60_000, False, Rating.Good),
        (Outcome.ALTERNATIVE, Form.TYPED, 1000, False, Rating.Good),
    ],
)
def test_rating_rule(outcome, form, ms, hinted, rating):
    assert rating_for(verdict(outcome), form, ms, hinted=hinted) is rating


def test_card_id_is_stable_and_distinct():
    assert card_id("bb-001") == card_id("bb-001")
    assert card_id("bb-001") != card_id("bb-002")


def test_review_returns_a_new_card_and_refuses_naive_time():
    schedule = Schedule(fuzzing=False)
    card = schedule.new_card("q", NOW)
    before = card.to_dict()
    later = schedule.review(card, "q", Rating.Good, NOW)
    assert card.to_dict() == before and later.due > NOW
    with pytest.raises(ValueError):
        schedule.review(card, "q", Rating.Good, datetime(2026, 1, 1))


def test_preview_orders_outcomes():
    intervals = Schedule(fuzzing=False).preview(None, "q", NOW)
    assert intervals[Rating.Again] <= intervals[Rating.Hard] <= intervals[Rating.Good] <= intervals[Rating.Easy]


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=20), "1 min"),
        (timedelta(minutes=10), "10 min"),
        (timedelta(hours=5), "5 h"),
        (timedelta(days=1), "1 day"),
        (timedelta(days=4), "4 days"),
        (timedelta(days=90), "3 mo"),
        (timedelta(days=500), "1.4 y"),
    ],
)
def test_format_interval(delta, text):
    assert format_interval(delta) == text
