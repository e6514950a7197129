"""`quiz play --plain`: a whole session in plain lines, answers from stdin, scores in the store."""

from __future__ import annotations

import io
import json
import random
from datetime import datetime, timezone

from quiz.core.bank import load_bank
from quiz.core.selection import History, Options, select
from quiz.core.verdict import Form
from tests.conftest import DATA

HARBOUR = str(DATA / "good" / "harbour.toml")


def play(quiz, monkeypatch, answers: str, *args: str):
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    return quiz("play", "--plain", "--bank", HARBOUR, "--seed", "3", *args)


def asked_order(count: int, seed: int) -> list[str]:
    """The prompts a seeded session asks, in order (the same selection the CLI makes)."""
    bank = load_bank(DATA / "good" / "harbour.toml")
    options = Options(count=count, seed=seed, form=Form.TYPED)
    return [q.prompt for q in select(bank, options, History(), datetime.now(timezone.utc), random.Random(seed))]


def test_typed_session_from_stdin_is_scored_and_saved(quiz, monkeypatch):
    answers = {
        "Who is the mayor": "Ada Quist",
        "How much": "1.2 million",
        "closure": "three-week",
        "True or false": "t",
        "Which town": "Port Elni",  # a typo, accepted
    }
    typed = [next(v for k, v in answers.items() if k in prompt) for prompt in asked_order(5, 3)]
    result = play(quiz, monkeypatch, "\n".join(typed) + "\n", "--form", "typed", "-n", "5")
    assert result.code == 0, result.err
    assert "Score 5 of 5" in result.out
    assert "Judged: accepted: typo" in result.out
    stats = json.loads(quiz("stats", "--json", "--bank", HARBOUR).out)
    assert stats["attempts"] == 5


def test_choice_answers_by_number_and_commands(quiz, monkeypatch):
    result = play(quiz, monkeypatch, ":h\n:s\n" + "1\n" * 8, "-n", "2")
    assert result.code == 0, result.err
    assert "Hint:" in result.out and "Skipped" in result.out
    assert "Commands: :h hint, :s skip, :q quit." in result.out


def test_end_of_input_ends_the_session_and_keeps_answers(quiz, monkeypatch):
    result = play(quiz, monkeypatch, "1\n", "-n", "5")
    assert result.code == 0
    assert "Every answer is saved." in result.out
    assert "not answered" in result.out


def test_exam_mode_prints_no_feedback_until_the_end(quiz, monkeypatch):
    result = play(quiz, monkeypatch, "1\n" * 5 + "t\n" * 5, "--mode", "exam", "-n", "5")
    assert "Correct answer:" not in result.out.split("Done.")[0]
    assert "Done. Score" in result.out


def test_plain_output_never_carries_escape_codes(quiz, monkeypatch, tmp_path):
    result = play(quiz, monkeypatch, ":q\n", "-n", "1")
    assert "\x1b" not in result.out


def test_unknown_deck_is_a_usage_error(quiz, monkeypatch):
    result = play(quiz, monkeypatch, "", "--deck", "nope")
    assert result.code == 2 and "no deck nope" in result.err
