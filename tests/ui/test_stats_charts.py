"""The stats screen's charts on four months of history: drawn, with tables that hold the same figures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fsrs import Rating
from textual.widgets import DataTable, Static

from quiz.core.attempt import Attempt
from quiz.core.schedule import Schedule
from quiz.core.verdict import Form, Outcome
from quiz.data.store import Store
from quiz.ui.screens.stats_screen import StatsScreen
from quiz.ui.widgets.series_chart import SeriesChart
from tests.ui.conftest import START

SIZE = (100, 30)
SMALL = (80, 24)


@pytest.fixture
def history(tmp_path, builtin_bank):
    """120 study days before the app's clock, a few answers most days, some wrong."""
    schedule = Schedule(fuzzing=False)
    questions = [q for q in builtin_bank.questions if q.status != "draft"][:40]
    cards: dict[str, object] = {}
    with Store.open(tmp_path / "data") as store:
        for back in range(120, 0, -1):
            day = START - timedelta(days=back)
            for k in range((back * 7) % 6):
                q = questions[(back + k * 11) % len(questions)]
                right = (back + k) % 4 != 0
                when = day + timedelta(minutes=10 * k)
                rating = Rating.Good if right else Rating.Again
                cards[q.id] = card = schedule.review(cards.get(q.id), q.id, rating, when)
                outcome = Outcome.CORRECT if right else Outcome.WRONG
                attempt = Attempt(q.id, "h", q.deck, Form.CHOICE, "a", outcome, int(rating), 900, when, "review")
                store.record("default", attempt, card, None)


async def open_stats(pilot):
    await pilot.press("s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_charts_at_100x30(snap_compare, make_app, history):
    assert snap_compare(make_app(), run_before=open_stats, terminal_size=SIZE)


def test_charts_at_80x24(snap_compare, make_app, history):
    assert snap_compare(make_app(), run_before=open_stats, terminal_size=SMALL)


def test_retention_and_calendar(snap_compare, make_app, history):
    async def scrolled(pilot):
        await open_stats(pilot)
        pilot.app.screen.query_one("#retention").scroll_visible(top=True, animate=False)
        await pilot.pause()

    assert snap_compare(make_app(), run_before=scrolled, terminal_size=SIZE)


async def test_every_chart_has_its_figures_in_a_table(make_app, history):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_stats(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        charts = list(screen.query(SeriesChart))
        assert [c.id for c in charts] == ["due-chart", "answers-chart", "accuracy-chart", "retention-chart"]
        answers = screen.query_one("#answers-chart", SeriesChart)
        table = answers.query_one(DataTable)
        drawn = [int(v) for v in answers.series.values]
        assert sum(drawn) > 100
        listed = [int(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert list(reversed(listed)) == drawn  # newest first in the table
        assert "reviews a day" in str(screen.query_one("#retention-cost", Static).render())


async def test_optimize_says_how_much_history_it_needs(make_app, history):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_stats(pilot)
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#optimize", Static).render())
        assert "fitting needs 400" in text
        assert app.study.schedule.parameters is None


async def test_count_charts_have_whole_number_ticks(make_app):
    """One answer, nothing due: the counts' axes read 0 and 1, never 0.17 or 0.33."""
    import re

    from textual_plotext import PlotextPlot

    from quiz.core.selection import Options

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        study = app.study
        session = study.start(Options(count=1, seed=1))
        study.record(session, session.skip(study.now()))
        await open_stats(pilot)
        for chart in ("#due-chart", "#answers-chart"):
            plot = app.screen.query_one(chart).query_one(PlotextPlot)
            drawn = "\n".join(plot.render_line(y).text for y in range(plot.size.height))
            assert re.search(r"\d\.\d", drawn) is None, drawn
            assert re.search(r"^\s*1\b", drawn, re.M), drawn  # the top tick is the count itself


async def test_at_80x24_the_figures_and_the_weakest_table_fit(make_app, history):
    """The header keeps "streak N days" whole; the weakest table's Accuracy column is not cut off."""
    from quiz.ui.widgets.question_table import QuestionTable

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await open_stats(pilot)
        figures = app.screen.query_one("#stats-figures", Static)
        lines = [figures.render_line(y).text.rstrip() for y in range(figures.size.height)]
        assert lines[0].lstrip().startswith("All decks: ") and any(
            "streak " in line and "day" in line for line in lines
        )
        weakest = app.screen.query_one("#weakest", QuestionTable)
        assert weakest.row_count > 1 and weakest.virtual_size.width <= weakest.size.width


def test_the_charts_say_which_decks_they_are_of():
    from quiz.ui.screens.stats_screen import charts_scope

    assert charts_scope(()) == "Charts for all decks"
    assert charts_scope(("evil",)).startswith("Charts for the decks picked on home: evil (the rest of this screen: all")
