"""The shipped bank and articles: present, unchanged, and clean under `quiz check`."""

from __future__ import annotations

import json

from quiz.core.bank import load_articles
from quiz.data import locations
from tests.conftest import ROOT

SEED_FILES = [
    "000_bca7dcc935938ebd.txt",
    "001_35875361a05a6b5d.txt",
    "002_d47dbbe6e72bd05c.txt",
    "003_64437b6e9632f40c.txt",
    "004_f73df98125ce7f01.txt",
]


def test_builtin_bank_is_clean(quiz):
    result = quiz("check", "--json")
    report = json.loads(result.out)
    assert result.code == 0, report["problems"][:5]
    assert report["articles"] == 5


def test_every_seed_article_is_catalogued():
    problems: list = []
    articles = load_articles(ROOT / "seeds", problems)
    assert problems == []
    assert sorted(a.path.name for a in articles.values()) == SEED_FILES
    assert all(a.title and a.summary for a in articles.values())


def test_builtin_bank_is_found_from_any_directory(quiz, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert locations.bank_path().is_dir()
    assert quiz("check").code == 0


def test_bank_flag_and_environment_point_elsewhere(quiz, monkeypatch):
    from tests.conftest import DATA

    good = str(DATA / "good" / "harbour.toml")
    assert "1 deck, 5 questions" in quiz("--bank", good).out
    monkeypatch.setenv("QUIZ_BANK", good)
    assert "1 deck, 5 questions" in quiz().out


def test_every_kind_is_in_the_bank(quiz):
    from quiz.core.bank import load_bank
    from quiz.core.model import Kind

    bank = load_bank(locations.bank_path())
    assert {q.kind for q in bank.questions} == set(Kind)


def test_builtin_bank_is_fair_under_strict(quiz):
    """No leaks between questions, no option pattern that gives the key away, no prompt word that ages."""
    result = quiz("check", "--strict", "--json")
    report = json.loads(result.out)
    assert result.code == 0, report["warnings"][:5]
    assert report["warnings"] == [] and report["questions"] >= 150


RETIRED = [
    "bb-018",
    "bb-022",
    "ps-021",
    "ap-020",
    "bs-019",
    "x-003",
    "x-006",
    "x-010",
    "x-015",
    "x-017",
    "x-018",
    "x-020",
]
"""Ids of questions replaced in the fairness pass: progress follows an id, so none may come back as another fact."""


def test_retired_ids_stay_retired_and_the_rest_are_kept():
    from quiz.core.bank import load_bank

    ids = {q.id for q in load_bank(locations.bank_path()).questions}
    assert ids.isdisjoint(RETIRED)
    originals = {f"{p}-{n:03d}" for p in ("bb", "ps", "ap", "bs", "sd") for n in range(1, 26)}
    originals |= {f"x-{n:03d}" for n in range(1, 26)}
    assert originals - set(RETIRED) <= ids
