"""The stats screen's open time with a year of history, against opening the help screen in the same app.

Not part of the default test run. Either of:
    .venv/bin/python tests/benchmarks/bench_stats_screen.py
    .venv/bin/python -m pytest tests/benchmarks/bench_stats_screen.py -o addopts="" -s

The history is bench_scale's: 1,000,000 attempts over 50,000 questions in the 365 days up to today
(built once and kept in the temporary folder). The app is the one `quiz` runs, headless at 100x30.
Each run presses `s` on the home screen and times, from the key's action to the frame painted after
it: the stats screen's first paint (its frame, with a place kept for every figure), the figures and
tables painted (Store.stats, read in a worker thread), the chart series read (SQL in the same worker,
done when the charts start to mount) and the charts drawn (the chart of the tab shown; the others are
drawn when their tab is first shown). Then it shows the Answers tab and times, from there, its chart
of 90 days and table drawn ("tab"). The baseline is `?`, the help screen of the same app, timed the
same way in the same loop, so a busy machine slows both alike. Pilot.press itself waits for timers,
so its own wall time is not what is measured (as in bench_tui).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script, the sibling benchmarks import too

from bench_scale import prepared  # noqa: E402

RUNS = 7
KEYS = ("help", "first paint", "figures", "series read", "charts", "tab")
GOAL = 20.0
"""Charts drawn within this many times the help screen's open time (each painted once, median)."""


def until(condition: Callable[[], bool]) -> Callable[[], object]:
    """An awaitable poll: returns once `condition()` holds."""

    async def wait() -> None:
        while not condition():
            await asyncio.sleep(0.01)  # gently: a busy poll would take the GIL from the worker being timed

    return wait


async def open_times(data: Path, runs: int) -> dict[str, list[float]]:
    """Milliseconds per run: help painted, stats first paint, figures painted, series read, charts drawn."""
    from quiz.cli import build_parser
    from quiz.cli.study_commands import open_or_report, tui_app
    from quiz.ui.screens.help_screen import HelpScreen
    from quiz.ui.screens.stats_screen import StatsScreen

    argv = ["--data-dir", str(data)]
    app = tui_app(open_or_report(build_parser(argv).parse_args(argv)))  # as `quiz` builds it
    marks: dict[str, float] = {}

    def mark_after_paint(screen, name: str) -> None:
        screen.call_after_refresh(lambda: marks.__setitem__(name, time.perf_counter()))

    help_mount, stats_mount, stats_show, stats_draw, stats_fill = (
        HelpScreen.on_mount,
        StatsScreen.on_mount,
        StatsScreen._show,
        StatsScreen._draw,
        StatsScreen._fill,
    )

    def timed_help_mount(self) -> None:
        help_mount(self)
        mark_after_paint(self, "help")

    def timed_stats_mount(self) -> None:
        stats_mount(self)
        mark_after_paint(self, "first paint")

    def timed_show(self, *args) -> None:
        stats_show(self, *args)
        mark_after_paint(self, "figures")

    def timed_fill(self, pane_id: str) -> None:
        stats_fill(self, pane_id)
        if pane_id == "tab-answers":
            mark_after_paint(self, "tab")

    def timed_draw(self, figures) -> None:
        marks["series read"] = time.perf_counter()  # the worker thread's SQL is done; mounting starts
        stats_draw(self, figures)
        mark_after_paint(self, "charts")

    HelpScreen.on_mount, StatsScreen.on_mount = timed_help_mount, timed_stats_mount
    StatsScreen._show, StatsScreen._draw, StatsScreen._fill = timed_show, timed_draw, timed_fill
    times: dict[str, list[float]] = {key: [] for key in KEYS}
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            home = app.screen
            start: dict[str, float] = {}
            for name, action in (("help", "action_help"), ("stats", "action_stats")):
                owner = app if name == "help" else home
                original = getattr(owner, action)

                def started(*args, _original=original, _name=name):
                    start[_name] = time.perf_counter()
                    return _original(*args)

                setattr(owner, action, started)
            for _ in range(runs + 1):  # the first run warms imports (textual-plotext) and SQLite's cache
                marks.clear()
                await pilot.press("question_mark")
                await until(lambda: "help" in marks)()
                help_ms = (marks["help"] - start["help"]) * 1000
                await pilot.press("escape")
                await until(lambda: app.screen is home)()
                await pilot.press("s")
                await until(lambda: "charts" in marks)()
                await pilot.pause()
                assert isinstance(app.screen, StatsScreen) and app.screen.query("#due-chart")
                times["help"].append(help_ms)
                for key in KEYS[1:-1]:
                    times[key].append((marks[key] - start["stats"]) * 1000)
                start["tab"] = time.perf_counter()  # the next tab: its chart (90 days) drawn for the first time
                app.screen.query_one("#charts").active = "tab-answers"
                await until(lambda: "tab" in marks)()
                times["tab"].append((marks["tab"] - start["tab"]) * 1000)
                await pilot.press("escape")
                await until(lambda: app.screen is home)()
    finally:
        HelpScreen.on_mount, StatsScreen.on_mount = help_mount, stats_mount
        StatsScreen._show, StatsScreen._draw, StatsScreen._fill = stats_show, stats_draw, stats_fill
        app.study.close()
    return {key: values[1:] for key, values in times.items()}


def measure(work: Path) -> dict[str, float]:
    now = datetime.now(timezone.utc).astimezone()
    pristine, note = prepared(now)
    print(f"\n{note}; copying it for this run")
    data = work / "year"
    shutil.copytree(pristine / "data", data)
    os.environ["QUIZ_CONFIG_DIR"] = str(work / "config")
    os.environ["QUIZ_CACHE_DIR"] = str(work / "cache")
    times = asyncio.run(open_times(data, RUNS))
    medians = {key: statistics.median(values) for key, values in times.items()}
    base = medians["help"]
    for key in KEYS:
        label = {"help": "help screen (baseline)", "tab": "stats, next tab"}.get(key, f"stats, {key}")
        spread = f"{min(times[key]):.0f}-{max(times[key]):.0f}"
        print(f"{label:<24} median {medians[key]:8.1f} ms (runs {spread} ms) = {medians[key] / base:6.1f} x help")
    ratio = medians["charts"] / base
    print(f"goal: charts <= {GOAL:g} x help: {'ok' if ratio <= GOAL else 'MISSED'}")
    return {"first paint": medians["first paint"] / base, "charts": ratio}


def test_stats_screen_opens_within_its_ratio(tmp_path: Path) -> None:
    ratios = measure(tmp_path)
    assert ratios["charts"] <= GOAL, f"charts drawn in {ratios['charts']:.1f} x the help screen's time"


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        got = measure(Path(folder))
    sys.exit(0 if got["charts"] <= GOAL else 1)
