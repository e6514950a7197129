"""The chart series (quiz.data.charts) on a small known history, with a pinned local `now`."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from quiz.data import charts
from quiz.data.store import Store

from .conftest import DATA, LOCAL, NOW, answer, at, card

# (question, deck, local day, hour, minute, correct, stability of the card left by this answer)
HISTORY = [
    ("h-001", "harbour", 10, 12, 0, True, 30.0),
    ("h-001", "harbour", 12, 9, 0, False, 30.0),
    ("h-002", "harbour", 13, 3, 30, True, 2.0),  # before 4 am: still the study day of the 12th
    ("h-003", "other", 13, 10, 0, True, 40.0),
    ("h-001", "harbour", 14, 9, 0, True, 30.0),
]
DUE = {"h-001": at(14, 15, 0), "h-002": at(15, 3, 59), "h-003": at(16, 4, 0)}


@pytest.fixture
def filled(store: Store) -> Store:
    for question, deck, day, hour, minute, correct, stability in HISTORY:
        due = card(question, DUE[question], stability=stability, difficulty=5.0)
        store.record("ana", answer(question, at(day, hour, minute), correct=correct, deck=deck), due, None)
    store.record("bob", answer("h-004", at(14, 11)), card("h-004", at(14, 12)), None)  # someone else
    return store


def test_answers_per_day_follow_the_study_day(filled):
    got = charts.read(filled, "ana", NOW, desired_retention=0.9)
    by_day = {d.date: (d.answers, d.correct) for d in got.days if d.answers}
    assert by_day == {
        date(2025, 3, 10): (1, 1),
        date(2025, 3, 12): (2, 1),
        date(2025, 3, 13): (1, 1),
        date(2025, 3, 14): (1, 1),
    }
    assert len(got.days) == charts.BACK and len(got.year) == charts.YEAR
    assert got.days[-1].date == date(2025, 3, 14)


def test_due_ahead_counts_overdue_today(filled):
    got = charts.read(filled, "ana", NOW, desired_retention=0.9)
    assert len(got.due) == charts.AHEAD
    assert [n for _d, n in got.due[:3]] == [2, 0, 1]  # h-001 overdue and h-002 before 4 am; h-003 on the 16th


def test_true_retention_counts_answers_21_days_or_more_after_the_previous_one(store):
    def local(month, day, year=2025):
        return datetime(year, month, day, 12, 0, tzinfo=LOCAL)

    answers = [
        ("old", local(11, 1, 2024), True),  # first answered long before the window: the next one is mature
        ("old", local(3, 12), False),
        ("gap", local(1, 10), True),
        ("gap", local(2, 20), True),  # 41 days on: mature
        ("gap", local(2, 21), False),  # a day on: not
        ("gap", local(3, 14), True),  # 21 days on: mature
        ("new", local(3, 13), True),  # a first answer is no review
    ]
    for qid, when, right in answers:
        store.record("ana", answer(qid, when, correct=right), card(qid, when + timedelta(days=1)), None)
    got = charts.read(store, "ana", NOW, desired_retention=0.9)
    overall = got.retention_overall
    assert (overall.reviews, overall.correct) == (3, 2)
    assert [(r.start, r.reviews) for r in got.retention if r.reviews] == [
        (date(2025, 2, 15), 1),  # the week of the 15th to the 21st
        (date(2025, 3, 14 - 6), 2),
    ]


def test_decks_filter_every_series(filled):
    got = charts.read(filled, "ana", NOW, decks=["other"], desired_retention=0.9)
    assert sum(d.answers for d in got.year) == 1
    assert sum(n for _d, n in got.due) == 1
    assert got.retention_overall.reviews == 0


def test_streak_of_the_calendar(filled):
    got = charts.read(filled, "ana", NOW, desired_retention=0.9)
    assert got.streak == 3  # the 12th, 13th and 14th


def test_json_gives_the_same_series(filled):
    got = charts.read(filled, "ana", NOW, desired_retention=0.85).to_dict()
    assert [d["answers"] for d in got["answers"]][-5:] == [1, 0, 2, 1, 1]
    assert got["retention"]["desired"] == 0.85 and got["retention"]["achieved"] is None  # nothing mature yet
    assert got["calendar"]["streak"] == 3 and len(got["calendar"]["days"]) == 4


def test_an_unknown_profile_has_empty_series(store):
    got = charts.read(store, "nobody", NOW, desired_retention=0.9)
    assert not any(d.answers for d in got.year) and got.streak == 0 and got.retention_overall.achieved is None


def test_stats_json_gives_the_charts_series(quiz, db_path):
    from datetime import timezone

    now = datetime.now(timezone.utc).astimezone()
    with Store.open(db_path, now=now) as opened:
        for i, (qid, deck) in enumerate([("h-001", "harbour"), ("h-002", "harbour"), ("h-003", "other")]):
            when = now - timedelta(seconds=3 - i)
            opened.record("ana", answer(qid, when, deck=deck), card(qid, when + timedelta(days=2)), None)
    bank = ("--bank", str(DATA / "good"), "--seeds", str(DATA / "seeds"))
    run = quiz("stats", "--json", *bank)
    assert run.code == 0, run.err
    series = json.loads(run.out)["charts"]
    assert len(series["answers"]) == charts.BACK and series["answers"][-1]["answers"] == 3
    assert len(series["due"]) == charts.AHEAD and sum(d["due"] for d in series["due"]) == 3
    assert series["retention"]["desired"] == 0.9 and series["calendar"]["streak"] == 1
    only = json.loads(quiz("stats", "--json", "--deck", "other", *bank).out)["charts"]
    assert only["decks"] == ["other"] and only["answers"][-1]["answers"] == 1
