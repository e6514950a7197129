"""The stats screen on four months of history: painted at once, filled in from a worker, charts drawn on their tab."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from fsrs import Rating
from textual.widgets import Static, TabbedContent

from quiz.core.attempt import Attempt
from quiz.core.schedule import Schedule
from quiz.core.verdict import Form, Outcome
from quiz.data import preferences
from quiz.data.store import Store, StoreError
from quiz.ui.screens.stats_screen import StatsScreen
from quiz.ui.widgets.figures_table import table_text
from quiz.ui.widgets.question_table import QuestionTable
from quiz.ui.widgets.series_chart import SeriesChart, whole_ticks
from tests.ui.conftest import START, screen_text

SIZE = (100, 30)
SMALL = (80, 24)


@pytest.fixture
def history(tmp_path, builtin_bank):
    """120 study days before the app's clock, a few answers most days, some wrong; returns the questions used."""
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
    return questions


async def open_stats(pilot):
    await pilot.press("s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def show_tab(pilot, name: str) -> None:
    pilot.app.screen.query_one("#charts", TabbedContent).active = f"tab-{name}"
    await pilot.pause()
    await pilot.pause()


def lines(app) -> list[str]:
    """The screen's text as drawn, a line each (leading spaces kept)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def test_charts_at_100x30(snap_compare, make_app, history):
    assert snap_compare(make_app(), run_before=open_stats, terminal_size=SIZE)


def test_charts_at_80x24(snap_compare, make_app, history):
    assert snap_compare(make_app(), run_before=open_stats, terminal_size=SMALL)


def test_retention_and_calendar(snap_compare, make_app, history):
    async def retention(pilot):
        await open_stats(pilot)
        await show_tab(pilot, "retention")

    assert snap_compare(make_app(), run_before=retention, terminal_size=SIZE)


def test_the_year_tab(snap_compare, make_app, history):
    async def year(pilot):
        await open_stats(pilot)
        await show_tab(pilot, "year")

    assert snap_compare(make_app(), run_before=year, terminal_size=SIZE)


async def test_the_screen_paints_before_its_figures_are_read_and_nothing_moves_when_they_come(make_app, history):
    app = make_app()
    release = threading.Event()
    stats = app.study.store.stats

    def slow_stats(*args, **kwargs):
        release.wait(10)  # as a year of history would take
        return stats(*args, **kwargs)

    app.study.store.stats = slow_stats
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert "Reading your figures" in screen_text(app)
        places = {w: w.virtual_region for w in screen.query("#stats > *")}
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Reading your figures" not in screen_text(app)
        assert screen.query_one("#due-chart", SeriesChart)
        moved = {
            str(w): (was, w.virtual_region)
            for w, was in places.items()
            if w.id != "deck-scores" and w.virtual_region != was
        }
        assert not moved  # only the last table grows, at the bottom


async def test_only_the_chart_shown_is_drawn_and_each_has_its_figures_in_a_table(make_app, history):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_stats(pilot)
        screen = app.screen
        assert [c.id for c in screen.query(SeriesChart)] == ["due-chart"]
        await show_tab(pilot, "answers")
        assert [c.id for c in screen.query(SeriesChart)] == ["due-chart", "answers-chart"]
        answers = screen.query_one("#answers-chart", SeriesChart)
        drawn = [int(v) for v in answers.series.values]
        assert sum(drawn) > 100
        listed = [int(row[1]) for row in table_text(answers.query_one(Static).content)]
        assert list(reversed(listed)) == drawn  # newest first in the table
        await show_tab(pilot, "retention")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "reviews a day" in str(screen.query_one("#retention-cost", Static).render())
        await show_tab(pilot, "year")
        months = table_text(screen.query_one("#months", Static).content)
        assert sum(int(row[1].replace(",", "")) for row in months) == sum(d.answers for d in screen.figures.year)
        assert sum(drawn) <= sum(d.answers for d in screen.figures.year)


async def test_count_axes_have_whole_numbers(make_app, history):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_stats(pilot)
        await show_tab(pilot, "answers")
        labels = [m.group(1) for line in lines(app) if (m := re.match(r"\s*(\S+)┤", line))]
        assert labels and all(label.isdigit() for label in labels), labels


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (8.3, [0, 5, 10]),
        (17, [0, 5, 10, 15, 20]),
        (1234, [0, 500, 1000, 1500]),
    ],
)
def test_whole_ticks(top, ticks):
    assert whole_ticks(top) == ticks


async def test_figures_cover_the_decks_chosen_on_the_home_screen(make_app, history, tmp_path):
    decks = sorted({q.deck for q in history})
    assert len(decks) >= 2
    chosen = decks[-1]  # the weakest of all decks together are of the other one
    preferences.save(tmp_path / "data", "default", {"decks": [chosen]})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_stats(pilot)
        screen = app.screen
        everything = app.study.stats()
        mine = next(s for s in everything.decks if s.name == chosen)
        summary = str(screen.query_one("#summary", Static).render())
        assert summary.startswith(f"{mine.attempts:,} answers · accuracy {mine.correct / mine.attempts:.0%} · streak ")
        in_deck = sum(1 for q in app.study.bank.questions if q.deck == chosen)
        assert f" of {in_deck:,} questions seen" in summary
        assert screen.weakest and all(w.deck == chosen for w in screen.weakest)
        assert any(w.deck != chosen for w in everything.weakest)
        assert [row[0] for row in table_text(screen.query_one("#deck-scores", Static).content)] == [chosen]
        assert f"Decks: {chosen}" in screen_text(app)


async def test_at_80x24_the_weakest_table_fits_and_the_summary_does_not_wrap(make_app, history):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await open_stats(pilot)
        screen = app.screen
        summary = str(screen.query_one("#summary", Static).render()).splitlines()
        assert len(summary) == 2 and all(len(line) <= SMALL[0] - 2 for line in summary)
        weak = screen.query_one("#weakest", QuestionTable)
        weak.scroll_visible(top=True, animate=False)
        await pilot.pause()
        assert sum(c.get_render_width(weak) for c in weak.columns.values()) <= weak.scrollable_content_region.width
        shown = lines(app)
        header = next(line for line in shown if "Question" in line and "Deck" in line)
        assert "Accuracy" in header
        rows = [line for line in shown if re.search(r"\d+/\d+\s+\d+%", line)]
        assert rows  # the weakest questions' Right and Accuracy, whole


async def test_tables_start_at_the_same_column(make_app, history):
    app = make_app()
    async with app.run_test(size=(100, 80)) as pilot:
        await open_stats(pilot)
        shown = lines(app)
        starts = {
            word: next(line.index(word) for line in shown if re.match(rf"\s*{word}\s{{2,}}", line))
            for word in ("Question", "Kind", "Deck")
        }
        assert len(set(starts.values())) == 1, starts


async def test_a_store_that_cannot_be_read_is_said_in_place_of_the_figures(make_app, history):
    app = make_app()

    def locked(*args, **kwargs):
        raise StoreError("Could not read your stats: the database is locked. Try again.")

    app.study.store.stats = locked
    async with app.run_test(size=SIZE) as pilot:
        await open_stats(pilot)
        assert str(app.screen.query_one("#summary", Static).render()).startswith("Could not read your stats")
        assert "Could not read your stats" in str(app.screen.query_one("#tab-due .pending", Static).render())


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
