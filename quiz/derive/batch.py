"""Drafts for many articles in one go: the library analysed once, the work spread over the cores.

The result is what `derive_drafts` gives each article with the same library texts; only the time
differs. Worker processes are forked (where the platform forks safely), so they start with the
shared library already in memory and only the results travel back.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from quiz.core.model import Kind
from quiz.derive.cpu_load import CpuLoad, usable_cpus
from quiz.derive.generate import DEFAULT_COUNT, Draft, drafts_with
from quiz.derive.mentions import Entity
from quiz.derive.shared_library import SharedLibrary, library_entities
from quiz.derive.source import ArticleError

Progress = Callable[[str, int, int], None]
"""(what is being done, how many done, of how many)."""
R = TypeVar("R")
D = TypeVar("D")
Workers = int | Callable[[], int]
"""How many worker processes, or how to find out (only asked when there is enough work to share)."""

MIN_PER_WORKER = 8
"""Fewer items than this per worker are done in this process: forking costs more than it saves."""


def cores(load: CpuLoad | None = None) -> int:
    """The cores this process may use that other programs leave idle, or 1 where workers are not forked.

    On busy cores another worker mostly takes time from other programs (measured on 2 shared
    cores: 2 workers were 7% slower to 10% faster than 1, for 5-10% more processor time), so the
    cores other programs keep busy are taken off the count, as `make -l` does: measured since
    `load` was made (see quiz.derive.cpu_load), else by the load average. `--jobs` overrides it.
    """
    if sys.platform in ("win32", "darwin") or "fork" not in multiprocessing.get_all_start_methods():
        return 1  # spawned workers would have to re-import and receive the whole library
    usable = len(usable_cpus())
    busy = (load or CpuLoad()).others()
    if busy is None:
        try:
            busy = os.getloadavg()[0]
        except (AttributeError, OSError):
            busy = 0.0
    return max(1, usable - int(busy))  # a core is left only to a program that keeps it busy all along


def derive_batch(
    articles: Sequence[tuple[str, str]],
    library: SharedLibrary,
    *,
    count: int = DEFAULT_COUNT,
    kinds: Iterable[Kind | str] | None = None,
    seed: int = 0,
    workers: Workers = 1,
    progress: Progress | None = None,
    describe: Callable[[str], D] = lambda _text: None,
) -> list[tuple[list[Draft] | ArticleError, D]]:
    """Each (text, article id)'s drafts against `library` (or the reason it has none) and `describe(text)`, in order.

    `describe` is whatever else each article needs read (a title, a summary): done in the workers
    too, it is not left for this process to do alone afterwards.
    """
    kinds = list(kinds) if kinds else None
    library.articles  # noqa: B018 - analysed before the workers fork, so each starts with it

    def one(i: int) -> tuple[list[Draft] | ArticleError, D]:
        text, article_id = articles[i]
        try:
            drafts: list[Draft] | ArticleError = drafts_with(
                text, article_id, library.for_article(text), count=count, kinds=kinds, seed=seed
            )
        except ArticleError as exc:
            drafts = exc
        return drafts, describe(text)

    return run(one, len(articles), workers, "Deriving", progress)


def analyser(workers: Workers = 1, progress: Progress | None = None) -> Callable[[list[str]], list[list[Entity]]]:
    """A SharedLibrary's `entities` function that spreads the texts over `workers` processes."""

    def analyse(texts: list[str]) -> list[list[Entity]]:
        return run(lambda i: library_entities(texts[i]), len(texts), workers, "Reading the library", progress)

    return analyse


# --------------------------------------------------------------------------- the pool

_TASK: Callable[[int], Any] | None = None  # set before forking; every worker inherits it


def _chunk(span: tuple[int, int]) -> list[Any]:
    assert _TASK is not None
    return [_TASK(i) for i in range(*span)]


_STOPS = {getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)}


def _worker_signals() -> None:
    """A worker ends on SIGTERM and SIGHUP at once, and leaves Ctrl+C to the command that started it.

    The command turns those signals into SystemExit so that its own clean-up runs; a forked worker
    would inherit that handler, and a worker that a pool stops with SIGTERM while it waits for work
    must not carry it (one that did was seen waiting for ever, and its command with it). The signals
    stay blocked from the fork until the default is back, so one sent while the worker starts is kept
    for that moment instead of lost.
    """
    for number in _STOPS:
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)


def run(task: Callable[[int], R], n: int, workers: Workers, label: str, progress: Progress | None) -> list[R]:
    """[task(0), ..., task(n - 1)], on up to `workers` forked processes when there is enough to share."""
    global _TASK
    report = progress or (lambda *_: None)
    count = 1
    if n >= 2 * MIN_PER_WORKER:
        count = min(workers if isinstance(workers, int) else workers(), n // MIN_PER_WORKER)
    if count < 2:
        out = []
        for i in range(n):
            out.append(task(i))
            report(label, i + 1, n)
        return out
    size = max(1, min(16, n // (count * 8)))  # small enough to balance the cores and move the bar
    spans = [(start, min(n, start + size)) for start in range(0, n, size)]
    out: list[R] = []
    _TASK = task
    gc.freeze()  # what exists now is never collected in the workers, so they share its pages instead of copying
    try:
        masked = hasattr(signal, "pthread_sigmask")
        if masked:
            signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)  # until the workers are forked (see _worker_signals)
        try:
            pool = multiprocessing.get_context("fork").Pool(count, initializer=_worker_signals)
        finally:
            if masked:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
        with pool:
            for part in pool.imap(_chunk, spans):
                out += part
                report(label, len(out), n)
            # Workers told there is no more work end by themselves; leaving the block would signal them.
            pool.close()
            pool.join()
    finally:
        gc.unfreeze()
        _TASK = None
    return out
