"""Answer questions into a store as fast as it allows, printing each acknowledged attempt id.

Run as a separate process by the reliability tests: `python answerer.py DB PROFILE COUNT`
(COUNT 0 answers until killed). An id is printed only after `record()` has returned.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from quiz.core.attempt import Attempt
from quiz.core.schedule import Rating, Schedule
from quiz.core.verdict import Form, Outcome
from quiz.data.store import Store

START = datetime(2025, 3, 14, 12, tzinfo=timezone.utc)
QUESTIONS = 40


def main(argv: list[str]) -> int:
    path, profile, count = Path(argv[0]), argv[1], int(argv[2])
    schedule = Schedule(fuzzing=False)
    with Store.open(path, now=START) as store:
        session = store.start_session(profile, "practice", {"count": count}, START)
        n = 0
        while count == 0 or n < count:
            now = START + timedelta(seconds=n)
            question = f"q-{n % QUESTIONS:03d}"
            right = n % 3 != 0
            card = schedule.review(None, question, Rating.Good if right else Rating.Again, now)
            outcome = Outcome.CORRECT if right else Outcome.WRONG
            attempt = Attempt(question, "hash", "deck", Form.TYPED, "given", outcome, 3, 1200, now, "practice")
            print(store.record(profile, attempt, card, session), flush=True)
            n += 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
