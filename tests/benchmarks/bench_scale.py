"""Fast at any size (issue 19): a year of daily study and a 50,000-question library, every figure in one run.

Not part of the default test run. Either of:
    .venv/bin/python tests/benchmarks/bench_scale.py
    .venv/bin/python -m pytest tests/benchmarks/bench_scale.py -o addopts="" -s

The history is 1,000,000 attempts over 50,000 questions and the 365 study days up to today,
bulk-inserted through the store's own schema, with a card and a per-question summary for each
question and the answers summed per quarter hour; the library is the same 50,000 questions as
imported decks in the data folder. The pristine store is kept in the temporary folder (keyed
by the schema version and today's date) and copied for each run, so a second run starts
measuring within seconds.

Each row is printed against its baseline measured in the same run: a bare SQLite insert and
commit in WAL/FULL mode for recording (timed in turns with the answers), `python -c "import quiz"`
for the commands, and a one-widget Textual app for the TUI. Goals are checked on wall time; each row also prints its
processor time, which moves far less than wall time when other work shares the machine.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script, the sibling benchmarks import too

from bench_store import bare_commit, timed  # noqa: E402
from bench_tui import ENV, MINIMAL, ROOT, generate_bank  # noqa: E402

from quiz.core.attempt import Attempt  # noqa: E402
from quiz.core.outline import PendingBank  # noqa: E402
from quiz.core.schedule import Rating, Schedule  # noqa: E402
from quiz.core.verdict import Form, Outcome  # noqa: E402
from quiz.data import charts, locations  # noqa: E402
from quiz.data.bank_cache import ENV_CACHE  # noqa: E402
from quiz.data.days import to_ms  # noqa: E402
from quiz.data.library import open_full_bank, read_full_bank  # noqa: E402
from quiz.data.store import QUARTERS_REBUILT, Store, _card_row, known_version  # noqa: E402

QUIZ = """
import asyncio, sys
from quiz.cli import build_parser
from quiz.cli.study_commands import open_or_report, tui_app

async def main():
    argv = sys.argv[1:]
    app = tui_app(open_or_report(build_parser(argv).parse_args(argv)))  # as `quiz` does
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"

asyncio.run(main())
"""
ATTEMPTS = 1_000_000
QUESTIONS = 50_000
DAYS = 365
PROFILE = "default"  # what every command and the app use when no profile is named
PROCESS_RUNS = 7
GOALS = {  # row -> (goal, how it is compared)
    "record": (1.3, "x baseline"),
    "stats --json": (500.0, "ms"),
    "due --json": (300.0, "ms"),
    "Store.stats": (100.0, "ms"),
    "chart series": (200.0, "ms"),  # issue 18: the stats screen's charts over the same year
    "TUI, 1M store": (1.5, "x baseline"),
    "TUI, 50k library": (1.5, "x baseline"),
    "TUI, built-in bank": (1.15, "x baseline"),
}


@dataclass
class Row:
    name: str
    ms: float
    baseline: str
    baseline_ms: float
    cpu_ms: float | None = None  # processor time, steadier than wall time on a shared machine

    @property
    def ratio(self) -> float:
        return self.ms / self.baseline_ms

    @property
    def met(self) -> bool:
        goal, unit = GOALS[self.name]
        return (self.ratio if unit.startswith("x") else self.ms) <= goal

    def line(self) -> str:
        goal, unit = GOALS[self.name]
        cpu = "" if self.cpu_ms is None else f"   processor {self.cpu_ms:.1f} ms"
        return (
            f"{self.name:<20} {self.ms:9.1f} ms  = {self.ratio:6.2f} x {self.baseline} ({self.baseline_ms:.1f} ms)"
            f"   goal <= {goal:g} {unit}: {'ok' if self.met else 'MISSED'}{cpu}"
        )


def build_library(data_dir: Path) -> list[tuple[str, str]]:
    """The 50,000 generated questions as imported decks in the learner's library: (question id, deck)."""
    generate_bank(data_dir / "library")  # writes library/questions/*.toml
    bank, problems = read_full_bank(Path(ROOT / "questions"), None, data_dir)
    assert not problems, problems[:3]
    return [(q.id, q.deck) for q in bank.questions if q.id.startswith("g-")]


def build_store(path: Path, questions: list[tuple[str, str]], now: datetime) -> float:
    """A year of daily study ending `now`, bulk-inserted through the store's schema; returns seconds taken."""
    rng = random.Random(19)
    started = time.perf_counter()
    store = Store.open(path, now=now, backups=False)
    profile = store.ensure_profile(PROFILE, now - timedelta(days=DAYS))
    first = to_ms(now - timedelta(days=DAYS)) + 3_600_000
    step = (to_ms(now) - 3_600_000 - first) // ATTEMPTS
    forms = [f.value for f in Form]
    seen: dict[str, list[int]] = {}  # attempts, correct, last_correct, last_at, choice_known

    def attempts() -> Iterator[tuple[object, ...]]:
        for i in range(ATTEMPTS):
            qid, deck = questions[rng.randrange(QUESTIONS)]
            correct = int(rng.random() < 0.75)
            form, at = forms[i % 4], first + i * step
            row = seen.setdefault(qid, [0, 0, 0, 0, 0])
            row[:] = [row[0] + 1, row[1] + correct, correct, at, row[4] or int(correct and form == "choice")]
            outcome = "correct" if correct else "wrong"
            yield (profile, qid, "h", deck, form, "given", outcome, correct, 3, 2000, 0, "review", at)

    db = store._db
    db.execute("PRAGMA cache_size = -262144")  # 256 MiB while building
    indexes = [
        (name, sql)
        for name, sql in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attempts'"
        )
        if sql
    ]
    db.execute("BEGIN IMMEDIATE")
    for name, _sql in indexes:  # rebuilt after the rows: one sort each instead of a million inserts
        db.execute(f"DROP INDEX {name}")
    db.executemany(
        "INSERT INTO attempts (profile_id, question_id, content_hash, deck, form, given, outcome, correct, rating,"
        " elapsed_ms, hinted, mode, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        attempts(),
    )
    for _name, sql in indexes:
        db.execute(sql)
    db.execute(QUARTERS_REBUILT)  # the sums per quarter hour that record() keeps, as the migration makes them
    deck_of = dict(questions)
    db.executemany(
        "INSERT INTO question_stats (profile_id, question_id, deck, attempts, correct, last_correct, last_at,"
        " choice_known) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ((profile, qid, deck_of[qid], *row) for qid, row in seen.items()),
    )
    schedule = Schedule(fuzzing=False)
    base = now.astimezone(timezone.utc)
    template = schedule.review(None, "template", Rating.Good, base - timedelta(days=30))
    cards = []
    for qid in seen:
        template.due = base + timedelta(days=rng.uniform(-20, 40))
        template.stability = rng.lognormvariate(2.2, 1.0)  # about a quarter at 21 days or more
        due, card_json = _card_row(template)
        cards.append((profile, qid, deck_of[qid], card_json, due, first + rng.randrange(DAYS) * 86_400_000))
    db.executemany(
        "INSERT INTO cards (profile_id, question_id, deck, card_json, due, first_seen, stability)"
        " VALUES (?, ?, ?, ?, ?, ?, json_extract(?4, '$.stability'))",
        cards,
    )
    db.execute("INSERT INTO meta (key, value) VALUES ('last_profile', ?)", (PROFILE,))
    db.execute("COMMIT")
    store.close()
    return time.perf_counter() - started


def prepared(now: datetime) -> tuple[Path, str]:
    """The pristine year-of-study data folder for today, built once and kept in the temporary folder."""
    folder = Path(tempfile.gettempdir()) / f"quiz-bench-scale-v{known_version()}-{now:%Y%m%d}"
    done = folder / "built"
    if done.exists():
        return folder, done.read_text()
    shutil.rmtree(folder, ignore_errors=True)
    data = folder / "data"
    took = build_store(data / "quiz.db", build_library(data), now)
    size = (data / "quiz.db").stat().st_size / 2**20
    note = f"built {ATTEMPTS:,} attempts over {QUESTIONS:,} questions in {took:.0f} s ({size:.0f} MiB)"
    done.write_text(note)
    return folder, note


def walls(*commands: list[str], env: dict[str, str], runs: int = PROCESS_RUNS) -> list[float]:
    """Median wall time (ms) of each command after a warm-up run, run in turns so load hurts them alike."""
    return [wall for wall, _cpu in timed_processes(*commands, env=env, runs=runs)]


def timed_processes(*commands: list[str], env: dict[str, str], runs: int = PROCESS_RUNS) -> list[tuple[float, float]]:
    """As walls, with each command's median processor time (ms, user and system) beside its wall time."""
    for command in commands:
        subprocess.run([sys.executable, *command], check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    times: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(runs):
        for command, samples in zip(commands, times, strict=True):
            start, used = time.perf_counter(), _children_cpu()
            subprocess.run([sys.executable, *command], check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
            samples.append(((time.perf_counter() - start) * 1000, _children_cpu() - used))
    return [(statistics.median(w for w, _ in s), statistics.median(c for _, c in s)) for s in times]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def cpu_timed(run: Callable[[], object], times: int) -> tuple[float, float]:
    """Median wall and processor time (ms) of `run` in this process."""
    samples = []
    for _ in range(times):
        start, used = time.perf_counter(), time.process_time()
        run()
        samples.append(((time.perf_counter() - start) * 1000, (time.process_time() - used) * 1000))
    return statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples)


def measure(work: Path) -> list[Row]:
    now = datetime.now(timezone.utc).astimezone()
    pristine, note = prepared(now)
    print(f"\n{note}; copying it for this run")
    data = work / "year"
    shutil.copytree(pristine / "data", data)
    library_only = work / "library"
    shutil.copytree(pristine / "data" / "library", library_only / "library")
    env = ENV | {"QUIZ_CONFIG_DIR": str(work / "config"), "QUIZ_CACHE_DIR": str(work / "cache")}
    rows = []

    bare = walls(["-c", "import quiz"], env=env)[0]
    (stats_ms, stats_cpu), (due_ms, due_cpu) = timed_processes(
        ["-m", "quiz", "stats", "--json", "--data-dir", str(data)],
        ["-m", "quiz", "due", "--json", "--data-dir", str(data)],
        env=env,
    )
    rows += [
        Row("stats --json", stats_ms, "import quiz", bare, stats_cpu),
        Row("due --json", due_ms, "import quiz", bare, due_cpu),
    ]

    bank, _ = read_full_bank(ROOT / "questions", None, data)
    with Store.open(data, now=now) as store:
        assert store.backup_problem is None  # waits for the day's backup: answers are timed without it
        wall, cpu = cpu_timed(lambda: store.stats(PROFILE, bank, now), 9)
        rows.append(Row("Store.stats", wall, "-", 1.0, cpu))
        wall, cpu = cpu_timed(lambda: charts.read(store, PROFILE, now, desired_retention=0.9), 9)
        rows.append(Row("chart series", wall, "-", 1.0, cpu))
        schedule = Schedule(fuzzing=False)
        pending = iter(
            (
                Attempt(
                    f"g-{n * 7919 % QUESTIONS:06d}",
                    "h",
                    "gen-00",
                    Form.TYPED,
                    "x",
                    Outcome.CORRECT,
                    3,
                    900,
                    now + timedelta(seconds=n),
                    "review",
                ),
                schedule.review(None, f"g-{n:06d}", Rating.Good, now.astimezone(timezone.utc)),
            )
            for n in range(250)  # 200 timed, then 50 counted
        )

        def record() -> None:
            attempt, card = next(pending)
            store.record(PROFILE, attempt, card, None)

        # The day's backup and this run's copy of the store leave some 260 MB for the disk to write: flushed
        # now, each answer's sync waits for its own pages only, as the bare commits do.
        os.sync()
        record_ms, record_cpu, bare_ms = answers_and_bare_commits(record, work)
        pages, statements = _written_per_answer(store, record, 50)
    rows.insert(0, Row("record", record_ms, "bare insert+commit", bare_ms, record_cpu))

    tui = [("TUI, 1M store", data), ("TUI, 50k library", library_only), ("TUI, built-in bank", work / "empty")]
    (minimal, minimal_cpu), *apps = timed_processes(
        ["-c", MINIMAL], *(["-c", QUIZ, "--data-dir", str(d)] for _name, d in tui), env=env
    )
    rows += [
        Row(name, ms, "minimal Textual app", minimal, cpu) for (name, _d), (ms, cpu) in zip(tui, apps, strict=True)
    ]
    print(f"processor time of the minimal Textual app: {minimal_cpu:.0f} ms")
    print(f"each answer writes {pages:.1f} pages to the log in {statements:.1f} statements (BEGIN and COMMIT too)")
    for row in rows:
        print(row.line())
    print(f"after first paint, the app builds the 50,000 questions: {built_after_paint(library_only, env):.0f} ms")
    return rows


def answers_and_bare_commits(record: Callable[[], None], folder: Path, turns: int = 10) -> tuple[float, float, float]:
    """Median wall and processor ms of 200 answers and median wall ms of 200 bare commits (one row into an
    empty table, WAL and synchronous=FULL as the store), timed in turns of 20 answers and 20 commits.

    The disk is shared: its sync took 0.3 ms one minute and 4 ms the next, so 200 answers followed by
    200 commits could compare one disk with another (12x or 1x in runs minutes apart).
    """
    bare, one = bare_commit(folder)
    answers, commits = [], []
    for _ in range(turns):
        answers += [cpu_timed(record, 1) for _ in range(20)]
        commits += timed(one, 20)
    bare.close()
    walls, processor = zip(*answers, strict=True)
    return statistics.median(walls), statistics.median(processor), statistics.median(commits)


def _written_per_answer(store: Store, record: Callable[[], None], times: int) -> tuple[float, float]:
    """Pages each answer appends to quiz.db-wal and statements it runs, over `times` more answers (untimed)."""
    db = store._db
    wal, frame = Path(f"{store.path}-wal"), db.execute("PRAGMA page_size").fetchone()[0] + 24
    statements: list[str] = []
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("PRAGMA wal_autocheckpoint = 0")  # the log only grows meanwhile, from empty
    db.set_trace_callback(statements.append)
    for _ in range(times):
        record()
    db.set_trace_callback(None)
    db.execute("PRAGMA wal_autocheckpoint = 1000")
    logged = wal.stat().st_size - 32  # after the log's header
    return logged / frame / times, len(statements) / times


def built_after_paint(data: Path, env: dict[str, str]) -> float:
    """Median ms the app spends building a cached bank's questions once home is drawn (not in any row)."""
    os.environ[ENV_CACHE] = env[ENV_CACHE]  # the cache the runs above wrote
    pending, problems = open_full_bank(locations.bank_path(), locations.seeds_path(None), data)
    assert isinstance(pending, PendingBank) and not problems
    return statistics.median(timed(pending.build, 5))


def test_every_figure_meets_its_goal(tmp_path: Path) -> None:
    rows = measure(tmp_path)
    missed = [row.name for row in rows if not row.met]
    assert not missed, f"goals missed: {', '.join(missed)}"


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        results = measure(Path(folder))
    sys.exit(0 if all(row.met for row in results) else 1)
