"""Decks written by the writer load back as the same questions."""

from __future__ import annotations

from dataclasses import replace

from quiz.core.bank import load_bank, load_deck
from quiz.core.writer import dump_deck
from quiz.data import locations
from tests.conftest import DATA


def roundtrip(deck, tmp_path):
    path = tmp_path / f"{deck.id}.toml"
    path.write_text(dump_deck(deck, header="written by a test"), encoding="utf-8")
    problems: list = []
    again = load_deck(path, problems)
    assert problems == []
    return again


def test_every_builtin_deck_round_trips(tmp_path):
    for deck in load_bank(locations.bank_path()).decks:
        assert roundtrip(deck, tmp_path).questions == deck.questions


def test_awkward_text_and_drafts_round_trip(tmp_path):
    deck = load_bank(DATA / "good" / "harbour.toml").decks[0]
    q = replace(deck.questions[0], prompt='Quotes " \\ and [bold] {x} \x1b[31m and ñ', status="draft")
    deck = replace(deck, questions=(q, *deck.questions[1:]), origin="derived")
    again = roundtrip(deck, tmp_path)
    assert again.questions == deck.questions and again.origin == "derived"
