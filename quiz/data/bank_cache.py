"""A cache of the parsed bank, so a large bank opens in a fraction of its parse time.

The key is every deck and catalogue file's path, size and modification time plus the quiz
version: editing any file, or upgrading quiz, reads the TOML again. Only a bank without
problems is cached, so errors are always reported from the files themselves.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import platformdirs

from quiz import __version__
from quiz.core.model import Bank
from quiz.core.problems import Problem

ENV_CACHE = "QUIZ_CACHE_DIR"
KEEP = 4  # cached banks kept (built-in, a classroom bank, ...)


def cache_dir() -> Path:
    chosen = os.environ.get(ENV_CACHE)
    return Path(chosen) if chosen else Path(platformdirs.user_cache_dir("quiz", appauthor=False))


def _key(folders: Iterable[Path]) -> str:
    digest = hashlib.sha256(__version__.encode())
    for folder in folders:
        files = [folder] if folder.is_file() else sorted(folder.rglob("*.toml")) if folder.is_dir() else []
        for f in files:
            st = f.stat()
            digest.update(f"{f.resolve()}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]


def cached(folders: list[Path], load: Callable[[], tuple[Bank, list[Problem]]]) -> tuple[Bank, list[Problem]]:
    """`load()`'s result, from the cache when none of `folders`' TOML files changed."""
    path: Path | None = None
    try:
        path = cache_dir() / f"bank-{_key(folders)}.pickle"
        if path.is_file():
            with path.open("rb") as f:
                bank = pickle.load(f)
            if isinstance(bank, Bank):
                return bank, []
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass  # an unreadable cache is only a slower start
    bank, problems = load()
    if not problems and path is not None:
        _store(path, bank)
    return bank, problems


def _store(path: Path, bank: Bank) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".bank-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(bank, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        old = sorted(path.parent.glob("bank-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache folder only costs start-up time
