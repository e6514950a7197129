"""The whole-table figures read indexes, not the cards' rows (each row holds the card's JSON)."""

from __future__ import annotations

import pytest

from quiz.data import stats
from quiz.data.store import Store


@pytest.mark.parametrize(("sql", "args"), [(stats._DUE, (1, 0)), (stats._MASTERED, (1, 21.0))], ids=["due", "mastered"])
def test_due_and_mastered_are_answered_from_a_covering_index(store: Store, sql: str, args: tuple):
    """At 50,000 cards a lookup into the table per due card made the forecast grow faster than linearly."""
    plan = " ".join(row[-1] for row in store._db.execute(f"EXPLAIN QUERY PLAN {sql}", args))
    assert "COVERING INDEX" in plan, plan
