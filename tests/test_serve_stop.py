"""Stopping `quiz serve` with browsers still connected: the server ends, each app ends, every answer is kept.

The server is the real one in its own process; each browser is a real WebSocket client on loopback that
keeps its tab open (and so its WebSocket) while the server is told to stop. The timeouts below only keep a
broken stop from hanging the run.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import os
import signal
import subprocess
from contextlib import AsyncExitStack

import aiohttp
import pytest

from tests.class_terminal import teacher_serving
from tests.serving import STOP_WAIT_S, Browser, ServedQuiz, browser_tab, serve_quiz
from tests.test_serve_class import answer, code  # noqa: F401  (code: the drill fixture)
from tests.test_serve_forks import answer_first, apps_of, descendants, fork_server, gone

pytestmark = pytest.mark.slow


async def closed_with(tab: Browser) -> int | None:
    """Read as an open tab does until the server closes the WebSocket; the close code it gave."""
    while True:
        message = await tab.ws.receive(timeout=STOP_WAIT_S)
        if message.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
            return tab.ws.close_code


async def stop_and_wait(served: ServedQuiz, number: int) -> None:
    served.process.send_signal(number)
    try:
        await asyncio.to_thread(served.process.wait, STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`quiz serve` was still running {STOP_WAIT_S} s after {number!r}:\n{served.log()}")


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT", "SIGHUP"])
async def test_a_stop_signal_closes_each_open_tab_ends_its_app_and_keeps_its_answers(tmp_path, name):
    with serve_quiz(tmp_path) as served:
        async with AsyncExitStack() as tabs:
            first = await tabs.enter_async_context(browser_tab(served, "/ws"))
            second = await tabs.enter_async_context(browser_tab(served, "/ws"))
            for tab in (first, second):
                await tab.wait_for("Profile: default")
                await answer_first(tab)
            below = descendants(served.process.pid)  # the fork server, both apps, both launchers
            assert len(below) >= 5, below
            closing = [asyncio.create_task(closed_with(tab)) for tab in (first, second)]
            await stop_and_wait(served, getattr(signal, name))
            codes = await asyncio.gather(*closing)
    assert served.process.returncode == 0, served.log()
    assert codes == [aiohttp.WSCloseCode.GOING_AWAY] * 2  # told the server went away, not cut off
    assert not [pid for pid in below if not gone(pid, timeout=STOP_WAIT_S)], "a process outlived `quiz serve`"
    assert len(served.attempts()) == 2
    assert not (served.data_dir / "quiz.db-wal").exists()  # each app closed its database: quiz.db holds it all
    assert "quiz: the server stopped; 2 students disconnected" in served.log()


async def test_an_app_that_answers_no_signal_is_killed_and_the_server_still_stops(tmp_path):
    """An app frozen (SIGSTOP) ignores its quit and every signal but SIGKILL: the server kills it and ends."""
    with serve_quiz(tmp_path) as served:
        zygote = fork_server(served)
        async with browser_tab(served, "/ws") as frozen:
            await frozen.wait_for("Profile: default")
            (stuck,) = apps_of(zygote)
            await answer_first(frozen)
            async with browser_tab(served, "/ws") as other:
                await other.wait_for("Profile: default")
                await answer_first(other)
                os.kill(stuck, signal.SIGSTOP)
                try:
                    await stop_and_wait(served, signal.SIGTERM)
                finally:
                    with contextlib.suppress(ProcessLookupError):  # a failed stop leaves no frozen process
                        os.kill(stuck, signal.SIGKILL)
    assert served.process.returncode == 0, served.log()
    assert gone(stuck, timeout=STOP_WAIT_S) and gone(zygote, timeout=STOP_WAIT_S)
    assert len(served.attempts()) == 2  # the frozen app's answer was committed when it was given


async def test_sigterm_ends_a_class_on_the_teachers_screen_as_q_does(tmp_path, code):  # noqa: F811
    """The class screen: SIGTERM writes the class's results and stops the server, with a student connected."""
    with teacher_serving(tmp_path, code) as (served, _teacher, join):
        async with browser_tab(served, f"/ws/{join}/Ana") as ana:
            await answer(ana, 1)
            await ana.wait_for("2 of 3")
            closing = asyncio.create_task(closed_with(ana))
            await stop_and_wait(served, signal.SIGTERM)
            assert await closing == aiohttp.WSCloseCode.GOING_AWAY
    assert served.process.returncode == 0
    with (tmp_path / "class.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[1][1:4] == ["Ana", "1", "3"]
