"""`quiz play --plain` writes answers the way the app does: true/false as the answer is, numbers with their unit."""

from __future__ import annotations

from tests.test_plain_mode import asked_order, play


def test_a_true_false_answer_is_written_as_the_correct_answer_is(quiz, monkeypatch):
    typed = ["f" if "True or false" in prompt else "x" for prompt in asked_order(5, 3)]
    result = play(quiz, monkeypatch, "\n".join(typed) + "\n", "--form", "typed", "-n", "5")
    assert result.code == 0, result.err
    assert "You answered: False\nCorrect answer: True" in result.out


def test_a_revealed_flashcard_keeps_its_unit(quiz, monkeypatch):
    result = play(quiz, monkeypatch, "\n3\n" * 5, "--form", "flashcard", "-n", "5")
    assert result.code == 0, result.err
    assert "Answer: 1.2 million euros" in result.out
