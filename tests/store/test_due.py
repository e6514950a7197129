"""One meaning of "due" (before the study day ends) and of "mastered" (stability of 21 days or more),
on every screen and command, with the clock pinned around the day boundary."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import State
from textual.widgets import Static

from quiz.core.bank import load_bank
from quiz.core.schedule import Rating, Schedule
from quiz.core.selection import Mode, Options
from quiz.core.study_day import StudyDay
from quiz.data import config as settings
from quiz.data import locations
from quiz.factory import build_app, open_study
from quiz.study import Study

from .conftest import DATA, NOW, answer, at, card

BANK = ("--bank", str(DATA / "good"), "--seeds", str(DATA / "seeds"))
# Relative to NOW (Friday 14 March, 15:30): the study day ends on the 15th at 04:00.
CARDS = {
    "h-001": at(14, 9),  # overdue
    "h-002": at(14, 20),  # later this evening
    "h-003": at(15, 3, 59),  # after midnight, before the day ends
    "h-004": at(15, 4, 0),  # the first moment of tomorrow's study day
}
DUE_TODAY = {"h-001", "h-002", "h-003"}


def _record(data_dir: Path, stability: dict[str, float] | None = None) -> None:
    study = open_study(load_bank(DATA / "good", DATA / "seeds"), data_dir, "ana", clock=lambda: NOW)
    with study:
        for qid, due in CARDS.items():
            fields = {"stability": stability[qid], "state": State.Review} if stability and qid in stability else {}
            study.store.record("ana", answer(qid, at(13)), card(qid, due, **fields), None)


def _study(data_dir: Path, now: datetime, config: settings.Config | None = None) -> Study:
    bank = load_bank(DATA / "good", DATA / "seeds")
    return open_study(bank, data_dir, "ana", clock=lambda: now, config=config, schedule=Schedule(fuzzing=False))


@pytest.fixture
def data_dir() -> Path:
    return locations.data_dir()


def test_review_studies_what_is_due_today_not_only_what_is_due_now(data_dir: Path):
    """At 15:30, review takes the evening's and the small hours' questions too, most overdue first."""
    _record(data_dir)
    with _study(data_dir, NOW, settings.Config(new_per_day=0)) as study:
        session = study.start(Options(mode=Mode.REVIEW, count=10))
        assert [q.id for q in session.questions] == ["h-001", "h-002", "h-003"]


@pytest.mark.parametrize(
    ("now", "day_start", "expected"),
    [
        (at(15, 3, 59), 4, ["h-001", "h-002", "h-003"]),  # the same study day, a minute before it ends
        (at(15, 4, 0), 4, ["h-001", "h-002", "h-003", "h-004"]),  # a new day: h-004 is due in it
        (NOW, 0, ["h-001", "h-002"]),  # days from midnight: the small hours are tomorrow
        (NOW, 23, ["h-001", "h-002"]),  # at 15:30 the day that began at 23:00 on the 13th runs until 23:00
    ],
)
def test_review_follows_the_day_start_setting(data_dir: Path, now, day_start, expected):
    _record(data_dir)
    config = settings.Config(day_start=day_start, new_per_day=0)
    with _study(data_dir, now, config) as study:
        session = study.start(Options(mode=Mode.REVIEW, count=10))
        assert [q.id for q in session.questions] == expected
        assert study.forecast().due_today == len(expected)


def test_new_per_day_comes_from_the_settings(data_dir: Path):
    """A fresh learner's review brings in only `new_per_day` never-seen questions."""
    with _study(data_dir, NOW, settings.Config(new_per_day=2)) as study:
        assert len(study.start(Options(mode=Mode.REVIEW, count=10)).questions) == 2
    with _study(data_dir, NOW, settings.Config(new_per_day=0)) as study:
        assert study.start(Options(mode=Mode.REVIEW, count=10)).questions == []


def test_desired_retention_comes_from_the_settings(data_dir: Path):
    """Aiming at 97% schedules the next review sooner than aiming at 80%."""
    intervals = []
    for retention in (0.8, 0.97):
        with _study(data_dir, NOW, settings.Config(desired_retention=retention)) as study:
            assert study.schedule.desired_retention == retention
            now = NOW.astimezone(timezone.utc)
            card = study.schedule.review(None, "h-001", Rating.Good, now)
            later = now + timedelta(days=3)
            intervals.append(study.schedule.review(card, "h-001", Rating.Good, later).due - later)
    assert intervals[1] < intervals[0]


async def test_home_counts_due_and_mastered_by_the_one_definition(data_dir: Path, tmp_path: Path):
    """Header and Due column: due before the day ends. Mastered: stability of 21 days or more only."""
    # h-002 was answered right once and its next review is 8 days off: not mastered (stability 8).
    _record(data_dir, stability={"h-001": 30.0, "h-002": 8.0, "h-003": 21.0})
    study = _study(data_dir, NOW)
    app = build_app(study, tmp_path / "config", settings.Config())
    with study:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            header = app.screen.query_one("#home-top")
            (row,) = app.screen.query_one("#decks").rows
            assert "3 due today" in str(header.right)
            assert row[2:5] == ("5", "40%", "3")  # 5 questions, 2 mastered (h-001, h-003), 3 due


def test_a_suspended_question_is_never_due(data_dir: Path):
    """Home, the forecast, `quiz due` and stats leave out what the learner suspended, as review does."""
    _record(data_dir)
    with _study(data_dir, NOW, settings.Config(new_per_day=0)) as study:
        study.store.mark("ana", "h-001", suspended=True)
        assert study.question_figures().due == DUE_TODAY - {"h-001"}
        assert study.forecast().due_today == 2
        assert study.stats().due.due_today == 2
        assert [q.id for q in study.start(Options(mode=Mode.REVIEW, count=10)).questions] == ["h-002", "h-003"]
        study.store.mark("ana", "h-001", suspended=False)
        assert study.forecast().due_today == 3


async def test_the_stats_screen_says_due_today(data_dir: Path, tmp_path: Path):
    _record(data_dir, stability={"h-001": 30.0})
    study = _study(data_dir, NOW)
    app = build_app(study, tmp_path / "config", settings.Config())
    with study:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("s")
            await app.workers.wait_for_complete()  # the stats screen reads its figures in a worker
            await pilot.pause()
            text = str(app.screen.query_one("#forecast").render())
            assert text.startswith("Due today: 3 (overdue included; your day ends Sat 04:00)")
            shown = [str(widget.render()) for widget in app.screen.query(Static)]
            assert any("1 mastered" in text for text in shown)


@pytest.mark.parametrize(
    ("now", "day_start", "today", "tomorrow"),
    [
        (NOW, 4, 3, 1),
        (at(15, 3, 59), 4, 3, 1),
        (at(15, 4, 0), 4, 4, 0),
        (NOW, 0, 2, 2),
    ],
)
def test_quiz_due_and_stats_use_the_study_day(quiz, data_dir, isolated, monkeypatch, now, day_start, today, tomorrow):
    _record(data_dir)
    settings.save(isolated / "config", settings.Config(day_start=day_start))
    monkeypatch.setattr("quiz.cli.store_commands._now", lambda: now)
    data = json.loads(quiz("due", "--json", *BANK).out)
    assert (data["due_today"], data["days"][1]["due"], data["day_start"]) == (today, tomorrow, day_start)
    assert data["day_ends"] == StudyDay.of(now, day_start).end.isoformat()
    assert data["decks"] == [{"deck": "harbour", "due_today": today, "days": data["decks"][0]["days"]}]
    text = quiz("due", *BANK).out
    (total,) = [line.split()[2:4] for line in text.splitlines() if line.strip().startswith("all decks")]
    assert total == [str(today), str(tomorrow)]
    stats = json.loads(quiz("stats", "--json", *BANK).out)
    assert stats["due"]["due_today"] == today
    assert f"Due        {today} today" in quiz("stats", *BANK).out


def test_quiz_stats_counts_mastered_from_stability(quiz, data_dir, monkeypatch):
    _record(data_dir, stability={"h-001": 21.0, "h-002": 20.9})
    monkeypatch.setattr("quiz.cli.store_commands._now", lambda: NOW)
    assert json.loads(quiz("stats", "--json", *BANK).out)["mastered"] == 1
    assert "Mastered   1 of 5 questions" in quiz("stats", *BANK).out


def test_a_bad_day_start_is_reported_and_the_default_used(quiz, data_dir, isolated, monkeypatch):
    _record(data_dir)
    (isolated / "config").mkdir()
    (isolated / "config" / "config.toml").write_text("day_start = 25\n", encoding="utf-8")
    monkeypatch.setattr("quiz.cli.store_commands._now", lambda: NOW)
    run = quiz("due", "--json", *BANK)
    assert run.code == 0 and "day_start = 25" in run.err and "whole hour from 0 to 23" in run.err
    assert json.loads(run.out)["day_start"] == 4


async def test_the_stats_screen_says_one_answer_in_the_singular(data_dir: Path, tmp_path: Path):
    study = _study(data_dir, NOW)
    app = build_app(study, tmp_path / "config", settings.Config())
    with study:
        study.store.record("ana", answer("h-001", at(13)), card("h-001", at(14, 9)), None)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("s")
            await app.workers.wait_for_complete()  # the stats screen reads its figures in a worker
            await pilot.pause()
            shown = [str(widget.render()) for widget in app.screen.query(Static)]
            assert any(text.startswith("1 answer · accuracy") for text in shown)
