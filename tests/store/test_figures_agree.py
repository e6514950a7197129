"""The figures the store's queries give equal a plain Python computation over every answer and card.

A seeded history of 60 study days (gaps, answers near the 4 am day boundary, cards due from
weeks ago to weeks ahead, some mastered) is recorded through the store; the expected figures
are then computed in Python from the raw attempts and cards, under the study-day definitions
of quiz.core.study_day (due = before the current study day ends; mastered = stability >= 21).
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest

from quiz.core.model import Bank, Deck, Kind, Question
from quiz.core.study_day import StudyDay, is_due, is_mastered
from quiz.data.store import Store

from .conftest import NOW, answer, card


def _bank() -> Bank:
    """45 questions in three decks, a few of them drafts (never due, never counted as mastered)."""
    decks = []
    for d, name in enumerate(["harbour", "budget", "storm"]):
        questions = tuple(
            Question(
                id=f"{name}-{n:02d}",
                kind=list(Kind)[n % len(Kind)],
                prompt=f"Question {n}?",
                answer="answer",
                evidence=(),
                explanation="",
                tags=(f"tag-{n % 4}",),
                difficulty=1 + n % 3,
                deck=name,
                status="draft" if n % 7 == d else "active",
            )
            for n in range(15)
        )
        decks.append(Deck(name, name.title(), questions))
    return Bank(tuple(decks), {})


def _seed(store: Store, bank: Bank, seed: int) -> None:
    rng = random.Random(seed)
    questions = list(bank.questions)
    skipped = {rng.randrange(2, 60) for _ in range(8)}
    for back in range(60, -1, -1):
        if back in skipped:
            continue
        for _ in range(rng.randrange(1, 12)):
            q = rng.choice(questions)
            # Spread over the whole study day, from 4 am to 3:59 am the next morning.
            when = StudyDay.of(NOW - timedelta(days=back)).start + timedelta(minutes=rng.randrange(24 * 60))
            if when > NOW:
                continue
            due = when + timedelta(days=rng.uniform(-3, 12), hours=rng.choice([0, 3.99, 4.01]))
            scheduled = card(q.id, due, stability=rng.choice([None, 0.5, 5.0, 20.99, 21.0, 80.0]))
            store.record("ana", answer(q.id, when, correct=rng.random() < 0.7, deck=q.deck), scheduled, None)
    store.record("ana", answer("gone-from-the-bank", NOW - timedelta(hours=2)), card("gone", NOW), None)


def _expected(store: Store, bank: Bank) -> dict[str, object]:
    attempts = list(store.attempts("ana"))
    cards = store.history("ana", NOW).cards
    active = {q.id: q for q in bank.questions if q.status != "draft"}
    today = StudyDay.of(NOW)
    ends = [today.following(i).end.astimezone(timezone.utc) for i in range(7)]

    def study_date(iso: str):
        return StudyDay.of(datetime.fromisoformat(iso).astimezone(NOW.tzinfo)).date

    days = Counter(study_date(a["answered_at"]) for a in attempts)
    streak, day = 0, today.date if days[today.date] else today.date - timedelta(days=1)
    while days[day]:
        streak, day = streak + 1, day - timedelta(days=1)
    forecast = [0] * 7
    for qid, c in cards.items():
        if qid in active:
            due = c.due.astimezone(timezone.utc)
            slot = next((i for i, end in enumerate(ends) if due < end), None)
            if slot is not None:
                forecast[slot] += 1
    by_deck = Counter()
    for a in attempts:
        by_deck[active[a["question_id"]].deck if a["question_id"] in active else a["deck"]] += 1
    return {
        "attempts": len(attempts),
        "correct": sum(a["correct"] for a in attempts),
        "questions_seen": len({a["question_id"] for a in attempts}),
        "streak": streak,
        "answered_today": bool(days[today.date]),
        "mastered": sum(1 for qid, c in cards.items() if qid in active and is_mastered(c)),
        "due_today": forecast[0],
        "forecast": forecast,
        "per_day": [days[today.date - timedelta(days=back)] for back in range(29, -1, -1)],
        "decks": dict(by_deck),
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stats_due_and_streak_equal_the_python_computation(store: Store, seed: int):
    bank = _bank()
    _seed(store, bank, seed)
    s = store.stats("ana", bank, NOW)
    found = {
        "attempts": s.attempts,
        "correct": s.correct,
        "questions_seen": s.questions_seen,
        "streak": s.streak,
        "answered_today": s.answered_today,
        "mastered": s.mastered,
        "due_today": s.due.due_today,
        "forecast": [n for _day, n in s.due.days],
        "per_day": [d.attempts for d in s.days],
        "decks": {score.name: score.attempts for score in s.decks},
    }
    expected = _expected(store, bank)
    assert expected["streak"] and expected["mastered"] and sum(expected["forecast"]) > expected["due_today"] > 0
    assert found == expected
    assert store.forecast("ana", NOW, bank).days == s.due.days
    assert store.streak("ana", NOW) == s.streak


@pytest.mark.parametrize("seed", [4, 5])
def test_the_home_screens_figures_equal_the_ones_computed_from_every_card(store: Store, seed: int):
    """Due today, mastered and latest results per question, as history() + quiz.core.study_day give them."""
    bank = _bank()
    _seed(store, bank, seed)
    history, today = store.history("ana", NOW), StudyDay.of(NOW)
    figures = store.question_figures("ana", NOW)
    assert figures.due == {qid for qid, c in history.cards.items() if is_due(c, today)}
    assert figures.mastered == {qid for qid, c in history.cards.items() if is_mastered(c)}
    assert figures.latest_correct == dict(history.latest_correct)
    assert figures.due and figures.mastered and not all(figures.latest_correct.values())
