"""SVG snapshots of every screen at 100x30 (review the report before updating: --snapshot-update)."""

from __future__ import annotations

from quiz.core.selection import Mode
from quiz.core.verdict import Form
from quiz.ui.screens.read_screen import ReadScreen
from tests.ui.conftest import choose

SIZE = (100, 30)
SMALL = (80, 24)


def test_home(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_question_choice(snap_compare, make_app):
    assert snap_compare(make_app(), press=["enter"], terminal_size=SIZE)


def test_question_typed(snap_compare, make_app):
    async def typed(pilot):
        await choose(pilot, form=Form.TYPED)
        app = pilot.app
        await pilot.press("enter")
        while app.screen.session.current.form is not Form.TYPED:
            await pilot.press("f3", "enter")
        await pilot.press(*"Vienna")

    assert snap_compare(make_app(), run_before=typed, terminal_size=SIZE)


def test_feedback(snap_compare, make_app):
    assert snap_compare(make_app(), press=["enter", "2"], terminal_size=SIZE)


def test_feedback_at_80x24(snap_compare, make_app):
    """The question, the verdict and the correct answer together on the smallest screen."""
    assert snap_compare(make_app(), press=["enter", "2"], terminal_size=SMALL)


async def flashcard(pilot):
    await choose(pilot, form=Form.FLASHCARD)
    await pilot.press("enter", "space")


def test_flashcard_revealed(snap_compare, make_app):
    assert snap_compare(make_app(), run_before=flashcard, terminal_size=SIZE)


def test_flashcard_revealed_at_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), run_before=flashcard, terminal_size=SMALL)


def test_hint_removes_options(snap_compare, make_app):
    assert snap_compare(make_app(), press=["enter", "f2"], terminal_size=SIZE)


def test_exam_shows_progress_only(snap_compare, make_app):
    async def exam(pilot):
        await choose(pilot, mode=Mode.EXAM)
        await pilot.press("enter", "1")

    assert snap_compare(make_app(), run_before=exam, terminal_size=SIZE)


def test_a_word_typed_on_a_choice_question(snap_compare, make_app):
    assert snap_compare(make_app(), press=["enter", *"quick"], terminal_size=SMALL)


def test_results(snap_compare, make_app):
    async def answer_three(pilot):
        await pilot.press("enter", "1", "enter", "2", "enter", "f3", "enter", "escape", "y")

    assert snap_compare(make_app(), run_before=answer_three, terminal_size=SIZE)


def test_stats(snap_compare, make_app):
    async def stats(pilot):
        await pilot.press("enter", "1", "enter", "2", "enter", "escape", "y", "h", "s")
        await pilot.app.workers.wait_for_complete()  # the figures are read in a worker
        await pilot.pause()

    assert snap_compare(make_app(), run_before=stats, terminal_size=SIZE)


def test_read(snap_compare, make_app):
    async def read(pilot):
        pilot.app.push_screen(ReadScreen("barrel-bombs"))
        await pilot.pause()

    assert snap_compare(make_app(), run_before=read, terminal_size=SIZE)


def test_help(snap_compare, make_app):
    assert snap_compare(make_app(), press=["f1"], terminal_size=SIZE)


def test_profile_dialog(snap_compare, make_app):
    assert snap_compare(make_app(), press=["p"], terminal_size=SIZE)


def test_session_options_dialog(snap_compare, make_app):
    assert snap_compare(make_app(), press=["o"], terminal_size=SIZE)


def test_drill_code_dialog(snap_compare, make_app):
    assert snap_compare(make_app(), press=["c", *"b4e1"], terminal_size=SIZE)


def test_leave_dialog(snap_compare, make_app):
    assert snap_compare(make_app(), press=["enter", "escape"], terminal_size=SIZE)


def test_high_contrast_theme(snap_compare, make_app):
    from quiz.data.config import Config

    assert snap_compare(make_app(config=Config(theme="quiz-high-contrast")), press=["enter", "1"], terminal_size=SIZE)


def test_drafts(snap_compare, make_app, tmp_path, quiz):
    from quiz.data import locations
    from quiz.data.library import read_full_bank
    from tests.conftest import ROOT

    data = tmp_path / "data"
    assert (
        quiz("add", str(ROOT / "seeds" / "000_bca7dcc935938ebd.txt"), "--id", "mine", "--data-dir", str(data)).code == 0
    )
    bank = read_full_bank(locations.bank_path(), None, data)[0]
    assert snap_compare(make_app(bank=bank), press=["d"], terminal_size=SIZE)


def test_leaderboard(snap_compare, make_app):
    from quiz.core.drill import Drill, encode

    app = make_app()
    code = encode(Drill(("showdown",), 2, 11, None), app.study.bank)
    keys = ["c", *code.lower(), "enter", *"Ana", "enter", "1", "enter", "2", "enter", "l"]
    assert snap_compare(app, press=keys, terminal_size=SIZE)
