"""Schema versions: older databases are upgraded in order, inside one transaction, exactly once."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

import pytest

from quiz.core.schedule import Rating, Schedule
from quiz.data import store as store_module
from quiz.data.days import to_ms
from quiz.data.store import APPLICATION_ID, Store, StoreError

from .conftest import NOW, answer, at

TABLES = {"meta", "profiles", "sessions", "attempts", "cards", "question_stats"}
CURRENT = store_module.known_version()


def _tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as db:
        return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("PRAGMA user_version").fetchone()[0]


def _empty_database(path: Path) -> None:
    """A SQLite file with a header but no tables: what a version 0 quiz database is."""
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE scratch (x)")
    db.execute("DROP TABLE scratch")
    db.close()


def test_a_version_0_database_is_upgraded_to_the_current_schema(db_path: Path):
    """Every migration runs; the version and our application id are set.

    (A 0-byte file is not a version 0 database but a damaged one: tests/test_hardening_damaged.py.)
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    _empty_database(db_path)
    with Store.open(db_path, now=NOW) as opened:
        assert opened.version == store_module.known_version()
        opened.record("ana", answer("h-001", NOW), None, None)
    assert _tables(db_path) >= TABLES
    with closing(sqlite3.connect(db_path)) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_later_migrations_run_in_order_once_and_keep_the_data(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A current database with answers gains two more versions; reopening runs nothing again."""
    with Store.open(db_path, now=NOW) as opened:
        opened.record("ana", answer("h-001", at(14)), None, None)
    extra = [
        ("CREATE TABLE notes (question_id TEXT PRIMARY KEY, text TEXT NOT NULL)",),
        ("INSERT INTO notes SELECT question_id, 'answered ' || attempts || 'x' FROM question_stats",),
    ]
    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, *extra])
    for _ in range(2):
        with Store.open(db_path, now=NOW) as opened:
            assert opened.version == CURRENT + 2
            assert opened._db.execute("SELECT * FROM notes").fetchall() == [("h-001", "answered 1x")]
            assert len(list(opened.attempts("ana"))) == 1


def test_a_failing_migration_leaves_the_database_as_it_was(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    """All of a migration or none of it: the error is in words and the version does not move."""
    with Store.open(db_path, now=NOW) as opened:
        opened.record("ana", answer("h-001", at(14)), None, None)
    broken = ("CREATE TABLE notes (x)", "INSERT INTO no_such_table VALUES (1)")
    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, broken])
    with pytest.raises(StoreError, match=f"from version {CURRENT} to {CURRENT + 1} .*left as it was"):
        Store.open(db_path, now=NOW)
    assert _version(db_path) == CURRENT
    assert "notes" not in _tables(db_path)
    monkeypatch.undo()
    with Store.open(db_path, now=NOW) as opened:
        assert len(list(opened.attempts("ana"))) == 1


def test_a_database_of_another_program_is_refused(db_path: Path):
    """Version 0 with tables is not ours: refused, and left alone."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(db_path)) as db:
        db.execute("CREATE TABLE recipes (name TEXT)")
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="not a quiz score database"):
        Store.open(db_path, now=NOW)
    assert db_path.read_bytes() == before


def test_version_2_keeps_each_cards_stability_in_a_column(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A version 1 database's cards get their FSRS stability copied out of the card's JSON."""
    stable = Schedule(fuzzing=False).review(None, "h-001", Rating.Easy, at(13).astimezone(timezone.utc))
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:1])
    with Store.open(db_path, now=NOW) as opened:
        row = (1, "h-001", "harbour", stable.to_json(), 0, 0)
        opened._db.execute("INSERT INTO profiles (id, name, created_at) VALUES (1, 'ana', 0)")
        opened._db.execute("INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?)", row)
    monkeypatch.undo()
    assert _version(db_path) == 1
    with Store.open(db_path, now=NOW) as opened:
        assert opened.version == CURRENT
        assert opened.history("ana", NOW).cards["h-001"].stability == stable.stability > 0


def test_version_3_keeps_earlier_answers_as_not_overridden(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A version 2 database's answers read back as given by the grader, with nothing suspended or undone."""
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:2])
    with Store.open(db_path, now=NOW) as opened:
        _insert_answers(opened, [("h-001", at(14), True)])
    monkeypatch.undo()
    assert _version(db_path) == 2
    with Store.open(db_path, now=NOW) as opened:
        assert opened.version == CURRENT
        assert [a["overridden"] for a in opened.attempts("ana")] == [False]
    assert _tables(db_path) >= {"question_marks", "undone_attempts"}


def _insert_answers(opened: Store, answers: list[tuple[str, datetime, bool]]) -> None:
    """Answers written as an older version wrote them: the attempt rows alone."""
    pid = opened.ensure_profile("ana", NOW)
    for qid, when, correct in answers:
        row = (pid, None, qid, "h", "harbour" if qid < "h-003" else "budget", "typed", "x", "correct", int(correct))
        opened._db.execute(store_module._INSERT_ATTEMPT, (*row, 3, 900, 0, "review", to_ms(when)))


def test_version_5_sums_the_earlier_answers_per_quarter_hour_as_recording_them_does(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The migration's rebuild of answer_quarters equals the rows record() keeps, maturity included."""
    answers = [
        ("h-001", at(1, 9), True),
        ("h-001", at(1, 9, 5), False),  # the same quarter hour
        ("h-002", at(1, 9, 20), True),
        ("h-003", at(2, 23, 50), False),
        ("h-001", at(22, 9, 10), True),  # 21 days after the one before: mature
        ("h-002", at(22, 9, 19), True),  # a minute short of 21 days
        ("h-003", at(30, 8), False),
    ]
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:4])
    with Store.open(db_path, now=NOW) as opened:
        _insert_answers(opened, answers)
    monkeypatch.undo()
    recorded = tmp_path / "recorded.db"
    with Store.open(recorded, now=NOW) as fresh:
        for qid, when, correct in answers:
            deck = "harbour" if qid < "h-003" else "budget"
            fresh.record("ana", answer(qid, when, correct=correct, deck=deck), None, None)
    quarters = "SELECT quarter, deck, answers, correct, mature, mature_correct FROM answer_quarters ORDER BY 1, 2"
    with closing(sqlite3.connect(recorded)) as db:
        expected = db.execute(quarters).fetchall()
    with Store.open(db_path, now=NOW) as opened:
        assert opened.version == CURRENT
        assert opened._db.execute(quarters).fetchall() == expected
    assert len(expected) == 6 and [row[4:] for row in expected].count((1, 1)) == 1
