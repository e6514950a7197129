"""Fairness checks scale with the bank: twice the questions take about twice the time, never four times.

Not collected by the default run. Run it with:

    .venv/bin/python -m pytest -o addopts="" tests/benchmarks/bench_fairness.py -s

A deck of imported-looking questions (every answer a name, every prompt naming other names) is
checked at N and 2N questions. The baseline, measured in the same run, is folding every prompt
and answer once: the least any text check must do.
"""

from __future__ import annotations

import random
import time

from quiz.core.fairness import findings
from quiz.core.model import Bank, Deck, Evidence, Kind, Question
from quiz.core.text import fold

N = 10_000
WORDS = ["Anna", "Boris", "Carla", "David", "Elena", "Farid", "Greta", "Hiroshi", "Ines", "Jonas", "Karim", "Lena"]
QUADRATIC = 3.0  # a leak search comparing every pair would take about 4x at 2N
PER_BASELINE = 60.0


def deck(n: int, seed: int = 7) -> Bank:
    rng = random.Random(seed)
    questions = []
    for i in range(n):
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)}son{i}"
        others = " and ".join(f"{rng.choice(WORDS)} {rng.choice(WORDS)}son{rng.randrange(n)}" for _ in range(2))
        questions.append(
            Question(
                id=f"b-{i:05d}",
                kind=Kind.CHOICE,
                prompt=f"Which delegate met {others} on day {i % 28 + 1}?",
                answer=name,
                evidence=(Evidence("a", f"{name} met them"),),
                explanation="-",
                tags=("people",),
                difficulty=1,
                distractors=(f"Other {i}", f"Third {i}", f"Fourth {i}"),
                deck="big",
            )
        )
    return Bank((Deck("big", "Big", tuple(questions), articles=("a",)),), {})


def timed(f) -> float:
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def test_fairness_is_linear_in_the_bank():
    small, large = deck(N), deck(2 * N)
    baseline = timed(lambda: [(fold(q.prompt), fold(q.answer_text)) for q in small.questions])
    t_small = timed(lambda: findings(small))
    t_large = timed(lambda: findings(large))
    print(
        f"\nfairness: {N:,} questions {t_small:.2f} s, {2 * N:,} questions {t_large:.2f} s "
        f"(x{t_large / t_small:.2f}); baseline fold {baseline:.3f} s (x{t_small / baseline:.0f})"
    )
    assert t_large / t_small < QUADRATIC
    assert t_small / baseline < PER_BASELINE
