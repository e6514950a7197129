"""Natural answers to the built-in bank's questions are accepted, and their near misses are not."""

from __future__ import annotations

import pytest

from quiz.core.bank import load_bank
from quiz.core.grading import grade
from quiz.core.verdict import Form
from quiz.data import locations


@pytest.fixture(scope="module")
def bank():
    return load_bank(locations.bank_path())


@pytest.mark.parametrize(
    ("qid", "given_text"),
    [
        ("ap-022", "more than 250,000"),  # the article: "More than 250,000 people are believed to be trapped"
        ("ap-022", "over 250,000 people"),
        ("ps-022", "over 50"),
        ("ps-022", "more than 50"),
        ("bs-008", "more than 700"),
        ("sd-023", "about 35,000"),
        ("x-023", "October 8"),
        ("x-023", "8 October"),
        ("x-023", "Oct 8"),
        ("bs-009", "December 19"),
        ("bs-009", "19/12"),
        ("ps-023", "February 23"),
        ("bs-010", "UK"),
        ("bs-010", "United Kingdom"),
        ("bs-010", "Britain"),
        ("bs-014", "chemical"),
        ("bb-020", "Iran's"),
        ("bb-020", "Tehran"),
        ("bb-020", "Iranian"),
        ("bb-021", "Daesh"),
        ("sd-015", "Interfax news agency"),
    ],
)
def test_a_natural_answer_is_accepted(bank, qid, given_text):
    assert grade(bank.question(qid), given_text, Form.TYPED).correct


@pytest.mark.parametrize(
    ("qid", "given_text"),
    [
        ("ap-022", "more than 200,000"),
        ("ap-022", "about 250,000"),  # the article gives a lower bound, not an estimate
        ("ps-022", "over 60"),
        ("ps-022", "nearly 50"),
        ("sd-023", "about 36,000"),
        ("sd-023", "more than 35,000"),
        ("bb-005", "more than 250,000"),  # the death toll is given exactly
        ("x-023", "October 9"),
        ("x-023", "8 November"),
        ("x-023", "8/10"),  # day or month first? both fit
        ("bs-009", "December 18"),
        ("ps-023", "March 23"),
        ("bs-010", "French"),
        ("bs-010", "English"),
        ("bs-014", "biological"),
        ("bb-020", "Iraq"),
        ("bb-021", "Nusra"),
        ("sd-015", "Tass news agency"),
    ],
)
def test_a_near_miss_is_refused(bank, qid, given_text):
    assert not grade(bank.question(qid), given_text, Form.TYPED).correct
