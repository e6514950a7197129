"""What the commands say: paths a person can read, counts with the right words, the real reason first."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.conftest import DATA

FIXTURES = Path(__file__).parent / "formats" / "fixtures"
BANK = ("--bank", str(DATA / "good"), "--seeds", str(DATA / "seeds"))


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shell is in a folder beside the files, so a relative path would climb out with '../'."""
    here = tmp_path / "shell" / "deep"
    here.mkdir(parents=True)
    monkeypatch.chdir(here)
    return tmp_path


def test_success_messages_name_paths_whole_not_climbing_out_of_the_current_folder(quiz, elsewhere: Path):
    out = elsewhere / "out" / "harbour.txt"
    out.parent.mkdir()
    exported = quiz("export", "harbour", "--format", "aiken", "--out", str(out), *BANK)
    assert exported.code == 0 and f"to {out} (Aiken)" in exported.out and "../" not in exported.out
    imported = quiz("import", str(FIXTURES / "good.gift"), "--out", str(elsewhere / "out"))
    into = elsewhere / "out" / "good.toml"
    assert imported.code == 0 and f"from {FIXTURES / 'good.gift'} into {into}" in imported.out
    here = quiz("export", "harbour", "--format", "aiken", "--out", "mine.txt", *BANK)
    assert "to mine.txt (Aiken)" in here.out  # below the current folder: as typed


def test_paths_under_home_are_shown_with_a_tilde(quiz, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "decks").mkdir()
    exported = quiz("export", "harbour", "--format", "aiken", "--out", str(tmp_path / "decks" / "h.txt"), *BANK)
    assert "to ~/decks/h.txt (Aiken)" in exported.out


def test_an_import_with_notes_only_says_notes_not_warnings(quiz):
    result = quiz("import", str(FIXTURES / "good.gift"))
    assert result.code == 0
    assert ", with 5 notes (see above)." in result.out and "warning" not in result.out


def test_one_problem_is_fixed_as_it(quiz, tmp_path: Path):
    deck = tmp_path / "one.toml"
    text = (DATA / "good" / "harbour.toml").read_text(encoding="utf-8")
    deck.write_text(text.replace("difficulty = 1", 'difficulty = "easy"', 1), encoding="utf-8")
    result = quiz("check", str(deck), "--seeds", str(DATA / "seeds"))
    assert result.code == 1 and "✗ 1 problem in" in result.out and "; fix it and run" in result.out


@pytest.mark.parametrize("command", [("play", "--plain"), ("drill", "new"), ()], ids=["play", "drill", "summary"])
def test_a_mistyped_bank_path_is_said_as_such_not_as_a_bank_with_problems(quiz, tmp_path, monkeypatch, command):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    missing = tmp_path / "questoins"
    result = quiz(*command, "--bank", str(missing))
    assert result.code == 1
    assert result.err == f"quiz: there is no bank at {missing}; check --bank (or QUIZ_BANK)\n"


def test_the_summary_for_a_pipe_lists_library_decks_too(quiz, tmp_path: Path):
    article = tmp_path / "cup-final.txt"
    article.write_text((Path(__file__).parent / "derive" / "fixtures" / "cup_final.txt").read_text(encoding="utf-8"))
    assert quiz("add", str(article), "--id", "cup-final", *BANK).code == 0
    summary = quiz(*BANK)  # output captured: not a terminal, so `quiz` prints the summary
    assert summary.code == 0
    assert summary.out.startswith("2 decks, ")
    assert [line.split()[0] for line in summary.out.splitlines()[1:3]] == ["harbour", "cup-final"]
