"""The question browser: search and filters over 50,000 questions, one question whole, suspend, flag, edit."""

from __future__ import annotations

from textual.widgets import Input, Static

from quiz.core.model import Bank, Deck, Evidence, Kind, Question
from quiz.core.selection import Options
from quiz.core.verdict import Form
from quiz.ui.screens.browse_screen import BrowseScreen
from quiz.ui.widgets.question_list import QuestionList
from tests.ui.conftest import drawn_text, harbour

PLACES = ["Port Elin", "Vienna", "Geneva", "Oslo", "Lagos", "Quito", "Hanoi", "Perth"]


def big_bank(size: int = 50_000) -> Bank:
    """`size` questions in 50 decks: every 1,000th about Zanzibar, the rest about eight other places."""
    decks = []
    per_deck = size // 50
    for d in range(50):
        questions = []
        for i in range(per_deck):
            n = d * per_deck + i
            place = "Zanzibar" if n % 1000 == 7 else PLACES[n % len(PLACES)]
            questions.append(
                Question(
                    id=f"q{n:05d}",
                    kind=Kind.RECALL if n % 2 else Kind.GAP,
                    prompt=f"Which harbour reopened in report {n}?",
                    answer=place,
                    evidence=(Evidence(f"art-{d}", f"The harbour of {place} reopened after {n} days"),),
                    explanation=f"Report {n} names {place}.",
                    tags=("places", f"batch-{n % 7}"),
                    difficulty=1 + n % 3,
                    deck=f"deck-{d:02d}",
                )
            )
        decks.append(Deck(f"deck-{d:02d}", f"Deck {d}", tuple(questions)))
    return Bank(tuple(decks), {})


async def _type(pilot, text: str) -> None:
    pilot.app.screen.query_one("#browse-query", Input).focus()
    for key in text:
        await pilot.press(key if key != " " else "space")
    await pilot.pause()


def _detail(app) -> str:
    """The question on show, as plain text."""
    return app.screen.query_one("#browse-view", Static).content.plain


def _ids(app) -> list[str]:
    return [e.question.id for e in app.screen.query_one(QuestionList).entries]


async def test_typing_narrows_50000_questions_and_filters_combine(make_app):
    app = make_app(bank=big_bank())
    async with app.run_test(size=(100, 30)) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Browse questions" in commands  # the command palette offers it
        await commands["Browse questions"].callback()
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert "50,000 of 50,000 questions" in drawn_text(app)
        await _type(pilot, "zanzib")
        assert _ids(app) == [f"q{n:05d}" for n in range(7, 50_000, 1000)]
        assert "50 of 50,000 questions" in drawn_text(app)
        await _type(pilot, " kind:rec")  # 7 mod 2 is 1: every Zanzibar question is a recall one
        assert len(_ids(app)) == 50
        await _type(pilot, " deck:deck-0")
        assert _ids(app) == [f"q{n:05d}" for n in range(7, 10_000, 1000)]
        await _type(pilot, " tag:batch-0")  # of 7, 1007, ..., 9007 only 7 and 7007 are multiples of 7
        assert _ids(app) == ["q00007", "q07007"]
        assert "The harbour of Zanzibar reopened after 7 days" in _detail(app)
        await pilot.press("down")  # to the list
        await pilot.press("down")  # to the second question
        await pilot.pause()
        assert "The harbour of Zanzibar reopened after 7007 days" in _detail(app)
        await pilot.press("s")  # suspend
        await pilot.pause()
        assert app.study.store.suspended(app.study.profile) == frozenset({"q07007"})
        query = app.screen.query_one("#browse-query", Input)
        query.value = "is:susp"
        await pilot.pause()
        assert _ids(app) == ["q07007"]
        query.value = "-is:suspended zanzibar deck:deck-0"
        await pilot.pause()
        assert len(_ids(app)) == 9 and "q07007" not in _ids(app)


async def test_one_question_whole_with_its_history_and_suspended_never_asked(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=(100, 30)) as pilot:
        study = app.study
        session = study.start(Options(questions=("h-005",), form=Form.TYPED, count=1))
        study.record(session, session.submit("Port Quist", study.now()))
        await pilot.press("b")
        await pilot.pause()
        await _type(pilot, "h-005")
        assert _ids(app) == ["h-005"]
        shown = _detail(app)
        assert "Port Quist" in shown and "✗" in shown and "Your answers" in shown
        assert "The harbour of Port Elin reopened" in shown and "built-in bank (read-only)" in shown
        await pilot.press("enter", "f")  # to the list, flag
        await pilot.pause()
        assert study.store.marks(study.profile)["h-005"].flagged
        assert "FLAGGED" in _detail(app)
        await pilot.press("e")  # not a library question: no editor, and it says why
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert any("read-only" in str(n.message) for n in app._notifications)
        await pilot.press("s")
        await pilot.pause()
        asked = study.start(Options(count=50)).questions
        assert "h-005" not in {q.id for q in asked} and len(asked) == 4


async def test_a_library_question_is_edited_only_into_one_that_passes_the_check(make_app, tmp_path, quiz):
    from textual.widgets import TextArea

    from quiz.data import locations
    from quiz.data.library import read_full_bank
    from quiz.derive import drafts
    from quiz.ui.screens.drafts_screen import EditDraftDialog
    from tests.conftest import ROOT

    data = tmp_path / "data"
    seed = str(ROOT / "seeds" / "000_bca7dcc935938ebd.txt")
    assert quiz("add", seed, "--id", "mine", "--data-dir", str(data)).code == 0
    mine = drafts.list_drafts(data)[0]
    drafts.accept(data, [mine.id])

    def load():
        return read_full_bank(locations.bank_path(), None, data)[0]

    app = make_app(bank=load(), reload=load)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        await _type(pilot, f"is:library {mine.id}")
        assert _ids(app) == [mine.id] and "your library" in _detail(app)
        await pilot.press("enter", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EditDraftDialog)
        prompt = dialog.query_one("#prompt", TextArea)
        prompt.text = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog  # refused: the dialog stays, and says why
        assert "Not saved" in str(dialog.query_one("#edit-error", Static).content)
        prompt.text = "Reworded: " + mine.prompt
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert app.study.bank.question(mine.id).prompt == "Reworded: " + mine.prompt
        assert "Reworded: " in _detail(app)
