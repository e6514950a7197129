"""Fitting FSRS to a learner: refused without enough history, adopted only when it predicts better."""

from __future__ import annotations

from fsrs_rs_python import DEFAULT_PARAMETERS

from quiz.data import fitting

from .learner import histories


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
    """Fitted again on the same learner, the first fit is not replaced by one that predicts no better."""
    first = fitting.fit(histories(300, 8), DEFAULT_PARAMETERS)
    assert first.fitted is not None
    again = fitting.fit(histories(300, 8), first.fitted)
    assert again.before == first.after and again.after.log_loss >= again.before.log_loss
    assert not again.better
