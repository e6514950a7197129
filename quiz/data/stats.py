"""Progress figures for one learner, computed from the store."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from itertools import accumulate
from typing import Any

from quiz.core.model import Bank, Question
from quiz.core.study_day import DAY_START, MASTERED_STABILITY_DAYS, StudyDay
from quiz.data.days import streak, sums, to_ms, unless_suspended

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
    days: tuple[int, ...]  # same days as Forecast.days

    @property
    def due_today(self) -> int:
        return self.days[0]


@dataclass(frozen=True)
class Forecast:
    """Reviews due per study day: today (overdue ones included), then each following day."""

    today: StudyDay
    days: tuple[tuple[date, int], ...]
    decks: tuple[DeckDue, ...]

    @property
    def due_today(self) -> int:
        """Due before the current study day ends, overdue included: what review mode studies today."""
        return self.days[0][1]

    def to_dict(self) -> dict[str, Any]:
        dates = [d.isoformat() for d, _ in self.days]
        return {
            "due_today": self.due_today,
            "day_ends": self.today.end.isoformat(),
            "days": [{"date": d, "due": n} for d, (_, n) in zip(dates, self.days, strict=True)],
            "decks": [
                {
                    "deck": d.deck,
                    "due_today": d.due_today,
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
    mastered: int  # questions in the bank whose FSRS stability is 21 days or more
    streak: int
    answered_today: bool
    decks: tuple[Score, ...]
    tags: tuple[Score, ...]
    kinds: tuple[Score, ...]
    days: tuple[Day, ...]  # study days, oldest first, ending today
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
            "mastered": self.mastered,
            "streak": self.streak,
            "answered_today": self.answered_today,
            "decks": [s.to_dict() for s in self.decks],
            "tags": [s.to_dict() for s in self.tags],
            "kinds": [s.to_dict() for s in self.kinds],
            "days": [d.to_dict() for d in self.days],
            "weakest": [w.to_dict() for w in self.weakest],
            "due": self.due.to_dict(),
        }


QuestionRow = tuple[str, str, str, tuple[str, ...], str, str]
"""What the figures need of a question: id, deck, kind, tags, status, prompt (see question_rows)."""


def compute(
    db: sqlite3.Connection,
    profile_id: int | None,
    profile: str,
    bank: Bank | Sequence[QuestionRow],
    now: datetime,
    days: int,
    day_start: int = DAY_START,
) -> Stats:
    """All figures, read inside the caller's transaction so they agree with each other."""
    groups = _groups(bank)[1]
    answers, right = [0] * len(groups), [0] * len(groups)
    seen = found = 0
    if profile_id is not None:
        seen = db.execute(_SEEN, (profile_id,)).fetchone()[0]
        # SQLite looks up each question of the bank in the summary rows and sums them per (deck, kind, tags)
        # group: reading 50,000 rows into Python took twice as long, most of it making their objects.
        for g, sums in db.execute(_PER_GROUP, (profile_id, _members(bank))):
            answers[g], right[g], n = json.loads(sums)
            found += n
    # Summary rows of questions no longer in the bank (none, the common case, when every row was found).
    gone = [] if seen == found else [qid for (qid,) in db.execute(_GONE, (profile_id, _ids(bank)))]
    decks: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    tags: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (deck, kind, question_tags), n, ok in zip(groups, answers, right, strict=True):
        if n:
            for group in (decks[deck], kinds[kind], *(tags[tag] for tag in question_tags)):
                group[0] += n
                group[1] += ok
    total, correct = sum(answers), sum(right)
    if gone:
        # A question no longer in the bank has no tags or kind to go by: it counts under its deck only.
        for deck, n, ok in db.execute(_GONE_BY_DECK, (profile_id, json.dumps(gone))):
            decks[deck][0] += n
            decks[deck][1] += ok
            total += n
            correct += ok
    by_id = _by_id(bank)
    weakest = [] if profile_id is None else _weakest(db, profile_id, by_id, len(gone))
    count, today = streak(db, profile_id, now, day_start)
    active = bank_decks(bank)
    return Stats(
        profile=profile,
        as_of=now,
        attempts=total,
        correct=correct,
        questions_seen=seen,
        questions_in_bank=len(by_id),
        mastered=mastered(db, profile_id, active, gone + _drafts(bank)),
        streak=count,
        answered_today=today,
        decks=_scores(decks),
        tags=_scores(tags),
        kinds=_scores(kinds),
        days=per_day(db, profile_id, now, days, day_start),
        weakest=tuple(weakest),
        due=forecast(db, profile_id, now, active, day_start=day_start),
    )


_SEEN = "SELECT count(*) FROM question_stats WHERE profile_id = ?"
# ?2: per group, the JSON array of its question ids (see _members); each group's sums come as one JSON array.
_PER_GROUP = """SELECT g.key, (SELECT json_array(ifnull(sum(s.attempts), 0), ifnull(sum(s.correct), 0), count(*))
        FROM json_each(g.value) j CROSS JOIN question_stats s ON s.profile_id = ?1 AND s.question_id = j.value)
    FROM json_each(?2) g"""
_GONE = """SELECT question_id FROM question_stats
    WHERE profile_id = ? AND question_id NOT IN (SELECT value FROM json_each(?))"""
_GONE_BY_DECK = """SELECT deck, sum(attempts), sum(correct) FROM question_stats
    WHERE profile_id = ? AND question_id IN (SELECT value FROM json_each(?)) GROUP BY deck"""
# Least accurate first, then the one answered more often, then by id; sorted inside SQLite.
_WEAKEST = """SELECT question_id, attempts, correct FROM question_stats
    WHERE profile_id = ? AND attempts >= 2 AND correct < attempts
    ORDER BY correct * 1.0 / attempts, attempts DESC, question_id LIMIT ?"""


def _weakest(db: sqlite3.Connection, profile_id: int, by_id: Mapping[str, QuestionRow], gone: int) -> list[Weak]:
    """The WEAKEST least accurate questions of the bank among those answered twice or more and missed once or more.

    `gone` questions of the store are no longer in the bank: no more than that many rows are passed over,
    so SQLite keeps only the top rows instead of sorting them all.
    """
    found: list[Weak] = []
    for qid, n, ok in db.execute(_WEAKEST, (profile_id, WEAKEST + gone)):
        row = by_id.get(qid)
        if row is not None:  # a question gone from the bank has no prompt to show
            found.append(Weak(qid, row[5], row[1], n, ok))
            if len(found) == WEAKEST:
                break
    return found


def _scores(groups: dict[str, list[int]]) -> tuple[Score, ...]:
    return tuple(Score(name, n, ok) for name, (n, ok) in sorted(groups.items()))


def _groups(bank: Bank | Sequence[QuestionRow]) -> tuple[dict[str, int], list[tuple[str, str, tuple[str, ...]]]]:
    """Question id -> number of its (deck, kind, tags) group, and the groups: a few hundred even at 50,000 questions."""

    def make() -> tuple[dict[str, int], list[tuple[str, str, tuple[str, ...]]]]:
        numbers: dict[tuple[str, str, tuple[str, ...]], int] = {}
        group_of = {row[0]: numbers.setdefault((row[1], row[2], row[3]), len(numbers)) for row in question_rows(bank)}
        return group_of, list(numbers)

    return _per_bank("groups", bank, make)


def _members(bank: Bank | Sequence[QuestionRow]) -> str:
    """The question ids of each group of _groups, in group order, as one JSON array of arrays (made once per bank)."""

    def make() -> str:
        group_of, groups = _groups(bank)
        # Sorted by group (stable: each group's ids in bank order) and cut by the groups' sizes, without a loop
        # over the questions: most commands read the figures once, and pay for this each time.
        ordered = sorted(group_of, key=group_of.__getitem__)
        sizes = Counter(group_of.values())
        ends = list(accumulate(sizes.get(g, 0) for g in range(len(groups))))
        return json.dumps([ordered[end - sizes.get(g, 0) : end] for g, end in enumerate(ends)])

    return _per_bank("members", bank, make)


def _ids(bank: Bank | Sequence[QuestionRow]) -> str:
    """Every question id of the bank as a JSON array (made once per bank)."""
    return _per_bank("ids", bank, lambda: json.dumps(list(_groups(bank)[0])))


def _by_id(bank: Bank | Sequence[QuestionRow]) -> dict[str, QuestionRow]:
    return _per_bank("by_id", bank, lambda: {row[0]: row for row in question_rows(bank)})


def per_day(
    db: sqlite3.Connection, profile_id: int | None, now: datetime, days: int, day_start: int = DAY_START
) -> tuple[Day, ...]:
    """Answers and correct answers on each of the last `days` study days, oldest first."""
    today = StudyDay.of(now, day_start)
    spans = [today.following(back) for back in range(1 - days, 1)]
    if profile_id is None:
        return tuple(Day(span.date, 0, 0) for span in spans)
    found = sums(db, profile_id, [(to_ms(span.start), to_ms(span.end)) for span in spans])
    return tuple(Day(span.date, n, ok) for span, (n, ok) in zip(spans, found, strict=True))


def active_decks(questions: Iterable[Question]) -> dict[str, str]:
    """Question id -> deck, for the questions a review could ask (drafts stay out)."""
    return {q.id: q.deck for q in questions if q.status != "draft"}


def question_rows(bank: Bank | Sequence[QuestionRow]) -> Sequence[QuestionRow]:
    """The bank as the figures read it; rows given (the cached index of a bank) pass through."""
    if not isinstance(bank, Bank):
        return bank
    return _per_bank(
        "rows", bank, lambda: tuple((q.id, q.deck, q.kind.value, q.tags, q.status, q.prompt) for q in bank.questions)
    )


def bank_decks(bank: Bank | Sequence[QuestionRow]) -> dict[str, str]:
    """Question id -> deck of the questions a review could ask (drafts stay out), made once per bank."""
    return _per_bank("decks", bank, lambda: {row[0]: row[1] for row in question_rows(bank) if row[4] != "draft"})


def _per_bank(what: str, bank: object, make: Callable[[], Any]) -> Any:
    """`make()` for this very bank, remembered for the latest bank only: the stats and the forecast both ask."""
    kept = _latest.get(what)
    if kept is None or kept[0] is not bank:
        kept = _latest[what] = (bank, make())
    return kept[1]


_latest: dict[str, tuple[object, Any]] = {}


def forecast(
    db: sqlite3.Connection,
    profile_id: int | None,
    now: datetime,
    active: Mapping[str, str] | None,
    days: int = FORECAST_DAYS,
    day_start: int = DAY_START,
) -> Forecast:
    """Due per study day from today on; given `active` (see active_decks), only those count, in that deck."""
    today = StudyDay.of(now, day_start)
    spans = [today.following(i) for i in range(days)]
    ends = [to_ms(span.end) for span in spans]
    total = [0] * days
    per_deck: dict[str, list[int]] = defaultdict(lambda: [0] * days)
    members = None if active is None else _deck_members(active)
    # Counted per deck and day inside SQLite from the index on (profile, due, deck) alone; each row's ids (as
    # one JSON array) are only checked against the bank's decks, never turned into a row object each.
    rows: Iterable[tuple[str, int, int, str]] = ()
    if profile_id is not None:
        rows = db.execute(_due_per_day(days, unless_suspended(db, profile_id)), (profile_id, *ends))
    for deck, slot, count, ids in rows:
        if members is None:
            total[slot] += count
            per_deck[deck][slot] += count
            continue
        listed = json.loads(ids)
        mine = members.get(deck, _NONE)
        kept = len(mine.intersection(listed))
        if kept:
            total[slot] += kept
            per_deck[deck][slot] += kept
        if kept < count:  # recorded under another deck, a draft now, or gone from the bank
            for qid in listed:
                bank_deck = None if qid in mine else active.get(qid)  # type: ignore[union-attr]
                if bank_deck is not None:
                    total[slot] += 1
                    per_deck[bank_deck][slot] += 1
    return Forecast(
        today=today,
        days=tuple(zip((span.date for span in spans), total, strict=True)),
        decks=tuple(DeckDue(deck, tuple(slots)) for deck, slots in sorted(per_deck.items())),
    )


def _deck_members(active: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Deck -> the ids of its active questions, made once per mapping (see bank_decks)."""

    def make() -> dict[str, frozenset[str]]:
        ordered = sorted(active, key=active.__getitem__)  # by deck, then cut by each deck's size (see _members)
        sizes = sorted(Counter(active.values()).items())
        ends = accumulate(size for _deck, size in sizes)
        return {deck: frozenset(ordered[end - size : end]) for (deck, size), end in zip(sizes, ends, strict=True)}

    return _per_bank("deck_members", active, make)


_NONE: frozenset[str] = frozenset()


@lru_cache(maxsize=8)
def _due_per_day(days: int, unless: str) -> str:
    """Cards due before the end of the `days`-th study day, counted per deck and day (0: today, overdue ones
    too); ?2 to ?{days + 1} are the days' ends in unix ms. `unless`: see quiz.data.days.unless_suspended."""
    day = " + ".join(f"(due >= ?{n})" for n in range(2, days + 1)) or "0"
    return (
        f"SELECT deck, {day}, count(*), json_group_array(question_id) FROM cards"
        f" WHERE profile_id = ?1 AND due < ?{days + 1}{unless} GROUP BY 1, 2"
    )


def mastered(
    db: sqlite3.Connection, profile_id: int | None, active: Mapping[str, str], inactive: Sequence[str] | None = None
) -> int:
    """Questions of the bank that are mastered (see quiz.core.study_day.is_mastered).

    Given `inactive`, every question of the store that is not active in the bank (drafts, questions
    gone from it), SQLite counts alone: all mastered cards less those.
    """
    if profile_id is None:
        return 0
    if inactive is None:
        rows = db.execute(_MASTERED, (profile_id, MASTERED_STABILITY_DAYS))
        return sum(1 for (qid,) in rows if qid in active)
    every, left_out = db.execute(
        _MASTERED_COUNT, (profile_id, MASTERED_STABILITY_DAYS, json.dumps(inactive))
    ).fetchone()
    return every - left_out


def _drafts(bank: Bank | Sequence[QuestionRow]) -> list[str]:
    return _per_bank("drafts", bank, lambda: [row[0] for row in question_rows(bank) if row[4] == "draft"])


_MASTERED = "SELECT question_id FROM cards WHERE profile_id = ? AND stability >= ?"
_MASTERED_COUNT = """SELECT count(*), count(*) FILTER (WHERE question_id IN (SELECT value FROM json_each(?3)))
    FROM cards WHERE profile_id = ?1 AND stability >= ?2"""
