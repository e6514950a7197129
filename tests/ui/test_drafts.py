"""Reviewing drafted questions in the app: accept, edit, reject, and accepted ones become studyable."""

from __future__ import annotations

from textual.widgets import Input

from quiz.data import locations
from quiz.data.library import read_full_bank
from quiz.ui.screens.drafts_screen import DraftsScreen, EditDraftDialog
from tests.conftest import ROOT

SIZE = (100, 30)


async def test_accept_edit_and_reject_drafts(make_app, tmp_path, quiz):
    data = tmp_path / "data"
    assert (
        quiz("add", str(ROOT / "seeds" / "000_bca7dcc935938ebd.txt"), "--id", "mine", "--data-dir", str(data)).code == 0
    )

    def load():
        return read_full_bank(locations.bank_path(), None, data)[0]

    app = make_app(bank=load(), reload=load)
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
        prompt = app.screen.query_one("#prompt", Input)
        prompt.value = "Reworded: " + prompt.value
        await pilot.press("enter")
        await pilot.pause()
        assert app.study.bank.question(second).prompt.startswith("Reworded: ")

        await pilot.press("x")  # reject it
        ids = {q.id for q in app.study.bank.questions}
        assert second not in ids and first in ids
        assert len(screen.items) == len(drafts_before) - 2


async def test_drafts_key_is_offered_only_when_there_are_drafts(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert not isinstance(app.screen, DraftsScreen)
