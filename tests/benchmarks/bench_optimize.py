"""The optimizer on 10,000 reviews, and the stats screen's chart series at a million attempts.

The optimizer is also timed as `quiz optimize` runs it, on the same reviews stored in a quiz.db:
reading them, fitting, restating the cards and saving the parameters, against reading the same
reviews alone (`fitting.read_histories`), measured in the same run. The stats screen's open time
with a year of history is in bench_stats_screen.py.

Not part of the default test run. Either of:
    .venv/bin/python -m pytest tests/benchmarks/bench_optimize.py -p no:cacheprovider -o addopts="" -s
    .venv/bin/python tests/benchmarks/bench_optimize.py
Each figure is printed in ms and as a ratio to a baseline measured in the same run (a fixed piece of
pure-Python work, the machine's speed), so numbers from different machines can be compared.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from datetime import timezone
from pathlib import Path

from fsrs_rs_python import DEFAULT_PARAMETERS

from quiz.core.schedule import Rating, Schedule
from quiz.data import charts, fitting
from quiz.data.days import to_ms
from quiz.data.store import Store, _card_row
from tests.benchmarks.bench_store import NOW, build_bank, build_store, cpu_baseline, timed
from tests.fitting.learner import histories

REVIEWS = 10_000
RATIO_BUDGET = {"optimize": 400.0, "charts": 150.0, "optimize stored": 20.0}
"""Times the cpu baseline: the fit of 10,000 reviews in well under a second, the charts of a year in
a fraction of one, on a machine where the baseline takes ~10 ms. "optimize stored" is against
reading the same reviews from the store instead."""


def measure_optimize(cpu: float) -> dict[str, float]:
    answers = histories(REVIEWS // 10 + 1, 11)  # ten reviews after each first answer
    train, held = fitting.split(answers)
    assert len(train) + len(held) >= REVIEWS
    fit_ms = statistics.median(timed(lambda: fitting.fit(answers, DEFAULT_PARAMETERS), 3))
    result = fitting.fit(answers, DEFAULT_PARAMETERS)
    reviews = len(train) + len(held)
    print(f"\noptimize  {reviews:,} reviews: median {fit_ms:8.1f} ms = {fit_ms / cpu:6.1f} x cpu ({cpu:.2f} ms)")
    assert result.before is not None and result.after is not None
    print(
        f"          log loss {result.before.log_loss:.4f} -> {result.after.log_loss:.4f},"
        f" RMSE {result.before.rmse:.2%} -> {result.after.rmse:.2%}, adopted: {result.better}"
    )
    return {"optimize": fit_ms / cpu}


def store_reviews(path: Path, answers: list[list[tuple[int, int]]]) -> Store:
    """The simulated learner's answers as attempts (noon of each study day) with a card per question."""
    store = Store.open(path, now=NOW, backups=False)
    profile = store.ensure_profile("bench")
    last_day = max(day for history in answers for _rating, day in history)
    first_ms = (to_ms(NOW) // fitting.DAY_MS - last_day - 1) * fitting.DAY_MS + 12 * 3_600_000
    card = Schedule(fuzzing=False).review(None, "template", Rating.Good, NOW.astimezone(timezone.utc))
    due, card_json = _card_row(card)
    rows = (
        (
            profile,
            f"q-{q:05d}",
            "h",
            "deck",
            "typed",
            "x",
            "correct" if rating > 1 else "wrong",
            int(rating > 1),
            rating,
            2000,
            0,
            "review",
            first_ms + day * fitting.DAY_MS,
        )
        for q, history in enumerate(answers)
        for rating, day in history
    )
    with store._write("store the benchmark's reviews") as db:
        db.executemany(
            "INSERT INTO attempts (profile_id, question_id, content_hash, deck, form, given, outcome, correct,"
            " rating, elapsed_ms, hinted, mode, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        db.executemany(
            "INSERT INTO cards (profile_id, question_id, deck, card_json, due, first_seen, stability)"
            " VALUES (?, ?, 'deck', ?, ?, ?, ?)",
            ((profile, f"q-{q:05d}", card_json, due, first_ms, card.stability) for q in range(len(answers))),
        )
    return store


def measure_optimize_stored(folder: Path) -> dict[str, float]:
    """`fitting.optimize` (read, fit, restate, save) against reading the same stored reviews."""
    answers = histories(REVIEWS // 10 + 1, 11)
    store = store_reviews(folder / "optimize.db", answers)
    try:
        stored = sum(len(h) for h in fitting.read_histories(store, "bench", NOW).values())
        read_ms = statistics.median(timed(lambda: fitting.read_histories(store, "bench", NOW), 7))

        def optimize() -> None:
            fitting.optimize(store, folder / "data", "bench", NOW, DEFAULT_PARAMETERS)

        optimize_ms = statistics.median(timed(optimize, 3))
    finally:
        store.close()
    print(
        f"optimize  {stored:,} stored answers, as `quiz optimize`: median {optimize_ms:8.1f} ms"
        f" = {optimize_ms / read_ms:6.1f} x reading them ({read_ms:.1f} ms)"
    )
    return {"optimize stored": optimize_ms / read_ms}


def measure_charts(folder: Path, cpu: float) -> dict[str, float]:
    bank = build_bank()
    store, built = build_store(folder / "quiz.db", bank)
    try:
        samples = timed(lambda: charts.read(store, "bench", NOW, desired_retention=0.9), 7)
        one_deck = timed(lambda: charts.read(store, "bench", NOW, decks=["deck-000"], desired_retention=0.9), 7)
    finally:
        store.close()
    ms, deck_ms = statistics.median(samples), statistics.median(one_deck)
    print(
        f"charts    1,000,000 attempts (built in {built:.1f} s): median {ms:8.1f} ms = {ms / cpu:6.1f} x cpu;"
        f" one deck {deck_ms:.1f} ms = {deck_ms / cpu:.1f} x cpu"
    )
    return {"charts": ms / cpu}


def measure(folder: Path) -> dict[str, float]:
    cpu = cpu_baseline()
    return measure_optimize(cpu) | measure_optimize_stored(folder) | measure_charts(folder, cpu)


def test_optimizer_and_charts_within_their_ratios(tmp_path: Path) -> None:
    ratios = measure(tmp_path)
    for name, budget in RATIO_BUDGET.items():
        assert ratios[name] <= budget, f"{name}: {ratios[name]:.1f} x cpu > {budget}"


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        got = measure(Path(folder))
    sys.exit(0 if all(got[n] <= b for n, b in RATIO_BUDGET.items()) else 1)
