"""Store fixtures: a pinned local clock, a fresh store per test, the small test bank, answer builders."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from quiz.core.attempt import Attempt
from quiz.core.bank import load_bank
from quiz.core.model import Bank
from quiz.core.schedule import Card, card_id
from quiz.core.verdict import Form, Outcome
from quiz.data import locations
from quiz.data.store import Store

DATA = Path(__file__).resolve().parent.parent / "data"
LOCAL = timezone(timedelta(hours=1))
NOW = datetime(2025, 3, 14, 15, 30, tzinfo=LOCAL)  # a Friday afternoon, one hour east of UTC


def at(day: int, hour: int = 12, minute: int = 0) -> datetime:
    """A local time in March 2025, in the zone of NOW."""
    return datetime(2025, 3, day, hour, minute, tzinfo=LOCAL)


def answer(
    question: str,
    when: datetime,
    *,
    correct: bool = True,
    form: Form = Form.TYPED,
    deck: str = "harbour",
    given: str = "an answer",
) -> Attempt:
    outcome = Outcome.CORRECT if correct else Outcome.WRONG
    return Attempt(
        question, "hash-" + question, deck, form, given, outcome, 3 if correct else 1, 1500, when, "practice"
    )


def card(question: str, due: datetime, **fields: object) -> Card:
    return Card(card_id=card_id(question), due=due.astimezone(timezone.utc), **fields)


@pytest.fixture
def data_dir(isolated: Path) -> Path:
    return locations.data_dir()


@pytest.fixture
def db_path(data_dir: Path) -> Path:
    return data_dir / "quiz.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path, now=NOW) as opened:
        yield opened


@pytest.fixture(scope="session")
def bank() -> Bank:
    return load_bank(DATA / "good", DATA / "seeds")
