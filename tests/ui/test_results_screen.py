"""Results and stats rows: only what was answered, told apart, each opening the whole question."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import DataTable

from quiz.core.bank import load_bank
from quiz.core.selection import Mode, Options
from quiz.core.verdict import Form
from quiz.ui.screens.question_detail_screen import QuestionDetailScreen
from quiz.ui.screens.question_screen import QuestionScreen
from quiz.ui.screens.results_screen import ResultsScreen
from quiz.ui.screens.stats_screen import StatsScreen
from tests.conftest import DATA
from tests.ui.conftest import screen_text

SIZES = [(80, 24), (100, 30)]
PUTIN = "In the report on Putin's rejection of new Syria sanctions"


async def start(pilot, options: Options) -> QuestionScreen:
    pilot.app.screen.start(options)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QuestionScreen)
    return screen


async def answer(pilot, screen: QuestionScreen, given: str | None = None) -> None:
    """Answer the current question (right when `given` is None) and go on, as Enter after the feedback does."""
    item = screen.session.current
    screen.show_answer(screen.session.submit(item.question.answer_text if given is None else given, screen.study.now()))
    await screen.advance()
    await pilot.pause()


def cells(table: DataTable, column: int) -> list[str]:
    return [str(table.get_row_at(row)[column]) for row in range(table.row_count)]


@pytest.mark.parametrize("size", SIZES)
async def test_leaving_early_lists_only_what_was_answered(make_app, size):
    """The questions not reached are a count; neither they nor their answers are on the results screen."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, Options(decks=("barrel-bombs",), count=5, seed=2, form=Form.CHOICE))
        unreached = screen.session.questions[1:]
        await answer(pilot, screen)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.query_one(DataTable).row_count == 1
        text = screen_text(app)
        assert "4 not reached" in text
        assert not any(q.answer_text in text for q in unreached)
        # accuracy is of what was answered: leaving is not the same as answering wrong
        assert "Score 1/5 · Accuracy 100% of 1 answered" in text


async def test_leaving_before_any_answer_shows_no_accuracy(make_app):
    """Nothing answered has no accuracy: 0% would read as all wrong."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, Options(decks=("barrel-bombs",), count=3, seed=2, form=Form.CHOICE))
        await pilot.press("escape", "y")
        await pilot.pause()
        score = str(app.screen.query_one("#results-score").content)
        assert score.startswith("Score 0/3 · Accuracy – · Time") and "0%" not in score


@pytest.mark.parametrize("size", SIZES)
async def test_rows_of_one_deck_show_what_differs_and_open_the_whole_question(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, Options(decks=("putin-sanctions",), count=5, seed=3, form=Form.CHOICE))
        asked = list(screen.session.questions)
        assert all(q.prompt.startswith(PUTIN) for q in asked)
        for _ in asked:
            await answer(pilot, screen)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        prompts = cells(results.query_one(DataTable), 2)
        assert len(set(prompts)) == 5 and not any(p.startswith(PUTIN[:20]) for p in prompts)
        assert all(p.startswith("…") for p in prompts)

        await pilot.press("enter")  # the highlighted (first) row
        detail = app.screen
        assert isinstance(detail, QuestionDetailScreen) and detail.question == asked[0]
        text = screen_text(app)
        assert str(detail.query_one("#detail-prompt").content) == asked[0].prompt
        assert "In the report on Putin" in text  # the whole prompt, from its start
        assert "You answered:" in text and "Correct answer:" in text and "✓ Correct" in text
        assert asked[0].explanation.split()[0] in str(detail.query_one("#detail-explanation").content)
        assert asked[0].evidence[0].quote.split()[0] in str(detail.query_one("#detail-evidence").content)
        await pilot.press("escape")
        assert app.screen is results

        await pilot.click("#results-table", offset=(10, 4))  # one click on the fourth row (below the header)
        await pilot.pause()
        assert isinstance(app.screen, QuestionDetailScreen) and app.screen.question == asked[3]


def long_answer_bank():
    """The harbour deck, with one answer long enough to be cut in a results cell."""
    bank = load_bank(DATA / "good" / "harbour.toml")
    long = "the harbour of Port Elin on the northern coast near the new fish market"
    deck = bank.decks[0]
    questions = tuple(replace(q, answer=long, alternatives=()) if q.id == "h-005" else q for q in deck.questions)
    return replace(bank, decks=(replace(deck, questions=questions),))


@pytest.mark.parametrize("size", SIZES)
async def test_long_answers_that_differ_at_the_end_show_the_difference_and_the_again_round_is_listed(make_app, size):
    app = make_app(bank=long_answer_bank())
    given = ["the harbour of Port Elin on the northern coast near the old lighthouse", "Port Quist"]
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, Options(questions=("h-005",), count=1, form=Form.TYPED))
        await answer(pilot, screen, given[0])
        assert screen.session.current.retry  # the miss comes back in the "again" round
        await answer(pilot, screen, given[1])
        results = app.screen
        assert isinstance(results, ResultsScreen)
        table = results.query_one(DataTable)
        assert cells(table, 1) == ["1", "again"]
        yours, right = cells(table, 3), cells(table, 4)
        assert yours[0] != right[0] and "lighthouse" in yours[0] and "fish" in right[0]
        assert yours[1] == "Port Quist"  # the wrong again-round answer appears
        assert results.summary.correct == 0 and results.summary.asked == 1  # and is not scored twice


@pytest.mark.parametrize("size", SIZES)
async def test_stats_weakest_rows_are_told_apart_and_open_with_the_latest_answers(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await start(
            pilot, Options(mode=Mode.PRACTICE, decks=("putin-sanctions",), count=3, seed=5, form=Form.CHOICE)
        )
        while screen.session.current is not None:  # every answer wrong, twice (the again round)
            item = screen.session.current
            await answer(pilot, screen, next(o for o in item.options if o != item.question.answer_text))
        await pilot.press("h")
        app.push_screen(StatsScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()  # the figures are read in a worker
        await pilot.pause()
        stats = app.screen
        weakest = stats.query_one("#weakest", DataTable)
        prompts = cells(weakest, 0)
        assert len(prompts) == 3 and len(set(prompts)) == 3
        assert not any(PUTIN[:20] in p for p in prompts)  # the shared opening, even after "True or false: "
        for _ in range(8):  # the chart tables (drawn by a worker) may come first in the Tab order
            await pilot.press("tab")
            if app.focused is weakest:
                break
        assert app.focused is weakest
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, QuestionDetailScreen) and detail.question.id == stats.weakest[0].id
        assert len(detail.given) == 2 and all("Not quite" in g.headline for g in detail.given)
        assert "Correct answer:" in screen_text(app)


async def test_the_whole_question_shows_markup_and_escape_codes_literally(make_app, tmp_path):
    from tests.ui.test_literal_and_sizes import nasty_bank

    app = make_app(bank=nasty_bank(tmp_path))
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await start(pilot, Options(questions=("n-1",), count=1, form=Form.CHOICE))
        await answer(pilot, screen, "[/]")
        await answer(pilot, screen, "\x1b[31m")  # the again round
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionDetailScreen)
        text = screen_text(app)
        assert "Prompt [bold]red[/] [/] \\x1b[31m {x} [link=http://x]y[/link] $accent?" in text
        answers = str(app.screen.query_one("#detail-answers").content)
        assert "You answered: [/]" in answers and "Correct answer: [bold]red[/]" in answers
        assert "[/]" in text and "[bold]red[/]" in text  # shown, not read as markup
        assert "Because [bold]x[/] \\x1b[31m {x}" in text
