"""A session never puts together two questions where one's feedback gives away the other's answer."""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timezone

import pytest

from quiz.core.bank import load_bank
from quiz.core.keep_apart import Feedback
from quiz.core.selection import History, Mode, Options, select
from quiz.data import locations

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def bank():
    return load_bank(locations.bank_path())


def test_the_chapter_7_pair_of_the_built_in_bank_gives_each_other_away(bank):
    """bb-006's explanation names Chapter 7 (bb-026's answer); bb-026's says what it authorizes (bb-006's)."""
    feedback = Feedback()
    chapter, authorizes = bank.question("bb-026"), bank.question("bb-006")
    assert feedback.gives_away(authorizes, chapter) and feedback.gives_away(chapter, authorizes)
    assert not feedback.gives_away(chapter, bank.question("bb-001"))


@pytest.mark.parametrize("mode", [Mode.PRACTICE, Mode.EXAM, Mode.DRILL])
@pytest.mark.parametrize("count", [10, 40])
def test_no_session_of_the_built_in_bank_holds_a_giveaway(bank, mode, count):
    feedback = Feedback()
    for seed in range(60):
        options = Options(mode=mode, count=count, seed=seed)
        chosen = select(bank, options, History(), NOW, random.Random(seed))
        assert len(chosen) == count
        clashes = [(a.id, b.id) for a, b in itertools.combinations(chosen, 2) if feedback.clash(a, b)]
        assert clashes == [], (seed, clashes)


def test_a_session_of_a_whole_deck_keeps_every_question(bank):
    """With no other question to take instead, nothing is left out: the session does not shrink."""
    deck = bank.deck("barrel-bombs")
    options = Options(decks=("barrel-bombs",), count=len(deck.active), seed=3)
    chosen = select(bank, options, History(), NOW, random.Random(3))
    assert sorted(q.id for q in chosen) == sorted(q.id for q in deck.active)


def test_a_drill_draws_the_same_questions_whatever_the_session_rng(bank):
    options = Options(mode=Mode.DRILL, count=20, seed=5)
    a = select(bank, options, History(), NOW, random.Random(1))
    b = select(bank, options, History(), NOW, random.Random(2))
    assert [q.id for q in a] == [q.id for q in b]
