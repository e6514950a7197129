"""Distractors come from the answer's own world: the article, then related articles, never an unrelated deck.

They share the key's type, a person's gender where the article shows it, a post's field, a number's unit
and bounds; none is another way of writing the key or of another option.
"""

from __future__ import annotations

import random

import pytest

from quiz.derive.distractors import Library, Pools, same_person
from quiz.derive.entities import analyse
from quiz.derive.figure_options import number_options
from quiz.derive.generate import derive_drafts
from quiz.derive.sentences import Sentence
from tests.derive.conftest import library_texts

UK_STORY = """Housing bill clears the Commons

Housing Secretary Angela Whitcombe told MPs the bill would cap ground rents at £250 a year.

"For too long, families have paid rent on homes they thought they owned," Ms Whitcombe said.

Shadow housing secretary Rachel Dunmore said the cap would cost pension funds up to £30bn.

Former housing minister Martin Pryce said the bill left 4.9 million leaseholders stranded.

Caroline Ashdown, chief executive of the Home Builders Federation, said builders needed clarity.

Owen Tremlett, the Liberal Democrat housing spokesperson, said the bill was a start.
"""


def analysed(*texts: str):
    return analyse([Sentence(i, i, t) for i, t in enumerate(texts)])


def test_no_option_comes_from_an_unrelated_built_in_deck():
    seeds = analysed(*library_texts())
    foreign = {e.key for e in seeds.entities.values() if e.type in ("person", "org")}
    foreign |= {f for e in seeds.entities.values() if e.type == "person" for f in [e.surname]}
    drafts = derive_drafts(UK_STORY, "housing", library_texts=library_texts())
    assert drafts
    for d in drafts:
        assert not set(d.question.distractors) & foreign, (d.question.prompt, d.question.distractors)


def test_a_related_article_lends_its_people():
    story = analysed("Angela Whitcombe met Rachel Dunmore on Monday.", "Whitcombe said the talks went well.")
    related = analysed(
        "Angela Whitcombe and Rachel Dunmore clashed again.", "Housing minister Sophie Greaves backed Whitcombe."
    )
    unrelated = analysed("Foreign Minister Sergei Lavrov met John Kerry.", "Lavrov said the talks went well.")
    pools = Pools(story, Library(lambda: [related, unrelated]))
    texts = {o.text for o in pools.pick("Angela Whitcombe", ("person", "person"), random.Random(1), k=5)}
    assert "Sophie Greaves" in texts
    assert not texts & {"Sergei Lavrov", "John Kerry"}


def test_people_keep_the_answers_gender_where_it_is_known():
    story = analysed(
        "Angela Whitcombe said the bill was fair.",
        "Rachel Dunmore disagreed.",
        "Martin Pryce led the rebels.",
        "Owen Tremlett abstained.",
        "Chair Alexis Quinto called the vote.",
    )
    pools = Pools(story)
    like = story.entities["Angela Whitcombe"]
    texts = {o.text for o in pools.pick("Angela Whitcombe", ("person", "person"), random.Random(3), k=5, like=like)}
    assert "Rachel Dunmore" in texts and "Alexis Quinto" in texts  # same gender, and gender unknown
    assert not texts & {"Martin Pryce", "Owen Tremlett"}


def test_people_of_the_answers_field_come_first():
    story = analysed(
        "Striker Jamal Okonkwo scored twice.",
        "Winger Liam Fairbairn crossed for both goals.",
        "Chief executive Graham Pettit said the money was welcome.",
        "Goalkeeper Kieran Doyle made five saves.",
    )
    pools = Pools(story)
    like = story.entities["Jamal Okonkwo"]
    texts = [o.text for o in pools.pick("Jamal Okonkwo", ("person", "person"), random.Random(5), k=3, like=like)]
    assert texts[-1] == "Graham Pettit"  # a chief executive only fills the last place


SPELLINGS = [
    ("Blair", "Mr Blair", True),
    ("Tony Blair", "Blair", True),
    ("Dr Helen Marsh", "Helen Marsh", True),
    ("Tony Blair", "Gordon Brown", False),
    ("Blair", "Blairs", False),
]


@pytest.mark.parametrize(("a", "b", "same"), SPELLINGS)
def test_spelling_variants_of_a_person_are_one_person(a, b, same):
    assert same_person(a, b) is same


def test_no_option_is_a_spelling_variant_of_the_key_or_of_another_option():
    story = analysed(
        "Tony Blair spoke first.", "Mr Blair said the plan was sound.", "Gordon Brown agreed.", "Brown then left."
    )
    pools = Pools(story)
    for seed in range(20):
        texts = [o.text for o in pools.pick("Blair", ("person", "person"), random.Random(seed), k=3, surname=True)]
        assert all(not same_person(t, "Blair") for t in texts), texts
        assert len({t.split()[-1] for t in texts}) == len(texts), texts


def test_gazetteer_bodies_come_from_the_answers_own_country():
    story = analysed("Labour lost the seat to Reform UK.", "The Conservatives came third.")
    texts = {o.text for o in Pools(story).pick("Labour", ("org", "party"), random.Random(0), k=6)}
    assert texts and "Democrats" not in texts and "Republicans" not in texts


def test_companies_are_never_drawn_from_the_gazetteer():
    story = analysed("Supermarket chain Hartwell's reported higher profits.", "Shares in Hartwell's rose by 6%.")
    assert Pools(story).pick("Hartwell", ("org", "company"), random.Random(0)) == []


@pytest.mark.parametrize("value", [64.0, 92.0, 99.5])
def test_a_percentage_option_never_reaches_a_hundred(value):
    for seed in range(30):
        assert all(v < 100 for v in number_options(value, random.Random(seed), ceiling=100.0))


def test_a_post_tied_to_a_person_or_once_held_is_no_option():
    story = analysed(
        "Prime Minister Robert Ellison congratulated her.",
        "Marlow's coach, Darren Fielding, said she earned every point.",
        "Former England captain Simon Pritchard praised her.",
        "Katie Marlow won the final.",
    )
    pools = Pools(story)
    for seed in range(10):
        texts = [o.text for o in pools.titles("Prime Minister", random.Random(seed))]
        assert texts and not any("Marlow" in t or t.lower().startswith("former") for t in texts), texts
