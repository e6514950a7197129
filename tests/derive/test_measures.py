"""Measured facts asked as numbers: ages and measures glued to their unit, ranks, counts written as words,
and a measure asked without the bracketed other unit that would give it away."""

from __future__ import annotations

from quiz.core.model import GAP_MARK, Kind
from quiz.derive.figures import counted_noun, numbers
from quiz.derive.measures import measures, ordinal, without_conversion
from tests.derive.test_vetting import candidates

LAUNCH = """Rocket carries weather satellite into orbit

A Vega rocket carried the Meteo-9 weather satellite into orbit from Kourou, French Guiana, on Tuesday.

It was the 40th launch of a Vega rocket since the programme began.

The satellite's builder, Orbital Works, said the 12-metre antenna would unfold within three days.

Engineer Maria Lindqvist, the 34-year-old who led the antenna team, said the work had taken four years.

The launch site lies about 500 miles (800 km) north of the Equator, which helps rockets reach orbit.

The European Space Agency said fifteen European states had paid for the Meteo-9 satellite and its launch.

Vega has flown the 25th mission of its family, and its builders hope for more after an 11-year wait for funding.
"""


def _numbers(text: str, answer: str) -> list:
    return [c for c in candidates(text) if c.kind is Kind.NUMBER and c.answer_text == answer]


def test_an_age_and_a_measure_glued_to_their_unit_are_asked_with_the_unit():
    (age, *_) = _numbers(LAUNCH, "34")
    assert f"the {GAP_MARK}-year-old who led" in age.prompt and age.unit == "years" and age.answer == 34.0
    (antenna, *_) = _numbers(LAUNCH, "12")
    assert f"{GAP_MARK}-metre antenna" in antenna.prompt and antenna.unit == "metres"


def test_a_rank_is_asked_with_ranks_for_options_and_never_from_a_sentence_that_points_back():
    made = [m for m in measures(0, LAUNCH) if m.subtype == "ordinal"]
    assert [m.text for m in made] == ["40th", "25th"]
    (rank, *_) = _numbers(LAUNCH, "25th")
    assert all(o.text.endswith(("st", "nd", "rd", "th")) for o in rank.options) and rank.options
    assert not _numbers(LAUNCH, "40th")  # 'It was the 40th launch': 'it' is the sentence before
    assert [ordinal(v) for v in (1, 2, 3, 11, 12, 13, 21, 102, 111)] == [
        "1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "102nd", "111th",
    ]  # fmt: skip


def test_a_minute_of_a_match_or_a_wrong_suffix_is_no_rank():
    text = "Smith scored in the 90th minute, and the 11st edition began in the 21st century."
    assert [m for m in measures(0, text) if m.subtype == "ordinal"] == []


def test_a_blank_after_an_is_not_asked():
    assert not _numbers(LAUNCH, "11")  # 'an ___-year wait': only eight, eleven or eighteen fit


def test_the_other_unit_in_brackets_is_left_out_of_the_prompt():
    (miles, *_) = _numbers(LAUNCH, "500")
    assert f"about {GAP_MARK} miles north of the Equator" in miles.prompt and "800" not in miles.prompt
    assert without_conversion(f"roughly {GAP_MARK}°C (7772°F), more") == f"roughly {GAP_MARK}°C, more"
    assert without_conversion(f"in {GAP_MARK} (2014), more") == f"in {GAP_MARK} (2014), more"  # not a unit
    assert not _numbers(LAUNCH, "800")


def test_a_count_written_as_a_word_is_asked_with_words_between_it_and_its_noun():
    gaps = [c for c in candidates(LAUNCH) if c.kind is Kind.GAP and c.answer_text == "fifteen"]
    assert gaps and f"{GAP_MARK} European states had paid" in gaps[0].prompt
    assert "15" in gaps[0].alternatives
    assert counted_noun("nine Italian Serie A titles", 4) == "titles"
    assert counted_noun("five of the teams", 4) == ""
    assert counted_noun("six straight goals", 3) == ""  # a run of play
    assert counted_noun("four Democrats voted", 4) == ""  # a capital word and then a verb: nothing counted


def test_a_number_word_glued_to_its_unit_is_blanked_with_the_unit_kept():
    text = """Court hears of infant's death

A couple went on trial in Sydney on Monday over the death of their nine-month-old daughter from eczema.

The prosecutor told the court the parents had refused treatment from doctors for months.
"""
    gaps = [c for c in candidates(text) if c.kind is Kind.GAP and c.answer_text == "nine"]
    assert gaps and f"their {GAP_MARK}-month-old daughter" in gaps[0].prompt and "9" in gaps[0].alternatives
    glued = measures(0, "a three-day visit, a dozen-strong team, a twenty-five-year lease")
    made = [m for m in glued if m.type == "numword"]
    assert [m.text for m in made] == ["three"]  # never 'dozen-', nor the tail of 'twenty-five'


def test_the_tail_of_a_compound_number_word_is_not_a_number():
    assert [m.text for m in numbers(0, "almost twenty-five percent of smokers") if m.type == "numword"] == []


def test_a_figure_before_a_nationality_and_a_plural_noun_is_a_count_not_a_name():
    text = """Charity flies refugees to safety

A charity said on Monday it had flown 3,000 Afghan refugees to safety in Germany since January 2024.

The charity, Safe Skies, was founded in Munich by doctors and pilots in 2019.
"""
    assert _numbers(text, "3,000")
