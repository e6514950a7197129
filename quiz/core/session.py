"""A study session as a state machine that knows nothing of screens.

Every front end (Textual, line mode, tests) drives the same calls:
`current` -> (`hint`) -> `submit` / `skip` / (`reveal` -> `rate`) -> `advance` ... -> `summary`.
Time is always passed in as `now`; randomness comes from the `rng` given at construction.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from quiz.core.attempt import Attempt
from quiz.core.grading import grade, options_for, skipped
from quiz.core.model import Bank, Kind, Question
from quiz.core.schedule import Card, Rating, Schedule, rating_for
from quiz.core.selection import History, Mode, Options, form_for, select
from quiz.core.text import fold
from quiz.core.verdict import Form, Outcome, Verdict


class Phase(str, enum.Enum):
    ASKING = "asking"
    REVEALED = "revealed"  # flashcard turned over, waiting for a self-grade
    ANSWERED = "answered"
    FINISHED = "finished"


@dataclass(frozen=True)
class Item:
    """One question as it is put to the learner."""

    question: Question
    form: Form
    options: tuple[str, ...]  # choice: shuffled options; true/false: ("True", "False")
    number: int  # 1-based position in the session
    retry: bool = False  # a practice miss coming back


@dataclass(frozen=True)
class Hint:
    text: str  # what to show, e.g. "Starts with “P”"
    removed: tuple[str, ...] = ()  # choice options taken away


@dataclass(frozen=True)
class Answer:
    """The result of one answered (or skipped) question, ready to store and display."""

    item: Item
    verdict: Verdict
    rating: Rating
    attempt: Attempt
    card: Card
    previous: Card | None = None  # the question's card before this answer: what undo puts back


@dataclass(frozen=True)
class _Undo:
    """What an answer changed in the session besides the card, so that undo can change it back."""

    queued_retry: bool
    choice_known: bool  # the question was already known as multiple choice before this answer


@dataclass(frozen=True)
class Summary:
    mode: Mode
    answers: tuple[Answer, ...]
    # Only a count: a question the learner never answered must not be reported with its answer
    # (a student who leaves a drill early could otherwise read them all and take it again).
    unreached: int
    elapsed: timedelta
    drill: str = ""  # the drill code, for a classroom drill
    earlier: int = 0  # a drill taken up again: questions answered in an earlier run (not in this summary)
    earlier_correct: int = 0  # how many of those were right

    @property
    def asked(self) -> int:
        """Distinct questions of the session (practice retries are not counted twice)."""
        return len({a.item.question.id for a in self.first_answers}) + self.unreached

    @property
    def first_answers(self) -> tuple[Answer, ...]:
        """The first answer to each question: what the score counts."""
        return tuple(a for a in self.answers if not a.item.retry)

    @property
    def again_answers(self) -> tuple[Answer, ...]:
        """Practice: the answers of the "again" round, where missed questions came back."""
        return tuple(a for a in self.answers if a.item.retry)

    @property
    def correct(self) -> int:
        return sum(a.verdict.correct for a in self.first_answers)

    @property
    def answered(self) -> int:
        """Distinct questions answered (the ones not reached are not)."""
        return self.asked - self.unreached

    @property
    def accuracy(self) -> float:
        """Share right of what was answered: leaving early is not the same as answering wrong."""
        return self.correct / self.answered if self.answered else 0.0

    @property
    def accuracy_text(self) -> str:
        """The accuracy as shown: "–" when nothing was answered (0% would read as all wrong)."""
        return f"{self.accuracy:.0%}" if self.answered else "–"

    @property
    def overall(self) -> tuple[int, int, str]:
        """Right, questions and accuracy over the whole drill, the earlier run's answers included."""
        right, answered = self.correct + self.earlier_correct, self.answered + self.earlier
        return right, self.asked + self.earlier, f"{right / answered:.0%}" if answered else "–"

    @property
    def answer_ms(self) -> int:
        """Total answering time: the drill tie-breaker."""
        return sum(a.attempt.elapsed_ms for a in self.first_answers)

    @property
    def mistakes(self) -> tuple[Question, ...]:
        return tuple(a.item.question for a in self.first_answers if not a.verdict.correct)


class SessionError(RuntimeError):
    """A call that the session's current phase does not allow (a front-end bug, not user input)."""


@dataclass
class Session:
    questions: Sequence[Question]
    options: Options
    history: History
    schedule: Schedule
    rng: random.Random
    started_at: datetime
    profile: str = "default"
    _queue: list[tuple[Question, bool]] = field(default_factory=list)
    _answers: list[Answer] = field(default_factory=list)
    _item: Item | None = None
    _shown_at: datetime | None = None
    _hinted: bool = False
    _phase: Phase = Phase.ASKING
    _position: int = 0
    _retried: set[str] = field(default_factory=set)
    _choice_known: set[str] = field(default_factory=set)
    _cards: dict[str, Card] = field(default_factory=dict)
    _ended_at: datetime | None = None
    _passed: set[str] = field(default_factory=set)  # a drill taken up again: answered in an earlier run
    _passed_right: int = 0
    _undo: list[_Undo] = field(default_factory=list)

    @classmethod
    def start(
        cls,
        bank: Bank,
        options: Options,
        history: History,
        now: datetime,
        *,
        rng: random.Random | None = None,
        schedule: Schedule | None = None,
        profile: str = "default",
    ) -> Session:
        if options.mode is Mode.DRILL:
            # Option order, like question order, must not depend on the student's machine.
            rng = random.Random(options.seed if options.seed is not None else 0)
        rng = rng or random.Random(options.seed)
        questions = select(bank, options, history, now, rng)
        session = cls(questions, options, history, schedule or Schedule(), rng, now, profile)
        session._queue = [(q, False) for q in questions]
        session._choice_known = set(history.choice_known)
        # Only the session's own cards: the store decodes each card the first time it is read.
        session._cards = {q.id: history.cards[q.id] for q in questions if q.id in history.cards}
        session._next(now)
        return session

    # ------------------------------------------------------------------ state

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def current(self) -> Item | None:
        return self._item

    @property
    def total(self) -> int:
        """Questions in the session, counting practice retries queued so far."""
        return len(self.questions) + len(self._retried)

    @property
    def answers(self) -> tuple[Answer, ...]:
        return tuple(self._answers)

    @property
    def score(self) -> int:
        return sum(a.verdict.correct for a in self._answers if not a.item.retry)

    @property
    def deadline(self) -> datetime | None:
        """When an exam with a time limit ends."""
        if self.options.mode is Mode.EXAM and self.options.time_limit:
            return self.started_at + timedelta(seconds=self.options.time_limit)
        return None

    def question_deadline(self) -> datetime | None:
        """When the current drill question times out."""
        if self.options.mode is Mode.DRILL and self.options.time_limit and self._shown_at:
            return self._shown_at + timedelta(seconds=self.options.time_limit)
        return None

    def expired(self, now: datetime) -> bool:
        return self.deadline is not None and now >= self.deadline

    # ------------------------------------------------------------------ actions

    @property
    def can_hint(self) -> bool:
        """Hints are for study: a classroom drill gives everyone the same questions and no help, and
        the teacher's results (accuracy first) would not show who had a hint."""
        return self._phase is Phase.ASKING and self.options.mode is not Mode.DRILL

    def hint(self) -> Hint:
        """First letter for typed answers; two wrong options removed for multiple choice."""
        item = self._need(Phase.ASKING)
        if not self.can_hint:
            raise SessionError("no hints in a drill")
        self._hinted = True
        q = item.question
        if item.form is Form.CHOICE and len(item.options) > 2:
            wrong = [o for o in item.options if fold(o) != fold(q.answer_text)]
            keep_one = min(2, len(wrong) - 1)  # always leave at least one wrong option
            removed = tuple(self.rng.sample(wrong, keep_one))
            return Hint(f"Removed {len(removed)} wrong options", removed)
        if q.kind is Kind.NUMBER:
            digits = q.answer_text.replace(",", "")
            return Hint(f"It has {len(digits.split('.')[0])} digits")
        if q.kind is Kind.TRUEFALSE:
            return Hint("No hint for true/false")
        first = q.answer_text.strip()[:1]
        return Hint(f"Starts with “{first}”, {len(q.answer_text)} characters")

    def submit(self, given: str, now: datetime) -> Answer:
        item = self._need(Phase.ASKING)
        if item.form is Form.FLASHCARD:
            raise SessionError("flashcards are revealed and self-graded, not submitted")
        verdict = grade(item.question, given, item.form, item.options)
        timeout = self.question_deadline()
        if timeout is not None and now >= timeout:  # late, or the timer ran out with nothing typed
            verdict = Verdict(Outcome.WRONG, verdict.given, verdict.expected, "time's up")
            now = timeout  # the time it took is the limit, not when the late tick noticed
        rating = rating_for(verdict, item.form, self._elapsed(now), hinted=self._hinted)
        return self._record(item, verdict, rating, now)

    def skip(self, now: datetime) -> Answer:
        item = self._need(Phase.ASKING, Phase.REVEALED)
        return self._record(item, skipped(item.question), Rating.Again, now)

    def reveal(self) -> Question:
        """Turn a flashcard over; then `rate` it."""
        item = self._need(Phase.ASKING)
        if item.form is not Form.FLASHCARD:
            raise SessionError("only flashcards are revealed")
        self._phase = Phase.REVEALED
        return item.question

    def intervals(self, now: datetime) -> dict[Rating, timedelta]:
        """Next review interval for each rating of the current question, before choosing."""
        item = self._need(Phase.ASKING, Phase.REVEALED)
        return self.schedule.preview(self._cards.get(item.question.id), item.question.id, now)

    def rate(self, rating: Rating, now: datetime) -> Answer:
        """Self-grade a revealed flashcard."""
        item = self._need(Phase.REVEALED)
        q = item.question
        outcome = Outcome.WRONG if rating is Rating.Again else Outcome.CORRECT
        verdict = Verdict(outcome, f"self-graded: {rating.name}", q.answer_text, "")
        return self._record(item, verdict, rating, now)

    def advance(self, now: datetime) -> Item | None:
        """Go on to the next question; None when the session is over."""
        self._need(Phase.ANSWERED)
        self._next(now)
        return self._item

    def pass_over(self, answered: Mapping[str, bool], now: datetime) -> int:
        """A drill taken up again: go past what was answered before (question id: was it right), in
        order, so that the summary counts those answers too; how many were passed."""
        passed = 0
        while self._phase is Phase.ASKING and self._item is not None and self._item.question.id in answered:
            self._passed.add(self._item.question.id)
            self._passed_right += bool(answered[self._item.question.id])
            self._next(now)
            passed += 1
        return passed

    def end(self, now: datetime) -> Summary:
        """Stop now (quit, time limit, or last question done); the rest counts as unanswered."""
        if self._ended_at is None:
            self._ended_at = now
        self._phase = Phase.FINISHED
        self._item = None
        return self.summary()

    def summary(self) -> Summary:
        answered = {a.item.question.id for a in self._answers}
        unreached = sum(1 for q in self.questions if q.id not in answered and q.id not in self._passed)
        end = self._ended_at or (self._answers[-1].attempt.answered_at if self._answers else self.started_at)
        answers, elapsed = tuple(self._answers), end - self.started_at
        drill = self.options.drill
        return Summary(self.options.mode, answers, unreached, elapsed, drill, len(self._passed), self._passed_right)

    @property
    def can_undo(self) -> bool:
        """Whether there is an answer of this session to take back (never in a classroom drill)."""
        return bool(self._answers) and self._phase is not Phase.FINISHED and self.options.mode is not Mode.DRILL

    def undo(self, now: datetime) -> Answer:
        """Take back the latest answer and go back to its question, as it was put."""
        if not self.can_undo:
            raise SessionError("nothing to undo")
        answer, changed = self._answers.pop(), self._undo.pop()
        q = answer.item.question
        if answer.previous is None:
            self._cards.pop(q.id, None)
        else:
            self._cards[q.id] = answer.previous
        if not changed.choice_known:
            self._choice_known.discard(q.id)
        moved_on = self._item is not None and self._item is not answer.item
        if changed.queued_retry:
            if moved_on and self._item is not None and self._item.retry and self._item.question.id == q.id:
                moved_on = False  # the retry this answer queued is on show: it goes, not back in the queue
                self._retried.discard(q.id)
            else:
                self._drop_retry(q.id)
        if moved_on and self._item is not None:  # moved on since: ask that one next
            self._queue.insert(0, (self._item.question, self._item.retry))
        self._item = answer.item
        self._position = answer.item.number
        self._shown_at = now
        self._hinted = False
        self._phase = Phase.ASKING
        return answer

    @property
    def can_override(self) -> bool:
        """Whether the answer on show is a typed one the grader judged wrong, which the learner may claim."""
        if self._phase is not Phase.ANSWERED or not self._answers or self.options.mode in (Mode.DRILL, Mode.EXAM):
            return False
        last = self._answers[-1]
        return last.item.form is Form.TYPED and last.verdict.outcome is Outcome.WRONG

    def override(self) -> Answer:
        """The learner says the typed answer just judged wrong was right: count it and schedule it as right."""
        if not self.can_override:
            raise SessionError("only a typed answer judged wrong can be counted as right")
        last, changed = self._answers[-1], self._undo[-1]
        q = last.item.question
        rating = Rating.Hard if last.attempt.hinted else Rating.Good
        card = self.schedule.review(last.previous, q.id, rating, last.attempt.answered_at)
        self._cards[q.id] = card
        if changed.queued_retry:
            self._drop_retry(q.id)
        verdict = Verdict(Outcome.CORRECT, last.verdict.given, last.verdict.expected, "counted as right: your call")
        answer = replace(
            last, verdict=verdict, rating=rating, attempt=replace(last.attempt, rating=int(rating)), card=card
        )
        self._answers[-1] = answer
        self._undo[-1] = _Undo(False, changed.choice_known)
        return answer

    # ------------------------------------------------------------------ inside

    def _drop_retry(self, question_id: str) -> None:
        self._retried.discard(question_id)
        for index in range(len(self._queue) - 1, -1, -1):
            if self._queue[index][0].id == question_id and self._queue[index][1]:
                del self._queue[index]
                return

    def _need(self, *phases: Phase) -> Item:
        if self._phase not in phases or self._item is None:
            raise SessionError(f"not allowed while {self._phase.value}")
        return self._item

    def _elapsed(self, now: datetime) -> int:
        start = self._shown_at or now
        return max(int((now - start).total_seconds() * 1000), 0)

    def _next(self, now: datetime) -> None:
        if not self._queue or self.expired(now):
            self.end(now)
            return
        question, retry = self._queue.pop(0)
        form = form_for(question, self.options, self.history)
        options = (
            tuple(options_for(question, self._option_rng(question))) if form in (Form.CHOICE, Form.TRUEFALSE) else ()
        )
        self._position += 1
        self._item = Item(question, form, options, self._position, retry)
        self._shown_at = now
        self._hinted = False
        self._phase = Phase.ASKING

    def _option_rng(self, question: Question) -> random.Random:
        """A drill's option order comes from the drill and the question alone, so that a skip, a
        question suspended on one machine, or a drill taken up again changes nobody's options."""
        if self.options.mode is Mode.DRILL:
            return random.Random(f"{self.options.seed}:{question.id}")
        return self.rng

    def _record(self, item: Item, verdict: Verdict, rating: Rating, now: datetime) -> Answer:
        q = item.question
        previous = self._cards.get(q.id)
        card = self.schedule.review(previous, q.id, rating, now)
        self._cards[q.id] = card
        choice_known = q.id in self._choice_known
        if item.form is Form.CHOICE and verdict.correct:
            self._choice_known.add(q.id)
        attempt = Attempt(
            question_id=q.id,
            content_hash=q.content_hash(),
            deck=q.deck,
            form=item.form,
            given=verdict.given,
            outcome=verdict.outcome,
            rating=int(rating),
            elapsed_ms=self._elapsed(now),
            answered_at=now,
            mode=self.options.mode.value,
            hinted=self._hinted,
        )
        answer = Answer(item, verdict, rating, attempt, card, previous)
        self._answers.append(answer)
        retry_due = self.options.mode is Mode.PRACTICE and not verdict.correct and not item.retry
        queued = retry_due and q.id not in self._retried
        if queued:
            self._retried.add(q.id)
            self._queue.append((q, True))
        self._undo.append(_Undo(queued, choice_known))
        self._phase = Phase.ANSWERED
        return answer
