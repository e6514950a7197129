"""The question screen's keys: nothing typed by habit answers, leaves, quits or opens a screen."""

from __future__ import annotations

import string
from datetime import timedelta

import pytest

from quiz.core.model import Bank, Deck, Kind, Question
from quiz.core.selection import Mode
from quiz.core.session import Phase
from quiz.core.verdict import Form
from quiz.data import config as settings
from quiz.ui.screens.read_screen import ReadScreen
from quiz.ui.widgets.feedback_panel import FeedbackPanel
from quiz.ui.widgets.key_bar import KeyBar
from tests.ui.conftest import NOT_TF, Clock, drawn_text, harbour, option_keys, start

SIZES = [(80, 24), (100, 30)]


def answers(app) -> list:
    return list(app.study.store.attempts(app.study.profile))


def keys(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


@pytest.mark.parametrize("size", SIZES)
async def test_typing_a_word_on_a_choice_question_neither_answers_nor_quits(make_app, size):
    app = make_app(bank=harbour())
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, form=Form.CHOICE, count=5, seed=2, kinds=NOT_TF)
        # The learner's habit from a typed question: a whole word, and a q in it.
        await pilot.press(*keys("quickly accomplices"))
        await pilot.pause()
        assert app.screen is screen and screen.session.phase is Phase.ASKING
        assert answers(app) == []
        assert "quickly accomplices" in str(screen.query_one("#spelled").render())
        await pilot.press("enter")  # no option reads like that: said so, nothing chosen
        assert answers(app) == [] and "no option reads like this" in str(screen.query_one("#spelled").render())


@pytest.mark.parametrize("size", SIZES)
async def test_an_option_typed_in_full_then_enter_chooses_it(make_app, size):
    app = make_app(bank=harbour())
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, form=Form.CHOICE, count=5, seed=2, kinds=NOT_TF)
        option = screen.session.current.options[2]
        await pilot.press(*keys(option.lower()), "enter")  # case does not matter
        assert screen.last is not None and screen.last.verdict.given == option
        assert [r["given"] for r in answers(app)] == [option]


async def test_letters_choose_only_when_the_learner_turns_them_on(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, form=Form.CHOICE, count=5, seed=2, kinds=NOT_TF)
        await pilot.press("b")
        assert screen.session.phase is Phase.ASKING and screen.spelled == "b"

    app = make_app(bank=harbour(), config=settings.Config(letter_keys=True))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, form=Form.CHOICE, count=5, seed=2, kinds=NOT_TF)
        second = screen.session.current.options[1]
        assert " 2 b " in drawn_text(app)  # the label says so
        await pilot.press("b")
        assert screen.last is not None and screen.last.verdict.given == second


def test_letter_keys_is_a_validated_setting(tmp_path):
    (tmp_path / "config.toml").write_text("letter_keys = true\n")
    assert settings.load(tmp_path).config.letter_keys is True
    (tmp_path / "config.toml").write_text('letter_keys = "yes"\n')
    loaded = settings.load(tmp_path)
    assert loaded.config.letter_keys is False and "letter_keys = 'yes': it must be true or false" in loaded.warnings[0]
    settings.save(tmp_path, settings.Config(letter_keys=True))
    assert settings.load(tmp_path).config.letter_keys is True


@pytest.mark.parametrize("size", SIZES)
async def test_keys_in_the_first_moments_of_a_question_never_answer_it(make_app, size):
    clock = Clock(step=timedelta(0))  # moves only when the test says so
    app = make_app(bank=harbour(), clock=clock)
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, form=Form.CHOICE, count=5, seed=2, kinds=NOT_TF)
        await pilot.press("1")  # the moment it appears: meant for what came before
        assert screen.session.phase is Phase.ASKING and answers(app) == []
        clock.now += timedelta(milliseconds=600)
        await pilot.press("1")
        assert screen.session.phase is Phase.ANSWERED and len(answers(app)) == 1
        first = screen.session.current.question.id

        # A double Enter on the feedback: the first moves on, the second must not answer.
        clock.now += timedelta(seconds=3)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert screen.session.current.question.id != first
        assert screen.session.phase is Phase.ASKING and len(answers(app)) == 1
        clock.now += timedelta(milliseconds=300)
        await pilot.press("2")
        assert screen.session.phase is Phase.ASKING  # still within the guard
        clock.now += timedelta(milliseconds=300)
        await pilot.press("2")
        assert screen.session.phase is Phase.ANSWERED and len(answers(app)) == 2


@pytest.mark.parametrize("size", SIZES)
async def test_no_single_letter_leaves_quits_or_opens_a_screen(make_app, size):
    app = make_app(bank=harbour())
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, form=Form.CHOICE, count=5, seed=2, kinds=NOT_TF)
        for letter in string.ascii_lowercase:  # on the question
            await pilot.press(letter)
            assert app.screen is screen and len(app.screen_stack) == 2, letter
        assert answers(app) == [] and screen.session.phase is Phase.ASKING
        assert screen.query_one("#hint").display is False  # h is no hint key any more
        await pilot.press("escape", "1")  # Esc clears what was typed; 1 answers
        assert screen.session.phase is Phase.ANSWERED
        for letter in string.ascii_lowercase:  # on the feedback
            await pilot.press(letter)
            assert app.screen is screen and len(app.screen_stack) == 2, letter
        assert screen.session.phase is Phase.ANSWERED and len(answers(app)) == 1
    assert app.return_code is None or app.return_code == 0


async def test_function_keys_hint_skip_and_open_the_article(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, form=Form.CHOICE, count=5, seed=2, kinds=NOT_TF)
        await pilot.press("f2")
        assert "Hint:" in str(screen.query_one("#hint").render())
        await pilot.press("f3")
        assert screen.last.verdict.outcome.value == "skipped"
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, ReadScreen)
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("f4")  # the other key for it
        assert isinstance(app.screen, ReadScreen)


async def test_remapped_question_keys_work_and_show(make_app):
    config = settings.Config(keys={"quiz.skip": "f6", "quiz.open": "f7", "quiz.hint": "f8"})
    app = make_app(bank=harbour(), config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, form=Form.CHOICE, count=5, seed=2, kinds=NOT_TF)
        await pilot.press("f3")
        assert screen.session.phase is Phase.ASKING
        await pilot.press("f8", "f6")
        assert screen.last.verdict.outcome.value == "skipped" and screen.last.attempt.hinted
        assert "F7: open the article" in str(screen.query_one("#continue").render())
        await pilot.press("f7")
        assert isinstance(app.screen, ReadScreen)


async def test_the_palette_and_help_write_keys_as_people_do(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=(100, 30)) as pilot:
        helps = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert helps["Help"] == "Help (F1, ?)"
        screen = await start(pilot, form=Form.CHOICE, count=5, seed=2, kinds=NOT_TF)
        helps = {c.title: c.help for c in app.get_system_commands(screen)}
        assert helps["Hint"] == "Hint (F2)" and helps["Leave"] == "Leave (Esc)"
        assert "Open article" not in helps  # nothing answered yet: no article to open
        await pilot.press("f1")
        table = app.screen.query_one("#help-keys")
        rows = {str(r[1]): str(r[0]) for r in map(table.get_row_at, range(table.row_count))}
        assert rows["Open article"] == "Ctrl+O, F4" and rows["Skip"] == "F3"
        assert rows["Option 1-9"] == "1-9" and rows["Quit"] == "Ctrl+C"  # q types here, it does not quit


def imported_bank() -> Bank:
    """Questions as an import makes them: no article behind them."""

    def q(qid: str, kind: Kind, answer, distractors=()) -> Question:
        return Question(
            id=qid,
            kind=kind,
            prompt=f"Imported question {qid}?",
            answer=answer,
            evidence=(),
            explanation="",
            tags=(),
            difficulty=1,
            distractors=distractors,
            deck="imported",
        )

    questions = (q("i-1", Kind.CHOICE, "Lima", ("Quito", "Bogota")), q("i-2", Kind.TRUEFALSE, False))
    return Bank((Deck("imported", "Imported", questions),), {})


async def test_no_article_key_for_a_question_without_an_article(make_app):
    app = make_app(bank=imported_bank())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, count=2, seed=1)
        await pilot.press("1")
        assert screen.session.phase is Phase.ANSWERED
        assert "article" not in str(screen.query_one("#continue").render())
        assert "article" not in screen.query_one(KeyBar).render().plain.lower()
        assert "Open article" not in {c.title for c in app.get_system_commands(screen)}
        await pilot.press("ctrl+o")
        assert app.screen is screen


async def test_a_true_false_answer_is_shown_as_the_correct_answer_is(make_app):
    app = make_app(bank=imported_bank())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, count=2, seed=1, kinds=(Kind.TRUEFALSE,))
        await pilot.press("1")  # True; the answer is False
        text = str(screen.query_one(FeedbackPanel).query_one("#answers").render())
        assert "You answered:   True" in text and "Correct answer: False" in text


@pytest.mark.parametrize("size", SIZES)
async def test_exam_header_shows_progress_and_no_verdict(make_app, size):
    """After a right and after a wrong first answer, the exam screen is the same, pixel for pixel."""
    shots = []
    for right in (True, False):
        app = make_app(bank=harbour())
        async with app.run_test(size=size) as pilot:
            bells: list[int] = []
            app.bell = lambda bells=bells: bells.append(1)
            screen = await start(pilot, mode=Mode.EXAM, form=Form.CHOICE, count=3, seed=2, kinds=NOT_TF)
            item = screen.session.current
            n = next(i for i, o in enumerate(item.options, 1) if (o == item.question.answer_text) == right)
            await pilot.press(str(n))
            await pilot.pause()
            assert screen.session.score == (1 if right else 0)
            header = str(screen.query_one("#progress-text").render())
            assert header == "2 of 3"
            assert not bells and not app._notifications
            shots.append(app.export_screenshot())
    assert shots[0] == shots[1]


@pytest.mark.parametrize("size", SIZES)
async def test_escape_first_clears_a_typed_answer_then_asks_to_leave(make_app, size):
    from quiz.ui.screens.confirm_dialog import ConfirmDialog

    app = make_app(bank=harbour())
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, form=Form.TYPED, count=3, seed=2, kinds=(Kind.RECALL, Kind.GAP))
        await pilot.press(*"Port", "escape")
        assert app.screen is screen and screen.query_one("#typed").value == ""
        await pilot.press(*"yes")  # typing on after the Esc confirms nothing
        assert app.screen is screen and screen.query_one("#typed").value == "yes"
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, ConfirmDialog)


async def test_an_enter_that_moves_on_never_submits_the_next_typed_answer(make_app):
    clock = Clock(step=timedelta(0))
    app = make_app(bank=harbour(), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, form=Form.TYPED, count=3, seed=2, kinds=(Kind.RECALL, Kind.GAP))
        clock.now += timedelta(seconds=5)
        await pilot.press(*"abc", "enter")
        assert screen.session.phase is Phase.ANSWERED
        clock.now += timedelta(seconds=2)
        await pilot.press("enter", *"xyz", "enter")  # on, then typing on at once
        await pilot.pause()
        assert screen.session.phase is Phase.ASKING and len(answers(app)) == 1
        assert screen.query_one("#typed").value == "xyz"  # kept, to send when meant
        clock.now += timedelta(seconds=1)
        await pilot.press("enter")
        assert screen.session.phase is Phase.ANSWERED and answers(app)[-1]["given"] == "xyz"


@pytest.mark.parametrize(
    ("key", "written"),
    [
        ("f1", "F1"),
        ("question_mark", "?"),
        ("ctrl+o", "Ctrl+O"),
        ("escape", "Esc"),
        ("enter", "Enter"),
        ("space", "Space"),
        ("comma", ","),
        ("minus", "-"),
        ("q", "q"),
        ("shift+tab", "Shift+Tab"),
    ],
)
def test_keys_are_named_as_people_write_them(key, written):
    from quiz.ui.app import key_name

    assert key_name(key) == written


def numbers_bank() -> Bank:
    """A question whose options start with digits, as the tester's "250,000" one did."""
    figures = Question(
        id="n-1",
        kind=Kind.CHOICE,
        prompt="How many people were displaced?",
        answer="250,000",
        evidence=(),
        explanation="",
        tags=(),
        difficulty=1,
        distractors=("100,000", "400,000", "24 million"),
        deck="numbers",
    )
    return Bank((Deck("numbers", "Numbers", (figures,)),), {})


@pytest.mark.parametrize("size", SIZES)
async def test_a_bare_enter_never_answers_a_choice_question(make_app, size):
    app = make_app(bank=harbour())
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, count=5, seed=2)  # true/false among them
        for n in range(5):
            await pilot.press("enter")  # long after the guard: still nothing chosen
            assert screen.session.phase is Phase.ASKING and len(answers(app)) == n
            assert "Nothing chosen" in str(screen.query_one("#spelled").render())
            await pilot.press("f3", "enter")
        assert answers(app) and all(r["outcome"] == "skipped" for r in answers(app))


async def test_arrows_then_enter_choose(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, form=Form.CHOICE, count=5, seed=2, kinds=NOT_TF)
        await pilot.press("down", "down", "enter")
        assert screen.last is not None and screen.last.verdict.given == screen.session.current.options[1]


@pytest.mark.parametrize("size", SIZES)
async def test_digits_spell_options_that_start_with_digits(make_app, size):
    app = make_app(bank=numbers_bank())
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, form=Form.CHOICE, count=1, seed=1)
        await pilot.press(*keys("250 000"))  # the 2 chooses nothing, the space moves nowhere
        assert screen.session.phase is Phase.ASKING and answers(app) == []
        assert screen.spelled == "250 000"
        await pilot.press("enter")
        assert [r["given"] for r in answers(app)] == ["250,000"] and screen.last.verdict.correct

    app = make_app(bank=imported_bank())
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, form=Form.CHOICE, count=1, seed=1, kinds=(Kind.CHOICE,))
        await pilot.press("2")  # options of words only: a digit chooses at once
        assert [r["given"] for r in answers(app)][-1] == screen.session.current.options[1]


async def test_an_options_number_then_enter_chooses_it_when_digits_spell(make_app):
    app = make_app(bank=numbers_bank())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, form=Form.CHOICE, count=1, seed=1)
        third = screen.session.current.options[2]
        await pilot.press("3", "enter")
        assert [r["given"] for r in answers(app)] == [third]


async def test_a_space_typed_on_after_an_answer_does_not_move_on(make_app):
    clock = Clock(step=timedelta(0))
    app = make_app(bank=imported_bank(), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, form=Form.CHOICE, count=2, seed=1)
        clock.now += timedelta(seconds=2)
        await pilot.press("1", "space", "enter")  # typing on at once: neither moves on
        assert screen.session.phase is Phase.ANSWERED and len(answers(app)) == 1
        clock.now += timedelta(seconds=1)
        await pilot.press("space")
        assert screen.session.phase is Phase.ASKING and len(answers(app)) == 1


async def test_a_drill_says_why_hint_and_undo_do_nothing(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, mode=Mode.DRILL, seed=3, count=3, form=Form.CHOICE)
        options = screen.session.current.options
        await pilot.press("f2")
        assert "No hints in a drill" in str(screen.query_one("#hint").render())
        assert screen.offered == list(options) and not screen.session.answers[-1:]
        await pilot.press(*option_keys(screen, 1))
        assert screen.session.phase is Phase.ANSWERED
        await pilot.press("ctrl+z")
        assert len(answers(app)) == 1 and screen.session.phase is Phase.ANSWERED
        assert any("cannot be undone" in str(n.message) for n in app._notifications)
