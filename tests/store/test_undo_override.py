"""Undo and "I was right": one transaction each, the schedule and the figures follow, the export shows both."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

from quiz.core.bank import load_bank
from quiz.core.schedule import Schedule
from quiz.core.selection import Mode, Options
from quiz.core.verdict import Form, Outcome
from quiz.data import locations
from quiz.factory import open_study
from quiz.study import Study

from .conftest import DATA, NOW


class _Clock:
    def __init__(self) -> None:
        self.now = NOW.astimezone(timezone.utc)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=5)
        return self.now


def _study() -> Study:
    bank = load_bank(DATA / "good", DATA / "seeds")
    return open_study(bank, locations.data_dir(), "ana", clock=_Clock(), schedule=Schedule(fuzzing=False), seed=3)


def _rows(question_id: str) -> dict[str, list[tuple]]:
    """What the database holds for one question, read by SQLite itself."""
    with closing(sqlite3.connect(locations.data_dir() / "quiz.db")) as db:
        return {
            table: db.execute(f"SELECT * FROM {table} WHERE question_id = ?", (question_id,)).fetchall()
            for table in ("cards", "question_stats", "attempts")
        }


def _answer(study: Study, session, given: str):
    answer = session.submit(given, study.now())
    study.record(session, answer)
    return answer


def test_undo_puts_back_the_card_the_figures_and_the_question():
    """A question with a past answer: undoing today's answer leaves its rows exactly as they were."""
    with _study() as study:
        first = study.start(Options(questions=("h-005",), form=Form.TYPED, count=1))
        _answer(study, first, "Port Elin")
        study.finish(first)
        before = _rows("h-005")
        session = study.start(Options(questions=("h-005",), form=Form.TYPED, count=1))
        asked = session.current
        _answer(study, session, "no idea")
        assert _rows("h-005") != before
        assert session.advance(study.now()).retry  # the miss comes back at the end of practice
        undone = study.undo(session)
        assert undone is not None and undone.item is asked
        assert session.current is asked and session.phase.value == "asking"
        assert session.answers == () and session.total == 1  # the retry went with the answer
        assert _rows("h-005") == before
        assert study.undo(session) is None  # never past the session's start
        assert _rows("h-005") == before


def test_undo_after_moving_on_asks_the_undone_question_then_the_next():
    with _study() as study:
        session = study.start(Options(questions=("h-005", "h-003"), form=Form.TYPED, count=2, seed=1))
        asked = session.current
        _answer(study, session, asked.question.answer_text)
        following = session.advance(study.now())
        study.undo(session)
        assert session.current is asked
        _answer(study, session, asked.question.answer_text)
        assert session.advance(study.now()).question is following.question
        assert [a["question_id"] for a in study.store.attempts("ana")] == [asked.question.id] * 2


def test_undo_of_a_first_answer_removes_its_card_and_the_export_keeps_it_as_undone():
    with _study() as study:
        session = study.start(Options(questions=("h-005",), form=Form.TYPED, count=1))
        _answer(study, session, "Port Quist")
        assert _rows("h-005")["cards"]
        study.undo(session)
        assert _rows("h-005") == {"cards": [], "question_stats": [], "attempts": []}
        _answer(study, session, "Port Elin")
        exported = list(study.store.attempts("ana"))
    assert [(a["given"], a["correct"], a["undone_at"] is not None) for a in exported] == [
        ("Port Elin", True, False),
        ("Port Quist", False, True),
    ]


def test_i_was_right_keeps_the_attempt_marks_it_and_schedules_it_as_right():
    with _study() as study:
        session = study.start(Options(questions=("h-005",), form=Form.TYPED, count=1))
        wrong = _answer(study, session, "the port")
        assert wrong.verdict.outcome is Outcome.WRONG and session.can_override
        wrong_due = _rows("h-005")["cards"][0][4]
        right = study.override(session)
        assert right is not None and right.verdict.correct and session.summary().correct == 1
        assert session.total == 1  # the practice retry the miss had queued is gone
        assert not session.can_override
        assert _rows("h-005")["cards"][0][4] > wrong_due  # rescheduled later, as a right answer is
        (stats,) = _rows("h-005")["question_stats"]
        assert stats[3:6] == (1, 1, 1)  # attempts, correct, last_correct
        (exported,) = study.store.attempts("ana")
    assert exported["given"] == "the port" and exported["outcome"] == "wrong"
    assert exported["correct"] is True and exported["overridden"] is True and exported["rating"] == 3


def test_i_was_right_is_only_for_a_typed_answer_judged_wrong():
    with _study() as study:
        session = study.start(Options(questions=("h-005",), form=Form.TYPED, count=1))
        _answer(study, session, "Port Elin")
        assert not session.can_override and study.override(session) is None
        choice = study.start(Options(questions=("h-001",), count=1))
        _answer(study, choice, "no such option")
        assert not choice.can_override


def test_a_drill_cannot_be_undone():
    with _study() as study:
        session = study.start(Options(mode=Mode.DRILL, questions=("h-005",), count=1, seed=1, drill="abc"))
        _answer(study, session, "Port Elin")
        assert not session.can_undo and study.undo(session) is None


def test_a_suspended_question_is_never_asked_in_any_mode(tmp_path: Path):
    with _study() as study:
        everything = [q.id for q in study.bank.questions]
        for qid in everything:
            if qid != "h-005":
                study.store.mark("ana", qid, suspended=True)
        for mode in Mode:
            session = study.start(Options(mode=mode, count=50, seed=2, drill="d" if mode is Mode.DRILL else ""))
            asked = {q.id for q in session.questions}
            assert asked <= {"h-005"}, mode
        study.store.mark("ana", "h-003", suspended=False)
        assert "h-003" in {q.id for q in study.start(Options(count=50)).questions}
        assert study.store.suspended("ana") == frozenset(everything) - {"h-005", "h-003"}


def test_quiz_export_attempts_shows_overridden_and_undone_answers(quiz):
    import csv
    import io
    import json

    with _study() as study:
        session = study.start(Options(questions=("h-005",), form=Form.TYPED, count=1))
        _answer(study, session, "the old port")
        study.override(session)
        study.undo(session)
        _answer(study, session, "the harbour town")
        study.override(session)
    rows = json.loads(quiz("export", "attempts", "--profile", "ana", "--format", "json").out)
    assert [(r["given"], r["overridden"], r["undone_at"] is not None) for r in rows] == [
        ("the harbour town", True, False),
        ("the old port", True, True),
    ]
    table = list(csv.DictReader(io.StringIO(quiz("export", "attempts", "--profile", "ana").out)))
    assert [(r["overridden"], bool(r["undone_at"])) for r in table] == [("True", False), ("True", True)]
