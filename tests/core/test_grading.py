"""The grader: typed text, chosen options, true/false and numbers, judged fairly and never crashing."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.core.grading import can_ask_as_choice, grade, options_for, skipped, typo_allowance
from quiz.core.model import Kind, Question, format_number
from quiz.core.text import fold
from quiz.core.verdict import Form, Outcome, Verdict


def question(
    kind: Kind = Kind.RECALL,
    answer: str | bool | float = "Paris",
    *,
    alternatives: Sequence[str] = (),
    distractors: Sequence[str] = (),
    **fields: Any,
) -> Question:
    """A question with only what grading reads filled in."""
    return Question(
        id="t-001",
        kind=kind,
        prompt="?",
        answer=answer,
        evidence=(),
        explanation="",
        tags=("people",),
        difficulty=1,
        alternatives=tuple(alternatives),
        distractors=tuple(distractors),
        **fields,
    )


def typed(answer: str, given_text: str, **fields: Any) -> Verdict:
    return grade(question(Kind.RECALL, answer, **fields), given_text, Form.TYPED)


# -- typed text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "given_text"),
    [
        ("Paris", "Paris"),
        ("Paris", "  paris  "),
        ("Paris", "PARIS"),
        ("Paris", "Paris!"),
        ("François Delattre", "Francois Delattre"),
        ("Francois", "François"),
        ("The Security Council", "security council"),
        ("Security Council", "the Security Council"),
        ("an embargo", "Embargo"),
        ("Britain, France and Spain", "britain france and spain"),
        ("al-Assad", "al Assad"),
        ("O'Brien", "O\u2019Brien"),
        ("Paris", "Ｐａｒｉｓ"),  # full-width letters, NFKC
        ("Łódź", "Lodz"),
        ("Søren", "soren"),
    ],
)
def test_typed_answer_matches_ignoring_case_accents_punctuation_and_leading_article(answer, given_text):
    verdict = typed(answer, given_text)
    assert verdict.outcome is Outcome.CORRECT
    assert verdict.note == ""


@pytest.mark.parametrize(
    ("answer", "given_text"),
    [
        ("Paris", "London"),
        ("Paris", "Paris France"),
        ("Security Council", "General Assembly"),
        ("The Hague", "Hague the"),
    ],
)
def test_typed_answer_that_differs_is_wrong(answer, given_text):
    assert typed(answer, given_text).outcome is Outcome.WRONG


def test_verdict_shows_answer_text_and_stripped_given():
    verdict = typed("Paris", "  London \n")
    assert (verdict.given, verdict.expected) == ("London", "Paris")


@pytest.mark.parametrize(
    ("given_text", "alternative"),
    [("Iliichev", "Iliichev"), ("iliichev", "Iliichev"), ("Pyotr Iliichev", "Pyotr Iliichev")],
)
def test_accepted_alternative_is_credited_and_named(given_text, alternative):
    verdict = typed("Petr Iliichev", given_text, alternatives=["Iliichev", "Pyotr Iliichev"])
    assert verdict.outcome is Outcome.ALTERNATIVE
    assert verdict.note == f"accepted alternative: {alternative}"
    assert verdict.expected == "Petr Iliichev"


@pytest.mark.parametrize("given_text", ["", "   ", "\n\t"])
def test_empty_answer_is_wrong_with_nothing_given(given_text):
    verdict = typed("Paris", given_text)
    assert (verdict.outcome, verdict.given) == (Outcome.WRONG, "")


def test_skipped_is_its_own_outcome():
    verdict = skipped(question(Kind.NUMBER, 250000.0, unit="people"))
    assert (verdict.outcome, verdict.given, verdict.expected) == (Outcome.SKIPPED, "", "250,000 people")


# -- typos --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("length", "edits"), [(0, 0), (4, 0), (5, 1), (8, 1), (9, 2), (15, 2), (16, 3), (40, 3)])
def test_typo_allowance_grows_with_answer_length(length, edits):
    assert typo_allowance("x" * length) == edits


@pytest.mark.parametrize(
    ("answer", "given_text"),
    [
        ("Syria", "Siria"),  # 5 characters: one edit
        ("Austria", "Austira"),  # a transposition is one edit
        ("Delattre", "Delatre"),
        ("Hezbollah", "Hezbola"),  # 9 characters: two edits
        ("Petr Iliichev", "Petr Ilichev"),
        ("Security Council", "Secuirty Concil"),  # 16 characters: three edits
        ("Resolution 2139", "Resolutoin 2139"),  # letters around a number may be misspelt
    ],
)
def test_small_misspelling_is_credited_as_typo(answer, given_text):
    verdict = typed(answer, given_text)
    assert verdict.outcome is Outcome.TYPO
    assert verdict.note == f"accepted: typo (expected '{answer}')"


def test_misspelt_alternative_is_credited_as_typo_of_that_alternative():
    verdict = typed("Petr Iliichev", "Iliichv", alternatives=["Iliichev"])
    assert verdict.outcome is Outcome.TYPO
    assert verdict.note == "accepted: typo (expected 'Iliichev')"


@pytest.mark.parametrize(
    ("answer", "given_text"),
    [
        ("Austria", "Astira"),  # two edits in seven characters
        ("Damascus", "Damscs"),
        ("Hezbollah", "Hezbl"),
        ("Security Council", "Secret Counsel"),
    ],
)
def test_misspelling_beyond_tolerance_is_wrong(answer, given_text):
    assert typed(answer, given_text).outcome is Outcome.WRONG


@pytest.mark.parametrize(
    ("answer", "given_text"),
    [("Iran", "Iram"), ("Oslo", "Olso"), ("UN", "UK"), ("Gaza", "Gaze")],
)
def test_short_answers_have_no_typo_tolerance(answer, given_text):
    assert typed(answer, given_text).outcome is Outcome.WRONG


@pytest.mark.parametrize(
    ("answer", "distractors", "given_text"),
    [
        ("Iran", ["Iraq"], "Iraq"),
        ("Austria", ["Australia"], "Australia"),  # exactly a distractor
        ("Austria", ["Australia"], "Austraia"),  # one edit from each: it could mean either
        ("Gatilova", ["Gatilov"], "Gatilo"),  # nearer the distractor
    ],
)
def test_no_typo_credit_when_as_near_a_distractor(answer, distractors, given_text):
    assert typed(answer, given_text, distractors=distractors).outcome is Outcome.WRONG


def test_the_same_misspelling_counts_when_no_distractor_is_near():
    assert typed("Austria", "Austraia").outcome is Outcome.TYPO


def test_options_shown_count_as_distractors_for_typos():
    verdict = grade(question(answer="Austria"), "Austraia", Form.TYPED, options=["Austria", "Australia"])
    assert verdict.outcome is Outcome.WRONG


@pytest.mark.parametrize(
    ("answer", "given_text"),
    [
        ("12345", "12354"),
        ("1,500,000", "1,500,001"),
        ("Resolution 2139", "Resolution 2138"),
        ("October 28", "October 29"),
    ],
)
def test_numbers_written_in_text_answers_are_never_typos(answer, given_text):
    assert typed(answer, given_text).outcome is Outcome.WRONG


# -- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "given_text"),
    [
        (250000.0, "250,000"),
        (250000.0, "250000"),
        (250000.0, "250 000"),
        (250000.0, "250\u00a0000"),
        (250000.0, "250k"),
        (250000.0, "250 K"),
        (250000.0, "250 thousand"),
        (250000.0, "0.25 million"),
        (250000.0, "250,000 people"),
        (250000.0, "250000.0"),
        (24_000_000.0, "24 million"),
        (24_000_000.0, "24m"),
        (24_000_000.0, "24 mn"),
        (24_000_000.0, "24,000,000"),
        (1_200_000.0, "1.2m"),
        (1_200_000.0, "1.2 million"),
        (3_000_000_000.0, "3bn"),
        (5.5, "5.5"),
        (-5.0, "-5"),
        (0.1 + 0.2, "0.3"),  # float noise is not a wrong answer
    ],
)
def test_number_is_read_in_every_written_form(answer, given_text):
    verdict = grade(question(Kind.NUMBER, answer, unit="people"), given_text, Form.TYPED)
    assert verdict.outcome is Outcome.CORRECT
    assert verdict.note == ""


@pytest.mark.parametrize("given_text", ["250,001", "25,000", "2.5m", "250", "-250,000"])
def test_wrong_number_is_wrong_and_never_a_typo(given_text):
    verdict = grade(question(Kind.NUMBER, 250000.0), given_text, Form.TYPED)
    assert (verdict.outcome, verdict.note) == (Outcome.WRONG, "")


@pytest.mark.parametrize("given_text", ["lots", "about 250,000", "250,000 or 300,000", "1,5", "two hundred"])
def test_unreadable_number_is_wrong_with_a_note(given_text):
    verdict = grade(question(Kind.NUMBER, 250000.0), given_text, Form.TYPED)
    assert (verdict.outcome, verdict.note) == (Outcome.WRONG, "not a number")


@pytest.mark.parametrize(
    ("given_text", "outcome", "note"),
    [
        ("250,000", Outcome.CORRECT, ""),
        ("245,000", Outcome.CORRECT, "accepted: within ±5,000"),
        ("255k", Outcome.CORRECT, "accepted: within ±5,000"),
        ("244,999", Outcome.WRONG, ""),
        ("256,000", Outcome.WRONG, ""),
    ],
)
def test_number_within_tolerance_is_correct(given_text, outcome, note):
    verdict = grade(question(Kind.NUMBER, 250000.0, tolerance=5000.0), given_text, Form.TYPED)
    assert (verdict.outcome, verdict.note) == (outcome, note)


@pytest.mark.parametrize("given_text", ["300 m", "300m", "300 M"])
def test_unit_that_looks_like_a_multiplier_is_read_as_the_unit(given_text):
    verdict = grade(question(Kind.NUMBER, 300.0, unit="m"), given_text, Form.TYPED)
    assert verdict.outcome is Outcome.CORRECT


@pytest.mark.parametrize(("unit", "expected"), [("people", "250,000 people"), ("", "250,000")])
def test_number_expected_text_carries_its_unit(unit, expected):
    assert grade(question(Kind.NUMBER, 250000.0, unit=unit), "1", Form.TYPED).expected == expected


# -- true / false -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "given_text", "outcome"),
    [
        *((True, word, Outcome.CORRECT) for word in ["t", "T", "true", "TRUE", " yes ", "y", "Y", "Yes"]),
        *((True, word, Outcome.WRONG) for word in ["f", "false", "no", "n", "N"]),
        *((False, word, Outcome.CORRECT) for word in ["f", "False", "no", "n"]),
        *((False, word, Outcome.WRONG) for word in ["t", "true", "yes", "y"]),
    ],
)
def test_true_false_words(answer, given_text, outcome):
    verdict = grade(question(Kind.TRUEFALSE, answer), given_text, Form.TRUEFALSE)
    assert (verdict.outcome, verdict.note) == (outcome, "")
    assert verdict.expected == ("True" if answer else "False")


@pytest.mark.parametrize("given_text", ["maybe", "tru", "1", "0", "yess", "true false"])
def test_true_false_other_words_are_wrong_with_a_hint(given_text):
    verdict = grade(question(Kind.TRUEFALSE, True), given_text, Form.TRUEFALSE)
    assert (verdict.outcome, verdict.note) == (Outcome.WRONG, "answer t or f")


@pytest.mark.parametrize(("chosen", "outcome"), [("True", Outcome.WRONG), ("False", Outcome.CORRECT)])
def test_true_false_asked_as_choice(chosen, outcome):
    assert grade(question(Kind.TRUEFALSE, False), chosen, Form.CHOICE).outcome is outcome


# -- choice -------------------------------------------------------------------------------------

COUNCIL = question(
    Kind.CHOICE,
    "Britain, France and Spain",
    distractors=["Britain, France and the United States", "France, Spain and Italy"],
)


@pytest.mark.parametrize(
    ("chosen", "outcome"),
    [
        ("Britain, France and Spain", Outcome.CORRECT),
        ("Britain, France and the United States", Outcome.WRONG),
        ("France, Spain and Italy", Outcome.WRONG),
    ],
)
def test_chosen_option_is_correct_only_when_it_is_the_answer(chosen, outcome):
    options = options_for(COUNCIL, random.Random(0))
    assert grade(COUNCIL, chosen, Form.CHOICE, options).outcome is outcome


def test_chosen_option_is_never_taken_as_a_typo():
    q = question(answer="Austria")
    assert grade(q, "Austrai", Form.CHOICE).outcome is Outcome.WRONG
    assert grade(q, "Austrai", Form.TYPED).outcome is Outcome.TYPO


@pytest.mark.parametrize(
    ("given_text", "outcome"),
    [
        ("Britain, France and Spain", Outcome.CORRECT),
        ("Britain, Frnace and Spian", Outcome.TYPO),
        ("Britain, France and the United States", Outcome.WRONG),
        ("France, Spain and Italy", Outcome.WRONG),
    ],
)
def test_choice_question_asked_typed_is_graded_as_text(given_text, outcome):
    assert grade(COUNCIL, given_text, Form.TYPED).outcome is outcome


@pytest.mark.parametrize(
    ("chosen", "outcome"),
    [("250,000", Outcome.CORRECT), ("250 thousand", Outcome.CORRECT), ("24 million", Outcome.WRONG)],
)
def test_number_asked_as_choice_compares_text_and_value(chosen, outcome):
    q = question(Kind.NUMBER, 250000.0, unit="people", distractors=["100,000", "24 million"])
    assert grade(q, chosen, Form.CHOICE, options_for(q, random.Random(0))).outcome is outcome


def test_options_hold_the_answer_and_every_distractor():
    q = question(Kind.NUMBER, 250000.0, distractors=["100,000", "400,000", "24 million"])
    assert sorted(options_for(q, random.Random(7))) == sorted(["250,000", "100,000", "400,000", "24 million"])


def test_options_are_shuffled_the_same_way_for_the_same_seed():
    q = question(Kind.CHOICE, "a", distractors=[str(n) for n in "bcdefgh"])
    shuffles = {tuple(options_for(q, random.Random(seed))) for seed in range(20)}
    assert options_for(q, random.Random(3)) == options_for(q, random.Random(3))
    assert len(shuffles) > 1


def test_options_never_repeat_an_answer_that_reads_the_same():
    q = question(Kind.CHOICE, "Paris", distractors=["paris", "London", "London!"])
    assert sorted(options_for(q, random.Random(0))) == ["London", "Paris"]


def test_true_false_options_keep_their_order():
    assert options_for(question(Kind.TRUEFALSE, False), random.Random(5)) == ["True", "False"]


@pytest.mark.parametrize(
    ("q", "askable"),
    [
        (question(Kind.TRUEFALSE, True), True),
        (question(Kind.CHOICE, "a", distractors=["b"]), True),
        (question(Kind.RECALL, "a", distractors=["b"]), True),
        (question(Kind.NUMBER, 1.0, distractors=["2"]), True),
        (question(Kind.RECALL, "a"), False),
        (question(Kind.GAP, "a", alternatives=["b"]), False),
        (question(Kind.NUMBER, 1.0), False),
    ],
)
def test_can_ask_as_choice_when_there_is_something_to_choose(q, askable):
    assert can_ask_as_choice(q) is askable


# -- properties ---------------------------------------------------------------------------------

meaningful = st.text().filter(lambda s: fold(s) != "")


@st.composite
def any_question(draw: st.DrawFn) -> Question:
    """Any question, including answers of the wrong type for their kind."""
    return question(
        draw(st.sampled_from(Kind)),
        draw(st.one_of(st.text(), st.booleans(), st.floats(), st.integers())),
        alternatives=draw(st.lists(st.text(), max_size=3)),
        distractors=draw(st.lists(st.text(), max_size=4)),
        tolerance=draw(st.floats(min_value=0)),
        unit=draw(st.text(max_size=8)),
    )


@settings(deadline=None, max_examples=200)
@given(
    q=any_question(),
    given_text=st.text(),
    form=st.sampled_from(Form),
    options=st.none() | st.lists(st.text(), max_size=4),
)
def test_grading_never_raises_on_any_text(q, given_text, form, options):
    verdict = grade(q, given_text, form, options)
    assert verdict.given == given_text.strip()
    assert isinstance(verdict.expected, str)
    assert skipped(q).outcome is Outcome.SKIPPED
    assert isinstance(options_for(q, random.Random(0)), list)


@st.composite
def text_question(draw: st.DrawFn) -> Question:
    """A text question whose distractors read differently from its answer and alternatives."""
    answer = draw(meaningful)
    alternatives = draw(st.lists(meaningful, max_size=3))
    accepted = {fold(answer), *map(fold, alternatives)}
    distractors = [d for d in draw(st.lists(st.text(), max_size=4)) if fold(d) not in accepted]
    kind = draw(st.sampled_from([Kind.RECALL, Kind.GAP, Kind.CHOICE]))
    return question(kind, answer, alternatives=alternatives, distractors=distractors)


@settings(deadline=None, max_examples=200)
@given(q=text_question(), form=st.sampled_from([Form.TYPED, Form.CHOICE]))
def test_the_answer_always_grades_correct(q, form):
    assert grade(q, q.answer_text, form, options_for(q, random.Random(0))).outcome is Outcome.CORRECT


@settings(deadline=None, max_examples=200)
@given(q=text_question())
def test_every_alternative_always_grades_correct(q):
    for alternative in q.alternatives:
        assert grade(q, alternative, Form.TYPED).correct


@settings(deadline=None, max_examples=200)
@given(
    value=st.floats(allow_nan=False, allow_infinity=False),
    unit=st.sampled_from(["", "people", "m", "km", "%"]),
    form=st.sampled_from([Form.TYPED, Form.CHOICE]),
)
def test_a_number_answer_as_displayed_always_grades_correct(value, unit, form):
    q = question(Kind.NUMBER, value, unit=unit)
    assert grade(q, format_number(value), form).outcome is Outcome.CORRECT
    assert grade(q, f"{format_number(value)} {unit}", form).outcome is Outcome.CORRECT
