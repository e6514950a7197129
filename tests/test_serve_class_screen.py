"""The teacher's live class screen: it follows the database as answers arrive, and writes the CSV."""

from __future__ import annotations

import csv
import io
import socket
import time
from contextlib import closing

import aiohttp
import pytest

from quiz.cli.classroom import Classroom
from quiz.cli.serve_commands import serve_beside
from quiz.core.bank import load_bank
from quiz.data import locations
from quiz.factory import open_study
from quiz.ui.class_app import REFRESH_S, ClassApp
from tests.serving import free_port

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


async def test_the_teacher_stays_on_the_student_they_are_looking_at_as_answers_arrive(
    taken, tmp_path, quiz, monkeypatch
):
    app = ClassApp(classroom(taken), dict, ["http://127.0.0.1:8000/"], tmp_path / "c.csv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        students = app.query_one("#students")
        students.focus()
        for _ in range(column(students, 1).index("cat")):
            await pilot.press("down")
        monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))  # an answer arrives: the tables are drawn again
        quiz("drill", taken, "--plain", "--profile", "fay", "--name", "fay")
        await pilot.pause(REFRESH_S * 3)
        assert "fay" in column(students, 1)
        assert column(students, 1)[students.cursor_row] == "cat"  # not sent back to the top row
        assert "13 answers ·" in str(app.query_one("#class-status").render())  # 4 students' 3 each, and fay's 1


def class_server(port: int):
    from quiz.cli.quiz_server import QuizServer

    return QuizServer("true", "127.0.0.1", port, None, "", lambda name: "true")


async def test_the_web_server_runs_beside_the_class_screen_until_the_class_ends(taken, tmp_path):
    port = free_port()
    app = ClassApp(
        classroom(taken),
        dict,
        [f"http://127.0.0.1:{port}/"],
        tmp_path / "c.csv",
        lambda: serve_beside(class_server(port)),
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        async with aiohttp.ClientSession() as client, client.get(f"http://127.0.0.1:{port}/") as page:
            assert page.status == 200 and "Your name" in await page.text()  # served while the screen runs
        await pilot.press("q")
    with closing(socket.socket()) as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0  # the class ended: nothing listens any more


async def test_a_class_screen_on_a_taken_port_says_so(taken, tmp_path):
    with closing(socket.socket()) as taken_port:
        taken_port.bind(("127.0.0.1", 0))
        taken_port.listen()
        port = taken_port.getsockname()[1]
        app = ClassApp(classroom(taken), dict, ["x"], tmp_path / "c.csv", lambda: serve_beside(class_server(port)))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
        assert app.return_code == 1
