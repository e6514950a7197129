"""Snapshots of the results rows, the whole-question modal and the drill's name step, at 80x24 and 100x30."""

from __future__ import annotations

import pytest

from quiz.core.drill import Drill, encode
from quiz.core.selection import Options
from quiz.core.verdict import Form
from tests.ui.test_results_screen import SIZES, answer, start


async def putin_results(pilot) -> None:
    """Five questions of one deck whose prompts share their first 59 characters: two right, one wrong, left early."""
    screen = await start(pilot, Options(decks=("putin-sanctions",), count=5, seed=3, form=Form.CHOICE))
    await answer(pilot, screen)
    await answer(pilot, screen)
    item = screen.session.current
    await answer(pilot, screen, next(o for o in item.options if o != item.question.answer_text))
    await pilot.press("escape", "y")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
def test_results_rows_of_one_deck(snap_compare, make_app, size):
    assert snap_compare(make_app(), run_before=putin_results, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
def test_question_detail(snap_compare, make_app, size):
    async def open_wrong_row(pilot):
        await putin_results(pilot)
        await pilot.press("down", "down", "enter")

    assert snap_compare(make_app(), run_before=open_wrong_row, terminal_size=size)


def test_drill_name_step(snap_compare, make_app):
    app = make_app()
    code = encode(Drill(("showdown",), 3, 11, None), app.study.bank)
    assert snap_compare(app, press=["c", *code, "enter", *"Ana"], terminal_size=(100, 30))
