"""`quiz` pauses the garbage collector while it loads Textual and builds home, and runs it again once home is drawn."""

from __future__ import annotations

import gc

from quiz.cli.study_commands import tui_app
from tests.ui.conftest import harbour


async def test_the_collector_is_paused_until_home_is_drawn(make_app):
    study = make_app(bank=harbour()).study
    try:
        app = tui_app(study)
        assert not gc.isenabled()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
            assert gc.isenabled()
    finally:
        gc.enable()


async def test_an_app_that_did_not_pause_it_leaves_it_as_it_was(make_app):
    app = make_app(bank=harbour())
    gc.disable()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not gc.isenabled()  # only what tui_app paused is resumed
    finally:
        gc.enable()
