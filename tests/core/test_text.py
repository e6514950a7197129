"""Text folding and number reading, shared by the bank checker and the grader."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.core.text import fold, numbers_in, parse_number


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("  Paris  ", "paris"),
        ("The Security Council", "security council"),
        ("an Embargo", "embargo"),
        ("A", "a"),  # an article alone is the answer, not a prefix
        ("François", "francois"),
        ("Ｐａｒｉｓ", "paris"),
        ("O\u2019Brien", "obrien"),
        ("al-Assad", "al assad"),
        ("Britain,  France and\tSpain.", "britain france and spain"),
        ("Łódź", "lodz"),
        ("Søren Ørsted", "soren orsted"),
        ("Æsir", "aesir"),
        ("Straße", "strasse"),
        ("İstanbul", "istanbul"),
        ("\u0390", "\u03b9"),  # Greek iota with dialytika and tonos: case folding adds marks, still dropped
    ],
)
def test_fold_ignores_case_accents_punctuation_spacing_and_leading_article(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("250,000", 250000),
        ("250000", 250000),
        ("250 000", 250000),
        ("250\u202f000", 250000),
        ("250k", 250000),
        ("250 thousand", 250000),
        ("24 million", 24_000_000),
        ("1.2m", 1_200_000),
        ("3bn", 3_000_000_000),
        ("250,000 people", 250000),
        ("5.5", 5.5),
        ("-5", -5),
        ("\u22125", -5),
        ("+5", 5),
        ("-1.2m", -1_200_000),
    ],
)
def test_parse_number_reads_numbers_as_people_write_them(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "lots", "about 5", "5 or 6", "1,5", "--5", "- 5", "five"])
def test_parse_number_rejects_what_is_not_exactly_one_number(text):
    assert parse_number(text) is None


def test_numbers_in_finds_every_number_with_its_multiplier():
    assert numbers_in("a 5-4 vote; 250,000 people and 24 million displaced") == [5, 4, 250000, 24_000_000]


@settings(deadline=None, max_examples=200)
@given(st.integers(min_value=-(2**53), max_value=2**53))
def test_parse_number_reads_back_a_grouped_integer(n):
    assert parse_number(f"{n:,}") == n


@settings(deadline=None, max_examples=200)
@given(st.text())
def test_fold_and_parse_number_never_raise(text):
    assert isinstance(fold(text), str)
    assert parse_number(text) is None or isinstance(parse_number(text), float)
