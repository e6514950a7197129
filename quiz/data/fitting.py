"""FSRS parameters fitted to one learner's answers with fsrs-rs (the engine Anki runs), tried before adopted.

The answers are split by time: the fit sees all but the most recent part, and the fitted parameters are
adopted only when they predict that held-back part better (lower log loss) than the parameters in use.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quiz.core.study_day import DAY_START

if TYPE_CHECKING:
    from fsrs_rs_python import FSRSItem

    from quiz.data.store import Store

MIN_REVIEWS = 400
"""Reviews on a later day than the question's previous answer the fit needs: with fewer, fsrs-rs
quietly hands back its defaults, so we say so instead."""
HELD_BACK = 0.2
"""The most recent fifth of the reviews is kept from the fit to judge it."""
DAY_MS = 86_400_000

Review = tuple[int, int]
"""(rating 1-4, study day number) of one answer."""


@dataclass(frozen=True)
class Score:
    """How well a set of parameters predicts the held-back reviews (lower is better for both)."""

    log_loss: float
    rmse: float

    def to_dict(self) -> dict[str, float]:
        return {"log_loss": self.log_loss, "rmse": self.rmse}


@dataclass(frozen=True)
class Fit:
    """The outcome of one optimisation: what was tried, how both sets scored, and whether it is kept."""

    reviews: int  # reviews that count (on a later day than the previous answer to the question)
    needed: int
    current: tuple[float, ...]
    fitted: tuple[float, ...] | None = None
    before: Score | None = None
    after: Score | None = None

    @property
    def enough(self) -> bool:
        return self.reviews >= self.needed

    @property
    def better(self) -> bool:
        """The fitted parameters predict the held-back reviews better than those in use."""
        return self.before is not None and self.after is not None and self.after.log_loss < self.before.log_loss

    def to_dict(self) -> dict[str, Any]:
        return {
            "reviews": self.reviews,
            "needed": self.needed,
            "enough": self.enough,
            "current": list(self.current),
            "fitted": None if self.fitted is None else list(self.fitted),
            "before": None if self.before is None else self.before.to_dict(),
            "after": None if self.after is None else self.after.to_dict(),
            "adopted": self.better,
        }


def histories(
    db: sqlite3.Connection, profile_id: int | None, offset_ms: int, day_start: int = DAY_START
) -> dict[str, list[Review]]:
    """Each question's answers, oldest first, with the study day each was given on."""
    if profile_id is None:
        return {}
    shift = offset_ms - day_start * 3_600_000
    sql = (
        f"SELECT question_id, coalesce(rating, CASE WHEN correct THEN 3 ELSE 1 END), (answered_at + ?) / {DAY_MS}"
        " FROM attempts WHERE profile_id = ? ORDER BY question_id, answered_at"
    )
    out: dict[str, list[Review]] = {}
    for qid, rating, day in db.execute(sql, (shift, profile_id)):
        out.setdefault(qid, []).append((int(rating), int(day)))
    return out


def items(history: Sequence[Review]) -> list[tuple[int, FSRSItem]]:
    """One fsrs-rs item per answer on a later day than the one before it (its history up to it), with its day."""
    from fsrs_rs_python import FSRSItem, FSRSReview

    reviews = [FSRSReview(rating, day - history[i - 1][1] if i else 0) for i, (rating, day) in enumerate(history)]
    return [
        (history[i][1], FSRSItem(reviews[: i + 1])) for i in range(1, len(history)) if history[i][1] > history[i - 1][1]
    ]


def split(all_histories: Iterable[Sequence[Review]]) -> tuple[list[tuple[int, FSRSItem]], list[tuple[int, FSRSItem]]]:
    """The (day, item) pairs for the fit, and the most recent ones held back to judge it."""
    dated = sorted((pair for history in all_histories for pair in items(history)), key=lambda pair: pair[0])
    cut = len(dated) - max(int(len(dated) * HELD_BACK), 1)
    return dated[:cut], dated[cut:]


def score(parameters: Sequence[float], held_back: Sequence[FSRSItem]) -> Score:
    from fsrs_rs_python import FSRS

    evaluation = FSRS(list(parameters)).evaluate(list(held_back))
    return Score(evaluation.log_loss, evaluation.rmse_bins)


def fit(all_histories: Iterable[Sequence[Review]], current: Sequence[float], needed: int = MIN_REVIEWS) -> Fit:
    """Fit on all but the most recent reviews; score both sets on those; the caller adopts if `better`."""
    train, held = split(all_histories)
    count, held_back = len(train) + len(held), [item for _day, item in held]
    current = tuple(current)
    if count < needed or not held_back:
        return Fit(count, needed, current)
    from fsrs_rs_python import FSRS

    fitted = tuple(FSRS(list(current)).compute_parameters([item for _day, item in train]))
    return Fit(count, needed, current, fitted, score(current, held_back), score(fitted, held_back))


def read_histories(store: Store, profile: str, now: datetime, day_start: int = DAY_START) -> dict[str, list[Review]]:
    """`histories` for `profile` from `store`, study days counted in the zone of `now`."""
    from quiz.data.store import _profile_id

    offset = now.utcoffset()
    offset_ms = 0 if offset is None else int(offset.total_seconds() * 1000)
    with store._read("read your answers") as db:
        return histories(db, _profile_id(db, profile), offset_ms, day_start)


def memory_states(parameters: Sequence[float], by_question: dict[str, list[Review]]) -> dict[str, tuple[float, float]]:
    """(stability, difficulty) of each question after its whole history, under `parameters`."""
    from fsrs_rs_python import FSRS, FSRSItem, FSRSReview

    engine = FSRS(list(parameters))
    out = {}
    for qid, history in by_question.items():
        reviews = [FSRSReview(r, d - history[i - 1][1] if i else 0) for i, (r, d) in enumerate(history)]
        state = engine.memory_state(FSRSItem(reviews))
        out[qid] = (state.stability, state.difficulty)
    return out


def restate(store: Store, profile: str, states: dict[str, tuple[float, float]]) -> int:
    """Rewrite the memory state of the profile's cards (due dates kept) so none is read with other parameters."""
    from quiz.data.store import _profile_id

    sql = (
        "UPDATE cards SET card_json = json_set(card_json, '$.stability', ?, '$.difficulty', ?), stability = ?"
        " WHERE profile_id = ? AND question_id = ? AND json_extract(card_json, '$.stability') IS NOT NULL"
    )
    changed = 0
    with store._write("update your schedule to the new parameters") as db:
        pid = _profile_id(db, profile)
        if pid is None:
            return 0
        for qid, (stability, difficulty) in states.items():
            changed += db.execute(sql, (stability, difficulty, stability, pid, qid)).rowcount
    return changed


def optimize(
    store: Store,
    data_dir: Path,
    profile: str,
    now: datetime,
    current: Sequence[float] | None,
    day_start: int = DAY_START,
) -> tuple[Fit, int]:
    """Fit `profile`'s parameters; when they predict better, restate its cards with them and keep them.

    Returns the fit and how many cards were restated (0 when the parameters in use were kept).
    """
    from fsrs_rs_python import DEFAULT_PARAMETERS

    from quiz.data import parameters

    by_question = read_histories(store, profile, now, day_start)
    result = fit(by_question.values(), current or DEFAULT_PARAMETERS)
    if not result.better or result.fitted is None:
        return result, 0
    # Cards first, in one transaction: a crash before the file is written leaves the old parameters
    # with cards a later `quiz optimize` restates again, never a file that disagrees silently.
    restated = restate(store, profile, memory_states(result.fitted, by_question))
    details = {"fitted_at": now.isoformat(timespec="seconds"), **result.to_dict()}
    details.pop("current")
    details.pop("fitted")
    parameters.save(data_dir, profile, result.fitted, details)
    return result, restated


COST_RETENTIONS = (0.8, 0.85, 0.9, 0.95, 0.97)


def daily_reviews(
    parameters: Sequence[float] | None, questions: int, new_per_day: int, retentions: Sequence[float]
) -> dict[float, float]:
    """Reviews a day, averaged over a simulated year of study of `questions`, at each desired retention."""
    from fsrs_rs_python import DEFAULT_PARAMETERS, default_simulator_config, simulate

    config = default_simulator_config()
    config.deck_size = max(questions, 1)
    config.learn_span = 365
    config.learn_limit = max(new_per_day, 1)
    out = {}
    for retention in retentions:
        result = simulate(list(parameters or DEFAULT_PARAMETERS), retention, config, 7)
        out[retention] = sum(result.review_cnt_per_day) / len(result.review_cnt_per_day)
    return out


def summary(result: Fit, restated: int) -> list[str]:
    """What a fit found, in words for the learner (the CLI and the stats screen both say this)."""
    if not result.enough:
        return [
            f"{result.reviews:,} of your answers count so far (those on a later day than the question's previous one);"
            f" fitting needs {result.needed:,}. Keep studying: the parameters in use stay."
        ]
    assert result.before is not None and result.after is not None
    held = max(int(result.reviews * HELD_BACK), 1)
    lines = [
        f"Fitted on {result.reviews - held:,} reviews; judged on your latest {held:,}, held back from the fit.",
        f"{'':<10} {'log loss':>9} {'RMSE':>7}",
        f"{'in use':<10} {result.before.log_loss:>9.4f} {result.before.rmse:>7.2%}",
        f"{'fitted':<10} {result.after.log_loss:>9.4f} {result.after.rmse:>7.2%}",
    ]
    if result.better:
        lines.append(
            f"Adopted: the fitted parameters predict your reviews better. The memory of {restated:,} questions"
            " was re-estimated with them; their due dates are kept."
        )
    else:
        lines.append("Kept the parameters in use: the fitted ones predict your reviews no better.")
    return lines


def cost_line(costs: dict[float, float], desired: float) -> str:
    """'Desired retention 90%: about 17 reviews a day (80%: 10 · 95%: 27)'."""
    others = " · ".join(f"{r:.0%}: {n:.0f}" for r, n in costs.items() if r != desired)
    return f"Desired retention {desired:.0%}: about {costs[desired]:.0f} reviews a day ({others})"
