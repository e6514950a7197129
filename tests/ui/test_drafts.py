"""Reviewing drafted questions in the app: accept, edit, reject, and accepted ones become studyable."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from quiz.data import locations
from quiz.data.library import read_full_bank
from quiz.derive import drafts
from quiz.ui.screens.confirm_dialog import ConfirmDialog
from quiz.ui.screens.drafts_screen import DraftsScreen, EditDraftDialog, typed
from tests.conftest import ROOT

SIZE = (100, 30)
SEED = str(ROOT / "seeds" / "000_bca7dcc935938ebd.txt")


@pytest.fixture
def drafted_app(make_app, tmp_path, quiz):
    """The app over a library with one article's drafts (`quiz add`)."""
    data = tmp_path / "data"
    assert quiz("add", SEED, "--id", "mine", "--data-dir", str(data)).code == 0

    def load():
        return read_full_bank(locations.bank_path(), None, data)[0]

    return make_app(bank=load(), reload=load)


async def test_accept_edit_and_reject_drafts(drafted_app):
    app = drafted_app
    async with app.run_test(size=SIZE) as pilot:
        drafts_before = [q for q in app.study.bank.questions if q.is_draft]
        assert drafts_before
        await pilot.press("d")
        screen = app.screen
        assert isinstance(screen, DraftsScreen)
        first, second = screen.items[0].id, screen.items[1].id

        await pilot.press("a")  # accept the first
        assert not app.study.bank.question(first).is_draft

        await pilot.press("e")  # reword the next one
        assert isinstance(app.screen, EditDraftDialog)
        prompt = app.screen.query_one("#prompt", TextArea)
        prompt.text = "Reworded: " + prompt.text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.study.bank.question(second).prompt.startswith("Reworded: ")

        await pilot.press("x")  # reject it: asked first, and "n" keeps it
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and second in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert second in {q.id for q in app.study.bank.questions}
        await pilot.press("x", "y")
        await pilot.pause()
        ids = {q.id for q in app.study.bank.questions}
        assert second not in ids and first in ids
        assert len(screen.items) == len(drafts_before) - 2


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_editor_takes_long_prompts_distractors_and_alternatives(drafted_app, tmp_path, size):
    app = drafted_app
    async with app.run_test(size=size) as pilot:
        await pilot.press("d")
        screen = app.screen
        q = next(q for q in screen.items if typed(q) and q.distractors)
        screen.query_one("DataTable").move_cursor(row=screen.items.index(q))
        await pilot.press("e")
        dialog = app.screen
        assert dialog.query_one("#distractors", TextArea).text == "\n".join(q.distractors)
        long_prompt = "In the report, " + "which of these, after all that was said and done, " * 4 + "is named?"
        dialog.query_one("#prompt", TextArea).text = long_prompt
        dialog.query_one("#distractors", TextArea).text = "First wrong\n\n  Second wrong  \nThird wrong\n"
        dialog.query_one("#alternatives", TextArea).text = q.answer.upper()
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, DraftsScreen)
        saved = next(d for d in drafts.list_drafts(tmp_path / "data") if d.id == q.id)
        assert saved.prompt == long_prompt
        assert saved.distractors == ("First wrong", "Second wrong", "Third wrong")
        assert saved.alternatives == (q.answer.upper(),)
        shown = str(screen.query_one("#draft-view").render())
        assert "Also accepted" in shown and q.answer.upper() in shown and "Second wrong" in shown


async def test_an_edit_that_fails_the_check_keeps_what_was_typed_and_says_why(drafted_app, tmp_path):
    app = drafted_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        q = next(q for q in app.screen.items if typed(q))
        app.screen.query_one("DataTable").move_cursor(row=app.screen.items.index(q))
        await pilot.press("e")
        dialog = app.screen
        dialog.query_one("#prompt", TextArea).text = "A better prompt, typed with care"
        dialog.query_one("#answer", Input).value = "zzz not in the article zzz"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog  # still open
        assert dialog.query_one("#prompt", TextArea).text == "A better prompt, typed with care"
        assert dialog.query_one("#answer", Input).value == "zzz not in the article zzz"
        why = str(dialog.query_one("#edit-error").render())
        assert why.startswith("Not saved: ") and "evidence" in why
        saved = next(d for d in drafts.list_drafts(tmp_path / "data") if d.id == q.id)
        assert saved == q  # the file is as it was


async def test_accepting_a_whole_deck_asks_first(drafted_app):
    app = drafted_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        screen = app.screen
        waiting = len(screen.items)
        await pilot.press("A")
        assert isinstance(app.screen, ConfirmDialog)
        assert f"Accept all {waiting} drafts" in str(app.screen.question)
        await pilot.press("n")  # no: nothing changes
        assert app.screen is screen and len(screen.items) == waiting
        await pilot.press("A", "y")
        await pilot.pause()
        assert app.screen is screen and screen.items == []
        assert not any(q.is_draft for q in app.study.bank.questions)


async def test_drafts_key_is_offered_only_when_there_are_drafts(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert not isinstance(app.screen, DraftsScreen)


async def test_each_draft_shows_the_rankers_score_and_reason(drafted_app):
    """`quiz add` keeps each draft's score and reason; the list and the detail show them."""
    from textual.widgets import DataTable, Static

    from quiz.derive import ranks

    app = drafted_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        screen = app.screen
        first = screen.items[0]
        rank = ranks.load(app.study.data_dir)[first.id]
        assert 0 < rank.score < 1 and rank.reason.startswith("for: ")
        table = screen.query_one(DataTable)
        assert table.get_row_at(0)[2] == f"{rank.score:.2f}"
        shown = str(screen.query_one("#draft-view", Static).render())
        assert f"Score {rank.score:.2f} ({rank.reason})" in shown


async def test_the_way_back_stays_in_a_narrow_footer(drafted_app):
    """At 80 columns the screen's other keys give way before Esc Back."""
    from quiz.ui.widgets.key_bar import KeyBar

    app = drafted_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DraftsScreen)
        bar = app.screen.query_one(KeyBar).render().plain
        assert "esc Back" in bar and "a Accept" in bar


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_a_toast_over_the_editor_leaves_its_buttons_in_sight(drafted_app, size):
    """A tall notice (as the library watch gives) shows whole, and Save and Cancel stay uncovered."""
    from textual.widgets._toast import Toast

    app = drafted_app
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("d", "e")
        dialog = app.screen
        assert isinstance(dialog, EditDraftDialog)
        lines = "\n".join(f"line {n} of what changed in the library" for n in range(1, 5))
        app.notify(f"The library changed\n{lines}", severity="warning", timeout=30, markup=False)
        await pilot.pause(0.2)
        toasts = list(dialog.query(Toast))
        assert toasts
        assert "line 4 of what changed" in str(toasts[-1].render())
        assert all(dialog.region.contains_region(toast.region) for toast in toasts)  # whole, not cut off
        for button in ("#save", "#cancel"):
            region = dialog.query_one(button).region
            assert all(not region.overlaps(toast.region) for toast in toasts), (button, region)


async def test_an_80_column_home_footer_offers_drafts_beside_browse(drafted_app):
    from quiz.ui.widgets.key_bar import KeyBar

    app = drafted_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar).render().plain
        assert all(key in bar for key in ("d Drafts", "p Profile", "s Stats", "r Read", "b Browse", "q Quit")), bar
