"""Bank text shows literally on every screen, and the app renders at small sizes without errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.core.model import Article, Bank, Deck, Evidence, Kind, Question
from quiz.core.verdict import Form
from quiz.ui.screens.question_screen import QuestionScreen
from tests.ui.conftest import choose, screen_text

NASTY = ["[bold]red[/]", "[/]", "\x1b[31m", "{x}", "[link=http://x]y[/link]", "$accent"]


def nasty_bank(tmp_path: Path) -> Bank:
    text = "Plain sentence with [bold]red[/] and {x} inside. Another \x1b[31m one.\n"
    path = tmp_path / "nasty.txt"
    path.write_text(text, encoding="utf-8")
    article = Article("nasty", path, "Title [bold]x[/]", "Summary {x}")
    evidence = (Evidence("nasty", "Plain sentence with [bold]red[/] and {x} inside."),)

    def q(qid: str, kind: Kind, answer, distractors=()):
        return Question(
            id=qid,
            kind=kind,
            prompt=f"Prompt {' '.join(NASTY)} ___" if kind is Kind.GAP else f"Prompt {' '.join(NASTY)}?",
            answer=answer,
            evidence=evidence,
            explanation="Because [bold]x[/] \x1b[31m {x}",
            tags=("people",),
            difficulty=1,
            distractors=distractors,
            deck="nasty",
        )

    questions = (
        q("n-1", Kind.CHOICE, "[bold]red[/]", ("[/]", "\x1b[31m", "{x}")),
        q("n-2", Kind.RECALL, "{x}", ("[i]", "[/]", "$accent")),
        q("n-3", Kind.GAP, "[bold]red[/]", ("a", "b", "c")),
        q("n-4", Kind.TRUEFALSE, True),
    )
    deck = Deck("nasty", "Deck [bold]x[/] {x}", questions, articles=("nasty",))
    return Bank((deck,), {"nasty": article})


@pytest.mark.parametrize("form", [Form.CHOICE, Form.TYPED, Form.FLASHCARD])
async def test_markup_and_escape_codes_show_literally(make_app, tmp_path, form):
    app = make_app(bank=nasty_bank(tmp_path))
    async with app.run_test(size=(160, 50)) as pilot:
        await choose(pilot, form=form)
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen)
        for _ in range(8):  # four questions, each skipped once and asked again
            if not isinstance(app.screen, QuestionScreen):
                break
            text = screen_text(app)
            assert "Prompt [bold]red[/] [/] \\x1b[31m {x} [link=http://x]y[/link] $accent" in text
            if form is Form.FLASHCARD:
                await pilot.press("space")  # revealed: the answer, why, and the evidence
                assert "Answer: " in screen_text(app)
            else:
                await pilot.press("f3")  # works even while typing into the answer box
            text = screen_text(app)
            assert "Because [bold]x[/] \\x1b[31m {x}" in text
            # The evidence (its answer highlighted, so drawn in pieces).
            assert "Plain sentence with" in text and "— Title [bold]x[/]" in text
            await pilot.press("1" if form is Form.FLASHCARD else "enter")  # a grade moves on by itself
        assert app.screen.__class__.__name__ == "ResultsScreen"
        assert "[bold]red[/]" in screen_text(app)


async def test_read_screen_shows_article_literally(make_app, tmp_path):
    from quiz.ui.screens.read_screen import ReadScreen

    app = make_app(bank=nasty_bank(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        app.push_screen(ReadScreen("nasty"))
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]red[/] and {x}" in text and "\\x1b[31m" in text and "Title [bold]x[/]" in text


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_every_screen_renders_at_small_sizes(make_app, size):
    from quiz.ui.screens.read_screen import ReadScreen

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("f1")
        await pilot.press("escape")
        await pilot.press("s")  # stats
        await pilot.pause()
        await pilot.press("escape")
        app.push_screen(ReadScreen("barrel-bombs"))
        await pilot.pause()
        await pilot.press("escape")
        await pilot.press("enter")  # practice
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ResultsScreen"


async def test_results_show_both_answers_at_80_columns(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1", "enter", "escape", "y")
        await pilot.pause()
        header = next(line for line in screen_text(app).splitlines() if "Question" in line)
        assert "You answered" in header and "Correct answer" in header
