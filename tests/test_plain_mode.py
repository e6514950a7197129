"""`quiz play --plain`: a whole session in plain lines, answers from stdin, scores in the store."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from datetime import datetime, timezone

from quiz.core.bank import load_bank
from quiz.core.selection import History, Options, select
from quiz.core.verdict import Form
from tests.conftest import DATA, ROOT

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
    assert "Commands: :h hint, :s skip, :u undo the previous answer, :q quit." in result.out


def test_end_of_input_ends_the_session_and_keeps_answers(quiz, monkeypatch):
    result = play(quiz, monkeypatch, "1\n", "-n", "5")
    assert result.code == 0
    assert "Every answer is saved." in result.out
    assert "4 not reached." in result.out


def test_leaving_early_reports_the_questions_not_reached_only_as_a_count(quiz, monkeypatch):
    """Their prompts and answers are never printed: the learner did not earn them."""
    result = play(quiz, monkeypatch, "1\n", "-n", "5")
    report = result.out.split("Done.")[1]
    bank = {q.prompt: q for q in load_bank(DATA / "good" / "harbour.toml").questions}
    unreached = [bank[prompt] for prompt in asked_order(5, 3)[1:]]
    assert "4 not reached." in report
    for q in unreached:
        assert q.prompt not in report and q.answer_text not in report


def test_practice_report_shows_the_again_round(quiz, monkeypatch):
    """A miss answered wrong again when it comes back is in the report, with that second answer."""
    result = play(quiz, monkeypatch, "0.5 million\n0.7 million\n", "--form", "typed", "-n", "1")
    report = result.out.split("Done.")[1]
    assert "Score 0 of 1" in result.out
    assert "1. wrong: How much did the repairs cost, in euros?" in report
    assert "Again: wrong: How much did the repairs cost, in euros?" in report
    assert "You answered: 0.7 million" in report


def test_the_readme_example_answers_right_on_any_profile(quiz, tmp_path):
    """The README's piped example, run exactly as written twice in one data folder, answers right both times."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if line.startswith("printf ") and "--plain" in line)
    shim = tmp_path / "bin" / "quiz"  # `quiz` as installed: this Python running this checkout
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m quiz "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    for _ in range(2):  # the second run has history: the recognise-then-recall ladder must not change the form
        run = subprocess.run(["sh", "-c", line], env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert "Score 2 of 2" in run.stdout, run.stdout
    assert json.loads(quiz("stats", "--json").out)["attempts"] == 4  # both runs kept in the same data folder


def test_true_false_takes_1_and_2_as_the_app_numbers_them(quiz, monkeypatch):
    """1 is True (the harbour statement is true); what is neither is asked again, not marked wrong."""
    monkeypatch.setattr("sys.stdin", io.StringIO("3\nmaybe\n1\n"))
    result = quiz("play", "--plain", "--bank", HARBOUR, "--kind", "truefalse", "-n", "1", "--mode", "drill")
    assert result.code == 0, result.err
    assert "True or false (t or f, or 1 or 2): " in result.out
    assert result.out.count("Type t or f (or 1 for true, 2 for false).") == 2
    assert "Score 1 of 1" in result.out
    rows = json.loads(quiz("stats", "--json", "--bank", HARBOUR).out)
    assert rows["attempts"] == 1


def test_a_drill_gives_no_hints(quiz, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(":h\n1\n"))
    result = quiz("play", "--plain", "--bank", HARBOUR, "--kind", "choice", "-n", "1", "--mode", "drill")
    assert result.code == 0, result.err
    assert "No hints in a drill" in result.out and "Hint:" not in result.out


def test_the_total_stays_put_and_nothing_answered_has_no_accuracy(quiz, monkeypatch):
    """The "again" round is counted apart (the total does not grow); 0% would read as all wrong."""
    result = play(quiz, monkeypatch, "0.5 million\n0.7 million\n1.2 million\n", "--form", "typed", "-n", "2")
    assert "Question 1 of 2." in result.out and "Question 2 of 2." in result.out
    assert "of 3" not in result.out and "Again: question 1 of " in result.out
    left = play(quiz, monkeypatch, ":q\n", "-n", "3")
    assert "Done. Score 0 of 3, accuracy –." in left.out and "0%" not in left.out
