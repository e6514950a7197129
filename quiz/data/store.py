"""The score store: every answer committed to SQLite the moment it is given.

One file, `<data_dir>/quiz.db`, in WAL mode with `synchronous=FULL`: an answer is durable once
`record()` returns, and several quiz processes can share the file. Times are unix milliseconds
(UTC); days are counted in the time zone of the `now` a caller passes in.
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import random
import sqlite3
import sys
import threading
import time
import unicodedata
import weakref
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quiz.core.study_day import DAY_START, MASTERED_STABILITY_DAYS, StudyDay
from quiz.core.verdict import Form
from quiz.data import backup
from quiz.data.backup import Diagnosis, Health
from quiz.data.days import QUARTER_MS, from_ms, streak, to_ms, unless_suspended

if TYPE_CHECKING:
    from quiz.core.attempt import Attempt
    from quiz.core.model import Bank
    from quiz.core.schedule import Card
    from quiz.core.selection import History
    from quiz.data.stats import Forecast, QuestionRow, Stats

DB_NAME = "quiz.db"
DEFAULT_PROFILE = "default"
APPLICATION_ID = 0x5155495A  # "QUIZ" in the file header: tells our databases from other SQLite files
BUSY_TIMEOUT_S = backup.BUSY_TIMEOUT_S
LOCK_PATIENCE_S = 60.0  # how long to keep retrying a busy write before saying so
MAX_PROFILE_NAME = 40
MMAP_BYTES = 256 * 2**20

MATURE_DAYS = MASTERED_STABILITY_DAYS
MATURE_MS = int(MATURE_DAYS * 86_400_000)
# Every answer's quarter row, from scratch: what record(), undo() and override() keep up to date one answer
# at a time. An answer is "mature" when the question's previous answer (in time, then id, order) was
# MATURE_DAYS or more before it: FSRS then had it at about that stability (see quiz.data.charts).
QUARTERS_REBUILT = f"""INSERT INTO answer_quarters (profile_id, quarter, deck, answers, correct, mature, mature_correct)
    SELECT profile_id, answered_at / {QUARTER_MS}, deck, count(*), sum(correct), sum(mature), sum(mature AND correct)
    FROM (SELECT profile_id, answered_at, deck, correct, ifnull(answered_at - lag(answered_at)
            OVER (PARTITION BY profile_id, question_id ORDER BY answered_at, id) >= {MATURE_MS}, 0) AS mature
        FROM attempts)
    GROUP BY 1, 2, 3"""

UPGRADE_NOTICE_AT = 100_000
"""From this many stored answers an upgrade says so on a terminal before it starts."""

MIGRATIONS: list[tuple[str, ...]] = [
    (  # 1: the first schema
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        "CREATE TABLE profiles (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL)",
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            mode TEXT NOT NULL,
            options TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            ended_at INTEGER)""",
        "CREATE INDEX sessions_by_profile ON sessions(profile_id)",
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            session_id INTEGER REFERENCES sessions(id),
            question_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            deck TEXT NOT NULL,
            form TEXT NOT NULL,
            given TEXT NOT NULL,
            outcome TEXT NOT NULL,
            correct INTEGER NOT NULL,
            rating INTEGER,
            elapsed_ms INTEGER NOT NULL,
            hinted INTEGER NOT NULL,
            mode TEXT NOT NULL,
            answered_at INTEGER NOT NULL)""",
        # `correct` rides along in the index so per-day figures never touch the table rows.
        "CREATE INDEX attempts_by_time ON attempts(profile_id, answered_at, correct)",
        "CREATE INDEX attempts_by_question ON attempts(profile_id, question_id)",
        "CREATE INDEX attempts_by_session ON attempts(session_id)",  # keeps deleting sessions fast
        """CREATE TABLE cards (
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            question_id TEXT NOT NULL,
            deck TEXT NOT NULL,
            card_json TEXT NOT NULL,
            due INTEGER NOT NULL,
            first_seen INTEGER NOT NULL,
            PRIMARY KEY (profile_id, question_id)) WITHOUT ROWID""",
        "CREATE INDEX cards_by_due ON cards(profile_id, due)",
        "CREATE INDEX cards_by_first_seen ON cards(profile_id, first_seen)",
        """CREATE TABLE question_stats (
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            question_id TEXT NOT NULL,
            deck TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            correct INTEGER NOT NULL,
            last_correct INTEGER NOT NULL,
            last_at INTEGER NOT NULL,
            choice_known INTEGER NOT NULL,
            PRIMARY KEY (profile_id, question_id)) WITHOUT ROWID""",
    ),
    (  # 2: FSRS stability beside the card, so counting mastered questions decodes no JSON
        "ALTER TABLE cards ADD COLUMN stability REAL",
        "UPDATE cards SET stability = json_extract(card_json, '$.stability')",
    ),
    (  # 3: the learner's own marks on a question, "I was right" overrides, and undone answers kept aside
        """CREATE TABLE question_marks (
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            question_id TEXT NOT NULL,
            suspended INTEGER NOT NULL DEFAULT 0,
            flagged INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (profile_id, question_id)) WITHOUT ROWID""",
        # An overridden attempt keeps the grader's outcome; `correct` says what the learner claimed.
        "ALTER TABLE attempts ADD COLUMN overridden INTEGER NOT NULL DEFAULT 0",
        # Undone answers leave `attempts` (so no figure counts them) but stay visible to an export.
        """CREATE TABLE undone_attempts (
            id INTEGER PRIMARY KEY,
            attempt_id INTEGER NOT NULL,
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            session_id INTEGER REFERENCES sessions(id),
            question_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            deck TEXT NOT NULL,
            form TEXT NOT NULL,
            given TEXT NOT NULL,
            outcome TEXT NOT NULL,
            correct INTEGER NOT NULL,
            rating INTEGER,
            elapsed_ms INTEGER NOT NULL,
            hinted INTEGER NOT NULL,
            mode TEXT NOT NULL,
            answered_at INTEGER NOT NULL,
            overridden INTEGER NOT NULL,
            undone_at INTEGER NOT NULL)""",
        "CREATE INDEX undone_by_profile ON undone_attempts(profile_id, id)",
        "CREATE INDEX undone_by_session ON undone_attempts(session_id)",
    ),
    (  # 4: what is due and what is mastered read from indexes alone, never from the cards' rows
        "DROP INDEX cards_by_due",
        "CREATE INDEX cards_by_due ON cards(profile_id, due, deck)",
        "CREATE INDEX cards_by_stability ON cards(profile_id, stability)",
    ),
    (  # 5: answers summed per quarter hour, and only the indexes a query uses (each one costs every answer)
        # Per-day figures, streaks and retention now read answer_quarters.
        "DROP INDEX attempts_by_time",
        # A question's answers in time order: its latest, its previous one (for `mature`), and its recount.
        "DROP INDEX attempts_by_question",
        "CREATE INDEX attempts_by_question ON attempts(profile_id, question_id, answered_at)",
        # Mastered is counted from the due index (a scan of 50,000 small entries) instead of an index of its
        # own that every answer had to update.
        "DROP INDEX cards_by_stability",
        "DROP INDEX cards_by_due",
        "CREATE INDEX cards_by_due ON cards(profile_id, due, deck, stability)",
        f"""CREATE TABLE answer_quarters (
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            quarter INTEGER NOT NULL,  -- answered_at // {QUARTER_MS}: a study day is a whole number of them
            deck TEXT NOT NULL,
            answers INTEGER NOT NULL,
            correct INTEGER NOT NULL,
            mature INTEGER NOT NULL,  -- answers given {MATURE_DAYS:g} days or more after the question's previous one
            mature_correct INTEGER NOT NULL,
            PRIMARY KEY (profile_id, quarter, deck)) WITHOUT ROWID""",
        QUARTERS_REBUILT,  # reads the answers in the new index's order: no sort
    ),
]
"""Forward migrations: entry n-1 takes a database from version n-1 to n. Never edit a shipped one."""


class StoreError(Exception):
    """The score database cannot be used as asked; the message says what to do."""


@dataclass(frozen=True)
class ProfileSummary:
    """A profile and how much is recorded for it."""

    name: str
    attempts: int
    sessions: int
    cards: int


@dataclass(frozen=True)
class QuestionFigures:
    """Ids of the questions due in the study day and mastered (quiz.core.study_day's meanings), and of those
    answered with, for each, 1 if its latest answer was right (else 0): as read, and as sets once asked for."""

    due_ids: Sequence[str] = ()
    mastered_ids: Sequence[str] = ()
    answered_ids: Sequence[str] = ()
    latest_right: bytes = b""  # one byte per answered id, in the same order

    @cached_property
    def due(self) -> frozenset[str]:
        return frozenset(self.due_ids)

    @cached_property
    def mastered(self) -> frozenset[str]:
        return frozenset(self.mastered_ids)

    @cached_property
    def latest_correct(self) -> dict[str, bool]:
        """Question id -> whether its latest answer was right."""
        return dict(zip(self.answered_ids, map(bool, self.latest_right), strict=True))


def database_path(path: Path) -> Path:
    """The database file for `path`: a `.db` file, or the data folder that holds quiz.db."""
    path = Path(path).expanduser()
    return path if path.suffix == ".db" and not path.is_dir() else path / DB_NAME


def known_version() -> int:
    return len(MIGRATIONS)


def explain(diagnosis: Diagnosis, *, advise_doctor: bool = True) -> str:
    """What is wrong with a database file and what to do, in words for the learner.

    `quiz doctor` itself passes advise_doctor=False: it says what to do next in its own words.
    """
    where = diagnosis.path
    if diagnosis.health is Health.NEWER:
        return (
            f"The score database {where} was written by a newer version of quiz "
            f"({diagnosis.detail}; this one knows up to {known_version()}). "
            "Upgrade quiz to use it; the file has not been changed."
        )
    if diagnosis.health is Health.FOREIGN:
        return (
            f"{where} is not a quiz score database ({diagnosis.detail}). It has not been changed; "
            "point --data-dir (or QUIZ_DATA_DIR) at another folder."
        )
    if diagnosis.health is Health.BUSY:
        return f"The score database {where} is busy: another program has held it for too long ({diagnosis.detail})."
    if diagnosis.health is Health.UNREADABLE:
        if _read_only_mount(where.parent):  # SQLite cannot make its -shm file there: not a permissions problem
            return f"The score database {where} cannot be opened: {_cannot_write(where)}"
        return f"The score database {where} cannot be opened: {diagnosis.detail}. Check the file's permissions."
    advice = (
        " Run `quiz doctor` to see the backups, and `quiz doctor --restore` to put back the latest good one"
        " (the damaged file is kept beside it)."
        if advise_doctor
        else ""
    )
    return f"The score database {where} is damaged: {diagnosis.detail}. It has not been changed.{advice}"


class Store:
    """Profiles, sessions, attempts and scheduling state for every learner on this machine."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db = db
        self._lock = threading.RLock()  # one transaction at a time when threads share the store
        self.path = path
        self.lock_waits = 0  # times a write found the database locked and retried (diagnostics)
        self._backup_problem: str | None = None
        self._background: list[threading.Thread] = []  # the day's backup, joined before closing
        # Closes with a checkpoint whichever comes first: close(), the store being dropped, or
        # the end of the process (a finalizer also runs at interpreter exit).
        self._finalizer = weakref.finalize(self, _checkpoint_and_close, db, self._lock, self._background)

    # ----------------------------------------------------------------------- opening

    @classmethod
    def open(cls, path: Path, *, now: datetime | None = None, backups: bool = True) -> Store:
        """Open (creating if missing) the database at `path`: a `.db` file or the data folder."""
        path = database_path(path)
        now = now or datetime.now(timezone.utc).astimezone()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"Cannot create the folder for scores, {path.parent}: {exc.strerror or exc}. "
                "Pass --data-dir DIR (or set QUIZ_DATA_DIR) to a folder you can write to."
            ) from None
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a score database; move it away or choose another --data-dir.")
        if path.exists():
            # Every answer is written here: a store that cannot write says so now, not at the first
            # answer (and before the check below, which a read-only disk would fail for the wrong reason).
            _check_writable(path)
            # Checked read-only first: a damaged or newer file must come out byte for byte unchanged.
            # The whole-file check runs when the file looks unclean (see diagnose), at backup
            # time and in `quiz doctor`: at a million answers it took most of a second.
            found = backup.diagnose(
                path,
                max_version=known_version(),
                application_id=APPLICATION_ID,
                when_needed=True,
                read_header=not _open_here(path),
            )
            if not found.ok:
                raise StoreError(explain(found))
        else:
            _create(path)
        store = cls(_connect(path), path)
        _OPEN.add(store)
        try:
            store._migrate()
        except BaseException:
            store.close()
            raise
        if backups:
            store._back_up(now)
        for leftover in (f".{path.name}.new-*", f".{path.name}.restoring-*"):
            backup.sweep(path.parent, leftover)
        return store

    def _back_up(self, now: datetime) -> None:
        """Today's backup, if there is none yet, in a background thread: never in the way of an answer."""
        folder = self.path.parent / backup.FOLDER
        try:
            with self._lock:
                if backup.has_daily(folder, now.date()) or not self._has_data():
                    return
        except (OSError, sqlite3.Error) as exc:
            self._backup_problem = f"Could not write today's backup in {folder}: {exc}."
            return
        thread = threading.Thread(target=self._write_backup, args=(folder, now.date()), name="quiz-backup", daemon=True)
        self._background.append(thread)
        thread.start()

    def _write_backup(self, folder: Path, today: date) -> None:
        """Check the whole file, then copy it through its own connection (SQLite's backup API)."""
        try:
            limits = {"max_version": known_version(), "application_id": APPLICATION_ID}
            # read_header=False: this process has the file open (see backup.diagnose).
            found = backup.diagnose(self.path, read_header=False, **limits)
            if not found.ok:  # a damaged file never replaces a good backup
                self._backup_problem = f"Today's backup was not written. {explain(found)}"
                return
            source = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
            try:
                backup.write_daily(source, folder, today)
            finally:
                source.close()
        except (OSError, sqlite3.Error) as exc:
            # Studying matters more than today's copy; `quiz doctor` shows the backups there are.
            self._backup_problem = f"Could not write today's backup in {folder}: {exc}."

    @property
    def backup_problem(self) -> str | None:
        """What went wrong with today's backup, once it is done (None: written, or not needed)."""
        for thread in self._background:
            thread.join()
        return self._backup_problem

    def close(self) -> None:
        """Fold the write-ahead log into quiz.db, then close: the file alone then holds every answer.

        Closing twice is harmless.
        """
        _OPEN.discard(self)
        self._finalizer()  # runs once

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        with self._read("read the schema version") as db:
            return db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        if self.version == known_version():
            return  # the common case takes no write lock
        with self._write("upgrade the score database") as db:
            # Read again under the lock: another process may have upgraded meanwhile.
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > known_version():
                raise StoreError(explain(Diagnosis(self.path, Health.NEWER, f"schema version {version}", version)))
            if version and sys.stderr is not None and sys.stderr.isatty():
                answers = db.execute("SELECT max(id) FROM attempts").fetchone()[0] or 0
                if answers >= UPGRADE_NOTICE_AT:  # a year of answers takes some seconds: say why we wait
                    note = f"quiz: upgrading {self.path} for this version of quiz (once, a few seconds)…"
                    print(note, file=sys.stderr)
            try:
                for number in range(version + 1, known_version() + 1):
                    for statement in MIGRATIONS[number - 1]:
                        db.execute(statement)
            except sqlite3.Error as exc:
                raise StoreError(
                    f"Could not upgrade the score database {self.path} from version {version} to "
                    f"{known_version()} ({exc}); it was left as it was. Please report this."
                ) from None
            db.execute(f"PRAGMA user_version = {known_version()}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _has_data(self) -> bool:
        return bool(self._db.execute("SELECT EXISTS(SELECT 1 FROM profiles)").fetchone()[0])

    # ----------------------------------------------------------------------- transactions

    @contextmanager
    def _write(self, doing: str) -> Iterator[sqlite3.Connection]:
        """One short BEGIN IMMEDIATE transaction, committed (or rolled back) before returning."""
        with self._lock:
            self._begin("BEGIN IMMEDIATE", doing)
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as exc:
                if self._db.in_transaction:
                    with contextlib.suppress(sqlite3.Error):  # the original error says more
                        self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(_say(exc, self.path, doing)) from None
                raise

    @contextmanager
    def _read(self, doing: str) -> Iterator[sqlite3.Connection]:
        """A read transaction, so that several queries see the same moment."""
        with self._lock:
            self._begin("BEGIN", doing)
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as exc:
                # Ended here, not in a `finally`: a COMMIT that fails too (a damaged file fails
                # every statement) must not hide the sentence below behind a bare sqlite3 error.
                if self._db.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(_say(exc, self.path, doing)) from None
                raise

    def _begin(self, sql: str, doing: str) -> None:
        # busy_timeout already waits for the lock; this loop covers the cases where SQLite returns
        # "database is locked" without waiting, so that message never reaches the learner.
        deadline = time.monotonic() + LOCK_PATIENCE_S
        pause = 0.002
        while True:
            try:
                self._db.execute(sql)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise StoreError(_say(exc, self.path, doing)) from None
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"Could not {doing}: another quiz has kept the score database {self.path} busy "
                        f"for over {LOCK_PATIENCE_S:.0f} s. Close other quiz windows and try again."
                    ) from None
                self.lock_waits += 1
                time.sleep(pause * (1 + random.random()))
                pause = min(pause * 2, 0.25)

    # ----------------------------------------------------------------------- profiles

    def profiles(self) -> list[str]:
        with self._read("list profiles") as db:
            return [name for (name,) in db.execute("SELECT name FROM profiles ORDER BY name")]

    def profile_summaries(self) -> list[ProfileSummary]:
        sql = """SELECT p.name,
                   (SELECT total(attempts) FROM question_stats s WHERE s.profile_id = p.id),
                   (SELECT count(*) FROM sessions s WHERE s.profile_id = p.id),
                   (SELECT count(*) FROM cards c WHERE c.profile_id = p.id)
                 FROM profiles p ORDER BY p.name"""
        with self._read("list profiles") as db:
            return [ProfileSummary(name, int(n), s, c) for name, n, s, c in db.execute(sql)]

    def add_profile(self, name: str, now: datetime | None = None) -> int:
        name = _profile_name(name)
        with self._write("add a profile") as db:
            if _profile_id(db, name) is not None:
                raise StoreError(f"A profile named {name!r} already exists.")
            return _insert_profile(db, name, now)

    def ensure_profile(self, name: str, now: datetime | None = None) -> int:
        """The id of profile `name`, created if it does not exist yet."""
        name = _profile_name(name)
        with self._read("find a profile") as db:
            found = _profile_id(db, name)
        if found is not None:
            return found
        with self._write("add a profile") as db:
            return _profile_id(db, name) or _insert_profile(db, name, now)

    def remove_profile(self, name: str) -> ProfileSummary:
        """Delete a profile and everything recorded for it; returns what was removed."""
        name = name.strip()
        with self._write("remove a profile") as db:
            pid = _profile_id(db, name)
            if pid is None:
                raise StoreError(_no_such_profile(name, [n for (n,) in db.execute("SELECT name FROM profiles")]))
            counts = {t: db.execute(f"DELETE FROM {t} WHERE profile_id = ?", (pid,)).rowcount for t in _OWNED}
            db.execute("DELETE FROM profiles WHERE id = ?", (pid,))
            db.execute("DELETE FROM meta WHERE key = 'last_profile' AND value = ?", (name,))
        return ProfileSummary(name, counts["attempts"], counts["sessions"], counts["cards"])

    def last_profile(self) -> str | None:
        """The profile that last started a session or answered, if it still exists."""
        sql = "SELECT p.name FROM meta m JOIN profiles p ON p.name = m.value WHERE m.key = 'last_profile'"
        with self._read("read the last profile") as db:
            row = db.execute(sql).fetchone()
        return row[0] if row else None

    def has_profile(self, name: str) -> bool:
        with self._read("find a profile") as db:
            return _profile_id(db, name) is not None

    # ----------------------------------------------------------------------- sessions and answers

    def start_session(self, profile: str, mode: str, options: Mapping[str, Any], now: datetime) -> int:
        import json  # imported here: start-up speed

        name = _profile_name(profile)
        sql = "INSERT INTO sessions (profile_id, mode, options, started_at) VALUES (?, ?, ?, ?)"
        with self._write("start a session") as db:
            pid = _profile_id(db, name) or _insert_profile(db, name, now)
            session = db.execute(sql, (pid, mode, json.dumps(dict(options), default=str), to_ms(now))).lastrowid
            _remember(db, name)
        return int(session or 0)

    def drill_attempts(self, code: str) -> list[dict[str, Any]]:
        """Every answer given in drill sessions for `code`, by any profile, oldest first."""
        with self._read("read drill results") as db:
            rows = db.execute(_DRILL_ATTEMPTS, (code,)).fetchall()
        return [dict(zip(_DRILL_FIELDS, row, strict=True)) for row in rows]

    def finish_session(self, session_id: int, now: datetime) -> None:
        with self._write("finish a session") as db:
            db.execute("UPDATE sessions SET ended_at = ? WHERE id = ?", (to_ms(now), session_id))

    def record(self, profile: str, attempt: Attempt, card: Card | None, session_id: int | None) -> int:
        """Store one answer, its card and its aggregate in one transaction; durable once this returns."""
        name = _profile_name(profile)
        at = to_ms(attempt.answered_at)
        correct = int(attempt.correct)
        choice = int(attempt.correct and attempt.form is Form.CHOICE)
        scheduled = None
        if card is not None:  # its JSON made before the write lock is taken
            due, card_json = _card_row(card)
            scheduled = (card_json, due, at, card.stability)
        with self._write("save your answer") as db:
            pid, previous, later = _profile_and_previous(db, name, attempt.question_id, at)
            if pid is None:
                pid = _insert_profile(db, name, attempt.answered_at)
            attempt_id = db.execute(
                _INSERT_ATTEMPT,
                (
                    pid,
                    session_id,
                    attempt.question_id,
                    attempt.content_hash,
                    attempt.deck,
                    attempt.form.value,
                    attempt.given,
                    attempt.outcome.value,
                    correct,
                    None if attempt.rating is None else int(attempt.rating),
                    attempt.elapsed_ms,
                    int(attempt.hinted),
                    attempt.mode,
                    at,
                ),
            ).lastrowid
            if scheduled is not None:
                db.execute(_UPSERT_CARD, (pid, attempt.question_id, attempt.deck, *scheduled))
            db.execute(_UPSERT_STATS, (pid, attempt.question_id, attempt.deck, correct, correct, at, choice))
            mature = _mature(previous, at)
            _add_to_quarter(db, pid, at, attempt.deck, 1, correct, mature, mature * correct)
            if later:  # only an answer recorded out of time order (an import, a clock change) has one after it
                _rematch_next(db, pid, attempt.question_id, at, previous, at)
            _remember(db, name)
        return int(attempt_id or 0)

    # ----------------------------------------------------------------------- reading

    def history(self, profile: str, now: datetime, day_start: int = DAY_START) -> History:
        """What the core needs to pick questions: cards, latest results, and the study day's new cards.

        Times come back in the time zone of `now`: the same instants as stored, and comparing
        datetimes that share a tzinfo skips a UTC conversion per card in the review queue.
        """
        from quiz.core.selection import History  # selection's dataclasses: home is drawn before any is needed

        with self._read("read your history") as db:
            pid = _profile_id(db, profile)
            if pid is None:
                return History()
            cards = db.execute(_HISTORY_CARDS, (pid,)).fetchall()
            latest = db.execute(_HISTORY_LATEST, (pid,)).fetchall()
            new_today = db.execute(
                "SELECT count(*) FROM cards WHERE profile_id = ? AND first_seen >= ?",
                (pid, to_ms(StudyDay.of(now, day_start).start)),
            ).fetchone()[0]
        zone = now.tzinfo
        # Tens of thousands of small objects and no cycles among them: without this pause the
        # cyclic collector would run hundreds of times here for nothing.
        paused = gc.isenabled()
        gc.disable()
        try:
            return History(
                cards=_Cards({qid: raw for qid, _due, raw in cards}),
                due=_Instants({qid: due for qid, due, _raw in cards}, zone),
                latest_correct={r[0]: r[1] == 1 for r in latest},
                latest_at=_Instants({r[0]: r[2] for r in latest}, zone),
                choice_known=frozenset(r[0] for r in latest if r[3]),
                new_today=new_today,
            )
        finally:
            if paused:
                gc.enable()

    def question_figures(self, profile: str, now: datetime, day_start: int = DAY_START) -> QuestionFigures:
        """Which questions are due in the study day of `now` and which are mastered, and the latest results.

        What the home screen's deck table shows, read from indexes: history() would build every card.
        """
        import json  # imported here: start-up speed (the app reads these before its first frame)

        end = to_ms(StudyDay.of(now, day_start).end)
        with self._read("read your progress") as db:
            pid = _profile_id(db, profile)
            if pid is None:
                return QuestionFigures()
            # Each list comes as one JSON array: tens of thousands of ids read as rows cost a row object each.
            due = db.execute(_DUE_IDS + unless_suspended(db, pid), (pid, end)).fetchone()[0]
            mastered = db.execute(_MASTERED_IDS, (pid, MASTERED_STABILITY_DAYS)).fetchone()[0]
            answered, right = db.execute(_ANSWERED_IDS, (pid,)).fetchone()
        return QuestionFigures(
            json.loads(due), json.loads(mastered), json.loads(answered), (right or "").encode().translate(_BITS)
        )

    def streak(self, profile: str, now: datetime, day_start: int = DAY_START) -> int:
        """Consecutive study days with an answer, up to today (or yesterday if none yet today)."""
        with self._read("count your streak") as db:
            return streak(db, _profile_id(db, profile), now, day_start)[0]

    def stats(
        self,
        profile: str,
        bank: Bank | Sequence[QuestionRow],
        now: datetime,
        days: int = 30,
        day_start: int = DAY_START,
    ) -> Stats:
        """Every figure `quiz stats` shows; `bank` may be the bank's cached index (see read_question_rows)."""
        from quiz.data import stats  # imported here, like the other figures: start-up speed

        # Tens of thousands of rows and no cycles among them: beside a 50,000-question bank the
        # cyclic collector would otherwise walk the whole bank several times during this call.
        paused = gc.isenabled()
        gc.disable()
        try:
            with self._read("read your stats") as db:
                return stats.compute(db, _profile_id(db, profile), profile, bank, now, days, day_start)
        finally:
            if paused:
                gc.enable()

    def forecast(
        self,
        profile: str,
        now: datetime,
        bank: Bank | Sequence[QuestionRow] | None = None,
        days: int = 7,
        day_start: int = DAY_START,
    ) -> Forecast:
        """Reviews due today and on each of the following study days, per deck."""
        from quiz.data import stats

        with self._read("count what is due") as db:
            active = None if bank is None else stats.bank_decks(bank)
            return stats.forecast(db, _profile_id(db, profile), now, active, days, day_start)

    def attempts(self, profile: str, page: int = 2000) -> Iterator[dict[str, Any]]:
        """Every attempt of `profile`, oldest first, then any undone ones, as plain values (for export)."""
        with self._read("export attempts") as db:
            pid = _profile_id(db, profile)
        after = 0
        # Page by id rather than hold one cursor open, so the caller may do anything between rows.
        while pid is not None:
            with self._read("export attempts") as db:
                rows = db.execute(_EXPORT, (pid, after, page)).fetchall()
            yield from (_exported(row, profile) for row in rows)
            if len(rows) < page:
                break
            after = rows[-1][0]
        if pid is not None:
            with self._read("export attempts") as db:
                undone = db.execute(_EXPORT_UNDONE, (pid,)).fetchall()
            yield from (_exported(row, profile) for row in undone)

    # ----------------------------------------------------------------------- marks, undo and override

    def marks(self, profile: str) -> dict[str, QuestionMark]:
        """The questions this learner has suspended or flagged."""
        with self._read("read your suspended and flagged questions") as db:
            pid = _profile_id(db, profile)
            rows = db.execute(_MARKS, (pid,)).fetchall() if pid is not None else []
        return {qid: QuestionMark(bool(suspended), bool(flagged)) for qid, suspended, flagged in rows}

    def suspended(self, profile: str) -> frozenset[str]:
        """Ids of the questions this learner has suspended: they are never asked."""
        return frozenset(qid for qid, mark in self.marks(profile).items() if mark.suspended)

    def mark(
        self, profile: str, question_id: str, *, suspended: bool | None = None, flagged: bool | None = None
    ) -> None:
        """Suspend or unsuspend, flag or unflag one question for this learner (None leaves it as it is)."""
        name = _profile_name(profile)
        with self._write("mark a question") as db:
            pid = _profile_id(db, name) or _insert_profile(db, name, None)
            db.execute(_UPSERT_MARK, (pid, question_id, suspended, flagged))
            db.execute(
                "DELETE FROM question_marks WHERE profile_id = ? AND question_id = ? AND NOT suspended AND NOT flagged",
                (pid, question_id),
            )

    def question_attempts(self, profile: str, question_id: str) -> list[dict[str, Any]]:
        """Every answer this learner gave to one question, oldest first (undone ones left out)."""
        with self._read("read a question's history") as db:
            pid = _profile_id(db, profile)
            rows = [] if pid is None else db.execute(_QUESTION_ATTEMPTS, (pid, question_id)).fetchall()
        return [dict(zip(EXPORT_FIELDS, row, strict=True)) | {"answered_at": from_ms(row[13])} for row in rows]

    def results(self, profile: str) -> dict[str, tuple[int, int]]:
        """Question id -> (answers, right answers) for this learner."""
        with self._read("read your results") as db:
            pid = _profile_id(db, profile)
            sql = "SELECT question_id, attempts, correct FROM question_stats WHERE profile_id = ?"
            return {} if pid is None else {qid: (n, ok) for qid, n, ok in db.execute(sql, (pid,))}

    def undo(self, profile: str, attempt_id: int, previous: Card | None, now: datetime) -> None:
        """Take back one answer in one transaction: the attempt moves aside, the card is as it was before it."""
        with self._write("undo your answer") as db:
            pid, question_id = _own_attempt(db, profile, attempt_id)
            at, deck, correct, before = _placed(db, pid, question_id, attempt_id)
            mature = _mature(before, at)
            _add_to_quarter(db, pid, at, deck, -1, -correct, -mature, -mature * correct)
            _rematch_next(db, pid, question_id, at, at, before)
            db.execute(_MOVE_UNDONE, (to_ms(now), attempt_id))
            db.execute("DELETE FROM attempts WHERE id = ?", (attempt_id,))
            if previous is None:
                db.execute("DELETE FROM cards WHERE profile_id = ? AND question_id = ?", (pid, question_id))
            else:
                due, card_json = _card_row(previous)
                db.execute(_RESTORE_CARD, (card_json, due, previous.stability, pid, question_id))
            _recount(db, pid, question_id)

    def override(self, profile: str, attempt_id: int, card: Card, rating: int) -> None:
        """Count an answer the grader judged wrong as right, as the learner says; its card is rescheduled."""
        with self._write("count your answer as right") as db:
            pid, question_id = _own_attempt(db, profile, attempt_id)
            at, deck, correct, before = _placed(db, pid, question_id, attempt_id)
            _add_to_quarter(db, pid, at, deck, 0, 1 - correct, 0, _mature(before, at) * (1 - correct))
            db.execute("UPDATE attempts SET correct = 1, overridden = 1, rating = ? WHERE id = ?", (rating, attempt_id))
            due, card_json = _card_row(card)
            db.execute(_RESTORE_CARD, (card_json, due, card.stability, pid, question_id))
            _recount(db, pid, question_id)

    def latest_answers(self, profile: str, question_id: str, limit: int = 3) -> list[tuple[str, str, datetime]]:
        """The learner's last answers to one question, newest first: (given, outcome, when)."""
        sql = """SELECT given, outcome, answered_at FROM attempts WHERE profile_id = ? AND question_id = ?
            ORDER BY answered_at DESC, id DESC LIMIT ?"""
        with self._read("read your answers") as db:
            rows = db.execute(sql, (_profile_id(db, profile), question_id, limit)).fetchall()
        return [(given, outcome, from_ms(at)) for given, outcome, at in rows]


_OPEN: weakref.WeakSet[Store] = weakref.WeakSet()


def _checkpoint_and_close(db: sqlite3.Connection, lock: threading.RLock, background: list[threading.Thread]) -> None:
    """SQLite folds the log into the file only when the LAST connection closes; the explicit
    checkpoint does it even while another quiz has the file open."""
    for thread in background:  # a backup still reading would keep the checkpoint waiting
        thread.join()
    with lock:  # after any transaction in flight in another thread
        with contextlib.suppress(sqlite3.Error):  # busy or read-only: the log stays, nothing is lost
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()


def _open_here(path: Path) -> bool:
    """Some store in this process has the database at `path` open."""
    try:
        return any(os.path.samefile(store.path, path) for store in list(_OPEN))
    except OSError:
        return False


def open_stores() -> set[Store]:
    """The stores opened in this process and not closed yet (the CLI closes those a command left open)."""
    return set(_OPEN)


_DRILL_FIELDS = ("student", "question_id", "given", "correct", "elapsed_ms", "answered_at")
# The student is the name given when the drill started; runs from before names were asked show the profile.
# Sessions first (CROSS JOIN keeps that order): the drill's answers are found by session, not by reading them all.
_DRILL_ATTEMPTS = """SELECT coalesce(nullif(json_extract(s.options, '$.student'), ''), p.name),
    a.question_id, a.given, a.correct, a.elapsed_ms, a.answered_at
    FROM sessions s CROSS JOIN attempts a ON a.session_id = s.id JOIN profiles p ON p.id = a.profile_id
    WHERE s.mode = 'drill' AND json_extract(s.options, '$.drill') = ? ORDER BY a.id"""

EXPORT_FIELDS = (
    "id",
    "session_id",
    "question_id",
    "content_hash",
    "deck",
    "form",
    "given",
    "outcome",
    "correct",
    "rating",
    "elapsed_ms",
    "hinted",
    "mode",
    "answered_at",
    "overridden",  # the learner said "I was right": `correct` is their claim, `outcome` the grader's verdict
    "undone_at",  # empty unless the answer was taken back with undo (it then counts nowhere)
)
# `+`: read in id order from `after` on, not every answer of the profile sorted again for each page
_EXPORT = (
    f"SELECT {', '.join(EXPORT_FIELDS[:-1])}, NULL FROM attempts WHERE +profile_id = ? AND id > ? ORDER BY id LIMIT ?"
)
_EXPORT_UNDONE = (
    f"SELECT attempt_id, {', '.join(EXPORT_FIELDS[1:])} FROM undone_attempts WHERE profile_id = ? ORDER BY id"
)
# The card comes as bytes: json.loads takes them, and 50,000 fewer UTF-8 decodes are measurable.
_HISTORY_CARDS = "SELECT question_id, due, CAST(card_json AS BLOB) FROM cards WHERE profile_id = ?"
_DUE_IDS = "SELECT json_group_array(question_id) FROM cards WHERE profile_id = ? AND due < ?"
_MASTERED_IDS = "SELECT json_group_array(question_id) FROM cards WHERE profile_id = ? AND stability >= ?"
# Both in the order of the one scan: the digits say which ids were answered right last time.
_ANSWERED_IDS = """SELECT json_group_array(question_id), group_concat(last_correct != 0, '')
    FROM question_stats WHERE profile_id = ?"""
_BITS = bytes.maketrans(b"01", b"\x00\x01")
_HISTORY_LATEST = "SELECT question_id, last_correct, last_at, choice_known FROM question_stats WHERE profile_id = ?"
# The latest answer to a question at or before a time, leaving one answer out (-1: none).
_PREVIOUS = """SELECT max(answered_at) FROM attempts
    WHERE profile_id = ? AND question_id = ? AND answered_at <= ? AND id != ?"""
# The same for a new answer, and whether the question has an answer after it: one statement fewer per answer.
_PREVIOUS_AND_LATER = """SELECT
    (SELECT max(answered_at) FROM attempts WHERE profile_id = ?1 AND question_id = ?2 AND answered_at <= ?3),
    EXISTS (SELECT 1 FROM attempts WHERE profile_id = ?1 AND question_id = ?2 AND answered_at > ?3)"""
# The profile's id and the question's latest answer time: the question_stats row record() keeps anyway.
_PROFILE_AND_LATEST = """SELECT p.id, s.last_at FROM profiles p
    LEFT JOIN question_stats s ON s.profile_id = p.id AND s.question_id = ?2
    WHERE p.name = ?1"""
_NEXT = """SELECT answered_at, deck, correct FROM attempts WHERE profile_id = ? AND question_id = ? AND answered_at > ?
    ORDER BY answered_at LIMIT 1"""
_ADD_TO_QUARTER = """INSERT INTO answer_quarters (profile_id, quarter, deck, answers, correct, mature, mature_correct)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (profile_id, quarter, deck) DO UPDATE SET
        answers = answers + excluded.answers, correct = correct + excluded.correct,
        mature = mature + excluded.mature, mature_correct = mature_correct + excluded.mature_correct"""
_EMPTY_QUARTER = "DELETE FROM answer_quarters WHERE profile_id = ? AND quarter = ? AND deck = ? AND answers <= 0"
# Deleted in this order: children first.
_OWNED = ("answer_quarters", "question_marks", "undone_attempts", "question_stats", "cards", "attempts", "sessions")
_INSERT_ATTEMPT = """INSERT INTO attempts (profile_id, session_id, question_id, content_hash, deck, form, given,
        outcome, correct, rating, elapsed_ms, hinted, mode, answered_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_UPSERT_CARD = """INSERT INTO cards (profile_id, question_id, deck, card_json, due, first_seen, stability)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (profile_id, question_id) DO UPDATE SET
        deck = excluded.deck, card_json = excluded.card_json, due = excluded.due, stability = excluded.stability"""
# An answer older than the latest one (an import, a clock change) counts, but is not "the latest".
_UPSERT_STATS = """INSERT INTO question_stats
        (profile_id, question_id, deck, attempts, correct, last_correct, last_at, choice_known)
    VALUES (?, ?, ?, 1, ?, ?, ?, ?)
    ON CONFLICT (profile_id, question_id) DO UPDATE SET
        deck = excluded.deck,
        attempts = attempts + 1,
        correct = correct + excluded.correct,
        last_correct = CASE WHEN excluded.last_at >= last_at THEN excluded.last_correct ELSE last_correct END,
        last_at = max(last_at, excluded.last_at),
        choice_known = max(choice_known, excluded.choice_known)"""

_MARKS = "SELECT question_id, suspended, flagged FROM question_marks WHERE profile_id = ?"
_UPSERT_MARK = """INSERT INTO question_marks (profile_id, question_id, suspended, flagged)
    VALUES (?1, ?2, coalesce(?3, 0), coalesce(?4, 0))
    ON CONFLICT (profile_id, question_id) DO UPDATE SET
        suspended = coalesce(?3, suspended), flagged = coalesce(?4, flagged)"""
_QUESTION_ATTEMPTS = (
    f"SELECT {', '.join(EXPORT_FIELDS[:-1])}, NULL FROM attempts WHERE profile_id = ? AND question_id = ? ORDER BY id"
)
_MOVE_UNDONE = f"""INSERT INTO undone_attempts (attempt_id, profile_id, {", ".join(EXPORT_FIELDS[1:])})
    SELECT id, profile_id, {", ".join(EXPORT_FIELDS[1:-1])}, ? FROM attempts WHERE id = ?"""
_RESTORE_CARD = "UPDATE cards SET card_json = ?, due = ?, stability = ? WHERE profile_id = ? AND question_id = ?"
# The question's aggregate rebuilt from the answers that remain: the same figures record() keeps.
_RECOUNT = """INSERT OR REPLACE INTO question_stats
        (profile_id, question_id, deck, attempts, correct, last_correct, last_at, choice_known)
    SELECT profile_id, question_id, deck, count(*), sum(correct),
        (SELECT correct FROM attempts l WHERE l.profile_id = a.profile_id AND l.question_id = a.question_id
            ORDER BY answered_at DESC, id DESC LIMIT 1),
        max(answered_at), max(correct AND form = 'choice')
    FROM attempts a WHERE profile_id = ? AND question_id = ? GROUP BY profile_id, question_id"""


@dataclass(frozen=True)
class QuestionMark:
    """What a learner has said about one question."""

    suspended: bool = False
    flagged: bool = False


def _own_attempt(db: sqlite3.Connection, profile: str, attempt_id: int) -> tuple[int, str]:
    """The profile id and question of one of this profile's answers."""
    pid = _profile_id(db, profile)
    row = db.execute("SELECT question_id FROM attempts WHERE id = ? AND profile_id = ?", (attempt_id, pid)).fetchone()
    if pid is None or row is None:
        raise StoreError(f"Answer {attempt_id} of profile {profile!r} is no longer in the score database.")
    return pid, row[0]


def _mature(previous: int | None, at: int) -> int:
    """1 when an answer at `at` came MATURE_DAYS or more after the question's previous answer."""
    return int(previous is not None and at - previous >= MATURE_MS)


def _profile_and_previous(
    db: sqlite3.Connection, name: str, question_id: str, at: int
) -> tuple[int | None, int | None, bool]:
    """For a new answer at `at`: the profile's id (None: no such profile yet), the time of the question's
    answer before it (None: none) and whether the question has an answer after it.

    question_stats keeps each question's latest answer time, so the usual answer, later than every
    other, reads one summary row; only an answer recorded out of time order looks into the attempts.
    """
    found = db.execute(_PROFILE_AND_LATEST, (name, question_id)).fetchone()
    if found is None:
        return None, None, False
    pid, latest = found
    if latest is None or latest <= at:
        return pid, latest, False
    previous, later = db.execute(_PREVIOUS_AND_LATER, (pid, question_id, at)).fetchone()
    return pid, previous, bool(later)


def _add_to_quarter(
    db: sqlite3.Connection, pid: int, at: int, deck: str, answers: int, correct: int, mature: int, mature_correct: int
) -> None:
    """Add to (or, with negative figures, take from) the quarter row of an answer given at `at`."""
    db.execute(_ADD_TO_QUARTER, (pid, at // QUARTER_MS, deck, answers, correct, mature, mature_correct))
    if answers < 0:
        db.execute(_EMPTY_QUARTER, (pid, at // QUARTER_MS, deck))


def _placed(db: sqlite3.Connection, pid: int, question_id: str, attempt_id: int) -> tuple[int, str, int, int | None]:
    """One answer's time, deck and result, and the time of the question's answer before it."""
    at, deck, correct = db.execute(
        "SELECT answered_at, deck, correct FROM attempts WHERE id = ?", (attempt_id,)
    ).fetchone()
    return at, deck, correct, db.execute(_PREVIOUS, (pid, question_id, at, attempt_id)).fetchone()[0]


def _rematch_next(
    db: sqlite3.Connection, pid: int, question_id: str, at: int, was_before: int | None, now_before: int | None
) -> None:
    """The answer after `at` to the same question had `was_before` as its previous one and now has `now_before`.

    Only an answer recorded out of time order (an import, a clock change) or an undone one that was
    followed by another has such a neighbour; its maturity is counted again.
    """
    following = db.execute(_NEXT, (pid, question_id, at)).fetchone()
    if following is None:
        return
    next_at, deck, correct = following
    change = _mature(now_before, next_at) - _mature(was_before, next_at)
    if change:
        _add_to_quarter(db, pid, next_at, deck, 0, 0, change, change * correct)


def _recount(db: sqlite3.Connection, pid: int, question_id: str) -> None:
    db.execute("DELETE FROM question_stats WHERE profile_id = ? AND question_id = ?", (pid, question_id))
    db.execute(_RECOUNT, (pid, question_id))


class _Decoded(Mapping[str, Any]):
    """Question id -> a value kept raw as read from SQLite and turned into its object only when asked for."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self._raw = raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __contains__(self, key: object) -> bool:
        return key in self._raw


class _Cards(_Decoded):
    """Question id -> FSRS card, each decoded from its JSON the first time it is read.

    Decoding 50,000 cards takes longer than the whole review-queue budget, while a queue only
    looks at due times (History.due) and a session at the cards of its own questions.
    """

    def __init__(self, raw: dict[str, bytes]) -> None:
        super().__init__(raw)
        self._made: dict[str, Card] = {}

    def __getitem__(self, key: str) -> Card:
        card = self._made.get(key)
        if card is None:
            from fsrs import Card  # imported here: drawing the home screen needs no fsrs

            card = self._made[key] = Card.from_json(self._raw[key])
        return card


class _Instants(_Decoded):
    """Question id -> a time kept in unix ms, as a datetime in the caller's zone."""

    def __init__(self, ms: dict[str, int], zone: tzinfo | None) -> None:
        super().__init__(ms)
        self._zone = zone

    def __getitem__(self, key: str) -> datetime:
        return datetime.fromtimestamp(self._raw[key] / 1000, self._zone)


def _exported(row: tuple[Any, ...], profile: str) -> dict[str, Any]:
    item = dict(zip(EXPORT_FIELDS, row, strict=True))
    item["profile"] = profile
    for flag in ("correct", "hinted", "overridden"):
        item[flag] = bool(item[flag])
    for instant in ("answered_at", "undone_at"):
        if item[instant] is not None:
            item[instant] = from_ms(item[instant]).isoformat(timespec="milliseconds")
    return item


def _card_row(card: Card) -> tuple[int, str]:
    """The card's due time in ms and its JSON, with `due` cut to the millisecond in both so they agree.

    The JSON is json.dumps(card.to_dict()) character for character; written out directly, it costs each
    answer less than half the time (finite floats and ints print the same with repr as in JSON).
    """
    due = to_ms(card.due)
    numbers = (card.card_id, card.state.value, card.step, card.stability, card.difficulty)
    last = card.last_review
    if not all(n is None or type(n) is int or (type(n) is float and math.isfinite(n)) for n in numbers):
        import json

        data = card.to_dict()
        data["due"] = from_ms(due).isoformat()
        return due, json.dumps(data)
    card_id, state, step, stability, difficulty = ("null" if n is None else repr(n) for n in numbers)
    reviewed = "null" if last is None else f'"{last.isoformat()}"'
    return due, (
        f'{{"card_id": {card_id}, "state": {state}, "step": {step}, "stability": {stability}, '
        f'"difficulty": {difficulty}, "due": "{from_ms(due).isoformat()}", "last_review": {reviewed}}}'
    )


def _profile_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > MAX_PROFILE_NAME or any(unicodedata.category(c)[0] == "C" for c in cleaned):
        raise StoreError(
            f"{name!r} cannot be a profile name: use 1-{MAX_PROFILE_NAME} visible characters (letters, digits, spaces)."
        )
    return cleaned


def _profile_id(db: sqlite3.Connection, name: str) -> int | None:
    row = db.execute("SELECT id FROM profiles WHERE name = ?", (name.strip(),)).fetchone()
    return row[0] if row else None


def _insert_profile(db: sqlite3.Connection, name: str, now: datetime | None) -> int:
    created = to_ms(now or datetime.now(timezone.utc))
    return int(db.execute("INSERT INTO profiles (name, created_at) VALUES (?, ?)", (name, created)).lastrowid or 0)


def _remember(db: sqlite3.Connection, name: str) -> None:
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('last_profile', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value != excluded.value",
        (name,),
    )


def _no_such_profile(name: str, known: list[str]) -> str:
    listing = ", ".join(sorted(known)) if known else "none yet"
    return f"There is no profile named {name!r} (profiles: {listing})."


def _create(path: Path) -> None:
    """Create a new database under a temporary name, then link it into place in one step.

    Processes starting together never see a half-made file: whoever links first wins and the
    others open that one.
    """
    temp = path.with_name(f".{path.name}.new-{os.getpid()}-{random.randrange(1 << 30)}")
    try:
        db = _connect(temp)
        try:
            Store(db, temp)._migrate()
        finally:
            db.close()
        try:
            os.link(temp, path)
        except FileExistsError:
            pass  # another process created it first
        except OSError:
            if not path.exists():  # a file system without hard links
                os.replace(temp, path)
    except sqlite3.Error as exc:
        raise StoreError(_say(exc, path, "create the score database")) from None
    except OSError as exc:
        raise StoreError(f"Cannot create the score database {path}: {exc.strerror or exc}.") from None
    finally:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            leftover.unlink(missing_ok=True)


def _connect(path: Path) -> sqlite3.Connection:
    try:
        # Shared across threads (a TUI worker may record); Store._lock serialises the transactions.
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        # Reads map the file instead of copying each page through the page cache: whole-table
        # figures (stats, the due forecast) at 50,000 questions take about a third less time.
        db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        _switch_to_wal(db)
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise StoreError(_say(exc, path, "open the score database")) from None
    return db


def _switch_to_wal(db: sqlite3.Connection) -> None:
    # Switching needs a moment alone with the file; a process starting alongside may have to wait.
    deadline = time.monotonic() + LOCK_PATIENCE_S
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01 + random.random() * 0.02)


def _check_writable(path: Path) -> None:
    """Refuse a database that cannot take answers, naming why: a read-only disk, or permissions.

    SQLite itself would only say "attempt to write a readonly database" at the first answer, or
    "unable to open database file" when WAL's -shm cannot be made beside it.
    """
    # The folder too: the -wal and -shm files are made beside the file.
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise StoreError(f"Cannot save answers: {_cannot_write(path)}")


def _cannot_write(path: Path) -> str:
    """Why `path` cannot be written, in words: a read-only file system, or who may write where."""
    if _read_only_mount(path.parent):
        return (
            f"the disk holding {path} is mounted read-only. "
            "Pass --data-dir DIR (or set QUIZ_DATA_DIR) to a folder on a writable disk."
        )
    target, kind = (path.parent, "folder") if not os.access(path.parent, os.W_OK) else (path, "file")
    return (
        f"you may not write to the {kind} {target}. Give yourself write permission on it, "
        "or pass --data-dir DIR (or set QUIZ_DATA_DIR) to another folder."
    )


def _read_only_mount(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False


def _say(exc: sqlite3.Error, path: Path, doing: str) -> str:
    """An SQLite error as a sentence that says what to do."""
    text = str(exc)
    lowered = text.lower()
    if "full" in lowered:
        return f"Could not {doing}: the disk holding {path} is full. Free some space and try again."
    if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered or "permission" in lowered:
        return f"Could not {doing}: {_cannot_write(path)}"
    if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
        return f"Could not {doing}: the score database {path} is damaged ({text}). Run `quiz doctor`."
    if "locked" in lowered or "busy" in lowered:
        return f"Could not {doing}: the score database {path} is busy. Close other quiz windows and try again."
    return f"Could not {doing} in {path}: {text}."
