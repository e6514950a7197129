"""The parsed-bank cache: reused while files are unchanged, refreshed on any edit, never hides errors."""

from __future__ import annotations

import dataclasses
import gc
import os
import pickle
import shutil
from pathlib import Path

import pytest

from quiz.data import locations
from quiz.data.bank_cache import FORMAT, cache_dir
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
    assert problems == [] and len(list(cache_dir().glob("bank-*"))) == 1
    monkeypatch.setattr("quiz.data.library.checked_bank", lambda *a: (_ for _ in ()).throw(AssertionError("parsed")))
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
    assert not list(cache_dir().glob("bank-*"))


def test_a_damaged_cache_file_is_ignored(tmp_path):
    questions = copy_bank(tmp_path)
    read_full_bank(questions, None, None, cache=True)
    (cached,) = cache_dir().glob("bank-*")
    cached.write_bytes(b"not a pickle")
    bank, problems = read_full_bank(questions, None, None, cache=True)
    assert problems == [] and len(bank.questions) == 5


# --------------------------------------------------------------------------- the cached bank is the parsed bank

LIBRARY_DECK = """[deck]
id = "odds-and-ends"
title = "Odds and ends: “quotes”, accents (é, ø) and 日本語"
description = "Every kind, a draft, a tolerance and a false true/false."
origin = "imported"

[[questions]]
id = "o-001"
kind = "choice"
prompt = "Which café is on the corner?"
answer = "Café Ølund"
distractors = ["Café Nord", "Kaffe Syd"]
explanation = "Ø, then lund."
tags = ["places", "people"]
difficulty = 2

[[questions]]
id = "o-002"
kind = "recall"
prompt = "Who wrote the note?"
answer = "Zoë Brontë"
alternatives = ["Zoe Bronte", "Brontë"]
explanation = "The note is signed."
tags = ["people"]
difficulty = 3

[[questions]]
id = "o-003"
kind = "gap"
prompt = "The ferry leaves at ___ o'clock."
answer = "nine"
alternatives = ["9"]
explanation = "Nine."
tags = ["chronology"]
difficulty = 1

[[questions]]
id = "o-004"
kind = "truefalse"
prompt = "True or false: the ferry was late."
answer = false
explanation = "It was on time."
tags = ["chronology"]
difficulty = 1

[[questions]]
id = "o-005"
kind = "number"
prompt = "How long is the crossing, in minutes?"
answer = 42.5
tolerance = 0.5
unit = "minutes"
explanation = "About three quarters of an hour."
tags = ["chronology"]
difficulty = 2

[[questions]]
id = "o-006"
kind = "recall"
prompt = "Still a draft: what colour is the ferry?"
answer = "blue"
explanation = "Blue and white."
tags = ["places"]
difficulty = 1
status = "draft"
"""


def library_bank(tmp_path):
    """The built-in bank plus a library: a small generated deck and a deck of odd cases."""
    from tests.benchmarks.bench_tui import generate_bank

    data = tmp_path / "data"
    questions = generate_bank(data / "library", questions=40, per_file=20)
    (questions / "odds-and-ends.toml").write_text(LIBRARY_DECK, encoding="utf-8")
    return locations.bank_path(), data


def fields(obj) -> dict:
    """Every field, including those == leaves out (a question's file and line)."""
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def assert_same_bank(cached, parsed):
    assert cached == parsed
    assert list(cached.articles.items()) == list(parsed.articles.items())
    for a, b in zip(cached.articles.values(), parsed.articles.values(), strict=True):
        assert fields(a) == fields(b)
    for deck, other in zip(cached.decks, parsed.decks, strict=True):
        assert fields(deck) == fields(other)
        for q, p in zip(deck.questions, other.questions, strict=True):
            assert fields(q) == fields(p)
            assert q.kind is p.kind and type(q.answer) is type(p.answer)
            assert all(type(e) is type(f) for e, f in zip(q.evidence, p.evidence, strict=True))
            assert type(q.source) is type(p.source)


def test_the_cached_bank_equals_the_parsed_one_field_for_field(tmp_path, monkeypatch):
    bank, data = library_bank(tmp_path)
    parsed, problems = read_full_bank(bank, None, data)
    assert problems == []
    kinds = {q.kind.value for q in parsed.questions}
    assert kinds == {"choice", "recall", "gap", "truefalse", "number"}
    assert any(q.evidence for q in parsed.questions) and any(q.is_draft for q in parsed.questions)

    first, _ = read_full_bank(bank, None, data, cache=True)  # parses, then writes the cache
    assert_same_bank(first, parsed)
    monkeypatch.setattr("quiz.data.library.checked_bank", lambda *a: (_ for _ in ()).throw(AssertionError("parsed")))
    again, problems = read_full_bank(bank, None, data, cache=True)
    assert problems == []
    assert_same_bank(again, parsed)
    assert all(q.source is deck.source for deck in again.decks for q in deck.questions)  # one Path per file
    assert gc.isenabled()  # paused while loading only


def damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "flipped":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1 :])
    elif how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "other format":
        path.write_bytes(data.replace(FORMAT, b"quiz bank cache 0\n", 1))
    else:
        path.write_bytes(pickle.dumps("an older cache"))


@pytest.mark.parametrize("how", ["flipped", "truncated", "empty", "other format", "pickle"])
def test_a_damaged_or_foreign_cache_file_is_parsed_again_and_replaced(tmp_path, monkeypatch, how):
    bank, data = library_bank(tmp_path)
    parsed, _ = read_full_bank(bank, None, data)
    read_full_bank(bank, None, data, cache=True)
    (cached,) = cache_dir().glob("bank-*")
    damage(cached, how)
    loaded, problems = read_full_bank(bank, None, data, cache=True)
    assert problems == []
    assert_same_bank(loaded, parsed)
    monkeypatch.setattr("quiz.data.library.checked_bank", lambda *a: (_ for _ in ()).throw(AssertionError("parsed")))
    again, _ = read_full_bank(bank, None, data, cache=True)  # written afresh: read from the cache
    assert_same_bank(again, parsed)


def test_a_cache_file_written_for_other_files_is_ignored(tmp_path):
    """The file name is a short checksum of the key; the full key inside decides."""
    questions = copy_bank(tmp_path)
    read_full_bank(questions, None, None, cache=True)
    (mine,) = cache_dir().glob("bank-*")
    bank, data = library_bank(tmp_path)
    read_full_bank(bank, None, data, cache=True)
    (theirs,) = set(cache_dir().glob("bank-*")) - {mine}
    theirs.replace(mine)  # as if the two keys had the same checksum
    loaded, _ = read_full_bank(questions, None, None, cache=True)
    assert [d.id for d in loaded.decks] == ["harbour"] and len(loaded.questions) == 5
    assert gc.isenabled()


def _bank_number(tmp_path: Path, n: int) -> Path:
    deck = tmp_path / f"bank{n}" / "questions" / "harbour.toml"
    deck.parent.mkdir(parents=True)
    shutil.copy(DATA / "good" / "harbour.toml", deck)
    shutil.copytree(DATA / "seeds", deck.parent.parent / "seeds")
    return deck.parent


def test_any_number_of_banks_is_cached_within_the_size_limit(tmp_path):
    """Six banks (more than the four a count limit kept) are all cached; an edit replaces its bank's file."""
    folders = [_bank_number(tmp_path, n) for n in range(6)]
    for folder in folders:
        read_full_bank(folder, None, None, cache=True)
    assert len(list(cache_dir().glob("bank-*"))) == 6
    deck = folders[0] / "harbour.toml"
    os.utime(deck, ns=(deck.stat().st_atime_ns, deck.stat().st_mtime_ns + 10**9))
    read_full_bank(folders[0], None, None, cache=True)
    assert len(list(cache_dir().glob("bank-*"))) == 6


def test_over_the_size_limit_the_least_recently_used_banks_go_and_old_pickles_too(tmp_path, monkeypatch):
    legacy = cache_dir() / "bank-0123456789abcdef01234567.pickle"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(b"from an older quiz")
    os.utime(legacy, (1, 1))
    folders = [_bank_number(tmp_path, n) for n in range(3)]
    read_full_bank(folders[0], None, None, cache=True)
    (one,) = cache_dir().glob("bank-*.cache")
    monkeypatch.setattr("quiz.data.bank_cache.MAX_BYTES", one.stat().st_size * 2)  # room for two
    read_full_bank(folders[1], None, None, cache=True)
    os.utime(one, ns=(1, 1))  # long unused ...
    read_full_bank(folders[0], None, None, cache=True)  # ... until read again: the most recent now
    read_full_bank(folders[2], None, None, cache=True)
    kept = set(cache_dir().glob("bank-*"))
    assert len(kept) == 2 and one in kept and legacy not in kept


def test_the_index_holds_what_the_figures_need_and_follows_every_edit(tmp_path):
    """quiz stats and quiz due read it instead of the bank: it must say what the bank says, or nothing."""
    from quiz.data.bank_cache import cached_index
    from quiz.data.stats import question_rows

    questions = copy_bank(tmp_path)
    folders = [questions, questions.parent / "seeds"]
    assert cached_index(folders) is None  # nothing cached yet
    bank, _ = read_full_bank(questions, None, None, cache=True)
    assert cached_index(folders) == question_rows(bank)
    deck = questions / "harbour.toml"
    os.utime(deck, ns=(deck.stat().st_atime_ns, deck.stat().st_mtime_ns + 10**9))
    assert cached_index(folders) is None
