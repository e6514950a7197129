"""Export then import gives back the same questions, as far as each format can carry them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quiz.core.bank import load_bank
from quiz.core.model import Deck, Kind, Question, format_answer
from quiz.core.text import fold
from quiz.data import locations
from quiz.formats import EXPORTS, read_text, write_deck
from quiz.formats.gift import _WEIGHT
from tests.formats.strategies import kept, questions

BANK = load_bank(locations.bank_path())
LOSSLESS = ("gift", "csv", "json")


def again(questions: list[Question] | tuple[Question, ...], fmt: str) -> list[Question]:
    """Write the questions as `fmt` and read them back; the file must have no bad entry."""
    numbered = tuple(replace(q, id=f"h-{i:03d}") for i, q in enumerate(questions, 1))
    writing = write_deck(Deck("h", "Round trip", numbered), fmt)
    reading = read_text(writing.text, fmt, Path(f"round-trip.{fmt}"))
    assert reading.problems == [], writing.text
    return reading.questions


def one_line(text: str) -> str:
    return " ".join(text.split("\n")).strip()


def aiken_view(q: Question) -> tuple[object, ...] | None:
    """What Aiken keeps: the prompt and options on one line; typed kinds come back as choice."""
    if q.kind is Kind.TRUEFALSE:
        return (Kind.TRUEFALSE, one_line(q.prompt), q.answer, ())
    if not q.distractors:
        return None
    return (Kind.CHOICE, one_line(q.prompt), one_line(format_answer(q.answer)), tuple(map(one_line, q.distractors)))


def aiken_fields(q: Question) -> tuple[object, ...]:
    return (q.kind, q.prompt, q.answer, q.distractors)


@pytest.mark.parametrize("fmt", LOSSLESS)
@pytest.mark.parametrize("deck", BANK.decks, ids=lambda d: d.id)
def test_builtin_deck_round_trips_losslessly(deck, fmt):
    """GIFT, CSV and JSON keep every field of the built-in questions but their evidence."""
    back = again(deck.questions, fmt)
    assert [kept(q) for q in back] == [kept(q) for q in deck.questions]


@pytest.mark.parametrize("deck", BANK.decks, ids=lambda d: d.id)
def test_builtin_deck_round_trips_through_aiken_as_multiple_choice(deck):
    """Aiken keeps prompt, answer and options; typed questions without options are left out."""
    expected = [v for v in map(aiken_view, deck.questions) if v is not None]
    assert [aiken_fields(q) for q in again(deck.questions, "aiken")] == expected


def test_every_kind_is_in_the_builtin_bank():
    """The bank tests above cover every kind, with and without options and alternatives."""
    qs = BANK.questions
    assert {q.kind for q in qs} == set(Kind)
    assert any(q.alternatives and q.distractors for q in qs)
    assert any(q.kind is Kind.NUMBER and q.distractors for q in qs)


def gift_can_carry(q: Question) -> bool:
    """GIFT's documented limits: an answer that starts like a weight (%50%), or answers that all read a -> b."""
    answers = [format_answer(q.answer), *q.alternatives, *q.distractors]
    if any(_WEIGHT.match(a) for a in answers):
        return False
    typed = [format_answer(q.answer), *q.alternatives]
    return not (q.kind in (Kind.RECALL, Kind.GAP) and len(typed) > 1 and all("->" in a for a in typed))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(questions(), min_size=1, max_size=4), st.sampled_from(LOSSLESS))
def test_awkward_questions_round_trip_losslessly(qs, fmt):
    """Quotes, GIFT's ~ = # { } :, commas, tabs, newlines and non-ASCII all survive."""
    if fmt == "gift":
        assume(all(gift_can_carry(q) for q in qs))
    assert [kept(q) for q in again(qs, fmt)] == [kept(q) for q in qs]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(questions(), min_size=1, max_size=4))
def test_awkward_questions_round_trip_through_aiken(qs):
    """Aiken keeps prompt, answer and options, each on one line."""
    expected = [v for v in map(aiken_view, qs) if v is not None]
    # Two options that read True and False are a true/false question in Aiken.
    assume(all(v[0] is Kind.TRUEFALSE or sorted(map(fold, [v[2], *v[3]])) != ["false", "true"] for v in expected))
    assume(expected)
    assert [aiken_fields(q) for q in again(qs, "aiken")] == expected


def test_every_export_format_is_tested():
    assert set(EXPORTS) == {*LOSSLESS, "aiken", "apkg"}  # apkg: tests/formats/test_apkg_*.py
