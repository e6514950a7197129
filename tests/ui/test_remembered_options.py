"""The session options: an exam's time limit in the dialog, and each profile's choices remembered across starts."""

from __future__ import annotations

import json

from quiz.core.selection import Mode
from quiz.core.verdict import Form
from quiz.data import preferences
from quiz.ui.screens.home_screen import HomeScreen
from quiz.ui.screens.question_screen import QuestionScreen
from quiz.ui.screens.session_dialog import SessionDialog
from tests.ui.conftest import choose
from tests.ui.test_home_and_keys import drawn_text

SIZE = (100, 30)


async def test_the_dialog_sets_an_exams_time_limit(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose(pilot, mode=Mode.EXAM, minutes="20")
        assert "Timelimit20min" in "".join(drawn_text(app).split())
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.session.options.time_limit == 20 * 60
        assert screen.session.deadline is not None


async def test_the_time_limit_refuses_what_is_not_minutes_and_blank_means_none(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        dialog = app.screen
        dialog.query_one("#minutes").value = "0"
        await pilot.click("#ok")
        await pilot.pause()
        assert app.screen is dialog and dialog.focused is dialog.query_one("#minutes")
        assert any("Time limit (minutes): a whole number from 1 to 600" in str(n.message) for n in app._notifications)
        dialog.query_one("#minutes").value = ""
        await pilot.press("enter")  # in the time limit field
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.choice.minutes is None
        assert app.screen.options().time_limit is None


async def test_a_practice_session_is_never_timed_by_an_exams_limit(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, mode=Mode.PRACTICE, minutes="5")
        assert app.screen.options().time_limit is None
        assert "Time limit" not in drawn_text(app)


async def test_each_profile_finds_its_choices_and_decks_at_the_next_start(make_app, tmp_path):
    app = make_app(profile="ana")
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, mode=Mode.EXAM, count="12", level=2, form=Form.TYPED, minutes="15")
        await pilot.press("down", "space")  # pick the second deck
        picked = app.study.bank.decks[1].id
    saved = json.loads((tmp_path / "data" / "preferences.json").read_text(encoding="utf-8"))
    assert saved["profiles"]["ana"]["decks"] == [picked]

    again = make_app(profile="ana")
    async with again.run_test(size=SIZE) as pilot:
        home = again.screen
        assert (home.choice.mode, home.choice.count, home.choice.level) == (Mode.EXAM, 12, 2)
        assert (home.choice.form, home.choice.minutes) == (Form.TYPED, 15)
        assert home.picked == {picked}
        assert home.query_one("#decks").rows[1][0] == "✓"
        await pilot.press("o")
        assert isinstance(again.screen, SessionDialog)
        assert again.screen.query_one("#minutes").value == "15"

    other = make_app(profile="ben")
    async with other.run_test(size=SIZE):
        assert other.screen.choice.mode is Mode.PRACTICE and not other.screen.picked


async def test_switching_profile_brings_that_profiles_choices(make_app):
    app = make_app(profile="ana")
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, mode=Mode.REVIEW, count="7")
        await pilot.press("p")
        app.screen.query_one("#new-profile").focus()
        await pilot.press(*"ben", "enter")
        await pilot.pause()
        assert app.study.profile == "ben" and app.screen.choice.mode is Mode.PRACTICE
        await pilot.press("p", "home", "enter")  # back to ana, the first profile
        await pilot.pause()
        assert app.study.profile == "ana"
        assert (app.screen.choice.mode, app.screen.choice.count) == (Mode.REVIEW, 7)
        assert "review" in drawn_text(app)


def test_a_damaged_preferences_file_is_set_aside_not_overwritten(tmp_path):
    path = preferences.preferences_file(tmp_path)
    path.write_text("{not json", encoding="utf-8")
    assert preferences.load(tmp_path, "ana") == {}
    preferences.save(tmp_path, "ana", {"mode": "exam", "count": 3})
    assert (tmp_path / "preferences.json.bad").read_text(encoding="utf-8") == "{not json"
    assert preferences.load(tmp_path, "ana") == {"mode": "exam", "count": 3}


def test_values_of_the_wrong_type_are_left_out(tmp_path):
    preferences.preferences_file(tmp_path).write_text(
        json.dumps({"profiles": {"ana": {"mode": 3, "count": True, "tag": "syria", "decks": ["a", 1], "x": 1}}}),
        encoding="utf-8",
    )
    assert preferences.load(tmp_path, "ana") == {"tag": "syria", "decks": ["a"]}


async def test_quiz_me_on_this_article_keeps_the_chosen_count_and_format(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose(pilot, count="4", form=Form.TYPED)
        await pilot.press("r")  # the first deck's article
        article = app.screen.article_id
        await pilot.press("z")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.session.total == 4 and screen.session.options.form is Form.TYPED
        assert all(article in q.articles for q in screen.session.questions)


async def test_a_remembered_tag_or_deck_the_bank_no_longer_has_is_dropped(make_app, tmp_path):
    preferences.save(tmp_path / "data", "ana", {"mode": "exam", "tag": "no-such-tag", "decks": ["gone", "showdown"]})
    app = make_app(profile="ana")
    async with app.run_test(size=SIZE):
        home = app.screen
        assert home.choice.mode is Mode.EXAM and home.choice.tag is None
        assert home.picked == {"showdown"}
