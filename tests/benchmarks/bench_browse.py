"""The question browser keeps up with typing over 50,000 questions.

Not collected by the default run. Run it with:

    .venv/bin/python -m pytest -o addopts="" tests/benchmarks/bench_browse.py -s

Each key of a search is timed from the query's change to the list holding the new matches (the
rows on screen are drawn after, and only those). The baseline, measured in the same run, is the
search without the precomputed text: joining and lower-casing every question's prompt, answers and
evidence at each key, which is what a browser without the index would do.
"""

from __future__ import annotations

import statistics
import time

from quiz.ui.screens.browse_screen import BrowseScreen
from tests.ui.conftest import builtin_bank, make_app  # noqa: F401  (fixtures)
from tests.ui.test_browse import big_bank

TYPED = "zanzibar"
FASTER_THAN_BASELINE = 4.0  # the slowest key with the index against a median key without it


def naive(questions, text: str) -> list:
    words = text.lower().split()
    found = []
    for q in questions:
        haystack = "\n".join([q.id, q.prompt, q.answer_text, *q.alternatives, *(e.quote for e in q.evidence)]).lower()
        if all(w in haystack for w in words):
            found.append(q)
    return found


async def test_each_key_updates_the_list_far_faster_than_a_scan(make_app):  # noqa: F811
    bank = big_bank()
    app = make_app(bank=bank)
    async with app.run_test(size=(100, 30)) as pilot:
        start = time.perf_counter()
        await pilot.press("b")
        await pilot.pause()
        opened = time.perf_counter() - start
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        keys = []
        for i in range(1, len(TYPED) + 1):
            t = time.perf_counter()
            found = screen.search(TYPED[:i])
            keys.append(time.perf_counter() - t)
            await pilot.pause()
        assert len(found) == 50
        first = time.perf_counter()
        screen.search("report 1 kind:rec")  # a fresh search that keeps half the bank
        fresh = time.perf_counter() - first
    baseline = statistics.median(_timed(lambda i=i: naive(bank.questions, TYPED[: i + 1])) for i in range(len(TYPED)))
    print(
        f"\nopen {opened * 1000:.0f} ms · keys {[round(k * 1000, 1) for k in keys]} ms · "
        f"fresh search {fresh * 1000:.1f} ms · baseline scan {baseline * 1000:.1f} ms a key"
    )
    assert max(keys) * FASTER_THAN_BASELINE < baseline
    assert fresh * 2 < baseline


def _timed(f) -> float:
    start = time.perf_counter()
    f()
    return time.perf_counter() - start
