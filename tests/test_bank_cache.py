"""The parsed-bank cache: reused while files are unchanged, refreshed on any edit, never hides errors."""

from __future__ import annotations

import os
import shutil

from quiz.data.bank_cache import cache_dir
from quiz.data.library import read_full_bank
from tests.conftest import DATA


def copy_bank(tmp_path):
    root = tmp_path / "bank"
    shutil.copytree(DATA / "seeds", root / "seeds")
    (root / "questions").mkdir()
    shutil.copy(DATA / "good" / "harbour.toml", root / "questions" / "harbour.toml")
    return root / "questions"


def test_second_load_comes_from_the_cache_and_equals_the_first(tmp_path, monkeypatch):
    questions = copy_bank(tmp_path)
    first, problems = read_full_bank(questions, None, None, cache=True)
    assert problems == [] and len(list(cache_dir().glob("bank-*.pickle"))) == 1
    monkeypatch.setattr("quiz.data.library.read_bank", lambda *a: (_ for _ in ()).throw(AssertionError("parsed")))
    again, _ = read_full_bank(questions, None, None, cache=True)
    assert again == first and again.articles.keys() == first.articles.keys()


def test_an_edit_reads_the_files_again(tmp_path):
    questions = copy_bank(tmp_path)
    read_full_bank(questions, None, None, cache=True)
    deck = questions / "harbour.toml"
    deck.write_text(deck.read_text(encoding="utf-8").replace("The harbour", "The port", 1), encoding="utf-8")
    os.utime(deck, ns=(deck.stat().st_atime_ns, deck.stat().st_mtime_ns + 10**9))
    bank, _ = read_full_bank(questions, None, None, cache=True)
    assert bank.decks[0].title == "The port"


def test_a_bank_with_problems_is_not_cached(tmp_path):
    questions = copy_bank(tmp_path)
    (questions / "broken.toml").write_text("[deck\n", encoding="utf-8")
    _, problems = read_full_bank(questions, None, None, cache=True)
    _, again = read_full_bank(questions, None, None, cache=True)
    assert problems and again == problems
    assert not list(cache_dir().glob("bank-*.pickle"))


def test_a_damaged_cache_file_is_ignored(tmp_path):
    questions = copy_bank(tmp_path)
    read_full_bank(questions, None, None, cache=True)
    (cached,) = cache_dir().glob("bank-*.pickle")
    cached.write_bytes(b"not a pickle")
    bank, problems = read_full_bank(questions, None, None, cache=True)
    assert problems == [] and len(bank.questions) == 5
