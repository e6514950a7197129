"""`quiz serve --drill CODE`: a class of browsers, each a named student, answering into the teacher's database.

The server is the real one in its own process; the students are real WebSocket clients on loopback.
"""

from __future__ import annotations

import asyncio
import csv
import re
import signal
from urllib.parse import quote

import aiohttp
import pytest

from quiz.data.store import Store
from tests.class_terminal import teacher_serving
from tests.serving import FIRST_OPTION, TRUE_OPTION, ServedQuiz, browser_tab, serve_quiz

pytestmark = pytest.mark.slow


@pytest.fixture
def code(quiz) -> str:
    return quiz("drill", "new", "--deck", "showdown", "-n", "3", "--seed", "5").out.strip()


def join_code(served: ServedQuiz) -> str:
    found = re.search(r"join=([A-Z0-9]+)", served.url)
    assert found, served.log()
    return found[1]


def class_answers(served: ServedQuiz, code: str) -> dict[str, list[str]]:
    """Each student's answered question ids, from the teacher's database."""
    with Store.open(served.data_dir, backups=False) as store:
        rows = store.drill_attempts(code)
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row["student"], []).append(row["question_id"])
    return out


async def answer(tab, number: int) -> None:
    """Answer the question on screen with its first option (1, or T for true/false), then go on."""
    await tab.wait_for(f"{number} of 3")
    first = await tab.wait_for(TRUE_OPTION, FIRST_OPTION)  # the options are drawn
    await tab.read_for(0.6)  # as a person reads it: a key in a question's first 0.5 s is not meant for it (GUARD)
    await tab.press_until("t" if first == TRUE_OPTION else "1", "Correct answer")
    await asyncio.sleep(0.8)  # Enter in the feedback's first half second is ignored on purpose
    await tab.press("\r")


async def test_each_browser_is_a_named_student_whose_answers_reach_the_teacher(tmp_path, code):
    await asyncio.wait_for(a_class_of_two(tmp_path, code), timeout=240)  # a stuck step fails, with where


async def a_class_of_two(tmp_path, code):
    out = tmp_path / "class.csv"
    with serve_quiz(tmp_path, "--drill", code, "--out", str(out)) as served:
        join = join_code(served)
        async with aiohttp.ClientSession() as client:
            async with client.get(served.url) as page:  # no name yet: the page asks for it
                text = await page.text()
                assert page.status == 200 and "Your name" in text and f'value="{join}"' in text
            async with client.get(f"{served.url}&name=Ana%20Silva") as page:
                assert f"/ws/{join}/Ana%20Silva" in await page.text()
        async with browser_tab(served, f"/ws/{join}/{quote('Ana Silva')}") as ana:
            await answer(ana, 1)
            await ana.wait_for("2 of 3")
        assert class_answers(served, code) == {"Ana Silva": [class_answers(served, code)["Ana Silva"][0]]}

        # Her browser is refreshed: the same name goes on at question 2, not at the start.
        async with browser_tab(served, f"/ws/{join}/{quote('Ana Silva')}") as ana:
            await answer(ana, 2)
            await answer(ana, 3)
        async with browser_tab(served, f"/ws/{join}/Ben") as ben:  # a late joiner starts at his own start
            await answer(ben, 1)
            await ben.wait_for("2 of 3")
        answers = class_answers(served, code)
        served.process.send_signal(signal.SIGTERM)  # the teacher ends the class
        served.process.wait(timeout=30)
    assert len(answers["Ana Silva"]) == 3 and len(set(answers["Ana Silva"])) == 3
    assert answers["Ben"] == answers["Ana Silva"][:1]  # the same first question for everyone
    with out.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    students = {row[1]: row for row in rows[1:] if row and row[0].isdigit()}
    assert students["Ana Silva"][2:4] == ["3", "3"] and students["Ben"][2:4] == ["1", "3"]
    assert "the class's results (2 students)" in served.log()


async def test_a_class_refuses_a_socket_without_a_name_or_its_join_code(tmp_path, code):
    with serve_quiz(tmp_path, "--drill", code) as served:
        join = join_code(served)
        async with aiohttp.ClientSession() as client:
            for path in (f"/ws/{join}", f"/ws/{join}/%20", "/ws/WRONG123/Ana", "/ws"):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    async with client.ws_connect(f"ws://127.0.0.1:{served.port}{path}", origin=served.origin):
                        pass
                assert refused.value.status == 403, path


def test_a_class_with_a_mistyped_code_says_so(quiz, code):
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    result = quiz("serve", "--drill", typo)
    assert result.code == 1 and "typo" in result.err


async def test_in_the_teachers_terminal_the_class_screen_follows_a_browsers_answer(tmp_path, code):
    """The teacher's screen and the web server share the process: an answer from a browser shows on it."""
    await asyncio.wait_for(a_class_in_a_terminal(tmp_path, code), timeout=240)


async def a_class_in_a_terminal(tmp_path, code):
    with teacher_serving(tmp_path, code) as (served, teacher, join):
        async with browser_tab(served, f"/ws/{join}/Ana") as ana:
            await answer(ana, 1)
            await ana.wait_for("2 of 3")
            while teacher.first_showing(1) is None:  # bounded by the test's timeout
                await asyncio.sleep(0.1)
            assert "Ana" in teacher.text and "1 answer ·" in teacher.text
    assert served.process.returncode == 0  # q ended the class and stopped the server
    with (tmp_path / "class.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[1][1:4] == ["Ana", "1", "3"]
