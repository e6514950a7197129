"""Answers survive kill -9, processes share the file, and a damaged or newer file is never touched."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from quiz.data.store import Store, StoreError

from .conftest import DATA, NOW, answer, at

ANSWERER = Path(__file__).with_name("answerer.py")
ROOT = Path(__file__).resolve().parents[2]
BANK = ("--bank", str(DATA / "good"), "--seeds", str(DATA / "seeds"))


def _answerer(db: Path, profile: str, count: int) -> subprocess.Popen[str]:
    command = [sys.executable, str(ANSWERER), str(db), profile, str(count)]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _check(db: Path) -> sqlite3.Connection:
    check = sqlite3.connect(db)
    assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    return check


@pytest.mark.slow
def test_acknowledged_answers_survive_kill_9(tmp_path: Path):
    """50 kills at random moments: the file stays whole and every acknowledged answer is in it."""
    db = tmp_path / "quiz.db"
    rng = random.Random(20250314)
    acknowledged: set[int] = set()
    waited_for = 0
    for kill in range(50):
        child = _answerer(db, "kid", 0)
        assert child.stdout is not None
        early: list[str] = []
        if kill % 5 == 0:
            time.sleep(rng.uniform(0.0, 0.3))  # while starting or opening the store
        else:
            # Mid-answer whatever the machine's load: kill only after this many acknowledgements.
            wanted = rng.randint(1, 60)
            waited_for += wanted
            early = [child.stdout.readline() for _ in range(wanted)]
        child.kill()
        out, err = child.communicate()
        assert "Traceback" not in err
        # The last line may have been cut off mid-write; every complete line was acknowledged.
        acknowledged.update(int(line) for line in ("".join(early) + out).split("\n")[:-1])
    assert len(acknowledged) >= waited_for  # the kills did land while answering
    with closing(_check(db)) as check:
        stored = {row[0] for row in check.execute("SELECT id FROM attempts")}
        aggregate = check.execute("SELECT sum(attempts) FROM question_stats").fetchone()[0]
    assert acknowledged <= stored
    assert aggregate == len(stored)  # each answer and its aggregate were committed together
    with Store.open(db, now=NOW) as reopened:
        assert len(list(reopened.attempts("kid"))) == len(stored)


@pytest.mark.slow
def test_four_processes_answer_into_one_database(tmp_path: Path):
    """4 x 250 answers at once into a database none of them found: all stored, no one saw a lock."""
    db = tmp_path / "fresh" / "quiz.db"
    children = [_answerer(db, "class", 250) for _ in range(4)]
    results = [child.communicate(timeout=120) for child in children]
    assert [child.returncode for child in children] == [0, 0, 0, 0]
    assert [err for _out, err in results] == ["", "", "", ""]
    ids = [int(line) for out, _err in results for line in out.split()]
    assert len(ids) == len(set(ids)) == 1000
    with closing(_check(db)) as check:
        assert check.execute("SELECT count(*) FROM attempts").fetchone()[0] == 1000
        assert check.execute("SELECT sum(attempts) FROM question_stats").fetchone()[0] == 1000
        assert check.execute("SELECT count(*) FROM sessions").fetchone()[0] == 4


# --------------------------------------------------------------------------- damaged and newer files


def _real_database(db: Path, answers: int = 300, drill: str = "CODE") -> None:
    """Answers in a session of `drill`, so that reading the drill's results reads every page of them."""
    with Store.open(db, now=NOW) as made:
        session = made.start_session("ana", "drill", {"drill": drill}, NOW)
        for i in range(answers):
            made.record("ana", answer(f"h-{i % 50:03d}", at(14, 8, i % 60), given="x" * 200), None, session)


def _random_bytes(db: Path) -> None:
    db.write_bytes(random.Random(7).randbytes(16_384))


def _truncated(db: Path) -> None:
    _real_database(db)
    data = db.read_bytes()
    db.write_bytes(data[: len(data) * 3 // 5])


def _header_wiped(db: Path) -> None:
    _real_database(db, 5)
    data = db.read_bytes()
    db.write_bytes(bytes(100) + data[100:])


def _newer(db: Path) -> None:
    _real_database(db, 5)
    with closing(sqlite3.connect(db)) as newer:
        newer.execute("PRAGMA user_version = 99")  # a pragma, so no transaction to commit


def _newer_still_in_the_wal(db: Path) -> None:
    """Version 99 committed to the WAL by a process that died before any checkpoint."""
    _real_database(db, 5)
    script = (
        "import os, sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "db.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "db.execute('PRAGMA user_version = 99')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db)], check=True)
    assert Path(f"{db}-wal").stat().st_size > 0


BAD_FILES: list[tuple[Callable[[Path], None], str]] = [
    (_random_bytes, "is damaged: it is not a SQLite database"),
    (_truncated, "is damaged"),
    (_header_wiped, "is damaged"),
    (_newer, "newer version of quiz"),
    (_newer_still_in_the_wal, "newer version of quiz"),
]
BAD_IDS = ["random bytes", "truncated", "header wiped", "newer schema", "newer schema in the WAL"]


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes; -shm is SQLite's shared-memory index, rebuilt by any reader, so only its name."""
    return {
        str(p.relative_to(folder)): b"" if p.name.endswith("-shm") else p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(("make", "says"), BAD_FILES, ids=BAD_IDS)
def test_a_damaged_or_newer_database_is_refused_and_left_untouched(db_path: Path, make, says: str):
    """StoreError names the file and what to do; every byte (and the set of files) is unchanged."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    make(db_path)
    before = _snapshot(db_path.parent)
    with pytest.raises(StoreError) as caught:
        Store.open(db_path, now=NOW)
    message = str(caught.value)
    assert says in message and str(db_path) in message
    assert ("quiz doctor" in message) if "damaged" in says else ("Upgrade quiz" in message)
    assert _snapshot(db_path.parent) == before


@pytest.mark.parametrize(("make", "says"), BAD_FILES, ids=BAD_IDS)
@pytest.mark.parametrize("command", [["stats"], ["due"], ["profiles", "list"], ["export", "attempts"]])
def test_the_cli_reports_a_bad_database_without_a_traceback(quiz, db_path: Path, make, says: str, command):
    """Exit 1 and one clear message on stderr; the file is left as it was."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    make(db_path)
    before = _snapshot(db_path.parent)
    run = quiz(*command)
    assert run.code == 1
    assert run.err.startswith("quiz: ") and says in run.err
    assert "Traceback" not in run.err and run.out == ""
    assert _snapshot(db_path.parent) == before


def _pages_overwritten(db: Path, drill: str = "CODE") -> None:
    """The back half of the pages overwritten, the schema kept: the file opens, and reading the tables fails."""
    _real_database(db, drill=drill)
    data = bytearray(db.read_bytes())
    for page in range(len(data) // 8192 * 4096, len(data), 4096):
        data[page : page + 64] = b"\xff" * 64
    db.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "read",
    [
        lambda store: store.drill_attempts("CODE"),
        lambda store: list(store.attempts("ana")),
    ],
    ids=["drill results", "export"],
)
def test_a_read_that_fails_on_a_damaged_file_says_so_in_one_sentence(db_path: Path, read):
    """The COMMIT that fails too after the read must not replace the StoreError with a bare sqlite3 error."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    _pages_overwritten(db_path)
    with Store.open(db_path, now=NOW, backups=False) as store, pytest.raises(StoreError) as caught:
        read(store)
    assert "is damaged" in str(caught.value) and "quiz doctor" in str(caught.value)


def test_drill_results_on_a_damaged_file_is_one_line_not_a_traceback(quiz, db_path: Path):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    code = quiz("drill", "new", "--deck", "harbour", "-n", "2", "--seed", "5", *BANK).out.strip()
    _pages_overwritten(db_path, drill=code)
    run = quiz("drill", "results", code, *BANK)
    assert run.code == 1
    assert run.err.startswith("quiz: Could not read drill results") and "is damaged" in run.err
    assert run.err.count("\n") == 1
