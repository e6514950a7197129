"""A read-only or full disk: one line naming the cause and the path, a non-zero exit, nothing
acknowledged lost, nothing unsaved shown as saved (issue 14, item 1).

The disk is real where the test may make one: a size-limited tmpfs, mounted for the test and
remounted read-only for the read-only cases (root ignores file permissions, so chmod alone would
prove nothing). Where mounting is not allowed, the full disk is SQLite's own SQLITE_FULL raised at
the store's connection, and read-only is a folder without write permission.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from quiz.core.verdict import Form
from quiz.data.store import Store
from tests.conftest import DATA, ROOT

HARBOUR = str(DATA / "good" / "harbour.toml")
ROOM_FOR_A_FEW_ANSWERS = 128 * 1024  # each answer adds a few 4 KiB pages to the write-ahead log
FULL = "quiz: Could not save your answer: the disk holding {} is full. Free some space and try again."
FILLS_UP = """
import sqlite3


class _FillsUp(sqlite3.Connection):
    answers = 0

    def execute(self, sql, *args):
        if sql.lstrip().startswith("INSERT INTO attempts"):
            type(self).answers += 1
            if type(self).answers > 2:
                raise sqlite3.OperationalError("database or disk is full")
        return super().execute(sql, *args)


def fills_up(*args, _connect=sqlite3.connect, **kwargs):
    return _connect(*args, factory=_FillsUp, **kwargs)
"""


class Disk:
    """A small disk for the data folder: a real tmpfs when mounting works, else a plain folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir()
        made = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=512k,mode=0755", "tmpfs", str(folder)], capture_output=True
        )
        self.real = made.returncode == 0

    @property
    def db(self) -> Path:
        return self.folder / "quiz.db"

    def fill(self, leave: int = ROOM_FOR_A_FEW_ANSWERS) -> None:
        """Leave only `leave` bytes free (on a real disk; the fallback injects SQLITE_FULL instead)."""
        if self.real:
            stat = os.statvfs(self.folder)
            (self.folder / "filler").write_bytes(b"\0" * max(0, stat.f_bavail * stat.f_frsize - leave))

    def free(self) -> None:
        (self.folder / "filler").unlink(missing_ok=True)

    @property
    def prelude(self) -> str:
        """Code a child runs first: nothing on a real disk, the injected SQLITE_FULL otherwise."""
        return "" if self.real else FILLS_UP + "sqlite3.connect = fills_up\n"

    def inject(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """In this process: the same fallback as `prelude`, when the disk is not real."""
        if not self.real:
            scope: dict[str, object] = {}
            exec(FILLS_UP, scope)  # the test's own code, shared with the child
            monkeypatch.setattr(sqlite3, "connect", scope["fills_up"])

    def read_only(self) -> None:
        if self.real:
            subprocess.run(["mount", "-o", "remount,ro", str(self.folder)], check=True)
        else:
            for path in (self.db, self.folder):
                path.chmod(0o555 if path.is_dir() else 0o444)

    def unmount(self) -> None:
        if self.real:
            subprocess.run(["umount", "-l", str(self.folder)], check=False)
        else:
            self.folder.chmod(0o755)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Disk]:
    made = Disk(tmp_path / "disk")
    try:
        yield made
    finally:
        made.unmount()


def with_history(disk: Disk) -> None:
    """A database with a profile and today's backup already written (so a session writes only answers)."""
    for _ in range(2):  # the second opening writes today's backup: there is data by then
        with Store.open(disk.folder) as store:
            store.ensure_profile("default")


def quiz_child(disk: Disk, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`quiz ARGS` in a process of its own, over the disk's data folder."""
    code = disk.prelude + "\nimport sys\nfrom quiz.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    env = {**os.environ, "QUIZ_DATA_DIR": str(disk.folder), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code, *args], input=stdin, capture_output=True, text=True, env=env, cwd=ROOT
    )


def answers_in(disk: Disk) -> int:
    with Store.open(disk.folder, backups=False) as store:
        return len(list(store.attempts("default")))


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_a_disk_that_fills_mid_session_in_plain_mode(disk: Disk):
    with_history(disk)
    disk.fill()
    ran = quiz_child(disk, "play", "--plain", "--bank", HARBOUR, "--form", "choice", "-n", "30", stdin="1\n" * 60)
    assert ran.returncode == 1
    line = one_line(ran.stderr)
    assert line == FULL.format(disk.db)
    assert "Every answer is saved" not in ran.stdout
    acknowledged = ran.stdout.count("Correct answer:")  # feedback is shown only once an answer is stored
    assert acknowledged >= 1
    # The answer that failed got no verdict: the output ends at its prompt.
    assert ran.stdout.rstrip().endswith("Your answer, 1 to 4:") or ran.stdout.rstrip().endswith("(t or f, or 1 or 2):")
    disk.free()
    assert answers_in(disk) == acknowledged


async def test_a_disk_that_fills_mid_session_in_the_tui(
    disk: Disk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from quiz.data import config as settings
    from quiz.factory import build_app, open_study
    from quiz.ui.screens.question_screen import QuestionScreen
    from tests.ui.conftest import NOT_TF, Clock, harbour, option_keys, start

    with_history(disk)
    study = open_study(harbour(), disk.folder, clock=Clock(), seed=1)
    disk.fill()
    disk.inject(monkeypatch)
    study.store.close()
    study.store = Store.open(disk.folder, backups=False)  # a connection made after the injection
    app = build_app(study, tmp_path / "config", settings.Config())
    shown_saved = 0

    def feedback_shown() -> bool:
        screen = app.screen
        return isinstance(screen, QuestionScreen) and bool(screen.query_one("#feedback").display)

    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, form=Form.CHOICE, count=8, seed=2, kinds=NOT_TF)
        for _ in range(40):
            if app.return_code is not None:
                break
            before = feedback_shown()
            shown_saved += before
            # Keys go in as a terminal sends them; once the app is exiting, a pilot would wait for
            # a screen that never settles, so this waits for the answer (or the exit) itself.
            for key in ["enter"] if before else option_keys(app.screen, 1):  # 1, or 1 Enter on "1.2 million"
                app.simulate_key(key)
            for _ in range(1000):
                await asyncio.sleep(0.01)
                if app.return_code is not None or feedback_shown() != before:
                    break
    assert app.return_code == 1
    printed = capsys.readouterr().err  # Textual prints it once the screen is restored, wrapped to its width
    assert "Traceback" not in printed and " ".join(printed.split()) == FULL.format(disk.db)
    assert shown_saved >= 1
    study.store.close()
    disk.free()
    assert answers_in(disk) == shown_saved


def test_the_tui_exit_status_is_the_apps(monkeypatch: pytest.MonkeyPatch):
    """`quiz` and `quiz play` end with the app's return code, not always 0."""
    from quiz.cli import study_commands

    class Failed:
        return_code = 1

        def run(self) -> None:
            pass

    monkeypatch.setattr(study_commands, "tui_app", lambda study, options: Failed())
    assert study_commands.run_tui(None, None, None) == 1


def test_a_read_only_data_folder_is_named_as_such(disk: Disk):
    with_history(disk)
    before = disk.db.read_bytes()
    disk.read_only()
    ran = quiz_child(disk, "play", "--plain", "--bank", HARBOUR, "-n", "3", stdin="1\n" * 5)
    assert ran.returncode == 1
    line = one_line(ran.stderr)
    if disk.real:
        assert line == (
            f"quiz: Cannot save answers: the disk holding {disk.db} is mounted read-only. "
            "Pass --data-dir DIR (or set QUIZ_DATA_DIR) to a folder on a writable disk."
        )
    else:
        assert f"you may not write to the folder {disk.folder}" in line
    assert "damaged" not in line and "Question 1" not in ran.stdout
    doctor = quiz_child(disk, "doctor")
    assert doctor.returncode == 1 and "Traceback" not in doctor.stderr
    if disk.real:  # `quiz doctor` blames the disk too, not the file's permissions
        assert f"cannot be opened: the disk holding {disk.db} is mounted read-only" in doctor.stdout
    assert disk.db.read_bytes() == before
    assert sorted(p.name for p in disk.folder.iterdir()) == ["backups", "quiz.db"]


def test_every_command_on_a_read_only_disk_is_one_line_and_a_failure(disk: Disk):
    with_history(disk)
    disk.read_only()
    for args in (["stats"], ["export", "attempts"], ["profiles", "list"], ["play", "--plain"]):
        ran = quiz_child(disk, *args)
        assert ran.returncode == 1, args
        assert "read-only" in one_line(ran.stderr) or "may not write" in ran.stderr
