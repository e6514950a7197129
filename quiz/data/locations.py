"""Every path the app uses, in one place: the built-in bank, user data and config."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "quiz"
ENV_BANK = "QUIZ_BANK"
ENV_SEEDS = "QUIZ_SEEDS"
ENV_DATA = "QUIZ_DATA_DIR"
ENV_CONFIG = "QUIZ_CONFIG_DIR"


def builtin_root() -> Path:
    """The folder holding the built-in `questions/` and `seeds/`.

    A wheel carries them inside the package as `quiz/_bank/`; a source checkout (or an
    editable install) has them at the top of the repository.
    """
    package = Path(__file__).resolve().parent.parent
    bundled = package / "_bank"
    if (bundled / "questions").is_dir():
        return bundled
    return package.parent


def bank_path(flag: str | None = None) -> Path:
    """The bank to study: --bank, then $QUIZ_BANK, then the built-in one."""
    chosen = flag or os.environ.get(ENV_BANK)
    return Path(chosen).expanduser() if chosen else builtin_root() / "questions"


def seeds_path(flag: str | None = None) -> Path | None:
    """Where articles are: --seeds, then $QUIZ_SEEDS, else None (beside the bank)."""
    chosen = flag or os.environ.get(ENV_SEEDS)
    return Path(chosen).expanduser() if chosen else None


def data_dir(flag: str | None = None) -> Path:
    chosen = flag or os.environ.get(ENV_DATA)
    return Path(chosen).expanduser() if chosen else Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir(flag: str | None = None) -> Path:
    chosen = flag or os.environ.get(ENV_CONFIG)
    return Path(chosen).expanduser() if chosen else Path(platformdirs.user_config_dir(APP, appauthor=False))
