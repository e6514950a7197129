"""What the question screen shows: question, verdict and answer together; hints; flashcards; drill time."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from textual.widgets import OptionList

from quiz.core.model import Bank, Deck, Kind, Question
from quiz.core.schedule import Rating, format_interval
from quiz.core.selection import Mode
from quiz.core.session import Phase
from quiz.core.verdict import Form
from quiz.ui.widgets.feedback_panel import FeedbackPanel
from tests.ui.conftest import NOT_TF, Clock, drawn_text, harbour, option_keys, start

SIZES = [(80, 24), (100, 30)]


def visible_lines(app) -> list[str]:
    """The screen's rows as text, as the learner sees them now (from a screenshot)."""
    rows: dict[int, str] = {}
    for row, text in re.findall(r'<text[^>]*clip-path="url\(#terminal-\d+-line-(\d+)\)"[^>]*>(.*?)</text>', svg(app)):
        rows[int(row)] = rows.get(int(row), "") + text
    return [rows[r] for r in sorted(rows)]


def svg(app) -> str:
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


@pytest.mark.parametrize("size", SIZES)
async def test_question_verdict_and_correct_answer_are_visible_together(make_app, size):
    app = make_app()  # the built-in bank: long prompts, long explanations, several evidence quotes
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, form=Form.CHOICE, count=3, seed=4, kinds=(Kind.CHOICE,))
        item = screen.session.current
        wrong = next(n for n, o in enumerate(item.options, 1) if o != item.question.answer_text)
        await pilot.press(str(wrong))
        await pilot.pause()
        shown = " ".join(" ".join(visible_lines(app)).split())
        assert " ".join(item.question.prompt.split()[:6]) in shown
        assert "✗ Not quite" in shown
        assert "Correct answer: " + " ".join(item.question.answer_text.split()[:4]) in shown


@pytest.mark.parametrize("size", SIZES)
async def test_a_hint_removes_options_and_every_key_shown_chooses_one(make_app, size):
    app = make_app(bank=harbour())
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, form=Form.CHOICE, count=4, seed=2, kinds=NOT_TF)
        before = list(screen.session.current.options)
        await pilot.press("f2")
        options = screen.query_one(OptionList)
        assert options.option_count == 2 == len(screen.offered)
        assert not any(options.get_option_at_index(i).disabled for i in range(options.option_count))
        assert set(screen.offered) < set(before) and screen.session.current.question.answer_text in screen.offered
        assert "3" not in screen.active_bindings  # no key for an option that is not there
        await pilot.press("2")
        assert screen.last.verdict.given == screen.offered[1]


async def test_a_long_option_wraps_under_its_own_text(make_app):
    long = "the harbour authority of the northern province together with the city council and the port workers"
    question = Question(
        id="w-1",
        kind=Kind.CHOICE,
        prompt="Who paid for the repairs?",
        answer=long,
        evidence=(),
        explanation="",
        tags=(),
        difficulty=1,
        distractors=("the mayor", "nobody"),
        deck="wrap",
    )
    app = make_app(bank=Bank((Deck("wrap", "Wrap", (question,)),), {}))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, count=1, seed=1)
        options = app.screen.query_one(OptionList)
        lines = [options.render_line(y).text for y in range(options.size.height)]
        first = next(i for i, line in enumerate(lines) if "the harbour authority" in line)
        indent = lines[first].index("the harbour authority")
        follow = lines[first + 1]
        assert follow[:indent].strip("▊ ") == "" and follow[indent : indent + 1].strip(), lines


@pytest.mark.parametrize("size", SIZES)
async def test_a_flashcard_takes_two_keys_and_shows_why(make_app, size):
    app = make_app(bank=harbour())
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, form=Form.FLASHCARD, count=5, seed=2, kinds=(Kind.NUMBER, Kind.CHOICE))
        first = screen.session.current
        if first.question.kind is not Kind.NUMBER:
            await pilot.press("space", "3")
        card = screen.session.current.question
        assert card.kind is Kind.NUMBER
        await pilot.press("space")
        text = drawn_text(app)
        assert "Answer: 1.2 million euros" in text  # the unit stays with the answer
        assert card.explanation in text and "the repairs cost" in text  # why, and the evidence
        await pilot.press("3")  # the grade is the second and last key
        assert screen.last.rating == 3 and screen.last.item.question.id == card.id
        await pilot.pause()
        assert screen.session.phase in (Phase.ASKING, Phase.FINISHED)  # on to the next, no third key


@pytest.mark.parametrize("size", SIZES)
async def test_the_drill_clock_stops_at_the_answer_and_shows_the_stored_time(make_app, size):
    clock = Clock(step=timedelta(0))
    app = make_app(bank=harbour(), clock=clock)
    async with app.run_test(size=size) as pilot:
        app.notify("That code has a typo", severity="error")  # left over from a mistyped code
        await pilot.pause()
        screen = await start(pilot, mode=Mode.DRILL, seed=3, count=2, time_limit=30)
        assert not app._notifications  # nothing sits over the first timed question
        clock.now += timedelta(seconds=7, milliseconds=400)
        await pilot.press(*option_keys(screen, 1))
        stored = list(app.study.store.attempts(app.study.profile))[0]["elapsed_ms"]
        assert stored == 7400
        timer = screen.query_one("#timer")
        assert str(timer.render()) == "⏱ answered in 7.4 s"
        clock.now += timedelta(seconds=5)
        await pilot.pause(1.2)  # the timer ticks each second
        assert str(timer.render()) == "⏱ answered in 7.4 s"


async def test_the_longest_built_in_questions_show_with_verdict_and_answer_at_80x24(make_app, builtin_bank):
    """The bank's longest prompts and answers, not just one: all three stay on screen."""
    questions = [q for deck in builtin_bank.decks for q in deck.questions]
    longest = {
        q.id for key in (lambda q: len(q.prompt), lambda q: len(q.answer_text)) for q in sorted(questions, key=key)[-8:]
    }
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, mode=Mode.DRILL, seed=1, questions=tuple(sorted(longest)), count=len(longest))
        seen = 0
        while screen.session.current is not None:
            q = screen.session.current.question
            await pilot.press("f3")  # skipped: the verdict and the correct answer
            await pilot.pause()
            shown = " ".join(" ".join(visible_lines(app)).split())
            assert " ".join(q.prompt.split()[:5]) in shown, q.id
            assert "→ Skipped" in shown and "Correct answer: " + " ".join(q.answer_text.split()[:3]) in shown, q.id
            seen += 1
            await pilot.press("enter")
        assert seen == len(longest) >= 12


@pytest.mark.parametrize("size", SIZES)
async def test_a_flashcards_grades_are_never_cut_in_two(make_app, size):
    """Each grade ("3 Good · 10 min") stays whole on one line, at 80 columns too."""
    app = make_app(bank=harbour())
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, form=Form.FLASHCARD, count=1, seed=2, kinds=(Kind.CHOICE,))
        await pilot.press("space")
        await pilot.pause()
        line = screen.query_one(FeedbackPanel).query_one("#continue")
        lines = [line.render_line(y).text for y in range(line.size.height)]
        grades = next(text for text in lines if "1 Again" in text)
        intervals = screen.session.intervals(screen.study.now())
        for rating in Rating:
            assert f"{int(rating)} {rating.name} · {format_interval(intervals[rating])}" in grades, lines
