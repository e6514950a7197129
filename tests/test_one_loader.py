"""Every command loads the bank by `quiz check`'s rules: what check rejects, play, export and drill refuse."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from quiz.data.library import library_questions
from tests.conftest import ROOT

DECK = "showdown"


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    """A copy of the built-in bank (questions/ beside seeds/), which passes `quiz check`."""
    shutil.copytree(ROOT / "questions", tmp_path / "questions")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path / "questions"


def misquote(bank: Path) -> None:
    """Make one evidence quote of the deck say what its article does not: valid TOML, but ungrounded."""
    deck = bank / f"{DECK}.toml"
    text = deck.read_text(encoding="utf-8")
    deck.write_text(re.sub(r'quote = "', 'quote = "Words the article never says. ', text, count=1), encoding="utf-8")


def problem_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.match(r"^\S+\.toml(:\d+)?: ", line)]


def test_play_refuses_a_deck_that_check_rejects_with_checks_own_message(quiz, bank):
    misquote(bank)
    check = quiz("check", str(bank))
    assert check.code == 1
    expected = problem_lines(check.out)
    assert len(expected) == 1 and "evidence quote not found" in expected[0] and "[sd-" in expected[0]

    for args in (["play", "--plain", "-n", "1"], ["play", "--plain", "--deck", DECK, "-n", "1"]):
        played = quiz(*args, "--bank", str(bank))
        assert played.code == 1
        assert problem_lines(played.err) == expected  # the same file:line: [id] message, not "no deck"
        assert "Traceback" not in played.out + played.err
        assert "Question" not in played.out


def test_export_refuses_a_deck_that_check_rejects(quiz, bank, tmp_path):
    misquote(bank)
    out = tmp_path / "out.csv"
    result = quiz("export", DECK, "--format", "csv", "--out", str(out), "--bank", str(bank))
    assert result.code != 0
    assert "quiz check" in result.err
    assert not out.exists()


def test_a_bank_that_check_accepts_still_plays(quiz, bank, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(":q\n"))
    played = quiz("play", "--plain", "--deck", DECK, "-n", "1", "--seed", "1", "--bank", str(bank))
    assert played.code == 0, played.err
    assert "Question 1 of 1" in played.out


def test_a_library_deck_that_check_rejects_is_refused_too(quiz, bank, isolated):
    """The learner's library goes through the same loader as the bank."""
    library = library_questions(isolated / "data")
    library.mkdir(parents=True)
    text = (bank / f"{DECK}.toml").read_text(encoding="utf-8")
    text = text.replace(f'id = "{DECK}"', 'id = "mine"').replace('id = "sd-', 'id = "mine-')
    (library / "mine.toml").write_text(text, encoding="utf-8")  # no articles beside it: ungrounded evidence
    played = quiz("play", "--plain", "-n", "1", "--bank", str(bank))
    assert played.code == 1
    assert any("mine.toml" in line and "unknown article" in line for line in problem_lines(played.err))


@pytest.mark.parametrize("command", [["check"], ["play", "--plain", "-n", "1"]])
def test_a_deck_linked_from_outside_the_bank_folder_is_refused(quiz, bank, tmp_path, command):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    outside = elsewhere / "other.toml"
    text = (bank / f"{DECK}.toml").read_text(encoding="utf-8")
    outside.write_text(text.replace(f'id = "{DECK}"', 'id = "other"').replace('id = "sd-', 'id = "ot-'), "utf-8")
    (bank / "other.toml").symlink_to(outside)

    if command == ["check"]:
        result = quiz("check", str(bank))
        output = result.out
    else:
        result = quiz(*command, "--bank", str(bank))
        output = result.err
    assert result.code == 1
    refused = [line for line in output.splitlines() if "other.toml: is a link to" in line]
    assert len(refused) == 1 and "outside the bank folder" in refused[0], output
    assert "duplicate" not in output  # the linked deck was not read at all


def test_a_bank_folder_that_is_itself_a_link_is_fine(quiz, bank, tmp_path):
    """The rule is about decks pointing out of the folder, not about where the folder lives."""
    link = tmp_path / "linked-questions"
    link.symlink_to(bank, target_is_directory=True)
    result = quiz("check", str(link), "--seeds", str(bank.parent / "seeds"))
    assert result.code == 0, result.out


def test_a_deck_with_only_fairness_warnings_still_plays(quiz, monkeypatch):
    """Warnings (what `quiz check --strict` fails on) never keep a deck from being studied; only errors do."""
    unfair = ROOT / "tests" / "data" / "unfair"
    check = quiz("check", str(unfair))
    assert check.code == 0 and "warning:" in check.out
    assert quiz("check", "--strict", str(unfair)).code == 1
    monkeypatch.setattr("sys.stdin", io.StringIO(":q\n"))
    played = quiz("play", "--plain", "-n", "1", "--seed", "1", "--bank", str(unfair))
    assert played.code == 0, played.err
    assert "Question 1 of 1" in played.out
