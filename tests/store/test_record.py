"""record() takes shortcuts for speed; what it stores is the same as the plain computations give.

The card's JSON is written out directly instead of through json.dumps, and the question's previous
answer is read from its summary row unless the answer comes out of time order.
"""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import datetime, timedelta, timezone

from fsrs import State
from hypothesis import given
from hypothesis import strategies as st

from quiz.core.schedule import Card
from quiz.data.days import from_ms
from quiz.data.store import QUARTERS_REBUILT, Store, _card_row

from .conftest import NOW, answer, card

_MOMENTS = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.sampled_from([timezone.utc, None])
).map(lambda d: d.replace(tzinfo=d.tzinfo or timezone(timedelta(hours=5, minutes=30))))
_NUMBERS = st.none() | st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(2**70), 2**70)


@given(
    card_id=st.integers(0, 2**62),
    state=st.sampled_from(list(State)),
    step=st.none() | st.integers(0, 10),
    stability=_NUMBERS,
    difficulty=_NUMBERS,
    due=_MOMENTS,
    last_review=st.none() | _MOMENTS | st.datetimes(min_value=datetime(1971, 1, 1)),
)
def test_the_card_json_is_what_json_dumps_writes(card_id, state, step, stability, difficulty, due, last_review):
    """Character for character, for every kind of value a card field can hold (NaN and ints too)."""
    made = Card(card_id, state, step, stability, difficulty, due, last_review)
    ms, text = _card_row(made)
    data = made.to_dict()
    data["due"] = from_ms(ms).isoformat()
    assert text == json.dumps(data)
    assert ms == int((due - datetime(1970, 1, 1, tzinfo=timezone.utc)) / timedelta(milliseconds=1))


def _quarters(db: sqlite3.Connection, sql: str) -> list[tuple[int, ...]]:
    columns = "profile_id, quarter, deck, answers, correct, mature, mature_correct"
    return db.execute(f"SELECT {columns} FROM {sql}").fetchall()


def test_the_previous_answer_of_each_new_one_counts_maturity_as_a_rebuild_does(store: Store):
    """In time order, out of it (an import, a clock set back), at the very same millisecond as the latest
    answer, a question's first answer and a new profile's: the quarter sums equal the ones rebuilt from scratch."""
    rng = random.Random(7)
    start = NOW - timedelta(days=200)
    latest: dict[tuple[str, str], datetime] = {}
    for n in range(400):
        profile, qid = rng.choice(["ana", "bob", f"new-{n}" if n % 97 == 0 else "ana"]), f"q-{rng.randrange(12)}"
        before = latest.get((profile, qid))
        if before is None or rng.random() < 0.6:
            when = (before or start) + timedelta(days=rng.choice([0, 1, 20.9, 21, 22, 40]))
        else:
            when = before - timedelta(days=rng.uniform(0, 50)) if rng.random() < 0.7 else before
        latest[(profile, qid)] = max(when, before or when)
        scheduled = card(qid, when + timedelta(days=2)) if rng.random() < 0.8 else None
        store.record(profile, answer(qid, when, correct=rng.random() < 0.7), scheduled, None)
    db = store._db
    kept = _quarters(db, "answer_quarters ORDER BY 1, 2, 3")
    db.execute("CREATE TEMP TABLE rebuilt AS SELECT * FROM answer_quarters WHERE 0")
    db.execute(QUARTERS_REBUILT.replace("INSERT INTO answer_quarters", "INSERT INTO temp.rebuilt", 1))
    assert kept == _quarters(db, "temp.rebuilt ORDER BY 1, 2, 3")
    assert sum(row[5] for row in kept) > 20  # maturity was counted, in and out of order
    summaries = "SELECT profile_id, question_id, last_at FROM question_stats ORDER BY 1, 2"
    latest = "SELECT profile_id, question_id, max(answered_at) FROM attempts GROUP BY 1, 2 ORDER BY 1, 2"
    assert db.execute(summaries).fetchall() == db.execute(latest).fetchall()
