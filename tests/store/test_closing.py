"""quiz.db alone holds every answer once the app or a command has ended, however it ended.

The app runs for real here: `quiz play` in a child process on a pseudo-terminal, answered
key by key, then left by each way out. Afterwards quiz.db is copied ALONE (no -wal, no -shm)
to another folder, as a learner copying their scores would, and every answer must be in it.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from quiz.core.selection import Mode, Options
from quiz.data.store import Store

from .conftest import DATA, NOW, answer, at

ROOT = Path(__file__).resolve().parents[2]
BANK = ("--bank", str(DATA / "good"), "--seeds", str(DATA / "seeds"))
PATIENCE_S = 60.0  # how long to wait for the app to react (a loaded machine is slow, never wrong)


def _answers_in_copy(db: Path, folder: Path) -> list[str]:
    """Copy quiz.db alone elsewhere and read the answers in that copy."""
    folder.mkdir()
    copy = shutil.copy(db, folder / "quiz.db")
    with closing(sqlite3.connect(copy)) as read:
        return [qid for (qid,) in read.execute("SELECT question_id FROM attempts ORDER BY id")]


def _live_answers(db: Path) -> list[str]:
    """The answers as SQLite sees them, the write-ahead log included."""
    if not db.exists():
        return []
    try:
        with closing(sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)) as read:
            return [qid for (qid,) in read.execute("SELECT question_id FROM attempts ORDER BY id")]
    except sqlite3.Error:  # not created yet
        return []


class Terminal:
    """`quiz ARGS` in a child process on a pseudo-terminal of 100x30, and what it printed."""

    def __init__(self, home: Path, *args: str) -> None:
        master, child_side = os.openpty()
        fcntl.ioctl(child_side, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "QUIZ_DATA_DIR": str(home / "data"),
            "QUIZ_CONFIG_DIR": str(home / "config"),
            "QUIZ_CACHE_DIR": str(home / "cache"),
            "TERM": "xterm-256color",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "quiz", *args],
            stdin=child_side,
            stdout=child_side,
            stderr=child_side,
            env=env,
            cwd=home,
            start_new_session=True,
        )
        os.close(child_side)
        self.master = master
        self.output = bytearray()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            self.output.extend(data)

    def press(self, keys: bytes) -> None:
        with contextlib.suppress(OSError):  # the app has already gone
            os.write(self.master, keys)

    def until(self, done, keys: bytes = b"", every: float = 0.5) -> None:
        """Press `keys` (again and again, as a person would) until `done()`; fail after PATIENCE_S."""
        deadline = time.monotonic() + PATIENCE_S
        while not done():
            assert time.monotonic() < deadline, f"the app did not react; it showed:\n{self.output[-2000:]!r}"
            if keys:
                self.press(keys)
            time.sleep(every)

    def ended(self) -> bool:
        return self.process.poll() is not None

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


@pytest.fixture
def terminal(isolated: Path):
    opened: list[Terminal] = []

    def start(*args: str) -> Terminal:
        opened.append(Terminal(isolated, *args))
        return opened[-1]

    yield start
    for t in opened:
        t.close()


def _leave(term: Terminal, how: str) -> None:
    if how == "finished, then q":
        term.until(term.ended, b"q")  # the results screen: q quits
    elif how == "ctrl+c mid-session":
        term.until(term.ended, b"\x03y", every=1.0)  # asks first, mid-session; y confirms
    else:
        term.process.send_signal(getattr(signal, how))
        term.until(term.ended)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["finished, then q", "ctrl+c mid-session", "SIGTERM", "SIGHUP"])
def test_after_the_app_ends_quiz_db_alone_holds_every_answer(terminal, isolated: Path, how: str):
    db = isolated / "data" / "quiz.db"
    count = 2 if how == "finished, then q" else 3
    # Not "number": its options start with digits, so there a digit is typed, not an answer.
    kinds = [arg for kind in ("choice", "recall", "gap") for arg in ("--kind", kind)]
    term = terminal("play", "--mode", "exam", "-n", str(count), "--seed", "1", "--form", "choice", *kinds, *BANK)
    for answered in range(1, 3):
        term.until(lambda n=answered: len(_live_answers(db)) >= n, b"1", every=0.7)  # exam: a digit answers
    given = _live_answers(db)
    assert len(given) == 2
    _leave(term, how)
    assert term.process.returncode in (0, 128 + signal.SIGTERM, 128 + signal.SIGHUP)
    assert b"Traceback" not in term.output
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    assert _answers_in_copy(db, isolated / "elsewhere") == given


def test_a_command_that_fails_still_leaves_every_answer_in_quiz_db(quiz, isolated: Path, monkeypatch):
    """An exception after answers were given: the CLI's way out closes the store all the same."""

    def answer_then_fail(args, study, options):
        session = study.start(Options(mode=Mode.PRACTICE, count=2, seed=3))
        study.record(session, session.submit("a wrong answer", study.now()))
        raise RuntimeError("something went wrong in the app")

    monkeypatch.setattr("quiz.cli.study_commands.run_tui", answer_then_fail)
    with pytest.raises(RuntimeError, match="went wrong"):
        quiz("play", *BANK)
    db = isolated / "data" / "quiz.db"
    assert len(_answers_in_copy(db, isolated / "elsewhere")) == 1


@pytest.mark.parametrize(
    "args",
    [("play", "--plain", "-n", "2", "--seed", "4"), ("drill", "CODE", "--plain", "--name", "Ana")],
    ids=["play --plain", "drill --plain"],
)
def test_plain_sessions_leave_every_answer_in_quiz_db(quiz, isolated: Path, monkeypatch, args):
    if "CODE" in args:
        made = quiz("drill", "new", "--deck", "harbour", "-n", "2", "--seed", "5", *BANK)
        args = tuple(made.out.strip() if a == "CODE" else a for a in args)
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n\n2\n\n"))
    run = quiz(*args, *BANK)
    assert run.code == 0, run.err
    db = isolated / "data" / "quiz.db"
    assert len(_answers_in_copy(db, isolated / "elsewhere")) == 2


def test_closing_checkpoints_while_another_quiz_has_the_file_open(db_path: Path, tmp_path: Path):
    """SQLite folds the log in only when the LAST connection closes; closing a store does it regardless."""
    with Store.open(db_path, now=NOW) as other:
        with Store.open(db_path, now=NOW) as mine:
            mine.record("ana", answer("h-001", at(14)), None, None)
        assert _answers_in_copy(db_path, tmp_path / "elsewhere") == ["h-001"]
        other.record("ana", answer("h-002", at(14)), None, None)
    assert _answers_in_copy(db_path, tmp_path / "again") == ["h-001", "h-002"]


def test_closing_twice_is_harmless(db_path: Path):
    store = Store.open(db_path, now=NOW)
    store.close()
    store.close()
