"""Fitting FSRS to a learner: refused without enough history, adopted only when it predicts better."""

from __future__ import annotations

from fsrs_rs_python import DEFAULT_PARAMETERS

from quiz.data import fitting

from .learner import TRUE, histories


def test_fitted_parameters_predict_held_back_reviews_better_than_the_defaults():
    result = fitting.fit(histories(300, 8), DEFAULT_PARAMETERS)
    assert result.enough and result.fitted is not None and len(result.fitted) == 21
    assert result.after.log_loss < result.before.log_loss
    assert result.after.rmse < result.before.rmse
    assert result.better


def test_too_little_history_is_refused_with_the_count_needed():
    result = fitting.fit(histories(20, 5), DEFAULT_PARAMETERS)
    assert (result.reviews, result.needed) == (80, fitting.MIN_REVIEWS)
    assert not result.enough and result.fitted is None and not result.better


def test_the_held_back_part_is_the_most_recent():
    train, held_back = fitting.split(histories(50, 6))
    assert (len(train), len(held_back)) == (200, 50)
    assert max(day for day, _item in train) <= min(day for day, _item in held_back)


def test_parameters_that_already_fit_are_kept():
    """With the learner's true parameters in use, a fit (which never sees them) does not replace them."""
    result = fitting.fit(histories(300, 8), TRUE)
    assert result.fitted is not None and result.fitted != tuple(TRUE)
    assert result.after.log_loss > result.before.log_loss
    assert not result.better


def test_the_summary_shows_both_scores_and_the_decision():
    kept = fitting.Fit(500, 400, (0.1,), (0.2,), fitting.Score(0.40, 0.05), fitting.Score(0.41, 0.06))
    lines = fitting.summary(kept, 0)
    assert lines[2].split() == ["in", "use", "0.4000", "5.00%"] and lines[3].split() == ["fitted", "0.4100", "6.00%"]
    assert lines[-1].startswith("Kept the parameters in use")
    adopted = fitting.Fit(500, 400, (0.1,), (0.2,), fitting.Score(0.41, 0.06), fitting.Score(0.40, 0.05))
    assert "memory of 37 questions was re-estimated" in fitting.summary(adopted, 37)[-1]


def test_the_cost_of_a_retention_grows_with_it():
    costs = fitting.daily_reviews(None, 500, 20, (0.8, 0.9, 0.97))
    assert costs[0.8] < costs[0.9] < costs[0.97]
    assert fitting.cost_line(costs, 0.9).startswith(f"Desired retention 90%: about {costs[0.9]:.0f} reviews a day")
