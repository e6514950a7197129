"""How many processors other programs keep busy right now: the ones `quiz derive` leaves to them.

The one-minute load average lags behind: a machine that has just gone quiet still reports a load
of 1 or 2 for a minute or more, so on 2 cores a 5 MB folder derived right after other work ran on
one worker (58 s) where two would nearly halve it. So the processors' idle time is read from
/proc/stat when a command starts and again when it is about to start its workers, and what the
command itself used in between is taken off: what remains is the others'.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

STAT = Path("/proc/stat")
MIN_WINDOW = 0.1
"""Seconds of observation at least (100 clock ticks a second: fewer would be too coarse to count)."""

Ticks = dict[int, tuple[int, int]]
"""Each processor's (idle, total) clock ticks since boot."""


def usable_cpus() -> set[int]:
    """The processors this process may run on."""
    try:
        return set(os.sched_getaffinity(0))
    except AttributeError:
        return set(range(os.cpu_count() or 1))


def read_ticks(cpus: set[int], stat: Path = STAT) -> Ticks | None:
    """(idle, total) ticks of each of `cpus` from /proc/stat, or None where there is none (not Linux)."""
    try:
        lines = stat.read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    out: Ticks = {}
    for line in lines:
        name, *fields = line.split()
        if name[:3] == "cpu" and name[3:].isdigit() and int(name[3:]) in cpus:
            # user nice system idle iowait irq softirq steal (guest time is counted within user already)
            ticks = [int(f) for f in fields[:8]]
            out[int(name[3:])] = (ticks[3] + ticks[4], sum(ticks))
    return out or None


def busy_between(before: Ticks, after: Ticks) -> float:
    """How many processors were busy between two readings, e.g. 1.4 (of 2)."""
    busy = 0.0
    for cpu, (idle, total) in after.items():
        idle0, total0 = before.get(cpu, (idle, total))
        if total > total0:
            busy += 1 - (idle - idle0) / (total - total0)
    return busy


class CpuLoad:
    """The processors' work from its creation on; `others()` is the part not done by this process."""

    def __init__(
        self,
        stat: Path = STAT,
        clock: Callable[[], float] = time.monotonic,
        own: Callable[[], float] = time.process_time,
    ) -> None:
        self.stat, self.clock, self.own = stat, clock, own
        self.cpus = usable_cpus()
        self.start = read_ticks(self.cpus, stat), clock(), own()
        self._others: float | None = None

    def others(self) -> float | None:
        """Processors kept busy by other programs from its making to the first ask; None where unknown.

        Asked again, it answers the same: by then this process's workers would count as others.
        """
        if self._others is None:
            self._others = self._measure()
        return self._others

    def _measure(self) -> float | None:
        ticks, since, own = self.start
        if ticks is None:
            return None
        wait = MIN_WINDOW - (self.clock() - since)
        if wait > 0:
            time.sleep(wait)
        now = read_ticks(self.cpus, self.stat)
        if now is None:
            return None
        mine = (self.own() - own) / max(self.clock() - since, 1e-9)
        return max(0.0, busy_between(ticks, now) - mine)
