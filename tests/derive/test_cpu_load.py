"""How busy other programs keep the processors, read from /proc/stat between two moments."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from quiz.derive import cpu_load
from quiz.derive.cpu_load import CpuLoad, busy_between, read_ticks

STAT = """cpu  300 0 100 1000 20 0 5 0 0 0
cpu0 100 0 50 500 10 0 5 0 0 0
cpu1 200 0 50 500 10 0 0 0 7 0
intr 1234 0 0
ctxt 99
procs_running 3
"""


def _stat(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "stat"
    path.write_text(text, encoding="ascii")
    return path


def test_ticks_are_idle_and_total_per_processor_of_the_usable_ones(tmp_path):
    stat = _stat(tmp_path, STAT)
    assert read_ticks({0, 1}, stat) == {0: (510, 665), 1: (510, 760)}
    assert read_ticks({1, 5}, stat) == {1: (510, 760)}  # the summary line and other processors left out
    assert read_ticks({0}, tmp_path / "missing") is None


def test_busy_processors_between_two_readings():
    before = {0: (500, 1000), 1: (500, 1000)}
    assert busy_between(before, {0: (600, 1100), 1: (600, 1100)}) == 0.0  # both idle all along
    assert busy_between(before, {0: (500, 1100), 1: (550, 1100)}) == 1.5
    assert busy_between(before, before) == 0.0  # no tick went by: nothing to say


def test_this_process_own_work_is_not_counted_as_other_programs(tmp_path, monkeypatch):
    stat = _stat(tmp_path, "cpu0 0 0 0 1000 0 0 0 0\ncpu1 0 0 0 1000 0 0 0 0\n")
    monkeypatch.setattr(cpu_load, "usable_cpus", lambda: {0, 1})
    clock, own = iter([0.0, 1.0, 1.0]), iter([0.0, 0.9])
    load = CpuLoad(stat, clock=lambda: next(clock), own=lambda: next(own))
    # In that second one processor was busy all along and the other for 0.3 of it; this process used 0.9 s.
    stat.write_text("cpu0 100 0 0 1000 0 0 0 0\ncpu1 30 0 0 1070 0 0 0 0\n", encoding="ascii")
    assert load.others() == pytest.approx(0.4)
    stat.write_text("cpu0 200 0 0 1000 0 0 0 0\ncpu1 200 0 0 1000 0 0 0 0\n", encoding="ascii")
    assert load.others() == pytest.approx(0.4)  # measured once: later, its own workers would count as others


def test_without_proc_stat_nothing_is_known(tmp_path):
    assert CpuLoad(tmp_path / "missing").others() is None


def test_a_program_spinning_on_a_core_counts_as_busy():
    spinner = subprocess.Popen(
        [sys.executable, "-c", "import time\nend = time.time() + 3\nwhile time.time() < end: pass"]
    )
    try:
        time.sleep(0.3)  # started and spinning
        load = CpuLoad()
        time.sleep(0.4)
        assert load.others() >= 0.5  # at least the spinner (other programs on a shared machine add to it)
    finally:
        spinner.kill()
        spinner.wait()
