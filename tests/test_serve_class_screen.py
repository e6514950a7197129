"""The teacher's live class screen: it follows the database as answers arrive, and writes the CSV."""

from __future__ import annotations

import csv
import io
import time

import pytest

from quiz.cli.classroom import Classroom
from quiz.core.bank import load_bank
from quiz.data import locations
from quiz.factory import open_study
from quiz.ui.class_app import REFRESH_S, ClassApp

SIZE = (120, 40)


@pytest.fixture
def taken(quiz, monkeypatch):
    """A drill of 3 questions that four students took in line mode on this machine; ned only began."""
    code = quiz("drill", "new", "--deck", "barrel-bombs", "-n", "3", "--seed", "9").out.strip()
    for student, keys in [("ana", "1\n1\n1\n"), ("ben", "2\n2\n2\n"), ("cat", "1\n2\n1\n"), ("dan", "3\n3\n3\n")]:
        monkeypatch.setattr("sys.stdin", io.StringIO(keys))
        assert quiz("drill", code, "--plain", "--profile", student, "--name", student).code == 0
    return code


def classroom(code: str) -> Classroom:
    study = open_study(load_bank(locations.bank_path()), locations.data_dir(None), "teacher")
    return Classroom(study, code)


def column(table, index: int) -> list[str]:
    return [str(table.get_row_at(row)[index]) for row in range(table.row_count)]


async def test_the_class_screen_ranks_students_and_analyses_each_question(taken, tmp_path):
    room = classroom(taken)
    report = room.report()
    joined = {"ana": time.time(), "eve": time.time()}
    app = ClassApp(room, lambda: joined, ["http://127.0.0.1:8000/"], tmp_path / "c.csv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        students = app.query_one("#students")
        assert column(students, 1) == [s.student for s in report.students] + ["eve"]  # eve joined, no answer yet
        assert column(students, 2)[-1].endswith("0/3") and all(p.endswith("3/3") for p in column(students, 2)[:-1])
        items = app.query_one("#items")
        assert column(items, 0) == ["1", "2", "3"]
        best = report.students[0]
        assert column(students, 3)[0] == f"{best.correct}/3"
        wrong = [item.top_wrong for item in report.items]
        shown = column(items, 4)
        for top, cell in zip(wrong, shown, strict=True):
            assert cell == ("–" if top is None else f"{top[0]} ×{top[1]}")
        assert all(d != "–" for d in column(items, 5))  # 4 students: discrimination is shown


async def test_the_class_screen_follows_new_answers_and_exports_at_the_end(taken, tmp_path, quiz, monkeypatch):
    out = tmp_path / "class.csv"
    app = ClassApp(classroom(taken), dict, ["http://127.0.0.1:8000/"], out)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one("#students").row_count == 4
        monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))  # a late student answers while the screen is open
        quiz("drill", taken, "--plain", "--profile", "fay", "--name", "fay")
        await pilot.pause(REFRESH_S * 3)
        assert "fay" in column(app.query_one("#students"), 1)
        await pilot.press("e")
        assert out.exists()
        out.unlink()
        await pilot.press("q")
    with out.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["rank", "student", "answered"]
    assert {row[1] for row in rows[1:6]} == {"ana", "ben", "cat", "dan", "fay"}
    assert rows[6] == [] and rows[7][:2] == ["question", "prompt"]
    assert len(rows) == 11 and all(row[0].startswith("bb-") and row[1] for row in rows[8:])  # 3 questions
