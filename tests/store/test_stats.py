"""Every stats figure on a small known history, with a pinned local `now`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from quiz.core.model import Bank
from quiz.data.stats import Day, DeckDue, Score
from quiz.data.store import Store

from .conftest import LOCAL, NOW, answer, at, card

# (question, local day, hour, minute, correct); h-004 is never answered; gone-1 left the bank.
HISTORY = [
    ("h-005", 10, 12, 0, True),
    ("h-005", 10, 13, 0, True),
    ("h-002", 12, 9, 0, False),
    ("h-003", 13, 3, 30, True),  # before 4 am: still the study day of the 12th
    ("h-001", 13, 10, 0, False),
    ("h-002", 13, 9, 0, False),
    ("gone-1", 14, 8, 0, False),
    ("gone-1", 14, 8, 5, False),
    ("h-002", 14, 9, 0, True),
    ("h-001", 14, 10, 0, True),
]
# The card each question is left with (recorded with its last answer).
DUE = {
    "h-001": at(14, 15, 0),  # before NOW (15:30): overdue, so due today
    "h-002": at(15, 3, 59),  # after midnight, before 4 am: still today's study day
    "h-003": at(15, 4, 0),  # exactly the start of tomorrow's study day
    "h-005": at(21, 4, 0),  # the start of the 8th study day: beyond the forecast
    "gone-1": at(14, 9, 0),  # due, but no longer in the bank
}


@pytest.fixture
def figures(store: Store, bank: Bank):
    last = {q: i for i, (q, *_rest) in enumerate(HISTORY)}
    for i, (question, day, hour, minute, correct) in enumerate(HISTORY):
        deck = "old-deck" if question == "gone-1" else "harbour"
        due = card(question, DUE[question]) if last[question] == i else None
        store.record("ana", answer(question, at(day, hour, minute), correct=correct, deck=deck), due, None)
    store.record("bob", answer("h-004", at(14, 11)), card("h-004", at(14, 12)), None)  # someone else
    return store.stats("ana", bank, NOW, days=7)


def test_totals(figures):
    """Attempts, correct, accuracy, questions seen (of the bank's)."""
    assert (figures.attempts, figures.correct, figures.accuracy) == (10, 5, 0.5)
    assert (figures.questions_seen, figures.questions_in_bank) == (5, 5)


def test_accuracy_per_deck_counts_questions_that_left_the_bank(figures):
    assert figures.decks == (Score("harbour", 8, 5), Score("old-deck", 2, 0))


def test_accuracy_per_tag_and_kind_comes_from_the_bank(figures):
    """gone-1 has no tags or kind any more; h-004 was never answered."""
    assert figures.tags == (Score("chronology", 4, 2), Score("people", 2, 1), Score("places", 2, 2))
    assert figures.kinds == (Score("choice", 2, 1), Score("gap", 1, 1), Score("number", 3, 1), Score("recall", 2, 2))


def test_attempts_per_study_day(figures):
    """Oldest first, ending today; 03:30 local on the 13th belongs to the study day of the 12th."""
    assert figures.days == (
        Day(date(2025, 3, 8), 0, 0),
        Day(date(2025, 3, 9), 0, 0),
        Day(date(2025, 3, 10), 2, 2),
        Day(date(2025, 3, 11), 0, 0),
        Day(date(2025, 3, 12), 2, 1),
        Day(date(2025, 3, 13), 2, 0),
        Day(date(2025, 3, 14), 4, 2),
    )


def test_a_day_starting_at_midnight_gives_calendar_days(store: Store, bank: Bank):
    """day_start = 0: 03:30 belongs to the date it happened on."""
    store.record("ana", answer("h-003", at(13, 3, 30)), None, None)
    assert [d.attempts for d in store.stats("ana", bank, NOW, days=2, day_start=0).days] == [1, 0]
    assert [d.attempts for d in store.stats("ana", bank, NOW, days=2).days] == [0, 0]  # the 12th and 13th at 4


def test_streak_counts_back_from_today(figures):
    assert (figures.streak, figures.answered_today) == (3, True)


def test_weakest_questions(figures):
    """At least two attempts and at least one miss, lowest accuracy first, only questions in the bank."""
    prompts = {w.id: w.prompt for w in figures.weakest}
    assert [(w.id, w.attempts, w.correct) for w in figures.weakest] == [("h-002", 3, 1), ("h-001", 2, 1)]
    assert prompts["h-001"] == "Who is the mayor quoted on the harbour repairs?"
    assert figures.weakest[0].accuracy == pytest.approx(1 / 3)


def test_due_today_and_on_each_of_the_next_study_days(figures):
    """Today counts the overdue too; 4 am splits the days."""
    due = figures.due
    assert due.due_today == 2
    assert due.today.end == at(15, 4, 0)
    assert [d for d, _ in due.days] == [date(2025, 3, d) for d in range(14, 21)]
    assert [n for _, n in due.days] == [2, 1, 0, 0, 0, 0, 0]
    assert due.decks == (DeckDue("harbour", (2, 1, 0, 0, 0, 0, 0)),)


@pytest.mark.parametrize(
    ("now", "day_start", "today", "tomorrow"),
    [
        (at(15, 3, 59), 4, 2, 1),  # 03:59: the study day of the 14th has a minute to go
        (at(15, 4, 0), 4, 3, 0),  # 04:00: a new study day; h-003 is due in it
        (at(14, 23, 59), 0, 1, 2),  # midnight days: h-002 (03:59) and h-003 (04:00) fall tomorrow
        (at(15, 0, 0), 0, 3, 0),
    ],
)
def test_due_today_around_the_day_boundary(figures, store: Store, bank: Bank, now, day_start, today, tomorrow):
    forecast = store.forecast("ana", now, bank, day_start=day_start)
    assert (forecast.due_today, forecast.days[1][1]) == (today, tomorrow)


def test_stats_serialise_to_json_ready_values(figures):
    data = figures.to_dict()
    assert data["accuracy"] == 0.5
    assert data["days"][-1] == {"date": "2025-03-14", "attempts": 4, "correct": 2}
    assert data["weakest"][0]["id"] == "h-002"
    assert data["due"]["days"][0] == {"date": "2025-03-14", "due": 2}
    assert data["due"]["due_today"] == 2 and data["due"]["day_ends"] == "2025-03-15T04:00:00+01:00"
    assert data["as_of"] == "2025-03-14T15:30:00+01:00"


def test_weakest_is_capped_at_ten_and_breaks_ties_by_more_attempts(store: Store, bank: Bank):
    """Lowest accuracy first, then more attempts, then id; perfect and once-tried questions stay out."""
    model = bank.questions[0]
    many = Bank((replace(bank.decks[0], questions=tuple(replace(model, id=f"w-{i:02d}") for i in range(12))),), {})
    tries = {i: [True, False] for i in range(12)}
    tries |= {5: [True, False, True, False], 7: [False] * 3, 9: [True, True], 11: [False]}
    for i, results in tries.items():
        for k, correct in enumerate(results):
            store.record("ana", answer(f"w-{i:02d}", at(13, 8, i * 4 + k), correct=correct), None, None)
    weakest = [w.id for w in store.stats("ana", many, NOW).weakest]
    assert weakest == ["w-07", "w-05", *(f"w-{i:02d}" for i in (0, 1, 2, 3, 4, 6, 8, 10))]


def test_stats_of_a_profile_with_no_answers(store: Store, bank: Bank):
    """All zero, accuracy unknown rather than 0%."""
    empty = store.stats("nobody", bank, NOW)
    assert (empty.attempts, empty.accuracy, empty.streak, empty.weakest) == (0, None, 0, ())
    assert len(empty.days) == 30 and empty.due.due_today == 0 and empty.mastered == 0


# --------------------------------------------------------------------------- streaks


def _local(days_ago: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime.combine(NOW.date() - timedelta(days=days_ago), datetime.min.time(), LOCAL).replace(
        hour=hour, minute=minute
    )


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([], (0, False)),
        ([_local(0)], (1, True)),
        ([_local(1)], (1, False)),  # nothing yet today: the streak still stands until tonight
        ([_local(0), _local(1), _local(2)], (3, True)),
        ([_local(1), _local(2)], (2, False)),
        ([_local(2)], (0, False)),  # yesterday was missed
        ([_local(0), _local(2), _local(3)], (1, True)),
        ([_local(1, 23, 59), _local(0, 4, 1)], (2, True)),  # two study days
        ([_local(1, 23, 59), _local(0, 0, 1)], (1, False)),  # past midnight, before 4 am: one study day
        ([_local(0, 4, 30)], (1, True)),  # yesterday in UTC, today here
        ([_local(0, 20), _local(0, 21)], (1, True)),  # many answers, one day
        ([_local(0) + timedelta(days=1)], (0, False)),  # a clock from the future does not count
    ],
    ids=[
        "none",
        "today",
        "yesterday only",
        "three days",
        "up to yesterday",
        "gap yesterday",
        "gap breaks it",
        "4 am",
        "midnight",
        "utc vs local",
        "same day twice",
        "future",
    ],
)
def test_streak_edge_cases(store: Store, answers: list[datetime], expected: tuple[int, bool], bank: Bank):
    for when in answers:
        store.record("ana", answer("h-001", when), None, None)
    figures = store.stats("ana", bank, NOW)
    assert (figures.streak, figures.answered_today) == expected
    assert store.streak("ana", NOW) == expected[0]


def test_streak_days_follow_daylight_saving_time(store: Store):
    """Each day's midnight uses that day's offset, not today's: 23:30 CET on the 29th stays the 29th."""
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone database")
    # Clocks went forward early on 30 March; with today's +02:00 the first answer would fall on the 30th.
    for day, hour in ((29, 23), (31, 10)):
        store.record("ana", answer("h-001", datetime(2025, 3, day, hour, 30, tzinfo=berlin)), None, None)
    assert store.streak("ana", datetime(2025, 3, 31, 18, tzinfo=berlin), day_start=0) == 1
    store.record("ana", answer("h-001", datetime(2025, 3, 30, 23, 30, tzinfo=berlin)), None, None)
    assert store.streak("ana", datetime(2025, 3, 31, 18, tzinfo=berlin), day_start=0) == 3


def test_a_question_listed_twice_in_the_bank_counts_once_in_every_grouping(store: Store, bank: Bank):
    """Decks, tags and kinds are summed inside SQLite per group of the bank: an id in two decks counts once,
    under its last listing (as a dictionary of the bank's questions keeps it), and stats agree with a forecast."""
    first = bank.questions[0]
    twice = replace(first, deck="second", kind=bank.questions[-1].kind, tags=("twice",))
    doubled = Bank((*bank.decks, replace(bank.decks[0], id="second", questions=(twice,))), bank.articles)
    for minute in range(3):
        store.record("ana", answer(first.id, at(14, 9, minute), correct=minute > 0), card(first.id, at(14, 12)), None)
    figures = store.stats("ana", doubled, NOW)
    assert (figures.attempts, figures.correct, figures.questions_seen) == (3, 2, 1)
    assert figures.decks == (Score("second", 3, 2),)
    assert figures.tags == (Score("twice", 3, 2),) and figures.kinds == (Score(twice.kind.value, 3, 2),)
    assert figures.due.due_today == 1 and [d.deck for d in figures.due.decks] == ["second"]
