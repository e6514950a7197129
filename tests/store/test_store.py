"""The store's basics: opening, answers, cards, history, profiles, sessions, export."""

from __future__ import annotations

import copy
import pickle
import sqlite3
import threading
import time
from datetime import timedelta, timezone
from pathlib import Path

import pytest
from fsrs import State

from quiz.core.schedule import Card, Rating, Schedule
from quiz.core.selection import Mode, Options
from quiz.core.session import Session
from quiz.core.verdict import Form
from quiz.data import store as store_module
from quiz.data.store import Store, StoreError

from .conftest import NOW, answer, at, card


@pytest.mark.parametrize("given", ["folder", "file"])
def test_open_creates_folder_and_database(tmp_path: Path, given: str):
    """Store.open takes the data folder or the .db file, and creates what is missing."""
    folder = tmp_path / "deep" / "data"
    target = folder if given == "folder" else folder / "quiz.db"
    with Store.open(target, now=NOW) as opened:
        assert opened.path == folder / "quiz.db"
        assert opened.version == store_module.known_version()
    assert (folder / "quiz.db").is_file()


def test_open_uses_wal_and_full_sync(store: Store):
    """WAL journal, synchronous=FULL, foreign keys and a busy timeout on every connection."""
    db = store._db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_record_survives_reopening(db_path: Path):
    """An answer recorded is there when the file is opened again."""
    with Store.open(db_path, now=NOW) as first:
        ids = [first.record("ana", answer("h-001", at(14, 9 + i)), None, None) for i in range(3)]
    assert ids == sorted(ids) and len(set(ids)) == 3
    with Store.open(db_path, now=NOW) as again:
        rows = list(again.attempts("ana"))
    assert [r["id"] for r in rows] == ids
    assert rows[0]["answered_at"] == "2025-03-14T08:00:00.000+00:00"  # stored in UTC


def test_record_keeps_one_card_per_question_and_its_first_sighting(store: Store):
    """The card is upserted; first_seen stays the first answer's time."""
    store.record("ana", answer("h-001", at(13)), card("h-001", at(14)), None)
    store.record("ana", answer("h-001", at(14)), card("h-001", at(20)), None)
    rows = store._db.execute("SELECT due, first_seen FROM cards").fetchall()
    assert rows == [(store_module.to_ms(at(20)), store_module.to_ms(at(13)))]
    assert store.history("ana", at(13, 18)).new_today == 1
    assert store.history("ana", NOW).new_today == 0


def test_record_without_a_card_leaves_the_schedule_alone(store: Store):
    """Exam answers (no card) count in stats but schedule nothing."""
    store.record("ana", answer("h-001", at(14)), None, None)
    history = store.history("ana", NOW)
    assert history.cards == {}
    assert history.latest_correct == {"h-001": True}


def test_question_stats_follow_the_latest_answer_in_time(store: Store):
    """An answer older than the latest (an import, a clock change) adds to counts but is not 'latest'."""
    store.record("ana", answer("h-001", at(14), correct=False), None, None)
    store.record("ana", answer("h-001", at(12), correct=True), None, None)
    row = store._db.execute("SELECT attempts, correct, last_correct, last_at FROM question_stats").fetchone()
    assert row == (2, 1, 0, store_module.to_ms(at(14)))


def test_history_hands_the_core_what_it_needs(store: Store):
    """Cards, latest result and time, choice_known and new_today, for one profile only."""
    schedule = Schedule(fuzzing=False)
    first = schedule.review(None, "h-001", Rating.Good, at(13).astimezone(timezone.utc))
    store.record("ana", answer("h-001", at(13), form=Form.CHOICE), first, None)
    store.record("ana", answer("h-002", at(14), correct=False, form=Form.CHOICE), None, None)
    store.record("ana", answer("h-003", at(14), form=Form.TYPED), card("h-003", at(15)), None)
    store.record("bob", answer("h-004", at(14), form=Form.CHOICE), card("h-004", at(15)), None)
    history = store.history("ana", NOW)
    assert set(history.cards) == {"h-001", "h-003"}
    assert history.cards["h-001"] == first
    assert history.due["h-001"] == first.due and set(history.due) == {"h-001", "h-003"}
    assert history.due["h-001"].utcoffset() == NOW.utcoffset()  # same instant, in the caller's zone
    assert history.latest_correct == {"h-001": True, "h-002": False, "h-003": True}
    assert history.latest_at["h-002"] == at(14)
    assert history.choice_known == frozenset({"h-001"})
    assert history.new_today == 1  # h-003; h-001 was first seen yesterday


def test_history_of_an_unknown_profile_is_empty(store: Store):
    """Reading never creates a profile."""
    assert store.history("nobody", NOW).cards == {}
    assert store.profiles() == []


def test_history_cards_are_the_fsrs_cards_stored(store: Store):
    """Cards decoded when first read are plain fsrs Cards: they compare, copy, pickle and review as stored."""
    schedule = Schedule(fuzzing=False)
    stored = schedule.review(None, "h-001", Rating.Good, at(13).astimezone(timezone.utc))
    store.record("ana", answer("h-001", at(13)), stored, None)

    def fresh() -> Card:
        return store.history("ana", NOW).cards["h-001"]

    assert type(fresh()) is Card
    cards = store.history("ana", NOW).cards
    assert cards["h-001"] is cards["h-001"]  # decoded once
    assert fresh() == stored and stored == fresh()
    assert fresh().stability == stored.stability
    assert copy.copy(fresh()) == stored
    assert copy.deepcopy(fresh()) == stored
    assert pickle.loads(pickle.dumps(fresh())) == stored
    assert "Card(" in repr(fresh())
    later = NOW.astimezone(timezone.utc) + timedelta(days=3)
    assert schedule.review(fresh(), "h-001", Rating.Good, later) == schedule.review(stored, "h-001", Rating.Good, later)


def test_a_review_session_decodes_only_the_cards_it_asks(store: Store, bank):
    """The queue reads due times; the session decodes the cards of its own questions, and no other."""
    ids = [q.id for q in bank.questions]
    for n, qid in enumerate(ids):
        store.record("ana", answer(qid, at(1)), card(qid, at(2 if n % 2 else 20), stability=3.0), None)
    history = store.history("ana", NOW)
    session = Session.start(bank, Options(mode=Mode.REVIEW, count=2), history, NOW)
    asked = {q.id for q in session.questions}
    assert len(asked) == 2 and all(history.due[qid] < NOW for qid in asked)
    assert set(history.cards._made) == asked < set(history.cards)  # type: ignore[attr-defined]


def test_new_today_counts_from_the_start_of_the_study_day(store: Store):
    """A question first seen at 03:00 belongs to yesterday's allowance (the day starts at 4)."""
    store.record("ana", answer("h-001", at(14, 3)), card("h-001", at(15)), None)
    store.record("ana", answer("h-002", at(14, 5)), card("h-002", at(15)), None)
    assert store.history("ana", NOW).new_today == 1
    assert store.history("ana", NOW, day_start=0).new_today == 2
    assert store.history("ana", at(15, 3, 59)).new_today == 1


def test_the_cards_stability_is_kept_beside_it(store: Store):
    """Mastered is counted from a column, without decoding every card's JSON."""
    store.record("ana", answer("h-001", at(13)), card("h-001", at(20), stability=30.5, state=State.Review), None)
    store.record("ana", answer("h-002", at(13)), card("h-002", at(14), stability=2.0, state=State.Review), None)
    assert sorted(store._db.execute("SELECT question_id, stability FROM cards")) == [("h-001", 30.5), ("h-002", 2.0)]
    cards = store.history("ana", NOW).cards
    assert (cards["h-001"].stability, cards["h-002"].stability) == (30.5, 2.0)
    assert cards["h-001"].to_dict()["stability"] == 30.5  # the rest of the card loads as before


def test_sessions_are_started_and_finished(store: Store):
    """A session row carries mode, options as JSON and both times; answers point at it."""
    session = store.start_session("ana", "exam", {"count": 5, "decks": ("harbour",)}, at(14, 10))
    store.record("ana", answer("h-001", at(14, 10, 1)), None, session)
    store.finish_session(session, at(14, 10, 5))
    row = store._db.execute("SELECT mode, options, started_at, ended_at FROM sessions").fetchone()
    assert row == ("exam", '{"count": 5, "decks": ["harbour"]}', *map(store_module.to_ms, (at(14, 10), at(14, 10, 5))))
    assert next(store.attempts("ana"))["session_id"] == session


def test_recording_into_a_missing_session_is_refused(store: Store):
    """A wrong session id is an error in words, and nothing is stored."""
    with pytest.raises(StoreError, match="save your answer"):
        store.record("ana", answer("h-001", at(14)), None, 999)
    assert list(store.attempts("ana")) == []


def test_export_pages_through_every_attempt_in_order(store: Store):
    """attempts() yields plain values, oldest first, across pages."""
    for minute in range(5):
        store.record("ana", answer("h-001", at(14, 9, minute), given=f"try {minute}"), None, None)
    rows = list(store.attempts("ana", page=2))
    assert [r["given"] for r in rows] == [f"try {m}" for m in range(5)]
    assert rows[0]["profile"] == "ana" and rows[0]["correct"] is True and rows[0]["form"] == "typed"
    assert list(store.attempts("nobody")) == []


def test_answers_can_be_recorded_from_another_thread(store: Store):
    """A TUI worker thread may save answers; the store serialises them."""
    ids: list[int] = []
    threads = [
        threading.Thread(target=lambda i=i: ids.append(store.record("ana", answer("h-001", at(14, 9, i)), None, None)))
        for i in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(ids) == [1, 2, 3, 4]


# --------------------------------------------------------------------------- profiles


def test_profiles_are_added_listed_and_remembered(store: Store):
    """add_profile, ensure_profile (idempotent), profiles(), and the last one used."""
    store.add_profile("zoe")
    assert store.ensure_profile("ana") == store.ensure_profile("ana")
    assert store.profiles() == ["ana", "zoe"]
    assert store.last_profile() is None  # adding is not using
    store.start_session("zoe", "practice", {}, NOW)
    assert store.last_profile() == "zoe"
    store.record("ana", answer("h-001", NOW), None, None)
    assert store.last_profile() == "ana"


def test_adding_an_existing_profile_is_refused(store: Store):
    store.add_profile("ana")
    with pytest.raises(StoreError, match="already exists"):
        store.add_profile("ana")


@pytest.mark.parametrize("name", ["", "   ", "x" * 41, "bad\x1b[31mname", "tab\tname"])
def test_unusable_profile_names_are_refused(store: Store, name: str):
    """Empty, too long, or with control characters (which a terminal would obey)."""
    with pytest.raises(StoreError, match="cannot be a profile name"):
        store.add_profile(name)


def test_removing_a_profile_removes_its_data_only(store: Store):
    """Everything of the removed profile goes; other profiles are untouched."""
    session = store.start_session("ana", "practice", {}, NOW)
    store.record("ana", answer("h-001", NOW), card("h-001", at(15)), session)
    store.record("ana", answer("h-002", NOW), None, session)
    store.record("bob", answer("h-001", NOW), card("h-001", at(15)), None)
    gone = store.remove_profile("ana")
    assert (gone.attempts, gone.sessions, gone.cards) == (2, 1, 1)
    assert store.profiles() == ["bob"]
    assert store.last_profile() == "bob"
    for table in ("attempts", "cards", "question_stats"):
        assert store._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 1
    store.start_session("bob", "practice", {}, NOW)
    store.remove_profile("bob")
    assert store.last_profile() is None


def test_removing_a_missing_profile_says_which_exist(store: Store):
    store.add_profile("ana")
    with pytest.raises(StoreError, match=r"no profile named 'zed' \(profiles: ana\)"):
        store.remove_profile("zed")


# --------------------------------------------------------------------------- locking


def _hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    ready = threading.Event()

    def hold() -> None:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        ready.set()
        time.sleep(seconds)
        other.execute("ROLLBACK")
        other.close()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait()
    return thread


def test_a_busy_database_is_waited_for(store: Store, monkeypatch: pytest.MonkeyPatch):
    """When the busy timeout runs out, BEGIN IMMEDIATE is retried with backoff instead of failing."""
    store._db.execute("PRAGMA busy_timeout = 20")
    thread = _hold_write_lock(store.path, 0.4)
    store.record("ana", answer("h-001", NOW), None, None)
    thread.join()
    assert store.lock_waits > 0
    assert len(list(store.attempts("ana"))) == 1


def test_a_database_busy_for_too_long_is_explained(store: Store, monkeypatch: pytest.MonkeyPatch):
    """After LOCK_PATIENCE_S the learner reads what to do, not 'database is locked'."""
    monkeypatch.setattr(store_module, "LOCK_PATIENCE_S", 0.2)
    store._db.execute("PRAGMA busy_timeout = 20")
    thread = _hold_write_lock(store.path, 0.8)
    with pytest.raises(StoreError) as caught:
        store.record("ana", answer("h-001", NOW), None, None)
    thread.join()
    assert "Close other quiz windows" in str(caught.value)
    assert "database is locked" not in str(caught.value)
