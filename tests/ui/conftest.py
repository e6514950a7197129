"""Build the app as the CLI does, but with a pinned clock, seed, temp store and fixed size."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from quiz.core.bank import load_bank
from quiz.core.model import Kind
from quiz.core.schedule import Schedule
from quiz.data import config as settings
from quiz.data import locations
from quiz.factory import build_app, open_study

START = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


class Clock:
    """A clock that moves only when told to (each reading advances it a little)."""

    def __init__(self, start: datetime = START, step: timedelta = timedelta(seconds=2)) -> None:
        self.now, self.step = start, step

    def __call__(self) -> datetime:
        self.now += self.step
        return self.now


@pytest.fixture(scope="session")
def builtin_bank():
    return load_bank(locations.bank_path())


@pytest.fixture
def make_app(tmp_path: Path, builtin_bank):
    def make(bank=None, clock=None, config: settings.Config | None = None, profile: str | None = None, reload=None):
        study = open_study(
            bank or builtin_bank,
            tmp_path / "data",
            profile,
            clock=clock or Clock(),
            schedule=Schedule(fuzzing=False),
            seed=1,
            reload=reload,
        )
        return build_app(study, tmp_path / "config", config or settings.Config())

    return make


async def choose(pilot, **values) -> None:
    """Set the next session's choices (mode, count, tag, level, form) in the Options dialog, then OK."""
    from quiz.ui.screens.session_dialog import SessionDialog

    await pilot.press("o")
    dialog = pilot.app.screen
    assert isinstance(dialog, SessionDialog)
    for name, value in values.items():
        dialog.query_one(f"#{name}").value = value
    await pilot.pause()
    await pilot.click("#ok")
    await pilot.pause()
    assert not isinstance(pilot.app.screen, SessionDialog)


def screen_text(app) -> str:
    """The text on screen, from the SVG screenshot."""
    svg = app.export_screenshot()
    return svg.replace("&#160;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def drawn_text(app) -> str:
    """What is on the screen, as drawn (the text runs of the screenshot, tags left out)."""
    import re

    return "".join(re.findall(r"<text[^>]*>(.*?)</text>", screen_text(app))).replace("&#160;", " ")


# Kinds a harbour session asks as multiple choice (a true/false question is asked as one).
NOT_TF = (Kind.CHOICE, Kind.NUMBER, Kind.GAP, Kind.RECALL)


def harbour():
    """The small test deck: one question of each kind, with an article."""
    from tests.conftest import DATA

    return load_bank(DATA / "good" / "harbour.toml")


async def start(pilot, **options):
    """Start a session from the home screen, as Enter would, with these options; the question screen."""
    from quiz.core.selection import Options
    from quiz.ui.screens.question_screen import QuestionScreen

    pilot.app.screen.start(Options(**options))
    await pilot.pause()
    assert isinstance(pilot.app.screen, QuestionScreen)
    return pilot.app.screen


def option_keys(screen, n: int) -> list[str]:
    """The keys that choose option n: its digit, then Enter when digits spell the options' numbers."""
    numeric = screen.session.current.form.value == "choice" and any(o[:1].isdigit() for o in screen.offered)
    return [str(n), "enter"] if numeric else [str(n)]
