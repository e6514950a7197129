"""The study services every front end shares: bank + store + clock + scheduler, for one learner."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.core.model import Bank
from quiz.core.schedule import Schedule
from quiz.core.selection import History, Options
from quiz.data.store import Store

if TYPE_CHECKING:
    from quiz.core.session import Answer, Session

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(timezone.utc).astimezone()


@dataclass
class Study:
    """Starts sessions from the learner's history and commits each answer the moment it is given."""

    bank: Bank
    store: Store
    profile: str = "default"
    clock: Clock = system_clock
    schedule: Schedule = field(default_factory=Schedule)
    seed: int | None = None  # pins shuffling in tests; None for a fresh order each session
    reload: Callable[[], Bank] | None = None  # reads the bank again (after drafts are accepted)
    data_dir: Path | None = None  # where the learner's library is (drafts live there)
    _session_ids: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.store.ensure_profile(self.profile)

    def now(self) -> datetime:
        return self.clock()

    def history(self) -> History:
        return self.store.history(self.profile, self.now())

    def start(self, options: Options) -> Session:
        from quiz.core.session import Session  # imported here: the home screen needs no session (start-up speed)

        now = self.now()
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
            session.pass_over({r["question_id"] for r in rows if same_student(r["student"], student)}, now)
        return session

    def record(self, session: Session, answer: Answer) -> None:
        """Commit one answer (one short transaction) before the UI shows its feedback."""
        self.store.record(self.profile, answer.attempt, answer.card, self._session_ids.get(id(session)))

    def finish(self, session: Session) -> None:
        session_id = self._session_ids.pop(id(session), None)
        if session_id is not None:
            self.store.finish_session(session_id, self.now())

    def reload_bank(self) -> None:
        if self.reload is not None:
            self.bank = self.reload()

    def switch_profile(self, name: str) -> None:
        self.store.ensure_profile(name)
        self.profile = name


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
