"""Entering a drill in the app: the code, then the name; a run left early goes on, a finished one is refused."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from quiz.core.drill import Drill, decode, encode
from quiz.ui.screens.drill_dialog import DrillDialog
from quiz.ui.screens.home_screen import HomeScreen
from quiz.ui.screens.leaderboard_screen import LeaderboardScreen
from quiz.ui.screens.question_screen import QuestionScreen
from quiz.ui.screens.results_screen import ResultsScreen
from tests.ui.conftest import screen_text
from tests.ui.test_results_screen import SIZES, answer


@pytest.mark.parametrize("size", SIZES)
async def test_a_drill_asks_the_name_goes_on_after_leaving_early_and_is_taken_once(make_app, size):
    app = make_app()
    code = encode(Drill(("showdown",), 3, 11, None), app.study.bank)
    async with app.run_test(size=size) as pilot:
        await pilot.press("c", *code.lower(), "enter")
        dialog = app.screen
        assert isinstance(dialog, DrillDialog)
        assert app.focused is dialog.query_one("#drill-name", Input)  # the name, before any question
        await pilot.press(*"Ana Silva", "enter")
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.session.options.student == "Ana Silva"
        unreached = screen.session.questions[1:]
        await answer(pilot, screen)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert "2 not reached" in text and not any(q.answer_text in text for q in unreached)

        await pilot.press("l")
        board = app.screen
        assert isinstance(board, LeaderboardScreen)
        row = [str(c) for c in board.query_one(DataTable).get_row_at(0)]
        assert row[1:4] == ["Ana Silva", "1/1", "1 of 3"]  # the teacher sees who left early
        await pilot.press("escape", "h")
        assert isinstance(app.screen, HomeScreen)

        await pilot.press("c", *code, "enter", *"ana silva", "enter")  # the same student again
        screen = app.screen
        assert isinstance(screen, QuestionScreen)  # not a fresh run: it goes on at the second question
        assert screen.session.current.question == unreached[0] and screen.session.options.student == "Ana Silva"
        for _ in unreached:
            await answer(pilot, screen)
        assert isinstance(app.screen, ResultsScreen)
        score = str(app.screen.query_one("#results-score").content)
        assert "1 answered before" in score and "Score 3/3" in score and "This run 2/2" in score
        await pilot.press("h", "c", *code, "enter", *"Ana Silva", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DrillDialog)  # answered to the end: refused
        assert any("already taken" in str(n.message) for n in app._notifications)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    rows = app.study.store.drill_attempts(code)
    assert len(rows) == 3 and {r["student"] for r in rows} == {"Ana Silva"}


async def test_quiz_drill_code_asks_the_name_in_the_app_first(make_app):
    """`quiz drill CODE` without --name opens the app at the name step."""
    app = make_app()
    code = encode(Drill(("showdown",), 2, 11, None), app.study.bank)
    app.start_options = decode(code, app.study.bank).options(code)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DrillDialog)
        assert not dialog.query_one("#drill-code").display
        await pilot.press("enter")  # no name: refused with a reason
        assert isinstance(app.screen, DrillDialog)
        assert any("type your name" in str(n.message).lower() for n in app._notifications)
        await pilot.press(*"Ben", "enter")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.session.options.student == "Ben"
