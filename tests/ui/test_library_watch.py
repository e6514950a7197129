"""A running app takes in the decks other commands write into the library, and offers their drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.data import locations
from quiz.data.library import library_questions, read_full_bank
from quiz.ui.screens.drafts_screen import DraftsScreen
from quiz.ui.screens.home_screen import HomeScreen
from quiz.ui.widgets.deck_list import DeckList
from quiz.ui.widgets.key_bar import KeyBar
from tests.conftest import ROOT

GIFT = Path(__file__).resolve().parent.parent / "formats" / "fixtures" / "good.gift"


def app_over_library(make_app, data: Path):
    def load():
        return read_full_bank(locations.bank_path(), None, data)[0]

    return make_app(bank=load(), reload=load)


async def until(pilot, condition) -> None:
    """Let the app run until `condition()` holds (the library is looked at every few seconds)."""
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.1)
    raise AssertionError("the app did not take in the library's change")


def rows(app) -> list[tuple[str, ...]]:
    return app.screen.query_one("#decks", DeckList).rows


def notes(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_a_deck_added_while_the_app_runs_shows_its_drafts_and_offers_them(make_app, tmp_path, quiz, size):
    data = tmp_path / "data"
    app = app_over_library(make_app, data)
    async with app.run_test(size=size) as pilot:
        before = len(rows(app))
        seed = str(ROOT / "seeds" / "000_bca7dcc935938ebd.txt")
        assert quiz("add", seed, "--id", "mine", "--data-dir", str(data)).code == 0
        await until(pilot, lambda: len(rows(app)) == before + 1)
        deck = next(d for d in app.study.bank.decks if d.source and library_questions(data) in d.source.parents)
        drafts = sum(1 for q in deck.questions if q.is_draft)
        row = next(r for r in rows(app) if deck.title in r[1])
        assert row[1].startswith(f"{drafts} drafts · ") and row[2] == "0"  # not a bare 0 questions
        assert f"New deck: {deck.title}" in notes(app) and "Press d to review the drafts." in notes(app)
        await pilot.pause()
        assert "d Drafts" in app.screen.query_one(KeyBar).render().plain
        await pilot.press("d")
        assert isinstance(app.screen, DraftsScreen) and len(app.screen.items) == drafts
        await pilot.press("a", "escape")  # accept one and go home: the app's own change is not news
        await pilot.pause(2.5)
        assert isinstance(app.screen, HomeScreen) and "Changed" not in notes(app)
        row = next(r for r in rows(app) if deck.title in r[1])
        assert row[1].startswith(f"{drafts - 1} drafts · ") and row[2] == "1"


async def test_a_deck_derived_into_the_library_appears_with_its_drafts(make_app, tmp_path, quiz):
    data = tmp_path / "data"
    app = app_over_library(make_app, data)
    async with app.run_test(size=(80, 24)) as pilot:
        out = library_questions(data) / "derived.toml"
        assert quiz("derive", str(ROOT / "seeds" / "000_bca7dcc935938ebd.txt"), "--out", str(out)).code == 0
        await until(pilot, lambda: any(d.source == out for d in app.study.bank.decks))
        deck = next(d for d in app.study.bank.decks if d.source == out)
        assert any(r[1].startswith(f"{len(deck.questions)} drafts · ") for r in rows(app))


async def test_an_imported_deck_appears_with_its_questions(make_app, tmp_path, quiz):
    data = tmp_path / "data"
    app = app_over_library(make_app, data)
    async with app.run_test(size=(100, 30)) as pilot:
        assert quiz("import", str(GIFT), "--deck", "capitals", "--data-dir", str(data)).code == 0
        await until(pilot, lambda: any(d.id == "capitals" for d in app.study.bank.decks))
        deck = app.study.bank.deck("capitals")
        assert any(deck.title == r[1] and r[2] == str(len(deck.active)) for r in rows(app))
        assert "New deck" in notes(app)


async def test_a_session_keeps_its_bank_while_the_library_changes(make_app, tmp_path, quiz):
    data = tmp_path / "data"
    app = app_over_library(make_app, data)
    async with app.run_test(size=(100, 30)) as pilot:
        bank = app.study.bank
        await pilot.press("enter")
        assert quiz("import", str(GIFT), "--deck", "capitals", "--data-dir", str(data)).code == 0
        await pilot.pause(2.5)  # a library look is due in this time; mid-session it waits
        assert app.study.bank is bank
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("escape")  # leave the results
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.study.bank is not bank)
        assert any(d.id == "capitals" for d in app.study.bank.decks)


async def test_starting_a_deck_of_drafts_only_says_to_review_them(make_app, tmp_path, quiz):
    data = tmp_path / "data"
    seed = str(ROOT / "seeds" / "000_bca7dcc935938ebd.txt")
    assert quiz("add", seed, "--id", "mine", "--data-dir", str(data)).code == 0
    app = app_over_library(make_app, data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end", "space", "enter")  # the library's deck is the last one
        assert isinstance(app.screen, HomeScreen)
        assert "only drafts so far: press d to review them" in notes(app)


async def test_a_broken_deck_written_into_the_library_never_stops_the_app(make_app, tmp_path, quiz):
    data = tmp_path / "data"
    app = app_over_library(make_app, data)
    async with app.run_test(size=(80, 24)) as pilot:
        bank = app.study.bank
        folder = library_questions(data)
        folder.mkdir(parents=True)
        (folder / "broken.toml").write_text("[deck\nid = ", encoding="utf-8")
        await until(pilot, lambda: app.study.bank is not bank)
        assert isinstance(app.screen, HomeScreen) and app.is_running
        assert len(rows(app)) == len(bank.decks)  # the broken file is left out; `quiz check` says why
        assert quiz("import", str(GIFT), "--deck", "capitals", "--data-dir", str(data)).code == 0
        await until(pilot, lambda: any(d.id == "capitals" for d in app.study.bank.decks))
