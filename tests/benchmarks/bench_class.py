"""A class of 30 against one `quiz serve --drill`, as a teacher runs it: every answer stored, key to feedback,
the teacher's screen lag, memory.

Run: python -m pytest tests/benchmarks/bench_class.py -o addopts="" -s
The server runs in a pseudo-terminal, so the teacher's live class screen runs in it as it does on a
laptop (the web server in the same process, in a thread of its own); the teacher's lag is read off that
screen. Each student is a real WebSocket client on 127.0.0.1 (no other address is contacted) who behaves
like a person: waits for the question to be drawn, reads it for a second or more (past the key guard of a
new question), presses the option's key once, reads the feedback, presses Enter. A key that brings nothing
within PATIENCE_S is pressed again and reported as a stall, with what the screen showed.

Two arrivals: the class drifting in over JOIN_SPREAD_S, and everyone at the same moment (a teacher's
"go"). Bounded: 30 students, 10 questions each, and each run stops after RUN_LIMIT_S.
Each student's app is a fork of the server's loaded app (quiz.cli.fork_server), as `quiz serve` runs it;
QUIZ_BENCH_APPS=plain runs a Python of its own per browser instead (QUIZ_SERVE_PLAIN), =forked,plain both.
Goals (issue 13): 300/300 answers stored, p95 key-to-feedback <= 250 ms, <= 60 MB of the host's memory
per student.
"""

from __future__ import annotations

import asyncio
import math
import os
import random
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from quiz.cli.serve_commands import PLAIN_APPS
from quiz.core.bank import load_bank
from quiz.core.drill import Drill, encode
from quiz.core.selection import History, Mode, form_for, select
from quiz.core.verdict import Form
from quiz.data import locations
from quiz.data.store import Store
from tests.class_terminal import teacher_serving
from tests.serving import (
    FIRST_OPTION,
    TRUE_OPTION,
    ServedQuiz,
    browser_tab,
)

STUDENTS = int(os.environ.get("QUIZ_BENCH_STUDENTS", "30"))  # fewer, to see how it scales
QUESTIONS = 10
RUN_LIMIT_S = int(os.environ.get("QUIZ_BENCH_LIMIT_S", "300"))
JOIN_SPREAD_S = 30.0  # a class drifting in: the last student connects this long after the first
# Reading a question before pressing a key: the app ignores keys in a question's first 0.5 s (its GUARD),
# so a client that pressed at once lost keys. QUIZ_BENCH_THINK_S=0,0 shows it.
THINK_S = tuple(float(s) for s in os.environ.get("QUIZ_BENCH_THINK_S", "1.0,3.0").split(","))
READ_S = (0.5, 1.5)  # reading the feedback before Enter
MEMORY_GOAL = 60 * 2**20  # bytes of the host's memory (PSS) a student
PATIENCE_S = 15.0  # a person presses again when nothing has happened for this long
APPS = os.environ.get("QUIZ_BENCH_APPS", "forked").split(",")  # how each browser's app starts: forked, plain


def one_key(q, form: Form) -> bool:
    """Answered by one digit: true/false, or a choice none of whose options starts with a digit (those
    type digits as text, and a number then needs Enter)."""
    if form is Form.TRUEFALSE:
        return True
    return form is Form.CHOICE and not any(o[:1].isdigit() for o in (q.answer_text, *q.distractors))


def keyed_drill(bank) -> str:
    """A drill whose questions are all answered by one key (choice or true/false), so every press is timed."""
    for seed in range(500):
        drill = Drill(("barrel-bombs", "showdown", "putin-sanctions"), QUESTIONS, seed, None, nonce=seed)
        options = drill.options("x")
        chosen = select(bank, options, History(), None, random.Random(0))  # type: ignore[arg-type]
        if all(one_key(q, form_for(q, options, History())) for q in chosen):
            assert options.mode is Mode.DRILL
            return encode(drill, bank)
    raise AssertionError("no drill of key-answered questions in the built-in bank")


CLOCK_TICK = os.sysconf("SC_CLK_TCK")


def tree_sample(pid: int, cpu: dict[int, float]) -> tuple[int, int, int]:
    """(processes, RSS, PSS) in bytes of `pid` and all its descendants, from /proc; records each one's CPU
    seconds so far in `cpu`."""
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
            stat = (Path("/proc") / str(current) / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        count += 1
        cpu[current] = (int(stat[11]) + int(stat[12])) / CLOCK_TICK  # utime + stime
        fields = {line.split(":")[0]: int(line.split()[1]) * 1024 for line in rollup.splitlines()[1:]}
        rss, pss = rss + fields.get("Rss", 0), pss + fields.get("Pss", 0)
    return count, rss, pss


@dataclass
class Class:
    """What the students did and saw."""

    latencies: list[tuple[int, float]] = field(default_factory=list)  # (question, key press to feedback frame in s)
    fed_back: list[float] = field(default_factory=list)  # when each answer's feedback reached its student
    stalls: list[str] = field(default_factory=list)  # a key that brought nothing within PATIENCE_S
    finished: int = 0


async def step(tab, key: str, texts: tuple[str, ...], where: str, room: Class) -> str:
    """Press `key` and wait for one of `texts`; press again, as a person would, each PATIENCE_S it does not come."""
    for attempt in range(math.ceil(RUN_LIMIT_S / PATIENCE_S)):
        await tab.press(key)
        try:
            return await tab.wait_for(*texts, timeout=PATIENCE_S)
        except AssertionError as stalled:
            room.stalls.append(f"{where}, press {attempt + 1}: {str(stalled)[-600:]}")
    raise AssertionError(f"{where}: nothing after {RUN_LIMIT_S} s")


async def student(served: ServedQuiz, join: str, name: str, arrive_s: float, room: Class) -> None:
    await asyncio.sleep(arrive_s)
    async with browser_tab(served, f"/ws/{join}/{name}") as tab:
        await tab.wait_for(f"1 of {QUESTIONS}", timeout=RUN_LIMIT_S)
        for number in range(1, QUESTIONS + 1):
            await tab.wait_for(TRUE_OPTION, FIRST_OPTION, timeout=RUN_LIMIT_S)  # the question is drawn
            await tab.read_for(random.uniform(*THINK_S))
            start = time.perf_counter()
            await step(tab, "1", ("Correct answer",), f"{name} answering question {number}", room)
            room.latencies.append((number, time.perf_counter() - start))
            room.fed_back.append(time.time())
            await tab.read_for(random.uniform(*READ_S))
            after = f"{number + 1} of {QUESTIONS}" if number < QUESTIONS else "Results · drill"
            await step(tab, "\r", (after,), f"{name} going on after question {number}", room)
        room.finished += 1


async def take(tmp_path: Path, arrivals: list[float], apps: str) -> tuple[str, int, int, float]:
    """A class whose students connect at `arrivals` (seconds from the start), their apps started as `apps` says:
    the figures, the answers stored, the keys that brought nothing, and the host's memory (PSS) a student at its
    peak."""
    code = keyed_drill(load_bank(locations.bank_path()))
    room = Class()
    peak = (0, 0, 0)
    cpu: dict[int, float] = {}
    load_before = os.getloadavg()
    bench_cpu = time.process_time()
    with teacher_serving(tmp_path, code) as (served, teacher, join):
        started = time.perf_counter()
        tasks = [asyncio.create_task(student(served, join, f"s{n:02d}", at, room)) for n, at in enumerate(arrivals)]
        running = asyncio.gather(*tasks, return_exceptions=True)
        while not running.done() and time.perf_counter() - started < RUN_LIMIT_S:
            sample = tree_sample(served.process.pid, cpu)
            peak = max(peak, sample, key=lambda s: s[2])
            await asyncio.wait([running], timeout=1)
        for task in tasks:  # bounded: whoever has not finished by the limit stops here
            task.cancel()
        outcomes = await running
        elapsed = time.perf_counter() - started
        await asyncio.sleep(2)  # a few more refreshes of the teacher's screen
        tree_sample(served.process.pid, cpu)
        load_after = os.getloadavg()
    failures = [o for o in outcomes if isinstance(o, BaseException) and not isinstance(o, asyncio.CancelledError)]
    with Store.open(served.data_dir, backups=False) as store:
        stored = len(store.drill_attempts(code))
    lags = [
        shown - answered
        for count, answered in enumerate(sorted(room.fed_back), 1)
        if (shown := teacher.first_showing(count)) is not None
    ]
    (tmp_path / "stalls.txt").write_text("\n\n".join(room.stalls), encoding="utf-8")
    latencies = sorted(seconds for _, seconds in room.latencies) or [math.nan]
    later = sorted(seconds for number, seconds in room.latencies if number > 1) or [math.nan]
    processes, rss, pss = peak
    teacher_cpu = cpu.get(served.process.pid, 0.0)
    apps_cpu = sum(cpu.values()) - teacher_cpu
    figures = (
        f"{len(arrivals)} students x {QUESTIONS} questions, arriving over {max(arrivals):.0f} s, in {elapsed:.0f} s,"
        f" apps {'forked from the fork server' if apps == 'forked' else 'started each on its own'}"
        f" on {os.cpu_count()} cores; load average before {load_before[0]:.2f}, after {load_after[0]:.2f}\n"
        f"answers stored: {stored}/{len(arrivals) * QUESTIONS}, of {len(room.fed_back)} given"
        f" ({room.finished} students finished,"
        f" {len(failures)} failed: {failures[:1]})\n"
        f"key to feedback: median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95(latencies) * 1000:.0f} ms,"
        f" max {latencies[-1] * 1000:.0f} ms over {len(room.latencies)} answers"
        f" (questions 2 to {QUESTIONS}, past the others' start-up: median {statistics.median(later) * 1000:.0f} ms,"
        f" p95 {p95(later) * 1000:.0f} ms);"
        f" {len(room.stalls)} keys pressed again after {PATIENCE_S:.0f} s (see {tmp_path / 'stalls.txt'})\n"
        f"teacher's screen lag (feedback on the student's screen to the count on the teacher's):"
        f" median {statistics.median(lags or [math.nan]) * 1000:.0f} ms, max {max(lags or [math.nan]) * 1000:.0f} ms"
        f" ({len(lags)} answers seen)\n"
        f"CPU: the teacher's server {teacher_cpu:.1f} s, the students' apps {apps_cpu:.1f} s"
        f" ({apps_cpu / len(arrivals):.2f} s a student),"
        f" the simulated browsers (this process) {time.process_time() - bench_cpu:.1f} s"
        f" (the server and apps: {(teacher_cpu + apps_cpu) / (elapsed * (os.cpu_count() or 1)):.0%} of the machine)\n"
        f"memory at its peak: {processes} processes (the teacher's server; forked, the fork server and a launcher"
        f" and an app a student; else a shell and an app a student),"
        f" RSS {rss / 2**20:.0f} MB ({rss / 2**20 / len(arrivals):.1f} MB a student),"
        f" PSS {pss / 2**20:.0f} MB ({pss / 2**20 / len(arrivals):.1f} MB a student)"
    )
    return figures, stored, len(room.stalls), pss / len(arrivals)


def p95(ordered: list[float]) -> float:
    return ordered[max(math.ceil(len(ordered) * 0.95) - 1, 0)]


@pytest.mark.asyncio
@pytest.mark.parametrize("apps", APPS)
async def test_a_class_drifting_in(tmp_path, apps, monkeypatch):
    monkeypatch.setenv(PLAIN_APPS, "1" if apps == "plain" else "0")  # teacher_serving's server inherits it
    arrivals = sorted(random.uniform(0, JOIN_SPREAD_S) for _ in range(STUDENTS - 1)) + [JOIN_SPREAD_S]
    report, stored, stalls, memory = await take(tmp_path, arrivals, apps)
    print("\nA class drifting in:\n" + report)
    assert (stored, stalls) == (STUDENTS * QUESTIONS, 0) and memory <= MEMORY_GOAL


@pytest.mark.asyncio
@pytest.mark.parametrize("apps", APPS)
async def test_a_class_starting_together(tmp_path, apps, monkeypatch):
    monkeypatch.setenv(PLAIN_APPS, "1" if apps == "plain" else "0")
    report, stored, stalls, memory = await take(tmp_path, [0.0] * STUDENTS, apps)
    print("\nA class starting together:\n" + report)
    assert (stored, stalls) == (STUDENTS * QUESTIONS, 0) and memory <= MEMORY_GOAL
