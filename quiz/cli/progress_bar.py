"""A one-line progress bar on standard error, drawn only when it is a terminal (never into a pipe or a log)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 24
EVERY = 0.1  # seconds between two redraws


class ProgressBar:
    """`Reading b.csv ━━━━━━━━──────── 24,000 of 50,000`, redrawn in place; `done()` clears it."""

    def __init__(self, label: str, stream: TextIO | None = None, clock=time.monotonic) -> None:
        self.stream = stream or sys.stderr
        self.shown = self.stream.isatty()
        self.label, self.clock, self.last = label, clock, 0.0
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        """Show `done` of `total` (a total of 0: not known yet)."""
        if not self.shown or self.clock() - self.last < EVERY:
            return
        self.last = self.clock()
        if total:
            filled = min(WIDTH, WIDTH * done // total)
            line = f"{self.label} {'━' * filled}{'─' * (WIDTH - filled)} {done:,} of {total:,}"
        else:
            line = f"{self.label} {done:,}"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self.drawn = True

    def relabel(self, label: str) -> None:
        self.label, self.last = label, 0.0

    def done(self) -> None:
        """Clear the bar, so what is printed next starts on a clean line."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False
