"""The home screen's session choices (panel and dialog) and the key bar at the bottom of every screen."""

from __future__ import annotations

import pytest

from quiz.core.model import Kind
from quiz.core.selection import Mode
from quiz.core.verdict import Form
from quiz.data import config as settings
from quiz.ui.screens.home_screen import HomeScreen
from quiz.ui.screens.question_screen import QuestionScreen
from quiz.ui.screens.session_dialog import SessionDialog
from quiz.ui.screens.stats_screen import StatsScreen
from quiz.ui.widgets.key_bar import KeyBar
from tests.ui.conftest import choose, drawn_text, screen_text

SIZE = (100, 30)


def bar_text(screen) -> str:
    return screen.query_one(KeyBar).render().plain


def panel_text(app) -> str:
    return screen_text(app).split("Next session", 1)[1]


async def test_key_bar_shows_the_screens_keys_and_a_click_runs_one(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        text = bar_text(app.screen)
        keys = ("⏎ Start", "space Pick", "o Options", "c Drill", "s Stats", "r Read", "f1 Help", "q Quit", "^p palette")
        assert all(key in text for key in keys), text
        assert "Drafts" not in text  # the built-in bank has no drafts to review
        bar = app.screen.query_one(KeyBar)
        start = next(x for x, _end, binding, _on in bar._spots if binding.action == "stats")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        assert "Back" in bar_text(app.screen) or "esc" in bar_text(app.screen)


async def test_key_bar_keeps_help_and_quit_whole_when_narrow(make_app):
    app = make_app()
    async with app.run_test(size=(50, 20)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        text = bar_text(app.screen)
        assert "f1 Help" in text and "q Quit" in text
        assert "r Read" not in text  # the screen's own keys gave way first
        assert all(end <= 50 for _start, end, _b, _on in bar._spots)


async def test_key_bar_and_help_show_remapped_keys(make_app):
    app = make_app(config=settings.Config(keys={"home.stats": "t"}))
    async with app.run_test(size=SIZE) as pilot:
        text = bar_text(app.screen)
        assert "t Stats" in text and "s Stats" not in text
        await pilot.press("f1")
        rows = [tuple(str(c) for c in app.screen.query_one("#help-keys").get_row_at(i)) for i in range(12)]
        assert ("t", "Stats") in rows


async def test_the_options_dialog_sets_the_next_session(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, mode=Mode.EXAM, count="12", level=2, form=Form.TYPED)
        home = app.screen
        assert isinstance(home, HomeScreen)
        text = panel_text(app)
        assert "exam" in text and "12" in text and "2 · context" in text and "typed" in text
        await pilot.press("enter")
        session = app.screen.session
        assert isinstance(app.screen, QuestionScreen)
        assert session.options.mode is Mode.EXAM and session.total == 12
        assert {q.difficulty for q in session.questions} == {2}
        while session.current.question.kind in (Kind.CHOICE, Kind.TRUEFALSE):  # always shown with options
            await pilot.press("f3")
        assert session.current.form is Form.TYPED


async def test_the_options_dialog_refuses_a_bad_count_and_escape_keeps_the_old_choices(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = app.screen.choice
        await pilot.press("o")
        dialog = app.screen
        dialog.query_one("#count").value = "0"
        await pilot.click("#ok")
        await pilot.pause()
        assert app.screen is dialog  # still open, to put it right
        assert any("whole number from 1 to 500" in str(n.message) for n in app._notifications)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen) and app.screen.choice == before


async def test_m_steps_through_the_modes_and_a_click_on_the_panel_opens_the_dialog(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert home.choice.mode is Mode.PRACTICE
        await pilot.press("m")
        assert home.choice.mode is Mode.EXAM and "exam" in panel_text(app)
        await pilot.click("#session-panel")
        await pilot.pause()
        assert isinstance(app.screen, SessionDialog)
        assert app.screen.query_one("#mode").value is Mode.EXAM


async def test_the_default_mode_and_count_come_from_the_config(make_app):
    app = make_app(config=settings.Config(mode="review", count=7))
    async with app.run_test(size=SIZE):
        assert app.screen.choice.mode is Mode.REVIEW and app.screen.choice.count == 7


async def test_key_bar_redraws_when_the_screens_keys_change(make_app):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        home = app.screen
        assert "d Drafts" not in drawn_text(app)
        home.has_drafts = True  # as after `quiz add`
        home.refresh_bindings()
        await pilot.pause()
        assert "d Drafts" in drawn_text(app)


async def test_an_80_column_home_footer_offers_profile_stats_read_and_browse(make_app):
    """The keys found nowhere else on the home screen stay; Options and Drill, listed in the session panel, give way."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = bar_text(app.screen)
        keys = ("⏎ Start", "space Pick", "p Profile", "s Stats", "r Read", "b Browse", "f1 Help", "q Quit")
        assert all(key in text for key in keys), text
        assert all(end <= 80 for _start, end, _b, _on in app.screen.query_one(KeyBar)._spots)
        await pilot.press("b")
        await pilot.pause()
        assert type(app.screen).__name__ == "BrowseScreen"


@pytest.mark.parametrize("width", [12, 20, 30])
async def test_key_bar_fits_any_width_without_cutting_a_key(make_app, width):
    app = make_app()
    async with app.run_test(size=(width, 10)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert all(end <= width for _start, end, _b, _on in bar._spots)


async def test_a_narrow_home_keeps_the_decks_and_drops_the_session_panel(make_app):
    app = make_app()
    async with app.run_test(size=(50, 16)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#session-panel").display
        assert "Barrel-bomb" in drawn_text(app)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.screen.query_one("#session-panel").display


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_deck_titles_get_the_width_the_figures_leave(make_app, size):
    """At 80 columns a deck title shows more than 14 characters; figures keep their full headers."""
    from quiz.ui.widgets.deck_list import DeckList

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        decks = app.screen.query_one("#decks", DeckList)
        assert decks.column_widths()[1] > 14
        text = drawn_text(app)
        assert "Barrel-bomb draft" in text  # 17 characters, whole
        assert all(label in text for label in ("Qs", "Mastered", "Due", "Latest"))


async def test_the_home_header_cuts_both_sides_with_an_ellipsis_when_narrow(make_app):
    app = make_app(profile="Alexandra Konstantinopoulou")
    async with app.run_test(size=(44, 16)) as pilot:
        await pilot.pause()
        header = screen_text(app).split("Decks", 1)[0]
        assert "Profile: Alex" in header and header.count("…") == 2, header


async def test_the_question_header_cuts_a_long_title_with_an_ellipsis(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        where = app.screen.query_one("#where")
        title = str(where.render())
        assert len(title) > where.size.width  # the title does not fit beside the progress
        assert f"{title[: where.size.width - 1]}…" in screen_text(app)


async def test_the_question_header_leaves_out_what_would_give_the_answer_away(make_app):
    """ps-001's article title ends "over chemical weapons", the phrase only its key has."""
    from quiz.core.selection import Options
    from quiz.ui.screens.question_screen import QuestionScreen

    app = make_app()
    app.start_options = Options(questions=("ps-001",), count=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        title = str(app.screen.query_one("#where").render())
        assert title == "Putin rejects new UN sanctions on Syria over …"
