"""Entity types rest on evidence: a title, a first name, the gazetteer, the words around a name, a pronoun.

Each case is a near miss of another: 'the General Election' is not a general called Election, but
'General Nick Carter' is a general; 'Social Care' is not a person, 'Jane Care' is.
"""

from __future__ import annotations

import pytest

from quiz.derive.entities import analyse, money
from quiz.derive.sentences import Sentence


def entities(*texts: str):
    return analyse([Sentence(i, i, t) for i, t in enumerate(texts)]).entities


def kind_of(name: str, *texts: str) -> tuple[str, str] | None:
    ents = entities(*texts)
    found = ents.get(name) or next((e for e in ents.values() if name in e.forms), None)
    return (found.type, found.subtype) if found else None


def people(*texts: str) -> set[str]:
    return {k for k, e in entities(*texts).items() if e.type == "person"}


NOT_PEOPLE = [
    ("the General Election", ["Turnout was 38%, down from 61% at the General Election last year."]),
    ("a house of parliament", ["The bill goes to the House of Lords.", "It returns from the Lords in May."]),
    ("part of a department", ["The Department of Health and Social Care said the rise was fair."]),
    ("a club and its short name", ["Championship side Bristol Rovers lost 2-1 at home.", "Rovers had led early on."]),
    ("a river and its short name", ["The River Severn rose to 5.4 metres.", "Water from the Severn flooded homes."]),
    ("a sentence-initial word", ["Overall, the vote was closer than ministers had expected."]),
    ("a subject without a pronoun after", ["Harbour Point chaired the panel.", "The vote was fair."]),
    ("a range of goods", ["Sales of the Hartwell's Essentials range rose by 11%.", "Hartwell's said sales rose."]),
    ("a firm after 'of'", ["Analyst Tom Redfern of Peel Hunt said the results were good."]),
    ("a firm in apposition", ["The developer, Harbourside Homes, said 30% of the homes would be affordable."]),
]


@pytest.mark.parametrize(("case", "texts"), NOT_PEOPLE, ids=[c for c, _ in NOT_PEOPLE])
def test_things_are_never_people(case, texts):
    wrong = people(*texts) - {"Tom Redfern"}
    assert not wrong, f"{case}: {wrong}"


PEOPLE = [
    ("a title before a name", "Nick Carter", ["General Nick Carter said the army was ready."]),
    ("a first name before a common word", "Jane Care", ["Jane Care said the rise was fair."]),
    ("a post opening the sentence", "Jamal Okonkwo", ["Striker Jamal Okonkwo scored twice.", "Okonkwo is 24."]),
    ("a person before 'of' a firm", "Tom Redfern", ["Analyst Tom Redfern of Peel Hunt said the results were good."]),
    ("an honorific elsewhere", "Priya Sandhu", ["Labour's Priya Sandhu came second.", "Ms Sandhu was proud."]),
    ("a pronoun after", "Kwabena Asante", ["Kwabena Asante chaired the panel.", "She said the vote was fair."]),
]


@pytest.mark.parametrize(("case", "name", "texts"), PEOPLE, ids=[c for c, _, _ in PEOPLE])
def test_people_with_evidence_are_people(case, name, texts):
    assert name in people(*texts), case


TYPES = [
    ("Leasehold Reform Bill", ["The Leasehold Reform Bill passed its third reading."], ("org", "law")),
    ("Online Safety Act", ["Flicker was fined under the Online Safety Act."], ("org", "law")),
    ("Labour", ["Labour lost the seat to Reform UK on Thursday."], ("org", "party")),
    ("Reform UK", ["Labour lost the seat to Reform UK on Thursday."], ("org", "party")),
    ("House of Commons", ["The bill passed in the House of Commons by 312 votes."], ("org", "legislature")),
    ("River Severn", ["The River Severn rose overnight."], ("place", "natural")),
    ("Bristol Rovers", ["Championship side Bristol Rovers lost 2-1."], ("org", "club")),
    ("Hartwell", ["Supermarket chain Hartwell's reported a rise in profits."], ("org", "company")),
    ("England", ["England were bowled out for 187."], ("country", "country")),
    ("Harbourside Homes", ["The developer, Harbourside Homes, said it was pleased."], ("org", "company")),
]


@pytest.mark.parametrize(("name", "texts", "expected"), TYPES, ids=[n for n, _, _ in TYPES])
def test_names_get_the_type_their_context_gives(name, texts, expected):
    assert kind_of(name, *texts) == expected


GENDERS = [
    ("a first name", ["Angela Whitcombe said the bill was fair."], "Angela Whitcombe", "female"),
    ("an honorific", ["Dr Tomas Okafor spoke first.", "Mr Okafor said he was pleased."], "Tomas Okafor", "male"),
    ("a pronoun after", ["Chair Alexis Quinto spoke first.", "She said the vote was fair."], "Alexis Quinto", "female"),
    ("no evidence", ["Chair Alexis Quinto spoke first.", "The vote was fair."], "Alexis Quinto", ""),
    ("a name for either", ["Pat Tarrant chaired the meeting.", "The vote was fair."], "Pat Tarrant", ""),
]


@pytest.mark.parametrize(("case", "texts", "name", "gender"), GENDERS, ids=[c for c, *_ in GENDERS])
def test_gender_only_where_the_article_shows_it(case, texts, name, gender):
    assert entities(*texts)[name].gender == gender


MONEY = [
    ("Pre-tax profit rose to £612m.", "£612m", "money:pounds", 612e6),
    ("It raised $1.1bn last year.", "$1.1bn", "money:dollars", 1.1e9),
    ("Pay rises to £12.60 an hour.", "£12.60", "money:pounds", 12.6),
    ("A dividend of 4.1p a share.", "4.1p", "money:pence", 4.1),
    ("It cost €30 million to build.", "€30 million", "money:euros", 30e6),
]


@pytest.mark.parametrize(("text", "written", "subtype", "value"), MONEY, ids=[w for _, w, _, _ in MONEY])
def test_money_is_a_figure_with_its_currency(text, written, subtype, value):
    [m] = money(0, text)
    assert (m.text, m.subtype, m.value) == (written, subtype, value)


@pytest.mark.parametrize("text", ["It employs 612 staff.", "The score was 4-1.", "See page 12.", "In 2027 it opens."])
def test_figures_without_a_currency_are_not_money(text):
    assert money(0, text) == []
