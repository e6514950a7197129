"""A simulated learner who forgets by FSRS with parameters of their own, not the defaults."""

from __future__ import annotations

import random

from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS, MemoryState

# A learner who forgets faster at first and gains stability more slowly than FSRS's default learner.
TRUE = list(DEFAULT_PARAMETERS)
TRUE[0:4] = [0.08, 0.3, 0.9, 3.0]  # initial stability after Again, Hard, Good, Easy (days)
TRUE[8] = 1.1  # how much a success grows stability
TRUE[20] = 0.4  # the forgetting curve's decay


def recall(state: MemoryState, days: int, w: list[float]) -> float:
    """The chance of recall after `days`, by FSRS-6's forgetting curve."""
    decay = -w[20]
    factor = 0.9 ** (1 / decay) - 1
    return (1 + factor * days / state.stability) ** decay


def histories(questions: int, reviews_each: int, seed: int = 7) -> list[list[tuple[int, int]]]:
    """Each question's (rating, day) answers, reviewed when FSRS's defaults say (as the app would schedule)."""
    rng = random.Random(seed)
    truth, scheduler = FSRS(TRUE), FSRS(list(DEFAULT_PARAMETERS))
    out = []
    for q in range(questions):
        day = q // 20  # twenty new questions a day
        rating = rng.choice((1, 3, 3, 4))
        memory, believed = after(truth, None, 0, rating), after(scheduler, None, 0, rating)
        answers = [(rating, day)]
        for _ in range(reviews_each - 1):
            gap = max(1, round(believed.stability * rng.uniform(0.5, 1.5)))
            day += gap
            rating = (3 if rng.random() < 0.8 else 4) if rng.random() < recall(memory, gap, TRUE) else 1
            memory, believed = after(truth, memory, gap, rating), after(scheduler, believed, gap, rating)
            answers.append((rating, day))
        out.append(answers)
    return out


def after(engine: FSRS, memory: MemoryState | None, days: int, rating: int) -> MemoryState:
    states = engine.next_states(memory, 0.9, days)
    return [states.again, states.hard, states.good, states.easy][rating - 1].memory
