"""The home screen's deck table, drawn from a bank opened from the cache before its questions are built.

Every figure is checked against a plain count over the bank's questions and every card of a seeded
history; the bank's questions are built only after the first frame (or when something needs them).
"""

from __future__ import annotations

import random
from datetime import timedelta, timezone
from pathlib import Path

from quiz.core.attempt import Attempt
from quiz.core.model import Bank
from quiz.core.outline import DeckOutline, Outline, PendingBank
from quiz.core.schedule import Card, card_id
from quiz.core.study_day import StudyDay, is_due, is_mastered
from quiz.core.verdict import Form, Outcome
from quiz.data import locations
from quiz.data.library import open_full_bank, read_full_bank
from quiz.data.store import QuestionFigures
from quiz.ui.app import BUILD_BANK_AFTER
from quiz.ui.screens.home_screen import DUE_COLUMN, DeckFigures
from quiz.ui.widgets.deck_list import DeckList
from tests.ui.conftest import START, Clock

DECKS = {"rivers": 12, "moons": 9, "empty-but-drafts": 3}


def write_library(data: Path) -> None:
    """Three imported decks; every fourth question a draft (the last deck has nothing but drafts)."""
    folder = data / "library" / "questions"
    folder.mkdir(parents=True)
    for deck, size in DECKS.items():
        lines = [f'[deck]\nid = "{deck}"\ntitle = "The {deck}"\norigin = "imported"\n']
        for n in range(size):
            draft = deck == "empty-but-drafts" or n % 4 == 3
            lines.append(
                f'\n[[questions]]\nid = "{deck}-{n:02d}"\nkind = "choice"\nprompt = "Which {n}?"\n'
                f'answer = "A{n}"\ndistractors = ["B{n}", "C{n}"]\nexplanation = "So."\ntags = ["t{n % 3}"]\n'
                f"difficulty = 1\n{'status = ' + chr(34) + 'draft' + chr(34) if draft else ''}\n"
            )
        (folder / f"{deck}.toml").write_text("".join(lines), encoding="utf-8")


def seed_history(study, bank: Bank, seed: int) -> None:
    """Answers to most questions (drafts and a question gone from the bank too), cards due and mastered or not."""
    rng = random.Random(seed)
    for q in [*bank.questions, *bank.questions[:5]]:
        if rng.random() < 0.2:
            continue
        when = START - timedelta(days=rng.randrange(1, 40), minutes=rng.randrange(600))
        due = START + timedelta(days=rng.uniform(-5, 5))
        card = Card(
            card_id=card_id(q.id), due=due.astimezone(timezone.utc), stability=rng.choice([None, 3.0, 21.0, 50.0])
        )
        correct = rng.random() < 0.6
        outcome = Outcome.CORRECT if correct else Outcome.WRONG
        deck = rng.choice([q.deck, "moons"])  # the store may remember another deck: the bank's counts
        attempt = Attempt(q.id, "h", deck, Form.CHOICE, "x", outcome, 3 if correct else 1, 900, when, "practice")
        study.store.record(study.profile, attempt, card, None)
    gone = Attempt("gone-01", "h", "rivers", Form.CHOICE, "x", Outcome.CORRECT, 3, 900, START, "practice")
    study.store.record(study.profile, gone, Card(card_id=card_id("gone-01"), due=START), None)


def expected_rows(study, bank: Bank) -> list[tuple[str, ...]]:
    """Each deck's row as a plain count over its active questions and every card of the history."""
    history = study.store.history(study.profile, study.now(), study.day_start)
    today = StudyDay.of(study.now(), study.day_start)
    rows = []
    for deck in bank.decks:
        active = [q.id for q in deck.questions if not q.is_draft]
        drafts = len(deck.questions) - len(active)
        cards = [history.cards[qid] for qid in active if qid in history.cards]
        latest = [history.latest_correct[qid] for qid in active if qid in history.latest_correct]
        title = f"{drafts} draft{'s' * (drafts != 1)} · {deck.title}" if drafts else deck.title
        rows.append(
            (
                " ",
                title,
                str(len(active)),
                f"{100 * sum(map(is_mastered, cards)) // len(active)}%" if active else "–",
                str(sum(is_due(c, today) for c in cards)),
                f"{sum(latest)}/{len(latest)}" if latest else "–",
            )
        )
    return rows


async def test_home_from_a_cached_bank_shows_every_figure_before_its_questions_are_built(make_app, tmp_path):
    data = tmp_path / "data"
    write_library(data)
    bank_path = locations.bank_path()
    parsed, problems = read_full_bank(bank_path, None, data, cache=True)  # parsed and cached
    assert not problems
    pending, _ = open_full_bank(bank_path, None, data)
    assert isinstance(pending, PendingBank) and pending.outline == Outline.of(parsed)
    app = make_app(bank=pending, clock=Clock(step=timedelta(0)))
    seed_history(app.study, parsed, seed=19)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = list(app.screen.query_one("#decks", DeckList).rows)
        assert app.study.opened is pending  # home is drawn, and no question was built for it
        expected = expected_rows(app.study, parsed)
        assert shown == expected
        assert any(r[3] not in ("0%", "–") for r in expected) and any(r[4] != "0" for r in expected)
        due_today = sum(int(r[DUE_COLUMN]) for r in expected)
        assert f"{due_today} due today" in app.screen.query_one("#home-top").render().plain
        assert app.screen.has_drafts
        await pilot.pause(BUILD_BANK_AFTER + 0.2)
        assert app.study.opened == parsed  # built once home was on screen, equal to the parsed bank
        app.screen.refresh_decks()
        assert list(app.screen.query_one("#decks", DeckList).rows) == shown


async def test_a_key_that_needs_the_questions_before_they_are_built_builds_them(make_app, tmp_path):
    data = tmp_path / "data"
    write_library(data)
    read_full_bank(locations.bank_path(), None, data, cache=True)
    pending, _ = open_full_bank(locations.bank_path(), None, data)
    assert isinstance(pending, PendingBank)
    app = make_app(bank=pending)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # at once: well before the timer would build them
        await pilot.pause()
        assert type(app.screen).__name__ == "QuestionScreen"
        assert isinstance(app.study.opened, Bank) and len(app.study.bank.questions) > sum(DECKS.values())


def test_a_question_in_two_decks_counts_in_both_and_one_in_none_counts_nowhere():
    """The deck table counts each id once under each deck whose active questions include it."""
    decks = (
        DeckOutline("rivers", "Rivers", frozenset({"r-1", "r-2", "both"}), 3, 0),
        DeckOutline("moons", "Moons", frozenset({"m-1", "both"}), 2, 1),
        DeckOutline("empty", "Empty", frozenset(), 0, 2),
    )
    figures = QuestionFigures(
        due_ids=["both", "r-1", "gone"],
        mastered_ids=["m-1", "both"],
        answered_ids=["r-1", "r-2", "m-1", "both", "gone", "a-draft"],
        latest_right=bytes([0, 1, 0, 1, 1, 0]),
    )
    counted = DeckFigures(figures, decks)
    rows = [counted.row(number, deck, deck.id == "moons") for number, deck in enumerate(decks)]
    assert rows == [
        (" ", "Rivers", "3", "33%", "2", "2/3"),
        ("✓", "1 draft · Moons", "2", "100%", "1", "1/2"),
        (" ", "2 drafts · Empty", "0", "–", "0", "–"),
    ]
    assert figures.latest_correct == {
        "r-1": False,
        "r-2": True,
        "m-1": False,
        "both": True,
        "gone": True,
        "a-draft": False,
    }
