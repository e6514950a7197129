"""Which questions a session asks, and in what form: a pure function of bank, options and history."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from quiz.core.keep_apart import keep_apart
from quiz.core.mode import Mode
from quiz.core.study_day import DAY_START, NEW_PER_DAY, StudyDay
from quiz.core.verdict import Form

if TYPE_CHECKING:  # fsrs and the bank's classes are only needed once a session starts, not to draw home
    from quiz.core.model import Bank, Kind, Question
    from quiz.core.schedule import Card


@dataclass(frozen=True)
class Options:
    """What to study in a session: mode, filters, how many, and in which form."""

    mode: Mode = Mode.PRACTICE
    decks: tuple[str, ...] = ()  # empty: every deck
    tags: tuple[str, ...] = ()  # a question matches when it has any of them
    kinds: tuple[Kind, ...] = ()
    difficulty: tuple[int, ...] = ()
    articles: tuple[str, ...] = ()  # questions citing any of these articles
    questions: tuple[str, ...] = ()  # only these question ids (e.g. "retry mistakes")
    count: int = 10
    seed: int | None = None
    form: Form | None = None  # fix the format instead of recognition-before-recall
    time_limit: int | None = None  # seconds: for the whole exam, or per drill question
    new_per_day: int = NEW_PER_DAY  # review: how many never-seen questions a study day may bring in
    day_start: int = DAY_START  # the hour the study day begins: review takes what is due before the next one
    drill: str = ""  # the classroom drill code this session answers
    student: str = ""  # drill: the name the student gave, shown to the teacher


@dataclass(frozen=True)
class History:
    """What the store knows about one learner, handed to the core."""

    cards: Mapping[str, Card] = field(default_factory=dict)
    due: Mapping[str, datetime] = field(default_factory=dict)  # when each card falls due; empty: read from cards
    latest_correct: Mapping[str, bool] = field(default_factory=dict)  # latest attempt per question
    latest_at: Mapping[str, datetime] = field(default_factory=dict)
    choice_known: frozenset[str] = frozenset()  # answered right as multiple choice at least once
    new_today: int = 0  # questions first seen in the current study day
    suspended: frozenset[str] = frozenset()  # set aside by the learner: never asked, in any mode

    def __post_init__(self) -> None:
        # The store hands over due times apart from the cards, so a review queue decodes no card.
        if self.cards and not self.due:
            object.__setattr__(self, "due", {qid: card.due for qid, card in self.cards.items()})


def candidates(bank: Bank, options: Options) -> list[Question]:
    """Active questions that pass the deck, tag, kind and difficulty filters, in bank order."""
    out = []
    for deck in bank.decks:
        if options.decks and deck.id not in options.decks:
            continue
        for q in deck.active:
            if options.tags and not set(q.tags) & set(options.tags):
                continue
            if options.kinds and q.kind not in options.kinds:
                continue
            if options.difficulty and q.difficulty not in options.difficulty:
                continue
            if options.articles and not set(q.articles) & set(options.articles):
                continue
            if options.questions and q.id not in options.questions:
                continue
            out.append(q)
    return out


def select(bank: Bank, options: Options, history: History, now: datetime, rng: random.Random) -> list[Question]:
    """The questions of a new session, in the order they will be asked."""
    pool = candidates(bank, options)
    count = max(options.count, 1)
    if options.mode is not Mode.DRILL and history.suspended:
        pool = [q for q in pool if q.id not in history.suspended]
    if options.mode is Mode.REVIEW:
        return due_queue(pool, history, StudyDay.of(now, options.day_start), count, options.new_per_day)
    if options.mode is Mode.MISTAKES:
        missed = [q for q in pool if history.latest_correct.get(q.id) is False]
        missed.sort(key=lambda q: history.latest_at.get(q.id, now), reverse=True)
        chosen = missed[:count]
        rng.shuffle(chosen)
        return chosen
    if options.mode is Mode.DRILL:
        # Independent of anyone's history and of bank file order: only the seed decides.
        drill_rng = random.Random(options.seed if options.seed is not None else 0)
        pool = sorted(pool, key=lambda q: q.id)
        drawn = keep_apart(drill_rng.sample(pool, min(count, len(pool))), pool, drill_rng)
        # Dropped after the draw, so that the rest of the class still gets the same questions.
        return [q for q in drawn if q.id not in history.suspended]
    return keep_apart(rng.sample(pool, min(count, len(pool))), pool, rng)


def due_queue(
    pool: Sequence[Question], history: History, today: StudyDay, count: int, new_per_day: int
) -> list[Question]:
    """What is due today, most overdue first, then new questions within today's allowance."""
    due_at, end = history.due, today.end
    due = [q for q in pool if q.id in due_at and due_at[q.id] < end]  # is_due, inlined: 50,000 calls
    due.sort(key=lambda q: due_at[q.id])
    allowance = max(new_per_day - history.new_today, 0)
    new = [q for q in pool if q.id not in history.cards][:allowance]
    return (due + new)[:count]


def form_for(question: Question, options: Options, history: History) -> Form:
    """Recognition before recall: multiple choice until answered right that way, then typed."""
    from quiz.core.model import Kind  # the bank's classes: home is drawn before any is needed

    if question.kind is Kind.TRUEFALSE:
        return Form.FLASHCARD if options.form is Form.FLASHCARD else Form.TRUEFALSE
    if question.kind is Kind.CHOICE:  # typed when asked for: its answer is a text like any other
        return options.form if options.form in (Form.FLASHCARD, Form.TYPED) else Form.CHOICE
    if options.form is Form.CHOICE:
        return Form.CHOICE if question.has_options else Form.TYPED
    if options.form is not None:
        return options.form
    if options.mode is Mode.DRILL:  # every student gets the same form
        return Form.CHOICE if question.has_options else Form.TYPED
    if question.has_options and question.id not in history.choice_known:
        return Form.CHOICE
    return Form.TYPED
