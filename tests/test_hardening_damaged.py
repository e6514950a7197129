"""A 0-byte or truncated quiz.db is a damaged history, not a new one (issue 14, item 4).

It is said to be damaged, kept byte for byte, and `quiz doctor --restore` puts back the latest
good backup.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from quiz.data.store import Store
from tests.store.conftest import NOW, answer

ANSWERS = 4


def with_a_backup(db: Path) -> None:
    """Four answers, and yesterday's backup of them (written when the store opened today)."""
    with Store.open(db, now=NOW - timedelta(days=1)) as store:
        for i in range(ANSWERS):
            store.record("ana", answer(f"h-00{i + 1}", NOW - timedelta(days=1, minutes=i)), None, None)
    Store.open(db, now=NOW).close()  # there is data now: this writes the backup
    assert [p.name for p in (db.parent / "backups").iterdir()] == [f"quiz-{NOW.date().isoformat()}.db"]


def neighbours(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir())


@pytest.fixture
def db(isolated: Path) -> Path:
    return isolated / "data" / "quiz.db"


def test_a_zero_byte_database_is_damaged_and_kept(quiz, db: Path):
    db.parent.mkdir(parents=True)
    db.write_bytes(b"")
    for command in (["stats"], ["play", "--plain"], ["profiles", "list"]):
        result = quiz(*command)
        assert result.code == 1, command
        assert result.err == (
            f"quiz: The score database {db} is damaged: it is empty (0 bytes). It has not been changed. "
            "Run `quiz doctor` to see the backups, and `quiz doctor --restore` to put back the latest good one "
            "(the damaged file is kept beside it).\n"
        )
    assert db.read_bytes() == b""
    assert neighbours(db) == ["quiz.db"]  # no -wal, -shm or new database beside it


def test_doctor_restores_the_backup_over_a_zero_byte_database(quiz, db: Path):
    with_a_backup(db)
    db.write_bytes(b"")  # a crash or a bad copy left it empty
    (Path(f"{db}-wal")).unlink(missing_ok=True)
    checked = quiz("doctor")
    assert checked.code == 1
    assert "✗ The score database" in checked.out and "is damaged: it is empty (0 bytes)" in checked.out
    assert f"Run `quiz doctor --restore` to put back quiz-{NOW.date().isoformat()}.db" in checked.out
    assert db.read_bytes() == b""
    restored = quiz("doctor", "--restore")
    assert restored.code == 0, restored.err
    aside = [name for name in neighbours(db) if name.startswith("quiz.db.damaged-")]
    assert len(aside) == 1 and (db.parent / aside[0]).read_bytes() == b""  # kept, as it was
    with Store.open(db, now=NOW) as store:
        assert len(list(store.attempts("ana"))) == ANSWERS


@pytest.mark.parametrize("keep", [1, 99, 100, 4096, 0.5], ids=["1 byte", "99 bytes", "header only", "one page", "half"])
def test_a_truncated_database_is_damaged_and_left_as_it_is(quiz, db: Path, keep: float):
    with_a_backup(db)
    size = db.stat().st_size
    os.truncate(db, int(size * keep) if isinstance(keep, float) else keep)
    before = db.read_bytes()
    result = quiz("play", "--plain")
    assert result.code == 1
    assert result.err.startswith(f"quiz: The score database {db} is damaged: ")
    assert "`quiz doctor --restore`" in result.err and result.err.count("\n") == 1
    assert db.read_bytes() == before
    assert quiz("doctor", "--restore").code == 0
    with Store.open(db, now=NOW) as store:
        assert len(list(store.attempts("ana"))) == ANSWERS
