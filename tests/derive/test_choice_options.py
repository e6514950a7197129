"""Multiple-choice drafts a teacher keeps: a key and three options of its kind and form, a prompt that stands alone."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from quiz.core.model import Kind
from quiz.derive.candidate import Candidate
from quiz.derive.distractors import Option, Pools, named_person, same_person
from quiz.derive.entities import analyse
from quiz.derive.figure_options import number_options
from quiz.derive.gazetteer import gazetteer
from quiz.derive.generate import derive_drafts
from quiz.derive.option_set import settle, stands_alone, variant
from quiz.derive.ranker import shape
from quiz.derive.sentences import Sentence
from tests.derive.conftest import library_texts


def analysed(*texts: str):
    return analyse([Sentence(i, i, t) for i, t in enumerate(texts)])


# A council story with five named people of one field, quotes with their speakers after them, and traps:
# a body written like a name ('Human Rights'), a club ('the Harbour Rovers'), a time word pointing back.
COUNCIL = """Council leader Margaret Ellison said the harbour plan would go ahead in March.

"We have waited long enough for this harbour," Ellison said.

Deputy leader Thomas Whitlock said the plan would cost the town £12m over five years.

"The numbers do not add up for a town of this size," Whitlock said.

Councillor Susan Pryor said the vote had been rushed through before the summer recess.

"Nobody on the committee saw the final figures before the meeting," Pryor said.

Councillor David Harcourt backed the plan and said it would bring 300 jobs to the harbour.

"This is the best chance the harbour has had in a generation," Harcourt said.

Mayor Peter Ashdown said the council would publish the full costs next week.

Hassan Malik, vice chairman of the Commission on Human Rights, said the plan ignored the fishing families.

The Harbour Rovers were promised a new ground on the old quay.

Afterwards, Whitlock asked for a second vote on the costs.
"""


def council_drafts():
    return derive_drafts(COUNCIL, "council", library_texts=library_texts())


def test_a_quote_with_four_people_of_its_field_is_asked_as_multiple_choice():
    choice = [d for d in council_drafts() if d.question.kind is Kind.CHOICE]
    assert choice, [d.question.prompt for d in council_drafts()]
    for d in choice:
        q = d.question
        assert len(q.distractors) == 3
        assert all(shape(o) == shape(q.answer) for o in q.distractors), (q.answer, q.distractors)
        assert not any(same_person(o, q.answer) for o in q.distractors)
        assert not {"Human Rights", "Rights", "Rovers", "Harbour Rovers"} & set(q.distractors)


def test_no_draft_asks_who_of_a_body_or_a_club_or_offers_one_among_people():
    bodies = {"Human Rights", "Rights", "Harbour Rovers", "Rovers"}
    for d in council_drafts():
        if d.answer_type == ("person", "person"):
            assert d.question.answer not in bodies, d.question.prompt
            assert not bodies & set(d.question.distractors), (d.question.prompt, d.question.distractors)


def test_a_name_is_a_person_only_on_evidence():
    a = analysed(
        "Hassan Malik, vice chairman of the Commission on Human Rights, said the plan ignored human rights.",
        "The Harbour Rovers were promised a new ground.",
        "Striker Jamal Okonkwo scored twice for the Rovers.",
        "Councillor Susan Pryor said the vote was rushed.",
    )
    g = gazetteer()
    people = {e.key: named_person(e, a, g) for e in a.of_type("person")}
    assert people.get("Susan Pryor") is True  # a first name and a post
    assert people.get("Jamal Okonkwo") is True  # a post
    assert not people.get("Human Rights", False)  # 'rights' is a word the article writes in lower case
    assert not people.get("Harbour Rovers", False)  # 'the Rovers'


def test_a_title_of_address_or_a_descriptor_shows_a_person_whatever_the_first_name():
    a = analysed(
        "The lead author, Dr Oyelaran Mbeki, said the results were striking.",
        "Environmentalist Mark Lynas said the fine would change nothing.",
        "The Obwalden Ferries said the crossing was safe.",
    )
    g = gazetteer()
    people = {e.key: named_person(e, a, g) for e in a.of_type("person")}
    assert people.get("Oyelaran Mbeki") is True  # 'Dr' before an unknown first name
    assert any(v for k, v in people.items() if k.endswith("Mark Lynas"))  # the name behind 'Environmentalist'
    assert not people.get("Obwalden Ferries", False)


def test_strict_options_never_mix_fields_or_a_post_with_no_post():
    a = analysed(
        "Striker Jamal Okonkwo scored twice.",
        "Winger Liam Fairbairn crossed for both goals.",
        "Chief executive Graham Pettit said the money was welcome.",
        "Goalkeeper Kieran Doyle made five saves.",
        "Defender Callum Reid was booked.",
    )
    pools = Pools(a)
    like = a.entities["Jamal Okonkwo"]
    for seed in range(5):
        texts = {o.text for o in pools.pick("Jamal Okonkwo", ("person", "person"), random.Random(seed), k=5,
                                           like=like, strict=True)}  # fmt: skip
        assert texts == {"Liam Fairbairn", "Kieran Doyle", "Callum Reid"}


def test_people_named_near_the_answer_come_first():
    a = analysed(
        "Striker Jamal Okonkwo scored twice.",
        "Winger Liam Fairbairn crossed for both goals.",
        "Goalkeeper Kieran Doyle made five saves.",
        "Defender Callum Reid was booked.",
        "The crowd sang for an hour.",
        "The ground was full.",
        "Tickets sold out in a day.",
        "Midfielder Owen Tremlett watched from the stand.",
    )
    pools = Pools(a)
    like = a.entities["Jamal Okonkwo"]
    for seed in range(5):
        texts = [o.text for o in pools.pick("Jamal Okonkwo", ("person", "person"), random.Random(seed), like=like)]
        assert "Owen Tremlett" not in texts  # seven sentences away; three nearer players fill the options


def _choice(prompt: str, answer: str, options: list[str], template: str = "said", key: str = "") -> Candidate:
    return Candidate(
        template=template, kind=Kind.CHOICE, sentence=0, prompt=prompt, answer=answer, answer_text=answer,
        span=(0, 0, len(answer)), evidence=(answer,), atype=("person", "person"), key=key or answer,
        explanation="", tags=(), options=tuple(Option(o, ("person", "person"), "article") for o in options),
    )  # fmt: skip


PEOPLE = analysed(
    "Councillor Susan Pryor and Mayor Peter Ashdown spoke.",
    "Deputy leader Thomas Whitlock and Councillor David Harcourt spoke.",
    "Leader Margaret Ellison and Mrs Anne Pryor listened, and Mr Ellison and Sue Whitlock too.",
)


def test_an_option_that_stands_out_by_its_form_is_left_out():
    c = _choice('Who said "The numbers do not add up"?', "Thomas Whitlock",
                ["Peter Ashdown", "Ellison", "Susan Pryor", "David Harcourt"])  # fmt: skip
    settled = settle(c, PEOPLE)
    assert settled is not None
    assert settled.distractors == ("Peter Ashdown", "Susan Pryor", "David Harcourt")
    # Two names alike in form are not enough for multiple choice: the draft goes.
    assert settle(replace(c, options=c.options[:3]), PEOPLE) is None


def test_no_option_is_another_way_of_writing_the_key_or_another_option():
    c = _choice('Who said "The numbers do not add up"?', "Thomas Whitlock",
                ["Sue Whitlock", "Susan Pryor", "Anne Pryor", "Peter Ashdown", "David Harcourt"])  # fmt: skip
    settled = settle(c, PEOPLE)
    assert settled is not None
    assert settled.distractors == ("Susan Pryor", "Peter Ashdown", "David Harcourt")


def test_posts_in_other_words_are_one_post():
    assert variant("Deputy Ambassador", "Ambassador", "title")
    assert variant("Environment Canada Spokeswoman", "Environment Canada spokesperson", "title")
    assert not variant("Environment Minister", "Energy Minister", "title")
    assert variant("Nusra Front", "Islamist Nusra Front", "org")


def test_who_is_offers_only_people_the_article_gives_a_post():
    a = analysed(
        "Tunisia's goalkeeper Mouez Hassen was injured.",
        "Coach Nabil Maaloul made a change.",
        "Referee Joel Aguilar booked Ferjani Sassi.",
        "Striker Wahbi Khazri shot wide, and Dylan Bronn, Ali Maaloul and Yassine Meriah defended.",
    )
    c = _choice("Who is Tunisia's goalkeeper, according to the article?", "Mouez Hassen",
                ["Dylan Bronn", "Nabil Maaloul", "Joel Aguilar", "Wahbi Khazri", "Yassine Meriah"],
                template="who-is")  # fmt: skip
    settled = settle(c, a)
    assert settled is not None
    assert set(settled.distractors) == {"Nabil Maaloul", "Joel Aguilar", "Wahbi Khazri"}


def test_a_choice_prompt_must_stand_alone():
    assert stands_alone('Who said "It was the best chance the harbour has had"?')  # the quote's own 'it'
    assert stands_alone("Who said the council would publish the full costs in March?")
    assert not stands_alone("Afterwards, who asked for a second vote on the costs?")
    assert not stands_alone("On the next series, who led the offense to the 28-yard line?")
    assert not stands_alone("Which country saw such an accident in 2007?")
    assert not stands_alone("Who said it would cost the town £12m?")
    assert not stands_alone("Who said " + "very " * 40 + "much?")  # a paragraph, not a question
    c = _choice("Afterwards, who asked for a second vote?", "Thomas Whitlock",
                ["Peter Ashdown", "Susan Pryor", "David Harcourt"])  # fmt: skip
    assert settle(c, PEOPLE) is None


def test_a_name_read_apart_from_its_fuller_form_keeps_that_forms_gender():
    a = analysed(
        "Irish Prime Minister Varadkar welcomed the result.",
        "Campaigner Sarah Moran said she was relieved.",
        "Canadian Prime Minister Justin Trudeau sent his congratulations.",
        "Bishop David Quinn said the vote was a sad day.",
        "Leo Varadkar later thanked the campaigners.",
    )
    like = a.entities["Varadkar"]  # read apart from 'Leo Varadkar', and with no gender of its own
    assert not like.gender
    for seed in range(5):
        texts = {o.text for o in Pools(a).pick("Varadkar", ("person", "person"), random.Random(seed), k=5,
                                               like=like, surname=True)}  # fmt: skip
        assert "Moran" not in texts and "Savita Moran" not in texts


def test_who_said_a_quote_may_offer_people_with_a_post_when_the_speaker_has_none():
    a = analysed(
        "Cabinet minister William Ruto dismissed the claims.",
        "President Mwai Kibaki called for calm.",
        "Former UN chief Kofi Annan warned that time was running out.",
        '"The allegations are becoming more and more credible," Hassan Omar said.',
    )
    like = a.entities["Hassan Omar"]
    pools = Pools(a)
    quote = {o.text for o in pools.pick("Hassan Omar", ("person", "person"), random.Random(0), k=5, like=like,
                                        strict=True, posts_apart=False)}  # fmt: skip
    asked = {o.text for o in pools.pick("Hassan Omar", ("person", "person"), random.Random(0), k=5, like=like,
                                        strict=True)}  # fmt: skip
    assert quote == {"William Ruto", "Mwai Kibaki", "Kofi Annan"}
    assert not asked  # 'Who shot wide?' of a player: the referee and the coach stand apart


def _orgs(key: str, *options: str) -> Candidate:
    c = _choice("Which group said the vote was rushed?", key, [])
    opts = tuple(Option(t, ("org", "ngo"), "article") for t in options)
    return replace(c, atype=("org", "ngo"), key="x", options=opts)


def test_a_choice_whose_key_stands_out_among_its_options_goes():
    # Alike in form word by word, yet the key is twice as long, or the only one not opening with 'North'.
    assert settle(_orgs("The Harbour Residents Association of Whitby Town", "Scarborough Fishing Guild",
                        "Yorkshire Coast Council", "North Sea Anglers"), PEOPLE) is None  # fmt: skip
    assert settle(_orgs("Whitby Harbour Trust", "North Yorkshire Council", "North Sea Anglers",
                        "North Coast Guild"), PEOPLE) is None  # fmt: skip
    assert settle(_orgs("Whitby Harbour Trust", "Scarborough Fishing Guild", "Yorkshire Coast Council",
                        "North Sea Anglers"), PEOPLE) is not None  # fmt: skip


@pytest.mark.parametrize("value", [3.0, 7.0, 50.0, 155.0, 163.0, 650.0, 8000.0, 52e6, 66.4])
def test_numbers_shown_beside_the_key_keep_its_order_of_magnitude_and_stay_within_double(value):
    for seed in range(10):
        options = number_options(value, random.Random(seed), alike=True)
        assert len(options) == 3 and any(v < value for v in options) and any(v > value for v in options)
        assert all(value / 2 <= v <= value * 2 for v in options), options
        if value in (155.0, 163.0, 650.0):  # away from a power of ten, every option has the key's digits
            assert all(len(f"{v:.0f}") == len(f"{value:.0f}") for v in options), options


def test_a_number_draft_offers_options_a_reader_cannot_rule_out_by_size():
    (d,) = [d for d in council_drafts() if d.answer_text == "300"]
    assert all(150 <= float(o) <= 600 for o in d.question.distractors), d.question.distractors


def test_a_kept_quote_with_three_fit_options_is_asked_as_multiple_choice():
    (d,) = [d for d in council_drafts() if "best chance the harbour" in d.question.prompt]
    assert d.question.kind is Kind.CHOICE, d.question
    # Pryor's quote has one woman to offer beside her: it stays a typed question.
    (pryor,) = [d for d in council_drafts() if "Nobody on the committee" in d.question.prompt]
    assert pryor.question.kind is Kind.RECALL
