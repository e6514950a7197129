"""What the fuzz tests share: how many examples to run, and the check that a reading makes a valid deck.

The default run keeps each property to a few dozen examples, so the suite stays fast. For a long
run set QUIZ_FUZZ_EXAMPLES (see the README's Development section):

    QUIZ_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz_*.py
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings

from quiz.core.bank import load_deck
from quiz.core.problems import Problem
from quiz.core.writer import dump_deck
from quiz.formats import build_decks
from quiz.formats.common import Reading, faults

EXAMPLES = int(os.environ.get("QUIZ_FUZZ_EXAMPLES", "30"))

fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,  # a slow example on a busy machine is not a failure; a traceback is
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    derandomize=EXAMPLES <= 30,  # the default run is the same on every machine; a long run explores
)


def assert_clear(problem: Problem) -> None:
    """A problem says where and what. (It may quote the file's own text, line breaks and all: showing that
    inert on a terminal is the display's job, not the message's.)"""
    assert isinstance(problem.file, Path) and problem.line >= 0
    assert problem.message.strip() and problem.message[0] != " ", problem


def assert_valid_deck(reading: Reading) -> None:
    """Each question a reader kept passes the importer's checks, and written as a deck the loader takes it whole."""
    for q in reading.questions:
        assert faults(q) == [], q
    for p in reading.problems + reading.notes:
        assert_clear(p)
    if not reading.questions:
        return
    with tempfile.TemporaryDirectory() as folder:
        for deck in build_decks(reading.questions, "fuzz", "Fuzz"):
            path = Path(folder) / f"{deck.id}.toml"
            path.write_text(dump_deck(deck), encoding="utf-8")
            problems: list = []
            loaded = load_deck(path, problems)
            assert problems == [], problems
            assert loaded is not None and len(loaded.questions) == len(deck.questions)
