"""The settings dialog: study settings edited in the app, checked, and kept in config.toml."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from quiz.data import config as settings
from quiz.ui.screens.home_screen import HomeScreen
from quiz.ui.screens.settings_dialog import SettingsDialog


async def fill(pilot, **values: str) -> None:
    for name, value in values.items():
        pilot.app.screen.query_one(f"#{name}", Input).value = value
    await pilot.click("#save")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_settings_are_saved_to_the_config_file(make_app, tmp_path, size):
    app = make_app(config=settings.Config(theme="textual-light", keys={"home.stats": "t"}))
    async with app.run_test(size=size) as pilot:
        await pilot.press("comma")
        assert isinstance(app.screen, SettingsDialog)
        await fill(pilot, new_per_day="35", desired_retention="0.85", day_start="6")
        assert isinstance(app.screen, HomeScreen)
        assert (app.config.new_per_day, app.config.desired_retention, app.config.day_start) == (35, 0.85, 6)
        assert (app.study.new_per_day, app.study.day_start) == (35, 6)  # used from now on, no restart
        assert app.study.schedule.desired_retention == 0.85
    loaded = settings.load(tmp_path / "config")
    assert not loaded.warnings
    config = loaded.config
    assert (config.new_per_day, config.desired_retention, config.day_start) == (35, 0.85, 6)
    assert config.theme == "textual-light" and config.keys == {"home.stats": "t"}  # the rest is kept


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("new_per_day", "-1", "New per day: it must be a whole number, 0 or more"),
        ("desired_retention", "0.5", "Desired retention: it must be a number from 0.7 to 0.97"),
        ("desired_retention", "much", "Desired retention: it must be a number from 0.7 to 0.97"),
        ("day_start", "24", "Day start: it must be a whole hour from 0 to 23"),
    ],
)
async def test_a_bad_value_is_refused_with_what_fits_and_nothing_is_saved(make_app, tmp_path, field, value, says):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("comma")
        dialog = app.screen
        await fill(pilot, **{field: value})
        assert app.screen is dialog and dialog.focused is dialog.query_one(f"#{field}")
        assert dialog.query_one(f"#{field}", Input).value == value  # kept, to put it right
        assert any(says in str(n.message) for n in app._notifications)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen) and app.config == settings.Config()
    assert not settings.config_file(tmp_path / "config").exists()


async def test_the_settings_open_from_the_command_palette(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Study settings")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsDialog)


async def test_letter_keys_are_turned_on_in_the_dialog_and_choose_from_then_on(make_app, tmp_path):
    """The checkbox is saved into the user's own config.toml, whose comments and other lines stay."""
    from textual.widgets import Checkbox

    from quiz.core.selection import Options
    from quiz.ui.screens.question_screen import QuestionScreen

    mine = '# my notes\ntheme = "textual-light"  # at work\n'
    (tmp_path / "config").mkdir()
    settings.config_file(tmp_path / "config").write_text(mine, encoding="utf-8")
    app = make_app(config=settings.load(tmp_path / "config").config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        box = app.screen.query_one("#letter_keys", Checkbox)
        assert box.value is False and box.region.bottom <= 24  # on screen at 80x24
        box.focus()
        await pilot.press("space")
        await fill(pilot)
        assert isinstance(app.screen, HomeScreen) and app.config.letter_keys
        app.screen.start(Options(kinds=(), count=3, form=None))
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.letter_keys
    assert settings.config_file(tmp_path / "config").read_text(encoding="utf-8") == mine + "letter_keys = true\n"
