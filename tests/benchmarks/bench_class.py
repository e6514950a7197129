"""A class of 30 against one `quiz serve --drill`: every answer stored, key-to-feedback, the teacher's lag, memory.

Run: .venv/bin/python -m pytest tests/benchmarks/bench_class.py -o addopts="" -s
Each student is a real WebSocket client on 127.0.0.1 (no other address is contacted) answering a
10-question drill. Bounded: 30 students, 10 questions each, and the whole run stops after
RUN_LIMIT_S. Goals (issue 13): 300/300 answers stored, p95 key-to-feedback <= 250 ms,
<= 60 MB of the host's memory per student.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import time
from pathlib import Path

import pytest

from quiz.cli.classroom import Classroom
from quiz.core.bank import load_bank
from quiz.core.drill import Drill, encode
from quiz.core.selection import History, Mode, form_for, select
from quiz.core.verdict import Form
from quiz.data import locations
from quiz.factory import open_study
from tests.serving import FIRST_OPTION, TRUE_OPTION, browser_tab, serve_quiz

STUDENTS = int(os.environ.get("QUIZ_BENCH_STUDENTS", "30"))  # fewer, to see how it scales
QUESTIONS = 10
RUN_LIMIT_S = int(os.environ.get("QUIZ_BENCH_LIMIT_S", "600"))
ARRIVAL_S = 0.5  # between two students' connections, as a class arriving


def keyed_drill(bank) -> str:
    """A drill whose questions are all answered by one key (choice or true/false), so every press is timed."""
    for seed in range(500):
        drill = Drill(("barrel-bombs", "showdown", "putin-sanctions"), QUESTIONS, seed, None, nonce=seed)
        options = drill.options("x")
        chosen = select(bank, options, History(), None, random.Random(0))  # type: ignore[arg-type]
        if all(form_for(q, options, History()) in (Form.CHOICE, Form.TRUEFALSE) for q in chosen):
            assert options.mode is Mode.DRILL
            return encode(drill, bank)
    raise AssertionError("no drill of key-answered questions in the built-in bank")


def tree_memory(pid: int) -> tuple[int, int, int]:
    """(processes, RSS, PSS) in bytes of `pid` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    todo, count, rss, pss = [pid], 0, 0, 0
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            rollup = (Path("/proc") / str(current) / "smaps_rollup").read_text()
        except OSError:
            continue
        count += 1
        fields = {line.split(":")[0]: int(line.split()[1]) * 1024 for line in rollup.splitlines()[1:]}
        rss, pss = rss + fields.get("Rss", 0), pss + fields.get("Pss", 0)
    return count, rss, pss


async def student(served, join: str, name: str, latencies: list[float], sent: dict, class_in: list[str]) -> int:
    answered = 0
    async with browser_tab(served, f"/ws/{join}/{name}") as tab:
        for number in range(1, QUESTIONS + 1):
            await tab.wait_for(f"{number} of {QUESTIONS}", timeout=300)
            if number == 1:  # the whole class is in before the first question is answered
                class_in.append(name)
                while len(class_in) < STUDENTS + 1:  # the last one is the teacher's "go"
                    await tab.read_for(0.2)
            first = await tab.wait_for(TRUE_OPTION, FIRST_OPTION, timeout=120)
            start = time.perf_counter()
            sent[(name, number)] = time.time()
            await tab.press_until("t" if first == TRUE_OPTION else "1", "Correct answer", each=30)
            latencies.append(time.perf_counter() - start)
            answered += 1
            await tab.read_for(random.uniform(0.5, 1.5))  # reading the feedback
            await tab.press("\r")
    return answered


async def teacher(room: Classroom, sent: dict, lags: list[float], done: asyncio.Event) -> None:
    """What the class screen does every REFRESH_S, timed: when each answer first shows in the report."""
    from quiz.ui.class_app import REFRESH_S

    seen: dict[str, int] = {}
    while not done.is_set():
        report = room.report()
        now = time.time()
        for s in report.students:
            for number in range(seen.get(s.student, 0) + 1, s.answered + 1):
                if (s.student, number) in sent:
                    lags.append(now - sent[(s.student, number)])
            seen[s.student] = s.answered
        await asyncio.sleep(REFRESH_S)


@pytest.mark.asyncio
async def test_a_class_of_thirty(tmp_path, monkeypatch):
    data = tmp_path / "served-data"
    monkeypatch.setenv("QUIZ_DATA_DIR", str(data))
    bank = load_bank(locations.bank_path())
    code = keyed_drill(bank)
    latencies: list[float] = []
    lags: list[float] = []
    sent: dict = {}
    memory = (0, 0, 0)
    with serve_quiz(tmp_path, "--drill", code) as served:
        join = served.url.split("join=")[1]
        room = Classroom(open_study(bank, data, "teacher"), code)
        done = asyncio.Event()
        watcher = asyncio.create_task(teacher(room, sent, lags, done))
        class_in: list[str] = []
        tasks = []
        started = time.perf_counter()
        for n in range(STUDENTS):
            tasks.append(asyncio.create_task(student(served, join, f"s{n:02d}", latencies, sent, class_in)))
            await asyncio.sleep(ARRIVAL_S)
        while len(class_in) < STUDENTS and time.perf_counter() - started < RUN_LIMIT_S / 2:
            await asyncio.sleep(0.5)
        arrival = time.perf_counter() - started
        memory = tree_memory(served.process.pid)  # 30 app processes, each on its first question
        class_in.append("go")
        finished, late = await asyncio.wait(tasks, timeout=RUN_LIMIT_S - (time.perf_counter() - started))
        for task in late:  # bounded: whoever has not finished by the limit stops here
            task.cancel()
        answered = [t.result() for t in finished if t.exception() is None]
        await asyncio.sleep(1.5)
        done.set()
        await watcher
        stored = sum(s.answered for s in room.report().students)
        elapsed = time.perf_counter() - started
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    processes, rss, pss = memory
    print(
        f"\n{STUDENTS} students x {QUESTIONS} questions in {elapsed:.0f} s on {os.cpu_count()} cores;"
        f" all {STUDENTS} on their first question {arrival:.0f} s after the first arrived\n"
        f"answers stored: {stored}/{STUDENTS * QUESTIONS} ({len(answered)} students finished,"
        f" {len(late)} stopped at the time limit)\n"
        f"key to feedback: median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms,"
        f" max {latencies[-1] * 1000:.0f} ms\n"
        f"teacher's screen lag: median {statistics.median(lags) * 1000:.0f} ms,"
        f" max {max(lags) * 1000:.0f} ms ({len(lags)} answers seen)\n"
        f"memory: {processes} processes, RSS {rss / 2**20:.0f} MB ({rss / 2**20 / STUDENTS:.1f} MB a student),"
        f" PSS {pss / 2**20:.0f} MB ({pss / 2**20 / STUDENTS:.1f} MB a student)"
    )
    assert stored == STUDENTS * QUESTIONS
