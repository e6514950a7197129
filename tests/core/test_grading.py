"""The grader: typed text, chosen options, true/false and numbers, judged fairly and never crashing."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.core.grading import can_ask_as_choice, grade, options_for, skipped, typo_allowance
from quiz.core.model import Evidence, Kind, Question, format_number
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


@pytest.mark.parametrize("given_text", ["lots", "about lots", "250,000 or 300,000", "1,5", "two hundred"])
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
    # A true/false answer is kept as the truth value it was read as ("n" -> "False"), so both fronts show it alike.
    truth = q.kind is Kind.TRUEFALSE and verdict.given in {"True", "False"}
    assert verdict.given == given_text.strip() or truth
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


# -- bounds and approximations: "more than 250,000" -----------------------------------------------

TRAPPED = "More than 250,000 people are believed to be trapped in eastern Aleppo"
KILLED = "simultaneous bombings hit Homs on Saturday, killing over 50 people"
TALLY = "the Russian Defense Ministry said it had killed about 35,000 militants in Syria since last year"
TOLL = "a four-year war that has killed 250,000 people"


def counted(answer: float, quote: str, **fields: Any) -> Question:
    bare = question(Kind.NUMBER, answer, unit="people", **fields)
    return Question(**{**bare.__dict__, "evidence": (Evidence("a", quote),)})


@pytest.mark.parametrize(
    ("answer", "quote", "given_text"),
    [
        (250000.0, TRAPPED, "more than 250,000"),
        (250000.0, TRAPPED, "over 250,000 people"),
        (250000.0, TRAPPED, "at least 250k"),
        (250000.0, TRAPPED, "250,000+"),
        (50.0, KILLED, "over 50"),
        (50.0, KILLED, "more than 50"),
        (50.0, KILLED, "50+"),
        (35000.0, TALLY, "about 35,000"),
        (35000.0, TALLY, "around 35000"),
        (35000.0, TALLY, "nearly 35,000"),
        (35000.0, TALLY, "approximately 35 thousand"),
    ],
)
def test_a_figure_qualified_as_the_article_qualifies_it_is_correct(answer, quote, given_text):
    verdict = grade(counted(answer, quote), given_text, Form.TYPED)
    assert (verdict.outcome, verdict.note) == (Outcome.CORRECT, "accepted: the article puts it that way too")


@pytest.mark.parametrize(
    ("answer", "quote", "given_text", "note"),
    [
        (250000.0, TRAPPED, "more than 200,000", ""),  # true, but not the figure asked for
        (250000.0, TRAPPED, "more than 300,000", ""),
        (50.0, KILLED, "over 60", ""),
        (50.0, KILLED, "49+", ""),
        (35000.0, TALLY, "about 36,000", ""),
        (250000.0, TRAPPED, "about 250,000", "the article gives the figure as 250,000 people, not as a bound"),
        (
            50.0,
            KILLED,
            "nearly 50",
            "the article gives the figure as 50 people, not as a bound",
        ),  # nearly 50 contradicts over 50
        (35000.0, TALLY, "more than 35,000", "the article gives the figure as 35,000 people, not as a bound"),
        (250000.0, TOLL, "about 250,000", "the article gives the figure as 250,000 people, not as a bound"),
        (250000.0, TOLL, "250,000+", "the article gives the figure as 250,000 people, not as a bound"),
        (250000.0, TRAPPED, "more than lots", "not a number"),
    ],
)
def test_a_qualified_figure_is_wrong_when_the_figure_or_the_qualifier_is(answer, quote, given_text, note):
    verdict = grade(counted(answer, quote), given_text, Form.TYPED)
    assert (verdict.outcome, verdict.note) == (Outcome.WRONG, note)


def test_tolerance_covers_an_approximate_answer_near_the_figure():
    approximate = counted(250000.0, TOLL, tolerance=10000.0)
    assert grade(approximate, "about 245,000", Form.TYPED).outcome is Outcome.CORRECT
    assert grade(approximate, "about 200,000", Form.TYPED).outcome is Outcome.WRONG


QUALIFIERS = ["more than", "over", "at least", "about", "nearly", "around", "approximately"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(QUALIFIERS), st.integers(min_value=0, max_value=10**7), st.booleans())
def test_a_qualifier_never_rescues_a_wrong_figure(word, figure, plus):
    """Whatever the article's wording, a wrong figure stays wrong with any qualifier in front of it."""
    for quote in (TRAPPED, TOLL, "about 250,000 people"):
        given_text = f"{figure:,}+" if plus else f"{word} {figure:,}"
        verdict = grade(counted(250000.0, quote), given_text, Form.TYPED)
        assert verdict.outcome is Outcome.WRONG or figure == 250000


# -- dates: "October 8" for "which day of October?" ---------------------------------------------


def day_of(answer: float, month: str) -> Question:
    return question(Kind.NUMBER, answer, unit=month)


@pytest.mark.parametrize(
    ("answer", "month", "given_text"),
    [
        (8.0, "October", "October 8"),
        (8.0, "October", "8 October"),
        (8.0, "October", "Oct 8"),
        (8.0, "October", "Oct. 8th"),
        (8.0, "October", "the 8th of October"),
        (19.0, "December", "December 19"),
        (19.0, "December", "19/12"),  # only day/month fits
        (19.0, "December", "12/19"),  # only month/day fits
        (23.0, "February", "February 23"),
        (23.0, "February", "23 Feb"),
    ],
)
def test_a_day_question_accepts_the_date_in_common_forms(answer, month, given_text):
    assert grade(day_of(answer, month), given_text, Form.TYPED).correct


@pytest.mark.parametrize(
    ("answer", "month", "given_text", "note"),
    [
        (8.0, "October", "October 9", ""),
        (8.0, "October", "8 November", ""),  # the right day in the wrong month
        (8.0, "October", "Nov 8", ""),
        (19.0, "December", "19/11", ""),
        (8.0, "October", "8/10", "could be either day or month first: write the month as a word"),
        (8.0, "October", "10/8", "could be either day or month first: write the month as a word"),
        (8.0, "October", "October 32", "not a number"),
    ],
)
def test_a_day_question_refuses_another_date_or_an_ambiguous_one(answer, month, given_text, note):
    verdict = grade(day_of(answer, month), given_text, Form.TYPED)
    assert (verdict.outcome, verdict.note) == (Outcome.WRONG, note)


def test_the_month_can_come_from_the_prompt():
    asked = Question(**{**day_of(23.0, "").__dict__, "prompt": "On which day of February did the talks begin?"})
    assert grade(asked, "February 23", Form.TYPED).correct
    assert not grade(asked, "March 23", Form.TYPED).correct
    unasked = question(Kind.NUMBER, 23.0)
    assert grade(unasked, "February 23", Form.TYPED).note == "not a number"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=28))
def test_a_written_date_is_right_exactly_when_month_and_day_are(month, day):
    names = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    verdict = grade(day_of(19.0, "December"), f"{names[month - 1]} {day}", Form.TYPED)
    assert verdict.correct is ((month, day) == (12, 19))


def test_a_typed_date_answer_matches_another_form_of_the_same_date():
    on = question(Kind.RECALL, "October 8", distractors=("October 7",))
    assert grade(on, "8 Oct", Form.TYPED).outcome is Outcome.ALTERNATIVE
    assert grade(on, "19/10", Form.TYPED).outcome is Outcome.WRONG
    assert grade(on, "8 November", Form.TYPED).outcome is Outcome.WRONG


# -- countries and demonyms -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "given_text", "place"),
    [
        ("British", "UK", "United Kingdom"),
        ("British", "United Kingdom", "United Kingdom"),
        ("British", "Britain", "United Kingdom"),
        ("British", "the U.K.", "United Kingdom"),
        ("Britain", "British", "United Kingdom"),
        ("United States", "American", "United States"),
        ("Iran", "Iranian", "Iran"),
        ("China", "Chinese", "China"),
    ],
)
def test_a_country_and_its_demonym_grade_as_each_other(answer, given_text, place):
    verdict = grade(question(Kind.RECALL, answer), given_text, Form.TYPED)
    assert (verdict.outcome, verdict.note) == (Outcome.ALTERNATIVE, f"accepted: the same country ({place})")


@pytest.mark.parametrize(
    ("answer", "given_text"),
    [
        ("British", "English"),  # not in the table: England is not the UK
        ("British", "French"),
        ("British", "Irish"),
        ("Iran", "Iraqi"),
        ("Iran", "Tehran"),  # capitals are not countries; a question lists them as alternatives if it means them
        ("Austria", "Australian"),
        ("Moscow", "Russia"),
    ],
)
def test_near_miss_countries_are_wrong(answer, given_text):
    assert not grade(question(Kind.RECALL, answer), given_text, Form.TYPED).correct


def test_every_word_of_the_table_grades_right_for_its_own_country_only():
    """Exhaustive over the shipped table: "Austria" is no typo of "Australia" once both are known countries."""
    import tomli

    from quiz.core.places import TABLE

    table = tomli.loads(TABLE.read_text(encoding="utf-8"))
    words = [(n, w) for n, entry in enumerate(table["country"]) for w in (*entry["names"], *entry["demonyms"])]
    wrong = [
        (a, b)
        for i, a in words
        for j, b in words
        if grade(question(Kind.RECALL, a), b, Form.TYPED).correct is not (i == j)
    ]
    assert wrong == []


def test_a_misspelt_country_is_still_a_typo():
    assert grade(question(Kind.RECALL, "Australia"), "Austrlia", Form.TYPED).outcome is Outcome.TYPO


def test_a_demonym_picked_as_an_option_is_judged_as_it_stands():
    """A chosen option is the learner's choice; only typed answers get the country table."""
    asked = question(Kind.RECALL, "British", distractors=("French", "UK"))
    assert grade(asked, "UK", Form.CHOICE).outcome is Outcome.WRONG


def test_the_country_table_names_each_word_once():
    import tomli

    from quiz.core.places import TABLE

    table = tomli.loads(TABLE.read_text(encoding="utf-8"))
    words = [fold(w) for entry in table["country"] for w in (*entry["names"], *entry["demonyms"])]
    assert len(table["country"]) >= 30
    assert sorted(w for w in set(words) if words.count(w) > 1) == []
