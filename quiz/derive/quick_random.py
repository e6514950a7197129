"""random.Random with a quicker shuffle: the same order and the same draws, in about half the time.

Every distractor pool is shuffled before it is drawn from, and with a large library lending them
the pools run to hundreds of names: the standard shuffle's per-item method call was a tenth of
the time of deriving an article. This one does the same Fisher-Yates walk with the same
`getrandbits` draws inline, so every later draw of the generator is unchanged too (a test holds
it to the standard one).
"""

from __future__ import annotations

import random
from typing import Any


class QuickRandom(random.Random):
    """A random.Random whose `shuffle` gives exactly what random.Random's gives, faster."""

    def shuffle(self, x: list[Any]) -> None:  # type: ignore[override]
        getrandbits = self.getrandbits
        for i in range(len(x) - 1, 0, -1):
            # random.Random._randbelow_with_getrandbits(i + 1), inline
            n = i + 1
            k = n.bit_length()
            j = getrandbits(k)
            while j >= n:
                j = getrandbits(k)
            x[i], x[j] = x[j], x[i]
