"""An article that gives fewer drafts than one of its length usually does says so, in `quiz add` and over
the drafts list, rather than being topped up with drafts a teacher would reject."""

from __future__ import annotations

from quiz.core.bank import load_deck
from quiz.data import locations
from quiz.data.library import library_questions, read_full_bank
from quiz.derive.drafts import deck_note, few_drafts_note
from quiz.ui.screens.drafts_screen import DraftsScreen

SHORT = """Widget maker doubles profit

Acme Widgets reported a profit of £12m for 2024, up from £9m, on sales of £140m in 14 countries.

Chief executive Laura Penn said the company would hire 300 staff in Leeds and open 6 new shops next year.
"""


def test_the_note_counts_against_the_floor_of_the_articles_length():
    assert few_drafts_note(SHORT, 2).startswith("Only 2 drafts worth asking from this article")
    assert "usually gives 3" in few_drafts_note(SHORT, 2)
    assert few_drafts_note(SHORT, 3) == ""


async def test_add_and_the_drafts_screen_say_when_an_article_gave_few_drafts(quiz, make_app, tmp_path):
    article = tmp_path / "widgets.txt"
    article.write_text(SHORT, encoding="utf-8")
    data = tmp_path / "data"
    run = quiz("add", str(article), "--id", "widgets", "--data-dir", str(data))
    assert run.code == 0, run.err
    deck = load_deck(library_questions(data) / "widgets.toml", [])
    assert deck is not None and len(deck.questions) < 3
    assert f"Only {len(deck.questions)} drafts worth asking" in run.out and deck_note(deck)

    app = make_app(bank=read_full_bank(locations.bank_path(), None, data)[0])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DraftsScreen)
        title = str(app.screen.query_one("#drafts-title").render())
        assert f"widgets: only {len(deck.questions)} drafts worth asking" in title
