"""Every setting config.toml holds that the app cannot use is said in the app when it starts."""

from __future__ import annotations

from quiz.cli.study_commands import tui_app
from quiz.data import config as settings
from tests.ui.conftest import harbour


def notices(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def test_bad_settings_are_a_notice_in_the_app(make_app, tmp_path, monkeypatch):
    folder = tmp_path / "config"
    folder.mkdir()
    (folder / "config.toml").write_text(
        'day_start = 99\nnew_per_day = -3\ndesired_retention = "x"\ntheme = "nope"\n'
        '[keys]\n"nonexistent.id" = "x"\n"quiz.hint" = "f5"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("QUIZ_CONFIG_DIR", str(folder))
    study = make_app(bank=harbour()).study
    app = tui_app(study)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = notices(app)
    for setting in ("day_start = 99", "new_per_day = -3", "desired_retention = 'x'", "theme = 'nope'"):
        assert setting in said
    assert "'nonexistent.id': no key has that id" in said and "quiz.hint" not in said


async def test_good_settings_say_nothing(make_app):
    app = make_app(bank=harbour(), config=settings.Config(theme="quiz-high-contrast", keys={"quiz.hint": "f5"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Settings not used" not in notices(app)
