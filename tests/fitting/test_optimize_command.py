"""`quiz optimize` on a store holding a simulated learner's answers: fit, adopt, keep per profile, restate."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from fsrs import Rating
from fsrs_rs_python import DEFAULT_PARAMETERS

from quiz.core.attempt import Attempt
from quiz.core.schedule import Schedule
from quiz.core.verdict import Form, Outcome
from quiz.data import locations, parameters
from quiz.data.store import Store

from .learner import histories

FIRST = datetime(2024, 1, 1, 12, 0, tzinfo=timezone.utc)


def fill(profile: str, questions: int, reviews_each: int) -> None:
    """Record the simulated learner's answers, each with the card the app's default schedule makes."""
    schedule = Schedule(fuzzing=False)
    with Store.open(locations.data_dir()) as store:
        for q, answers in enumerate(histories(questions, reviews_each)):
            qid, card = f"sim-{q}", None
            for rating, day in answers:
                when = FIRST + timedelta(days=day)
                card = schedule.review(card, qid, Rating(rating), when)
                outcome = Outcome.CORRECT if rating > 1 else Outcome.WRONG
                attempt = Attempt(qid, "h", "sim", Form.TYPED, "a", outcome, rating, 2000, when, "review")
                store.record(profile, attempt, card, None)


def stabilities(profile: str) -> dict[str, float]:
    with Store.open(locations.data_dir()) as store, store._read("test") as db:
        sql = "SELECT question_id, stability FROM cards JOIN profiles p ON p.id = profile_id WHERE p.name = ?"
        return dict(db.execute(sql, (profile,)).fetchall())


def test_too_little_history_says_how_much_is_needed(quiz, isolated):
    fill("ana", 20, 5)
    run = quiz("optimize", "--profile", "ana")
    assert run.code == 0
    assert "80 of your answers count so far" in run.out and "fitting needs 400" in run.out
    assert not parameters.parameters_file(locations.data_dir()).exists()


def test_a_better_fit_is_adopted_for_that_profile_and_the_cards_restated(quiz, isolated):
    fill("ana", 300, 8)
    fill("bob", 20, 5)
    before, bob = stabilities("ana"), stabilities("bob")
    run = quiz("optimize", "--profile", "ana", "--json")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    assert report["adopted"] and report["after"]["log_loss"] < report["before"]["log_loss"]
    assert report["restated"] == 300
    data_dir = locations.data_dir()
    kept = parameters.load(data_dir, "ana")
    assert kept == tuple(report["fitted"]) and kept != tuple(DEFAULT_PARAMETERS)
    assert parameters.load(data_dir, "bob") is None  # another profile keeps the defaults
    after = stabilities("ana")
    assert after.keys() == before.keys() and after != before
    assert stabilities("bob") == bob
    assert set(report["reviews_per_day"]) >= {"0.8", "0.9", "0.95"}


def test_a_damaged_parameters_file_is_reported_not_guessed(quiz, isolated):
    fill("ana", 20, 5)
    path = parameters.parameters_file(locations.data_dir())
    path.write_text(json.dumps({"profiles": {"ana": {"parameters": [1, 2, 3]}}}), encoding="utf-8")
    run = quiz("optimize", "--profile", "ana")
    assert run.code == 1
    assert "fsrs-parameters.json" in run.err and "21 numbers" in run.err and "Traceback" not in run.err
