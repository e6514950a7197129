"""Shared fixtures for the derive tests: the seed articles, our own fixture articles, cached drafts."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
OWN = [FIXTURES / name for name in ("harbour_flood.txt", "chipmaker.txt", "cup_final.txt", "summit_wire.txt")]
# Articles of kinds derive was not written for (UK politics, business, sport, science, local news), each with
# traps: 'the General Election', clubs, rivers, bills, brands, a reader-comments block, a quote said twice.
UNSEEN = sorted(FIXTURES.glob("unseen_*.txt")) + sorted(FIXTURES.glob("holdout_*.txt"))
ARTICLES = SEEDS + OWN + UNSEEN


def library_texts() -> tuple[str, ...]:
    return tuple(p.read_text(encoding="utf-8") for p in SEEDS)


@cache
def drafts_of(path: Path, seed: int = 0):
    """The drafts for one article (with the seeds as library), computed once per test run."""
    from quiz.derive.generate import derive_drafts

    return tuple(derive_drafts(path.read_text(encoding="utf-8"), _id(path), seed=seed, library_texts=library_texts()))


def _id(path: Path) -> str:
    from quiz.derive.publish import slug

    return slug(path.name)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
