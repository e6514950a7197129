"""Every figure reads an index or a summary table, and every index kept is one a query uses.

Each index costs every answer a page or two written, so the list of indexes is checked too.
"""

from __future__ import annotations

import pytest

from quiz.data import days, stats
from quiz.data import store as store_module
from quiz.data.store import Store

PLANS = {  # query, its arguments, what its plan must say
    "due per day": (stats._due_per_day(7, days.NOT_SUSPENDED), (1, *range(7)), "COVERING INDEX cards_by_due"),
    "due per day, none suspended": (stats._due_per_day(7, ""), (1, *range(7)), "COVERING INDEX cards_by_due"),
    "due today": (store_module._DUE_IDS + days.NOT_SUSPENDED, (1, 0), "COVERING INDEX cards_by_due"),
    "figures per group": (stats._PER_GROUP, (1, "[]"), "SEARCH s USING PRIMARY KEY (profile_id=? AND question_id=?)"),
    "mastered": (stats._MASTERED, (1, 21.0), "COVERING INDEX cards_by_due"),
    "previous answer": (store_module._PREVIOUS, (1, "q", 0, -1), "COVERING INDEX attempts_by_question"),
    "next answer": (store_module._NEXT, (1, "q", 0), "INDEX attempts_by_question"),
    "latest answer of a question": (
        store_module._PROFILE_AND_LATEST,
        ("ana", "q"),
        "SEARCH s USING PRIMARY KEY (profile_id=? AND question_id=?)",
    ),
    "previous, later answer": (store_module._PREVIOUS_AND_LATER, (1, "q", 0), "COVERING INDEX attempts_by_question"),
    "answered on a day": (days._ANY_ANSWER, (1, 0, 1), "answer_quarters USING PRIMARY KEY"),
    "export page": (store_module._EXPORT, (1, 0, 10), "INTEGER PRIMARY KEY (rowid>?)"),
    "drill answers": (store_module._DRILL_ATTEMPTS, ("code",), "INDEX attempts_by_session"),
}


@pytest.mark.parametrize("name", PLANS)
def test_each_figure_reads_its_index(store: Store, name: str):
    """At 50,000 cards a lookup into the table per due card made the forecast grow faster than linearly;
    at a million answers an export page sorted them all, and a drill's results read them all."""
    sql, args, expected = PLANS[name]
    plan = " / ".join(row[-1] for row in store._db.execute(f"EXPLAIN QUERY PLAN {sql}", args))
    assert expected in plan, plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan or name == "drill answers", plan


def test_the_indexes_are_the_ones_the_queries_need(store: Store):
    """Per-day figures read answer_quarters, so attempts keep no index by time; mastered reads the due index."""
    names = {n for (n,) in store._db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
    assert {n for n in names if n.startswith(("attempts_", "cards_"))} == {
        "attempts_by_question",
        "attempts_by_session",
        "cards_by_due",
        "cards_by_first_seen",
    }
