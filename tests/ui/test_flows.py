"""Pilot flows: press keys like a person and check the screens, the session and the store."""

from __future__ import annotations

from textual.widgets import Input

from quiz.core.bank import load_bank
from quiz.core.selection import Mode
from quiz.core.verdict import Form
from quiz.ui.screens.confirm_dialog import ConfirmDialog
from quiz.ui.screens.drill_dialog import DrillDialog
from quiz.ui.screens.home_screen import HomeScreen
from quiz.ui.screens.profile_dialog import ProfileDialog
from quiz.ui.screens.question_screen import QuestionScreen
from quiz.ui.screens.results_screen import ResultsScreen
from quiz.ui.widgets.feedback_panel import FeedbackPanel
from tests.conftest import DATA
from tests.ui.conftest import choose, option_keys

SIZE = (100, 30)


def harbour():
    return load_bank(DATA / "good" / "harbour.toml")


def option_key(screen: QuestionScreen, right: bool) -> str:
    item = screen.session.current
    answer = item.question.answer_text
    for n, option in enumerate(item.options, 1):
        if (option == answer) == right:
            return str(n)
    raise AssertionError("no such option")


async def test_practice_flow_right_wrong_typo_results_and_store(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.session.current.form in (Form.CHOICE, Form.TRUEFALSE)

        # A right answer by number key.
        while screen.session.current.form is not Form.CHOICE:
            await pilot.press("f3", "enter")
        await pilot.press(*option_keys(screen, int(option_key(screen, right=True))))
        panel = screen.query_one(FeedbackPanel)
        assert panel.display and "Correct" in str(panel.query_one("#headline").content)
        await pilot.press("enter")

        # A wrong answer by typing the option's words in full.
        while screen.session.current.form is not Form.CHOICE:
            await pilot.press("f3", "enter")
        wrong = screen.session.current.options[int(option_key(screen, right=False)) - 1]
        await pilot.press(*["space" if c == " " else c for c in wrong], "enter")
        assert "Not quite" in str(panel.query_one("#headline").content)
        await pilot.press("enter")
        while isinstance(app.screen, QuestionScreen):
            await pilot.press("f3", "enter")
        assert isinstance(app.screen, ResultsScreen)
        summary = app.screen.summary
        assert summary.correct == 1 and len(summary.mistakes) >= 1
        rows = list(app.study.store.attempts(app.study.profile))
        assert len(rows) == len(summary.answers)


async def test_typed_recall_with_a_typo_is_accepted_and_said_so(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, form=Form.TYPED, count="5")
        await pilot.press("enter")
        screen = app.screen
        while screen.session.current.question.id != "h-005":
            await pilot.press("f3", "enter")
        await pilot.press(*"Port Elni", "enter")
        answer = screen.last
        assert answer.verdict.outcome.value == "typo"
        note = str(screen.query_one("#answers").content)
        assert "accepted: typo" in note
        stored = [r for r in app.study.store.attempts(app.study.profile) if r["question_id"] == "h-005"]
        assert stored and stored[0]["outcome"] == "typo"


async def test_exam_shows_no_feedback_until_the_end(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, mode=Mode.EXAM)
        await pilot.press("enter")
        screen = app.screen
        first = screen.session.current.question.id
        await pilot.press(*option_keys(screen, 1))
        await pilot.pause()
        assert not screen.query_one(FeedbackPanel).display
        assert screen.session.current.question.id != first
        while isinstance(app.screen, QuestionScreen):
            await pilot.press("f3")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert len(app.screen.summary.answers) == 5


async def test_flashcard_reveal_and_grade_shows_intervals(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, form=Form.FLASHCARD)
        await pilot.press("enter")
        screen = app.screen
        assert screen.session.current.form is Form.FLASHCARD
        await pilot.press("space")
        face = str(screen.query_one(FeedbackPanel).query_one("#continue").content)
        assert "3 Good ·" in face and "1 Again ·" in face
        await pilot.press("3")
        assert screen.last.rating == 3
        rows = list(app.study.store.attempts(app.study.profile))
        assert rows[-1]["rating"] == 3


async def test_switching_and_adding_a_profile(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, ProfileDialog)
        app.screen.query_one("#new-profile", Input).focus()
        await pilot.press(*"Ana", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.study.profile == "Ana"
        assert "Ana" in app.study.store.profiles()
        assert "Profile: Ana" in app.screen.query_one("#home-top").render().plain


async def test_quit_mid_session_asks_and_keeps_answers(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.press(*option_keys(app.screen, 1), "escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert len(list(app.study.store.attempts(app.study.profile))) == 1


async def test_quit_from_home_does_not_ask(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_help_lists_the_keys_of_the_current_screen(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        table = app.screen.query_one("#help-keys")
        actions = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert "Start" in actions and "Stats" in actions and "Help" in actions


async def test_theme_choice_is_remembered(make_app, tmp_path):
    from quiz.data import config as settings

    app = make_app(bank=harbour())
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "quiz-high-contrast"
        await pilot.pause()
    assert settings.load(tmp_path / "config").config.theme == "quiz-high-contrast"


async def test_drill_code_on_home_then_leaderboard(make_app):
    from quiz.core.drill import Drill, encode
    from quiz.ui.screens.leaderboard_screen import LeaderboardScreen

    app = make_app()
    code = encode(Drill(("showdown",), 2, 11, None), app.study.bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", *code.lower(), "enter", *"Ana", "enter")
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.session.options.drill == code
        for _ in range(2):
            await pilot.press("1", "enter")
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("l")
        assert isinstance(app.screen, LeaderboardScreen)
        table = app.screen.query_one("#board")
        assert table.row_count == 1 and str(table.get_row_at(0)[1]) == "Ana"


async def test_mistyped_drill_code_says_so_and_starts_nothing(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", *"B4E1-G81G-0180-Z", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DrillDialog)  # still there, to correct the code
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert any("typo" in str(n.message) for n in app._notifications)


async def test_ctrl_c_mid_session_asks_then_quits_with_answers_saved(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.press(*option_keys(app.screen, 1))
        await pilot.press("ctrl+c")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Quit quiz? Your answer so far is saved." in str(app.screen.question)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert len(list(app.study.store.attempts(app.study.profile))) == 1


async def test_every_screen_action_is_in_the_command_palette(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=SIZE):
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Start", "Pick deck", "Profile", "Stats", "Read article", "Help", "Theme"} <= titles


async def test_quit_from_the_palette_also_asks_mid_session(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        quit_command = next(c for c in app.get_system_commands(app.screen) if c.title == "Quit")
        await quit_command.callback()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)


async def test_drill_question_timer_runs_out_on_screen(make_app):
    from quiz.core.selection import Mode, Options

    app = make_app(bank=harbour())
    async with app.run_test(size=SIZE) as pilot:
        app.screen.start(Options(mode=Mode.DRILL, seed=3, count=2, time_limit=5))
        await pilot.pause()
        screen = app.screen
        assert "⏱" in str(screen.query_one("#timer").content)
        for _ in range(40):  # the test clock moves 2 s a reading; the timer ticks each second
            await pilot.pause(0.1)
            if screen.last is not None:
                break
        assert screen.last is not None and screen.last.verdict.note == "time's up"
        assert screen.last.attempt.elapsed_ms == 5000  # the limit, however late the tick noticed
        assert str(screen.query_one("#timer").content) == "⏱ time ran out (5 s)"


async def test_ctrl_c_twice_quits_mid_session_and_from_the_leave_dialog(make_app):
    app = make_app(bank=harbour())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.press(*option_keys(app.screen, 1))
        await pilot.press("ctrl+c", "ctrl+c")
        await pilot.pause()
    assert app.return_code == 0 and len(list(app.study.store.attempts(app.study.profile))) == 1

    app = make_app(bank=harbour())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "escape")  # "Leave this session?"
        assert isinstance(app.screen, ConfirmDialog) and "Leave" in app.screen.question
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "Quit quiz?" in app.screen.question
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 0
