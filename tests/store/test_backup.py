"""Daily rotating backups, finding the latest good one, and restoring it without losing the damaged file."""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import closing
from datetime import timedelta
from pathlib import Path

from quiz.data import backup
from quiz.data.store import APPLICATION_ID, Store, known_version

from .conftest import NOW, answer

LIMITS = {"max_version": known_version(), "application_id": APPLICATION_ID}


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def _with_answers(db_path: Path, n: int = 3) -> None:
    with Store.open(db_path, now=NOW) as opened:
        for i in range(n):
            opened.record("ana", answer(f"h-00{i % 5 + 1}", NOW - timedelta(minutes=i)), None, None)


def test_a_backup_is_written_once_a_day_when_there_is_data(db_path: Path):
    """None for an empty store, one per day after that, named after the local date."""
    folder = db_path.parent / "backups"
    Store.open(db_path, now=NOW).close()
    assert _names(folder) == []
    _with_answers(db_path)
    Store.open(db_path, now=NOW).close()
    assert _names(folder) == ["quiz-2025-03-14.db"]
    Store.open(db_path, now=NOW + timedelta(hours=8)).close()  # 23:30 the same local day
    assert _names(folder) == ["quiz-2025-03-14.db"]
    Store.open(db_path, now=NOW + timedelta(days=1)).close()
    assert _names(folder) == ["quiz-2025-03-14.db", "quiz-2025-03-15.db"]


def test_only_the_seven_newest_backups_are_kept(db_path: Path):
    """Rotation removes the oldest, and stale temporary files of interrupted backups and creations."""
    _with_answers(db_path)
    folder = db_path.parent / "backups"
    folder.mkdir(exist_ok=True)
    stale = folder / ".quiz-2025-03-01.db.123.tmp"
    stale.write_bytes(b"half a backup")
    os.utime(stale, (0, 0))
    created = db_path.with_name(".quiz.db.new-123-456")  # a creation killed half way
    created.write_bytes(b"")
    os.utime(created, (0, 0))
    for day in range(10):
        Store.open(db_path, now=NOW + timedelta(days=day)).close()
    assert _names(folder) == [f"quiz-2025-03-{d}.db" for d in range(17, 24)]
    assert not created.exists()


def test_a_backup_is_a_whole_plain_database(db_path: Path):
    """Readable on its own, with the answers, and not in WAL mode (checking it creates no -wal/-shm)."""
    _with_answers(db_path, 4)
    Store.open(db_path, now=NOW).close()
    copy = db_path.parent / "backups" / "quiz-2025-03-14.db"
    assert backup.diagnose(copy, **LIMITS).ok
    with closing(sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert db.execute("SELECT count(*) FROM attempts").fetchone()[0] == 4
    assert _names(copy.parent) == ["quiz-2025-03-14.db"]


def test_the_latest_good_backup_skips_damaged_ones(db_path: Path):
    """A backup that fails quick_check is passed over for an older good one."""
    _with_answers(db_path)
    Store.open(db_path, now=NOW).close()
    folder = db_path.parent / "backups"
    (folder / "quiz-2025-03-15.db").write_bytes(os.urandom(4096))
    assert backup.latest_good_backup(folder, **LIMITS) == folder / "quiz-2025-03-14.db"
    assert backup.latest_good_backup(db_path.parent / "nothing-here", **LIMITS) is None


def test_restore_moves_the_damaged_file_aside_and_copies_the_backup_in(db_path: Path):
    """Nothing is deleted: the damaged file and its journal keep their bytes under a new name."""
    _with_answers(db_path, 2)
    Store.open(db_path, now=NOW).close()
    damaged = b"not a database any more" * 100
    db_path.write_bytes(damaged)
    Path(f"{db_path}-wal").write_bytes(b"journal")
    good = backup.latest_good_backup(db_path.parent / "backups", **LIMITS)
    assert good is not None
    aside = backup.restore(db_path, good, NOW)
    assert aside == db_path.with_name("quiz.db.damaged-20250314-153000")
    assert aside.read_bytes() == damaged
    assert Path(f"{aside}-wal").read_bytes() == b"journal"
    assert not Path(f"{db_path}-wal").exists()
    with Store.open(db_path, now=NOW) as restored:
        assert len(list(restored.attempts("ana"))) == 2
    db_path.write_bytes(damaged)
    assert backup.restore(db_path, good, NOW) == db_path.with_name("quiz.db.damaged-20250314-153000-2")


def test_a_failed_backup_does_not_stop_studying(db_path: Path):
    """Opening still works; the problem is kept for the front end to show."""
    _with_answers(db_path)
    (db_path.parent / "backups").write_text("a file where the folder should be")
    with Store.open(db_path, now=NOW) as opened:
        assert opened.backup_problem is not None and "backups" in opened.backup_problem
        opened.record("ana", answer("h-001", NOW), None, None)


def _checks_run(monkeypatch) -> list[str]:
    """The PRAGMA each diagnosis of a database file runs ('' for none: header, schema and version only)."""
    seen: list[str] = []
    ask = backup._ask_sqlite

    def spy(path, check, *rest):
        seen.append(check)
        return ask(path, check, *rest)

    monkeypatch.setattr(backup, "_ask_sqlite", spy)
    return seen


def test_a_cleanly_closed_database_opens_without_the_whole_file_check(db_path: Path, monkeypatch):
    """At a million answers quick_check took most of a second; a file closed cleanly does not need it."""
    _with_answers(db_path)
    seen = _checks_run(monkeypatch)
    Store.open(db_path, now=NOW, backups=False).close()
    assert seen == [""]


def test_a_database_with_answers_left_in_its_log_gets_the_whole_file_check(db_path: Path, monkeypatch):
    """Frames in quiz.db-wal at open: a crash (or another quiz running), so quick_check runs first."""
    _with_answers(db_path)
    with closing(sqlite3.connect(db_path, isolation_level=None)) as other:
        other.execute("PRAGMA wal_autocheckpoint = 0")
        other.execute("INSERT INTO meta (key, value) VALUES ('left', 'in the log')")
        assert Path(f"{db_path}-wal").stat().st_size > 0
        seen = _checks_run(monkeypatch)
        Store.open(db_path, now=NOW, backups=False).close()
    assert seen == ["quick_check"]


def test_the_daily_backup_is_checked_and_written_off_the_opening_thread(db_path: Path, monkeypatch):
    """Opening returns before the copy is made; the copy is made after quick_check, in another thread."""
    _with_answers(db_path)
    seen = _checks_run(monkeypatch)
    writers: list[str] = []
    write = backup.write_daily

    def spy(*args, **kwargs):
        writers.append(threading.current_thread().name)
        return write(*args, **kwargs)

    monkeypatch.setattr(backup, "write_daily", spy)
    with Store.open(db_path, now=NOW) as opened:
        assert opened.backup_problem is None  # waits for the backup
    assert writers == ["quiz-backup"] and seen == ["", "quick_check"]
    assert _names(db_path.parent / "backups") == ["quiz-2025-03-14.db"]


def test_a_database_that_fails_the_backup_check_is_not_copied(db_path: Path, monkeypatch):
    """A damaged file never becomes a backup, so the good copies of earlier days stay the newest."""
    _with_answers(db_path)
    damaged = backup.Diagnosis(db_path, backup.Health.DAMAGED, "page 3 is never used")
    diagnose = backup.diagnose

    def found_damaged_at_backup(path, **limits):  # the open's own check (header, schema) passes
        return diagnose(path, **limits) if limits.get("when_needed") else damaged

    monkeypatch.setattr(backup, "diagnose", found_damaged_at_backup)
    with Store.open(db_path, now=NOW) as opened:
        problem = opened.backup_problem
    assert problem is not None and "page 3 is never used" in problem and "quiz doctor" in problem
    assert _names(db_path.parent / "backups") == []
