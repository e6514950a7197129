"""Build the study services and the app from their dependencies: used by the CLI and the tests alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.core.outline import PendingBank
from quiz.core.schedule import Schedule
from quiz.data import config as settings
from quiz.data.store import Store
from quiz.study import Clock, Study, system_clock

if TYPE_CHECKING:
    from quiz.core.model import Bank


def open_study(
    bank: Bank | PendingBank,
    data_dir: Path,
    profile: str | None = None,
    *,
    clock: Clock = system_clock,
    schedule: Schedule | None = None,
    seed: int | None = None,
    reload: Callable[[], Bank] | None = None,
    config: settings.Config | None = None,
) -> Study:
    """Open the learner's store (raises StoreError when it cannot be used) and pick the profile.

    The caller closes it (`with open_study(...) as study:`) so that quiz.db holds every answer.
    A pending bank (library.open_full_bank) has its questions built when they are first needed.
    """
    store = Store.open(data_dir)
    chosen = profile or store.last_profile() or "default"
    study = Study(bank, store, chosen, clock, schedule or Schedule(), seed, reload, data_dir)
    study.use_settings(config or settings.Config())
    return study


def build_app(study: Study, config_dir: Path | None = None, config: settings.Config | None = None):
    """The Textual app over `study`; imported lazily so the CLI's other commands stay light."""
    from quiz.ui.app import QuizApp

    if config is None:
        config = settings.load(config_dir).config if config_dir else settings.Config()
    study.use_settings(config)
    return QuizApp(study, config, config_dir)
