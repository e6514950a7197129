"""Ctrl+Z takes back an answer and asks its question again; Ctrl+R says "I was right"; the next interval shows."""

from __future__ import annotations

from textual.widgets import Input

from quiz.core.session import Phase
from quiz.core.verdict import Form
from tests.ui.conftest import drawn_text, harbour, start


async def _type(pilot, text: str) -> None:
    await pilot.pause(0.6)  # past the guard that keeps a habitual key from answering a fresh question
    box = pilot.app.screen.query_one("#typed", Input)
    box.value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_i_was_right_counts_the_typed_answer_and_shows_when_it_comes_back(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, questions=("h-005",), form=Form.TYPED, count=1)
        await _type(pilot, "the old port")
        shown = drawn_text(app)
        assert "✗ Not quite" in shown and "next in 1 min" in shown and "Ctrl+R: I was right" in shown
        await pilot.press("r")  # a letter typed by habit does nothing
        assert not screen.session.answers[-1].verdict.correct
        await pilot.press("ctrl+r")
        await pilot.pause()
        shown = drawn_text(app)
        assert "✓ Correct" in shown and "I was right" not in shown and "next in 1 min" not in shown
        assert screen.session.score == 1
        (stored,) = app.study.store.attempts(app.study.profile)
        assert stored["overridden"] and stored["correct"] and stored["given"] == "the old port"


async def test_ctrl_z_goes_back_to_the_question_with_nothing_stored(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, questions=("h-005", "h-003"), form=Form.TYPED, count=2, seed=1)
        first = screen.session.current
        await _type(pilot, first.question.answer_text)
        await pilot.press("enter")  # on to the second question
        await pilot.pause()
        assert screen.session.current is not first
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.session.current is first and screen.session.phase is Phase.ASKING
        assert first.question.prompt.split()[0] in drawn_text(app)
        assert list(app.study.store.attempts(app.study.profile))[0]["undone_at"] is not None
        assert app.study.store.history(app.study.profile, app.study.now()).cards == {}
        await pilot.press("ctrl+z")  # nothing before the session's start: nothing happens
        assert screen.session.current is first
