"""Parameters fitted by fsrs-rs schedule the same in the `fsrs` package the app reviews with."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from fsrs import Card, Rating, Scheduler
from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS, FSRSItem, FSRSReview

from quiz.core.schedule import Schedule
from quiz.data import fitting

from .learner import histories

START = datetime(2025, 1, 6, 9, 0, tzinfo=timezone.utc)
RUNS = [
    [3, 3, 3, 3],
    [4, 3, 1, 3, 3],
    [1, 2, 3, 4, 3, 1],
]


@pytest.fixture(scope="module")
def fitted() -> tuple[float, ...]:
    result = fitting.fit(histories(300, 8), DEFAULT_PARAMETERS)
    assert result.fitted is not None
    return result.fitted


@pytest.mark.parametrize("ratings", RUNS)
@pytest.mark.parametrize("retention", [0.8, 0.9, 0.95])
def test_fitted_parameters_give_the_same_memory_and_intervals(fitted, ratings, retention):
    # Without (re)learning steps, every review is a long-term one: the part both engines model the same way.
    scheduler = Scheduler(
        parameters=fitted, desired_retention=retention, learning_steps=(), relearning_steps=(), enable_fuzzing=False
    )
    engine = FSRS(list(fitted))
    card, now, reviews = Card(due=START), START, []
    for rating in ratings:
        gap = (now - (card.last_review or now)).days
        card, _log = scheduler.review_card(card, Rating(rating), now)
        reviews.append(FSRSReview(rating, gap))
        state = engine.memory_state(FSRSItem(reviews))
        assert card.stability == pytest.approx(state.stability, rel=1e-3)
        assert card.difficulty == pytest.approx(state.difficulty, rel=1e-3)
        interval = (card.due - now).days
        assert interval == max(1, round(engine.next_interval(state.stability, retention, rating)))
        now = card.due  # answered on the day it falls due


def test_the_app_schedule_uses_the_parameters_it_is_given(fitted):
    card = Schedule(fuzzing=False, parameters=fitted).review(None, "q-1", Rating.Easy, START)
    default = Schedule(fuzzing=False).review(None, "q-1", Rating.Easy, START)
    assert card.stability == pytest.approx(fitted[3]) and default.stability == pytest.approx(DEFAULT_PARAMETERS[3])
