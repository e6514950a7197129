"""`quiz export DECK` and `quiz export attempts` share one command."""

from __future__ import annotations


def test_export_deck_by_id(quiz):
    result = quiz("export", "barrel-bombs", "--format", "aiken")
    assert result.code == 0 and "ANSWER: " in result.out


def test_export_attempts_refuses_a_deck_format(quiz):
    result = quiz("export", "attempts", "--format", "gift")
    assert result.code == 2 and "csv or json" in result.err


def test_export_unknown_deck_is_a_clear_error(quiz):
    result = quiz("export", "nodeck", "--format", "gift")
    assert result.code != 0 and "no deck 'nodeck'" in result.err
