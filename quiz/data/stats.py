"""Progress figures for one learner, computed from the store."""

from __future__ import annotations

import heapq
import sqlite3
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from quiz.core.model import Bank, Kind, Question
from quiz.data.days import day_start_ms, streak, to_ms

WEAKEST = 10
FORECAST_DAYS = 7


@dataclass(frozen=True)
class Score:
    """Answers and how many were right, for one deck, tag or kind."""

    name: str
    attempts: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "attempts": self.attempts, "correct": self.correct, "accuracy": self.accuracy}


@dataclass(frozen=True)
class Day:
    date: date
    attempts: int
    correct: int

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "attempts": self.attempts, "correct": self.correct}


@dataclass(frozen=True)
class Weak:
    """A question often missed: candidates for extra practice."""

    id: str
    prompt: str
    deck: str
    attempts: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.attempts

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "prompt": self.prompt,
            "deck": self.deck,
            "attempts": self.attempts,
            "correct": self.correct,
            "accuracy": self.accuracy,
        }


@dataclass(frozen=True)
class DeckDue:
    deck: str
    due_now: int
    days: tuple[int, ...]  # same days as Forecast.days


@dataclass(frozen=True)
class Forecast:
    """Reviews due now, then per local day: the rest of today first, then each following day."""

    due_now: int
    days: tuple[tuple[date, int], ...]
    decks: tuple[DeckDue, ...]

    def to_dict(self) -> dict[str, Any]:
        dates = [d.isoformat() for d, _ in self.days]
        return {
            "due_now": self.due_now,
            "days": [{"date": d, "due": n} for d, (_, n) in zip(dates, self.days, strict=True)],
            "decks": [
                {
                    "deck": d.deck,
                    "due_now": d.due_now,
                    "days": [{"date": day, "due": n} for day, n in zip(dates, d.days, strict=True)],
                }
                for d in self.decks
            ],
        }


@dataclass(frozen=True)
class Stats:
    """Everything `quiz stats` shows, as of `as_of`."""

    profile: str
    as_of: datetime
    attempts: int
    correct: int
    questions_seen: int
    questions_in_bank: int
    streak: int
    answered_today: bool
    decks: tuple[Score, ...]
    tags: tuple[Score, ...]
    kinds: tuple[Score, ...]
    days: tuple[Day, ...]  # oldest first, ending today
    weakest: tuple[Weak, ...]
    due: Forecast

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "as_of": self.as_of.isoformat(),
            "attempts": self.attempts,
            "correct": self.correct,
            "accuracy": self.accuracy,
            "questions_seen": self.questions_seen,
            "questions_in_bank": self.questions_in_bank,
            "streak": self.streak,
            "answered_today": self.answered_today,
            "decks": [s.to_dict() for s in self.decks],
            "tags": [s.to_dict() for s in self.tags],
            "kinds": [s.to_dict() for s in self.kinds],
            "days": [d.to_dict() for d in self.days],
            "weakest": [w.to_dict() for w in self.weakest],
            "due": self.due.to_dict(),
        }


def compute(
    db: sqlite3.Connection, profile_id: int | None, profile: str, bank: Bank, now: datetime, days: int
) -> Stats:
    """All figures, read inside the caller's transaction so they agree with each other."""
    rows = [] if profile_id is None else db.execute(_PER_QUESTION, (profile_id,)).fetchall()
    questions = bank.questions
    by_id = {q.id: q for q in questions}
    decks: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    tags: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    kinds: dict[Kind, list[int]] = defaultdict(lambda: [0, 0])
    weak: list[tuple[float, int, str, str, int]] = []
    total = right = 0
    # Written out flat: with 50,000 questions this loop is most of the time `quiz stats` takes.
    for qid, stored_deck, n, ok in rows:
        total += n
        right += ok
        question = by_id.get(qid)
        if question is None:
            # A question no longer in the bank has no tags or kind to go by: it counts under its deck only.
            group = decks[stored_deck]
            group[0] += n
            group[1] += ok
            continue
        group = decks[question.deck]
        group[0] += n
        group[1] += ok
        group = kinds[question.kind]
        group[0] += n
        group[1] += ok
        for tag in question.tags:
            group = tags[tag]
            group[0] += n
            group[1] += ok
        if ok < n and n >= 2:
            weak.append((ok / n, -n, qid, question.deck, ok))
    weakest = tuple(
        Weak(qid, by_id[qid].prompt, deck, -minus_n, ok)
        for _accuracy, minus_n, qid, deck, ok in heapq.nsmallest(WEAKEST, weak)
    )
    count, today = streak(db, profile_id, now)
    return Stats(
        profile=profile,
        as_of=now,
        attempts=total,
        correct=right,
        questions_seen=len(rows),
        questions_in_bank=len(by_id),
        streak=count,
        answered_today=today,
        decks=_scores(decks),
        tags=_scores(tags),
        kinds=_scores({kind.value: group for kind, group in kinds.items()}),
        days=per_day(db, profile_id, now, days),
        weakest=weakest,
        due=forecast(db, profile_id, now, active_decks(questions)),
    )


_PER_QUESTION = "SELECT question_id, deck, attempts, correct FROM question_stats WHERE profile_id = ?"


def _scores(groups: dict[str, list[int]]) -> tuple[Score, ...]:
    return tuple(Score(name, n, ok) for name, (n, ok) in sorted(groups.items()))


def per_day(db: sqlite3.Connection, profile_id: int | None, now: datetime, days: int) -> tuple[Day, ...]:
    """Answers and correct answers on each of the last `days` local days, oldest first."""
    tz, today = now.tzinfo, now.date()
    out = []
    sql = "SELECT count(*), total(correct) FROM attempts WHERE profile_id = ? AND answered_at >= ? AND answered_at < ?"
    for back in range(days - 1, -1, -1):
        day = today - timedelta(days=back)
        if profile_id is None:
            out.append(Day(day, 0, 0))
            continue
        start, end = day_start_ms(day, tz), day_start_ms(day + timedelta(days=1), tz)
        n, ok = db.execute(sql, (profile_id, start, end)).fetchone()
        out.append(Day(day, n, int(ok)))
    return tuple(out)


def active_decks(questions: Iterable[Question]) -> dict[str, str]:
    """Question id -> deck, for the questions a review could ask (drafts stay out)."""
    return {q.id: q.deck for q in questions if q.status != "draft"}


def forecast(
    db: sqlite3.Connection,
    profile_id: int | None,
    now: datetime,
    active: Mapping[str, str] | None,
    days: int = FORECAST_DAYS,
) -> Forecast:
    """Due now and per day ahead; given `active` (see active_decks), only those questions count, under that deck."""
    tz, today = now.tzinfo, now.date()
    dates = [today + timedelta(days=i) for i in range(days)]
    ends = [day_start_ms(d + timedelta(days=1), tz) for d in dates]
    now_ms = to_ms(now)
    rows = [] if profile_id is None else db.execute(_DUE, (profile_id, ends[-1])).fetchall()
    total = [0] * (days + 1)  # slot 0: due now; then one slot per day
    per_deck: dict[str, list[int]] = defaultdict(lambda: [0] * (days + 1))
    for qid, deck, due in rows:
        if active is not None:
            if qid not in active:
                continue
            deck = active[qid]
        slot = 0 if due <= now_ms else 1 + bisect_right(ends, due)
        total[slot] += 1
        per_deck[deck][slot] += 1
    return Forecast(
        due_now=total[0],
        days=tuple(zip(dates, total[1:], strict=True)),
        decks=tuple(DeckDue(deck, slots[0], tuple(slots[1:])) for deck, slots in sorted(per_deck.items())),
    )


_DUE = "SELECT question_id, deck, due FROM cards WHERE profile_id = ? AND due < ?"
