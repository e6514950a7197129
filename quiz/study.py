"""The study services every front end shares: bank + store + clock + scheduler, for one learner."""

from __future__ import annotations

import gc
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.core.outline import Outline, PendingBank
from quiz.core.schedule import Schedule
from quiz.core.study_day import DAY_START, NEW_PER_DAY, StudyDay
from quiz.data.store import QuestionFigures, Store

if TYPE_CHECKING:
    from quiz.core.model import Bank
    from quiz.core.selection import History, Options
    from quiz.core.session import Answer, Session
    from quiz.data.config import Config
    from quiz.data.stats import Forecast, Stats

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(timezone.utc).astimezone()


@dataclass
class Study:
    """Starts sessions from the learner's history and commits each answer the moment it is given.

    Whoever opens it closes it (`with study:`), which folds every answer into quiz.db itself.
    """

    opened: Bank | PendingBank  # see `bank`
    store: Store
    profile: str = "default"
    clock: Clock = system_clock
    schedule: Schedule = field(default_factory=Schedule)
    seed: int | None = None  # pins shuffling in tests; None for a fresh order each session
    reload: Callable[[], Bank] | None = None  # reads the bank again (after drafts are accepted)
    data_dir: Path | None = None  # where the learner's library is (drafts live there)
    day_start: int = DAY_START  # the hour the study day begins: what "due today" means
    new_per_day: int = NEW_PER_DAY  # never-seen questions review mode brings in per study day
    _session_ids: dict[int, int] = field(default_factory=dict)
    _attempt_ids: dict[int, list[int]] = field(default_factory=dict)  # per session, in answer order

    def __post_init__(self) -> None:
        self.store.ensure_profile(self.profile)
        self._outline: tuple[Bank, Outline] | None = None
        self._building = threading.Lock()

    @property
    def bank(self) -> Bank:
        """The bank; one opened from the cache has its questions built here, the first time they are needed."""
        if isinstance(self.opened, PendingBank):
            with self._building:  # a screen's worker thread may ask at the same moment
                if isinstance(self.opened, PendingBank):
                    self.opened = self.opened.build()
        return self.opened

    @bank.setter
    def bank(self, bank: Bank) -> None:
        self.opened = bank

    @property
    def outline(self) -> Outline:
        """The decks as the home screen shows them, without building the questions of a pending bank."""
        if isinstance(self.opened, PendingBank):
            return self.opened.outline
        if self._outline is None or self._outline[0] is not self.opened:
            self._outline = (self.opened, Outline.of(self.opened))
        return self._outline[1]

    def __enter__(self) -> Study:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the store with a checkpoint: quiz.db alone then holds every answer."""
        self.store.close()

    def use_settings(self, config: Config) -> None:
        """Apply the study settings of config.toml: day start, new questions per day, retention."""
        self.day_start = config.day_start
        self.new_per_day = config.new_per_day
        self.schedule = self.schedule.retaining(config.desired_retention)
        self.use_parameters()

    def use_parameters(self) -> None:
        """Schedule with the FSRS parameters this profile adopted (`quiz optimize`), or the defaults."""
        if self.data_dir is not None:
            from quiz.data import parameters

            self.schedule = self.schedule.fitted(parameters.load(self.data_dir, self.profile))

    def now(self) -> datetime:
        return self.clock()

    def today(self, now: datetime | None = None) -> StudyDay:
        """The learner's current study day: a question is due when it falls due before it ends."""
        return StudyDay.of(now or self.now(), self.day_start)

    def history(self) -> History:
        history = self.store.history(self.profile, self.now(), self.day_start)
        return replace(history, suspended=self.store.suspended(self.profile))

    def question_figures(self, now: datetime | None = None) -> QuestionFigures:
        """Due today, mastered and latest results per question: the home screen's deck table."""
        # Tens of thousands of ids and no cycles among them: the collector would walk them for nothing.
        paused = gc.isenabled()
        gc.disable()
        try:
            return self.store.question_figures(self.profile, now or self.now(), self.day_start)
        finally:
            if paused:
                gc.enable()

    def streak(self, now: datetime | None = None) -> int:
        return self.store.streak(self.profile, now or self.now(), self.day_start)

    def stats(self) -> Stats:
        return self.store.stats(self.profile, self.bank, self.now(), day_start=self.day_start)

    def forecast(self) -> Forecast:
        return self.store.forecast(self.profile, self.now(), self.bank, day_start=self.day_start)

    def start(self, options: Options) -> Session:
        from quiz.core.session import Session  # imported here: the home screen needs no session (start-up speed)

        now = self.now()
        options = replace(options, new_per_day=self.new_per_day, day_start=self.day_start)
        seed = options.seed if options.seed is not None else self.seed
        rng = random.Random(seed)
        session = Session.start(
            self.bank, options, self.history(), now, rng=rng, schedule=self.schedule, profile=self.profile
        )
        self._session_ids[id(session)] = self.store.start_session(
            self.profile, options.mode.value, _describe(options), now
        )
        if options.drill:  # taken up again (a refreshed browser, a late start): never from the top
            from quiz.core.drill_entry import same_student

            rows, student = self.store.drill_attempts(options.drill), options.student or self.profile
            earlier = {r["question_id"]: bool(r["correct"]) for r in rows if same_student(r["student"], student)}
            session.pass_over(earlier, now)
        return session

    def record(self, session: Session, answer: Answer) -> None:
        """Commit one answer (one short transaction) before the UI shows its feedback."""
        attempt_id = self.store.record(self.profile, answer.attempt, answer.card, self._session_ids.get(id(session)))
        self._attempt_ids.setdefault(id(session), []).append(attempt_id)

    def undo(self, session: Session) -> Answer | None:
        """Take back the session's latest answer, in the store and in the session; None if there is none."""
        ids = self._attempt_ids.get(id(session))
        if not session.can_undo or not ids:
            return None
        now = self.now()
        self.store.undo(self.profile, ids[-1], session.answers[-1].previous, now)  # first: it may fail
        ids.pop()
        return session.undo(now)

    def override(self, session: Session) -> Answer | None:
        """Count the typed answer just judged wrong as right, as the learner says; None if it cannot be."""
        ids = self._attempt_ids.get(id(session))
        if not session.can_override or not ids:
            return None
        answer = session.override()
        self.store.override(self.profile, ids[-1], answer.card, int(answer.rating))
        return answer

    def finish(self, session: Session) -> None:
        session_id = self._session_ids.pop(id(session), None)
        self._attempt_ids.pop(id(session), None)
        if session_id is not None:
            self.store.finish_session(session_id, self.now())

    def reload_bank(self) -> None:
        if self.reload is not None:
            self.bank = self.reload()

    def switch_profile(self, name: str) -> None:
        self.store.ensure_profile(name)
        self.profile = name
        self.use_parameters()


def _describe(options: Options) -> dict[str, object]:
    return {
        "decks": list(options.decks),
        "tags": list(options.tags),
        "kinds": [k.value for k in options.kinds],
        "difficulty": list(options.difficulty),
        "articles": list(options.articles),
        "questions": list(options.questions),
        "count": options.count,
        "seed": options.seed,
        "form": options.form.value if options.form else None,
        "time_limit": options.time_limit,
        "drill": options.drill,
        "student": options.student,
    }
