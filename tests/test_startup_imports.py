"""`quiz` alone loads only what the home screen needs: start-up time is spent on nothing else.

Each run is a fresh interpreter going the whole way of `quiz` in a terminal (arguments, bank,
store, settings, the app and its home screen module), stopping just before the app would run.
"""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys

from quiz.ui.app import QuizApp


def stop_before_running(app):
    import quiz.ui.screens.home_screen  # the first thing the app imports once it runs

    print(" ".join(sorted(name for name in sys.argv[1:] if name in sys.modules)))


QuizApp.run = stop_before_running
sys.stdout.isatty = lambda: True  # `quiz` opens the TUI only in a terminal
from quiz.cli import main

sys.exit(main([]))
"""

NOT_AT_START = [
    # what a session, grading, scheduling and the stats need: loaded when they are first used
    "rapidfuzz",
    "fsrs",
    "quiz.core.session",
    "quiz.core.selection",  # its dataclasses (home offers the modes from quiz.core.mode)
    "quiz.core.grading",
    "quiz.data.stats",
    "difflib",  # a near-miss suggestion for a mistyped deck key (Textual loads it for its own, though)
    "hashlib",
    "json",
    # the other commands, and what they bring with them
    "quiz.cli.bank_commands",
    "quiz.cli.derive_commands",
    "quiz.cli.drill_commands",
    "quiz.cli.format_commands",
    "quiz.cli.serve_commands",
    "quiz.cli.store_commands",
    "quiz.formats",
]
# Only to read the bank's TOML, check it by `quiz check`'s rules and build its questions, which a
# cached bank skips until home is drawn (there is no config file).
PARSING = ["tomli", "quiz.core.check", "quiz.core.bank", "quiz.core.model", "quiz.core.problems"]
BY_TEXTUAL = "import sys, textual.app; print(' '.join(name for name in sys.argv[1:] if name in sys.modules))"


def start(tmp_path) -> set[str]:
    """Which of the modules above the start-up loaded, other than those Textual itself loads."""
    env = {k: v for k, v in os.environ.items() if k not in ("QUIZ_BANK", "QUIZ_SEEDS")}
    env |= {
        "QUIZ_DATA_DIR": str(tmp_path / "data"),
        "QUIZ_CONFIG_DIR": str(tmp_path / "config"),
        "QUIZ_CACHE_DIR": str(tmp_path / "cache"),
    }
    return loaded(PROBE, env) - loaded(BY_TEXTUAL, env)


def loaded(code: str, env: dict[str, str]) -> set[str]:
    names = [*NOT_AT_START, *PARSING]
    out = subprocess.run([sys.executable, "-c", code, *names], env=env, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_start_up_imports_only_what_the_home_screen_needs(tmp_path):
    assert start(tmp_path) == set(PARSING)  # the first start parses and checks the bank, caches it
    assert list((tmp_path / "cache").glob("bank-*"))
    assert start(tmp_path) == set()  # the second reads the cache


def test_the_probe_would_notice_such_an_import(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text('theme = "textual-light"\n', encoding="utf-8")
    start(tmp_path)
    assert start(tmp_path) == {"tomli"}  # reading a config file does need it


def test_the_parser_offers_every_import_format():
    from quiz import formats
    from quiz.cli.commands import DECK_FORMATS, IMPORT_FORMATS

    assert IMPORT_FORMATS == formats.IMPORTS
    assert set(DECK_FORMATS) == set(formats.EXPORTS)


def test_the_parser_offers_every_kind_of_question():
    from quiz.cli.commands import KINDS
    from quiz.core.model import Kind

    assert [k.value for k in Kind] == KINDS
