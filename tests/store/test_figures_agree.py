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
from quiz.data import charts
from quiz.data.days import to_ms
from quiz.data.store import Store

from .conftest import NOW, answer, card


def _question(deck: str, n: int, kind: Kind, tags: tuple[str, ...], draft: bool) -> Question:
    return Question(
        id=f"{deck}-{n:02d}",
        kind=kind,
        prompt=f"{deck.title()} question {n}?",
        answer="answer",
        evidence=(),
        explanation="",
        tags=tags,
        difficulty=1 + n % 3,
        deck=deck,
        status="draft" if draft else "active",
    )


def _bank() -> Bank:
    """45 questions in three decks, a few of them drafts (never due, never counted as mastered)."""
    decks = []
    for d, name in enumerate(["harbour", "budget", "storm"]):
        questions = tuple(
            _question(name, n, list(Kind)[n % len(Kind)], (f"tag-{n % 4}",), n % 7 == d) for n in range(15)
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


# --------------------------------------------------------------------------- a long, varied history

LATER = datetime(2025, 6, 20, 15, 30, tzinfo=NOW.tzinfo)  # a little over a year of history before it
DAY_START = 6  # not the default: every figure must follow the configured study day


def _varied_bank() -> Bank:
    """80 questions in four decks, every kind, zero to two tags each, some drafts."""
    tags = (("tides",), ("money", "law"), (), ("law",), ("tides", "weather"))
    decks = []
    for d, name in enumerate(["harbour", "budget", "storm", "court"]):
        questions = tuple(
            _question(name, n, list(Kind)[(n + d) % len(Kind)], tags[n % 5], n % 9 == d) for n in range(20)
        )
        decks.append(Deck(name, name.title(), questions))
    return Bank(tuple(decks), {})


def _record(store: Store, qid: str, deck: str, when: datetime, rng: random.Random) -> int:
    due = when + timedelta(days=rng.choice([-30, -2, 0.5, 1, 3, 8, 25, 60]), hours=rng.uniform(-8, 8))
    stability = rng.choice([None, 0.5, 4.0, 20.99, 21.0, 90.0])
    scheduled = card(qid, due, stability=stability)
    return store.record("ana", answer(qid, when, correct=rng.random() < 0.7, deck=deck), scheduled, None)


def _varied_history(store: Store, bank: Bank, seed: int) -> None:
    """About 2,500 answers over 400 study days, with gaps, undone and overridden answers, suspensions,
    answers recorded out of time order, a question gone from the bank and one recorded under an old deck."""
    store._db.execute("PRAGMA synchronous = OFF")  # only the test's speed: the figures do not depend on it
    rng = random.Random(seed)
    picks = [(q.id, q.deck) for q in bank.questions] + [("gone-1", "retired"), ("storm-03", "old-storm")]
    today = StudyDay.of(LATER, DAY_START)
    recorded: list[int] = []
    for back in range(400, -1, -1):
        if rng.random() < 0.15:
            continue  # a day off
        day = today.following(-back)
        for _ in range(rng.randrange(1, 13)):
            offset = rng.choice([0, 1, 1439, rng.randrange(24 * 60)])  # at the study day's edges too
            when = day.start + timedelta(minutes=offset, seconds=rng.randrange(60))
            if when <= LATER:
                qid, deck = rng.choice(picks)
                recorded.append(_record(store, qid, deck, when, rng))
    for qid, deck in rng.sample(picks, 6):  # an import, a clock set wrong: answers older than the latest ones
        _record(store, qid, deck, LATER - timedelta(days=rng.uniform(1, 60)), rng)
    for attempt_id in rng.sample(recorded, 12):
        previous = None if rng.random() < 0.3 else card("any", LATER + timedelta(days=2), stability=30.0)
        store.undo("ana", attempt_id, previous, LATER)
        recorded.remove(attempt_id)
    wrong = [a["id"] for a in store.attempts("ana") if not a["correct"] and a["undone_at"] is None]
    for attempt_id in rng.sample(wrong, 12):
        store.override("ana", attempt_id, card("any", LATER - timedelta(hours=1), stability=25.0), 3)
    for qid, _deck in rng.sample(picks, 8):
        store.mark("ana", qid, suspended=True)
    store.record("bob", answer("harbour-01", LATER - timedelta(hours=1)), card("harbour-01", LATER), None)


def _reference(store: Store, bank: Bank) -> dict[str, object]:
    """Every figure computed in plain Python from the raw answers, cards and marks, under the definitions
    of quiz.core.study_day: due = before the study day ends, suspended never due, mastered = stability >= 21."""
    tz = LATER.tzinfo
    attempts = [a for a in store.attempts("ana") if a["undone_at"] is None]
    for a in attempts:
        a["at"] = datetime.fromisoformat(a["answered_at"]).astimezone(tz)
        a["date"] = StudyDay.of(a["at"], DAY_START).date
    cards = store._db.execute("SELECT question_id, deck, due, stability FROM cards WHERE profile_id = 1").fetchall()
    suspended = store.suspended("ana")
    in_bank = {q.id: q for q in bank.questions}
    active = {qid: q for qid, q in in_bank.items() if q.status != "draft"}
    today = StudyDay.of(LATER, DAY_START)

    def tally(keys_of) -> dict[str, tuple[int, int]]:
        out: dict[str, list[int]] = {}
        for a in attempts:
            for key in keys_of(a):
                row = out.setdefault(key, [0, 0])
                row[0] += 1
                row[1] += a["correct"]
        return {k: (n, ok) for k, (n, ok) in out.items()}

    def slot(due_ms: int, days: int) -> int | None:
        ends = [to_ms(today.following(i).end) for i in range(days)]
        return next((i for i, end in enumerate(ends) if due_ms < end), None)

    forecast = [0] * 7
    per_deck: dict[str, list[int]] = {}
    chart_due = [0] * 30
    for qid, _deck, due, _stability in cards:
        if qid in suspended:
            continue
        ahead = slot(due, 30)
        if ahead is not None:
            chart_due[ahead] += 1
        week = slot(due, 7)
        if week is not None and qid in active:
            forecast[week] += 1
            per_deck.setdefault(active[qid].deck, [0] * 7)[week] += 1
    answered = Counter(a["date"] for a in attempts)
    right = Counter(a["date"] for a in attempts if a["correct"])
    streak, day = 0, today.date if answered[today.date] else today.date - timedelta(days=1)
    while answered[day]:
        streak, day = streak + 1, day - timedelta(days=1)
    results = tally(lambda a: [a["question_id"]])
    weak = sorted((ok / n, -n, qid) for qid, (n, ok) in results.items() if n >= 2 and ok < n and qid in in_bank)
    previous: dict[str, datetime] = {}
    mature: list[tuple[datetime, bool]] = []
    for a in sorted(attempts, key=lambda a: (a["at"], a["id"])):
        before = previous.get(a["question_id"])
        if before is not None and a["at"] - before >= timedelta(days=21):
            mature.append((a["at"], a["correct"]))
        previous[a["question_id"]] = a["at"]
    weeks = [today.following(-7 * back - 6) for back in range(12, -1, -1)]
    retention = []
    for week in weeks:
        end = week.following(7).start
        counted = [ok for at, ok in mature if week.start <= at < end]
        retention.append((week.date, len(counted), sum(counted)))
    latest: dict[str, bool] = {}
    for a in sorted(attempts, key=lambda a: (a["at"], a["id"])):
        latest[a["question_id"]] = a["correct"]
    year = [today.following(-back).date for back in range(364, -1, -1)]
    return {
        "attempts": len(attempts),
        "correct": sum(a["correct"] for a in attempts),
        "questions_seen": len(results),
        "questions_in_bank": len(in_bank),
        "mastered": sum(1 for qid, _d, _due, st in cards if qid in active and (st or 0) >= 21),
        "streak": streak,
        "answered_today": bool(answered[today.date]),
        "decks": tally(lambda a: [in_bank[a["question_id"]].deck if a["question_id"] in in_bank else a["deck"]]),
        "tags": tally(lambda a: in_bank[a["question_id"]].tags if a["question_id"] in in_bank else ()),
        "kinds": tally(lambda a: [in_bank[a["question_id"]].kind.value] if a["question_id"] in in_bank else []),
        "days": [(d, answered[d], right[d]) for d in year[-30:]],
        "weakest": [qid for _acc, _n, qid in weak[:10]],
        "forecast": forecast,
        "forecast_decks": {deck: tuple(days) for deck, days in per_deck.items()},
        "question_due": {qid for qid, _d, due, _s in cards if qid not in suspended and slot(due, 1) == 0},
        "question_mastered": {qid for qid, _d, _due, st in cards if (st or 0) >= 21},
        "latest_correct": latest,
        "chart_due": chart_due,
        "chart_year": [(d, answered[d], right[d]) for d in year],
        "chart_retention": retention,
    }


@pytest.mark.parametrize("seed", [11, 12])
def test_every_figure_of_a_long_varied_history_equals_the_python_reference(store: Store, seed: int):
    """Stats, due per deck, forecast, streak, the home screen's figures and every chart series."""
    bank = _varied_bank()
    _varied_history(store, bank, seed)
    expected = _reference(store, bank)
    s = store.stats("ana", bank, LATER, day_start=DAY_START)
    home = store.question_figures("ana", LATER, DAY_START)
    drawn = charts.read(store, "ana", LATER, desired_retention=0.9, day_start=DAY_START)
    found = {
        "attempts": s.attempts,
        "correct": s.correct,
        "questions_seen": s.questions_seen,
        "questions_in_bank": s.questions_in_bank,
        "mastered": s.mastered,
        "streak": s.streak,
        "answered_today": s.answered_today,
        "decks": {x.name: (x.attempts, x.correct) for x in s.decks},
        "tags": {x.name: (x.attempts, x.correct) for x in s.tags},
        "kinds": {x.name: (x.attempts, x.correct) for x in s.kinds},
        "days": [(d.date, d.attempts, d.correct) for d in s.days],
        "weakest": [w.id for w in s.weakest],
        "forecast": [n for _day, n in s.due.days],
        "forecast_decks": {d.deck: d.days for d in s.due.decks},
        "question_due": set(home.due),
        "question_mastered": set(home.mastered),
        "latest_correct": home.latest_correct,
        "chart_due": [n for _day, n in drawn.due],
        "chart_year": [(d.date, d.answers, d.correct) for d in drawn.year],
        "chart_retention": [(r.start, r.reviews, r.correct) for r in drawn.retention],
    }
    assert found == expected
    # The history is varied enough for each figure to mean something.
    assert expected["streak"] and expected["mastered"] and len(expected["tags"]) == 4
    assert expected["forecast"][0] and sum(r[1] for r in expected["chart_retention"]) > 50
    assert "retired" in expected["decks"] and "old-storm" not in expected["decks"]  # by the bank's deck
    assert store.forecast("ana", LATER, bank, day_start=DAY_START) == s.due
    assert store.streak("ana", LATER, DAY_START) == s.streak == drawn.streak


def test_the_chart_series_of_one_deck_equal_the_python_reference(store: Store):
    """The deck filter of the charts: answers by the deck they were recorded under, cards by their deck."""
    bank = _varied_bank()
    _varied_history(store, bank, 13)
    tz, today = LATER.tzinfo, StudyDay.of(LATER, DAY_START)
    kept = [a for a in store.attempts("ana") if a["undone_at"] is None and a["deck"] == "budget"]
    per_day = Counter(
        StudyDay.of(datetime.fromisoformat(a["answered_at"]).astimezone(tz), DAY_START).date for a in kept
    )
    drawn = charts.read(store, "ana", LATER, decks=["budget"], desired_retention=0.9, day_start=DAY_START)
    assert [(d.date, d.answers) for d in drawn.year] == [
        (today.following(-back).date, per_day[today.following(-back).date]) for back in range(364, -1, -1)
    ]
    suspended = store.suspended("ana")
    ends = [to_ms(today.following(i).end) for i in range(30)]
    due = [0] * 30
    for qid, when in store._db.execute("SELECT question_id, due FROM cards WHERE profile_id = 1 AND deck = 'budget'"):
        slot = next((i for i, end in enumerate(ends) if when < end), None)
        if slot is not None and qid not in suspended:
            due[slot] += 1
    assert [n for _day, n in drawn.due] == due and sum(due) > 5
