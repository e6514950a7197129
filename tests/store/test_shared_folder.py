"""The app and command-line runs share one data folder: none of them takes the database from the others.

Real processes throughout: a long-lived `quiz play --plain` keeps the store open (and writes the
day's backup, as the first study of a day does) while other `quiz` commands open and close the
same folder. The app's answers must stay visible to every other reader all along, and the file
must stay whole.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from quiz.data.store import Store

from .conftest import DATA, answer

ROOT = Path(__file__).resolve().parents[2]
BANK = ("--bank", str(DATA / "good"), "--seeds", str(DATA / "seeds"))
PATIENCE_S = 60.0  # a loaded machine is slow, never wrong


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QUIZ_DATA_DIR": str(home / "data"),
        "QUIZ_CONFIG_DIR": str(home / "config"),
        "QUIZ_CACHE_DIR": str(home / "cache"),
    }


def _answers(db: Path) -> int:
    """Answers as a third reader sees them, the write-ahead log included."""
    with closing(sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)) as read:
        return read.execute("SELECT count(*) FROM attempts").fetchone()[0]


def _wait_for(done, what: str) -> None:
    deadline = time.monotonic() + PATIENCE_S
    while not done():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.1)


class PlainApp:
    """`quiz play --plain` in a child process, answered line by line through its stdin."""

    def __init__(self, home: Path, *args: str) -> None:
        command = [sys.executable, "-m", "quiz", "play", "--plain", *args, *BANK]
        self.process = subprocess.Popen(
            command, cwd=home, env=_env(home), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.output = bytearray()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        while data := self.process.stdout.read1(65536):
            self.output.extend(data)

    def asked(self) -> int:
        return self.output.count(b"Your answer")

    def type(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def quit(self) -> tuple[int, str]:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=PATIENCE_S)
        assert self.process.stderr is not None
        return self.process.returncode, self.process.stderr.read().decode()


def _quiz(home: Path, *args: str, typed: str = "") -> str:
    run = subprocess.run(
        [sys.executable, "-m", "quiz", *args, *BANK],
        cwd=home,
        env=_env(home),
        input=typed,
        capture_output=True,
        text=True,
        timeout=PATIENCE_S,
    )
    assert run.returncode == 0 and "Traceback" not in run.stderr, f"quiz {' '.join(args)}: {run.stderr}"
    return run.stdout


@pytest.mark.slow
def test_command_line_runs_never_take_the_database_from_a_running_app(tmp_path: Path):
    data = tmp_path / "data"
    db = data / "quiz.db"
    with Store.open(data, backups=False) as earlier:  # answers there, and no backup of today yet
        earlier.record("ana", answer("h-001", datetime.now().astimezone()), None, None)
    app = PlainApp(tmp_path, "-n", "3", "--seed", "4")
    try:
        # The app's first open of the day copies the database into backups/ before any answer.
        _wait_for(lambda: any((data / "backups").glob("quiz-*.db")) and app.asked() >= 1, "the app's backup")
        app.type("1")
        _wait_for(lambda: _answers(db) == 2, "the app's first answer")

        code = _quiz(tmp_path, "drill", "new", "--deck", "harbour", "-n", "2", "--seed", "5").strip()
        runs = [
            ("drill", code, "--plain", "--name", "Ana Silva"),
            ("drill", code, "--plain", "--name", "Cy"),
            ("play", "--plain", "-n", "2", "--seed", "7"),
        ]
        for args in runs:
            _quiz(tmp_path, *args, typed="1\n2\n")
            assert Path(f"{db}-wal").exists() and Path(f"{db}-shm").exists(), f"quiz {' '.join(args)} removed them"
        given = _answers(db)
        assert given == 2 + 2 + 2 + 2
        assert "Ana Silva" in _quiz(tmp_path, "drill", "results", code)
        _quiz(tmp_path, "stats")

        app.type("2")  # the app answers again after all of them: everyone else must see it at once
        _wait_for(lambda: _answers(db) == given + 1, "the app's answer after the command-line runs")
    finally:
        code, err = app.quit()
    assert code == 0 and "Traceback" not in err, err
    with closing(sqlite3.connect(db)) as check:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert check.execute("SELECT count(*) FROM attempts").fetchone()[0] == given + 1


def test_a_second_store_in_one_process_keeps_the_first_ones_hold_on_the_file(tmp_path: Path):
    """Opening the same database twice here must not drop this process's locks (a plain open() and close()
    of the file would), or another process closing takes itself for the last and deletes -wal and -shm."""
    data = tmp_path / "data"
    db = data / "quiz.db"
    with Store.open(data, backups=False) as first:
        first.record("ana", answer("h-001", datetime.now().astimezone()), None, None)
        with Store.open(data, backups=False) as second:
            second.record("ana", answer("h-002", datetime.now().astimezone()), None, None)
        other = "import sys; from quiz.data.store import Store; Store.open(sys.argv[1], backups=False).close()"
        subprocess.run([sys.executable, "-c", other, str(data)], env=_env(tmp_path), check=True, timeout=PATIENCE_S)
        assert Path(f"{db}-wal").exists() and Path(f"{db}-shm").exists()
        first.record("ana", answer("h-003", datetime.now().astimezone()), None, None)
        assert _answers(db) == 3
