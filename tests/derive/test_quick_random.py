"""The quicker shuffle gives what random.Random's gives, and leaves the generator where it would."""

from __future__ import annotations

import random

import pytest

from quiz.derive.quick_random import QuickRandom


@pytest.mark.parametrize("seed", [0, 1, "3:harbour-flood", "0:article-0042"])
def test_shuffles_and_every_later_draw_equal_the_standard_generator(seed):
    quick, standard = QuickRandom(seed), random.Random(seed)
    for size in [*range(0, 70), 127, 128, 129, 400, 1025]:
        a, b = list(range(size)), list(range(size))
        quick.shuffle(a)
        standard.shuffle(b)
        assert a == b
        assert quick.getstate() == standard.getstate()
    assert [quick.randrange(10**9) for _ in range(5)] == [standard.randrange(10**9) for _ in range(5)]
    assert quick.sample(range(50), 7) == standard.sample(range(50), 7)
    assert quick.choice("abcdefg") == standard.choice("abcdefg")
