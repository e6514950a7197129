"""Distractors: the answer's own type, plausible, formatted like the answer, never the answer again."""

from __future__ import annotations

import random

import pytest

from quiz.core.model import format_number
from quiz.derive.distractors import Pools
from quiz.derive.entities import analyse, dates
from quiz.derive.figure_options import date_options, number_options, numword_options
from quiz.derive.gazetteer import gazetteer
from quiz.derive.sentences import split


@pytest.mark.parametrize("value", [2.0, 7.0, 14.0, 38.0, 50.0, 700.0, 2000.0, 35000.0, 250000.0, 24e6, 4.5e6, 3.7])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_numbers_spread_below_and_above_and_look_alike(value, seed):
    options = number_options(value, random.Random(seed))
    assert len(options) == 3
    assert value not in options
    assert len(set(options)) == 3
    assert any(v < value for v in options) and any(v > value for v in options)
    assert all(v > 0 for v in options)
    if value == int(value):
        assert all(v == int(v) for v in options), options
    # Formatted like the answer: 'million' answers get 'million' options, thousands get commas.
    shown = [format_number(v) for v in options]
    if "million" in format_number(value):
        assert all("million" in s for s in shown), shown


def test_numbers_avoid_the_other_figures_of_the_sentence():
    for seed in range(20):
        assert 3000.0 not in number_options(700.0, random.Random(seed), exclude=[3000.0])


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("on October 28 he", r"^October \d+$|^(September|November) 28$"),
        ("on 17 August 2016 they", r"^\d+ (August|July|September) 2016$"),
        ("in December 2015 to", r"^[A-Z][a-z]+ 20\d\d$"),
        ("reported Wednesday", r"^(Monday|Tuesday|Thursday|Friday|Saturday|Sunday)$"),
    ],
)
def test_dates_keep_the_answers_format(text, pattern):
    import re

    (m,) = dates(0, text)
    options = date_options(m, random.Random(0), exclude=["October 29", "Tuesday"])
    assert len(options) == 3
    assert m.text not in options and "October 29" not in options and "Tuesday" not in options
    assert all(re.match(pattern, o) for o in options), options


def test_number_words_are_near_the_answer():
    assert numword_options("three", random.Random(0)) == ["two", "four", "five"]
    assert numword_options("Two", random.Random(0), exclude=["three"]) == ["Four", "Five"]


def _pools(*paragraphs: str) -> Pools:
    return Pools(analyse(split(list(paragraphs))))


def test_people_come_from_the_article_first():
    pools = _pools(
        "Russian Foreign Minister Sergei Lavrov met US Secretary of State John Kerry.",
        "German Chancellor Angela Merkel and French President Francois Hollande spoke later.",
    )
    options = pools.pick("Sergei Lavrov", ("person", "person"), random.Random(0))
    assert sorted(o.text for o in options) == ["Angela Merkel", "Francois Hollande", "John Kerry"]
    assert {o.source for o in options} == {"article"}


def test_countries_fill_up_from_the_gazetteer_in_the_same_region():
    pools = _pools("Russia and Syria blocked the draft.")
    options = pools.pick("Syria", ("country", "country"), random.Random(0), region="middle-east")
    assert options[0].text == "Russia" and options[0].source == "article"
    g = gazetteer()
    assert all(g.regions[o.text] == "middle-east" for o in options[1:])


def test_places_prefer_the_answers_own_country():
    pools = _pools("Bombs fell on Aleppo while talks went on in Geneva and Moscow.")
    options = pools.pick("Aleppo", ("place", "city"), random.Random(0))
    g = gazetteer()
    assert all(g.lookup(o.text).country == "Syria" for o in options), options  # type: ignore[union-attr]


def test_an_unknown_place_gets_no_random_cities():
    pools = _pools("Floods hit the town of Kestrelby and the village of Marlow.")
    options = pools.pick("Kestrelby", ("place", "city"), random.Random(0))
    assert [o.text for o in options] == ["Marlow"]


def test_options_already_in_the_prompt_or_twins_of_its_names_are_left_out():
    pools = _pools(
        "The Jabhat Fateh al-Sham group, formerly al-Nusra Front, and Islamic State fought.",
        "Hamas and Hezbollah were not involved.",
    )
    options = pools.pick(
        "al-Nusra Front",
        ("org", "armed-group"),
        random.Random(0),
        avoid="The Jabhat Fateh al-Sham group, formerly ___, claimed the attack.",
        avoid_names=["Jabhat Fateh al-Sham"],
    )
    texts = {o.text for o in options}
    assert "Nusra Front" not in texts and not any("Sham" in t for t in texts)


def test_posts_come_from_the_same_field():
    pools = _pools("Mayor Judith Okafor and emergency coordinator Martin Hale spoke on Sunday.")
    options = pools.titles("Mayor", random.Random(0), exclude=["Mayor"])
    local = set(gazetteer().title_groups["local"]) | {"emergency coordinator"}
    assert len(options) == 3
    assert all(o.text.lower() in {t.lower() for t in local} for o in options), options
