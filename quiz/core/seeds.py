"""Where a bank's articles are, when no folder is named: a module of its own, so that finding it
at start-up does not load the bank's parser and classes."""

from __future__ import annotations

from pathlib import Path


def default_seeds(bank: Path) -> Path:
    """Articles live in `seeds/` beside the questions folder (or beside a single deck file)."""
    folder = bank.parent if bank.is_file() else bank
    return folder.parent / "seeds"
