"""Rule-based entity recognition: people with their posts, places, organisations, dates, numbers, quotes."""

from __future__ import annotations

import pytest

from quiz.derive.entities import analyse, dates, numbers, quotes, unit_after
from quiz.derive.sentences import split


def mentions(*paragraphs: str) -> list[tuple[str, str, str]]:
    a = analyse(split(list(paragraphs)))
    return [(m.type, m.subtype, m.text) for ms in a.mentions for m in ms]


def people(*paragraphs: str) -> dict[str, tuple[str, str]]:
    a = analyse(split(list(paragraphs)))
    return {m.text: (m.role, m.role_phrase) for ms in a.mentions for m in ms if m.type == "person"}


@pytest.mark.parametrize(
    ("sentence", "name", "role", "phrase"),
    [
        (
            "Russian Deputy Foreign Minister Sergei Ryabkov told reporters.",
            "Sergei Ryabkov",
            "Deputy Foreign Minister",
            "Russian Deputy Foreign Minister",
        ),
        (
            "Britain's UN Ambassador Matthew Rycroft said so.",
            "Matthew Rycroft",
            "UN Ambassador",
            "Britain's UN Ambassador",
        ),
        ("US Secretary of State John Kerry said so.", "John Kerry", "Secretary of State", "US Secretary of State"),
        (
            "A proposal by UN Syria envoy Staffan de Mistura was backed.",
            "Staffan de Mistura",
            "UN Syria envoy",
            "UN Syria envoy",
        ),
        (
            "It was said by Russian Foreign Ministry spokeswoman Maria Zakharova.",
            "Maria Zakharova",
            "Foreign Ministry spokeswoman",
            "Russian Foreign Ministry spokeswoman",
        ),
        ("Syrian President Bashar al-Assad has denied it.", "Bashar al-Assad", "President", "Syrian President"),
        (
            "United Nations Secretary General Ban Ki-moon sent invitations.",
            "Ban Ki-moon",
            "United Nations Secretary General",
            "United Nations Secretary General",
        ),
        (
            "The Dutch economy minister, Pieter de Graaf, said the talks would go on.",
            "Pieter de Graaf",
            "economy minister",
            "Dutch economy minister",
        ),
        ("Mayor Judith Okafor urged residents to help.", "Judith Okafor", "Mayor", "Mayor"),
    ],
)
def test_people_with_posts(sentence, name, role, phrase):
    assert people(sentence)[name] == (role, phrase)


def test_a_surname_alone_is_linked_to_the_full_name():
    a = analyse(split(["Russian President Vladimir Putin spoke on Tuesday.", '"No," Putin added.']))
    second = [m for m in a.mentions[1] if m.type == "person"]
    assert [(m.text, m.key) for m in second] == [("Putin", "Vladimir Putin")]


def test_al_prefixed_surnames_link_either_way():
    a = analyse(split(["Syrian President Bashar Al-Assad spoke.", "Rebels do not trust Assad, they said."]))
    assert [m.key for m in a.mentions[1] if m.type == "person"] == ["Bashar Al-Assad"]


def test_a_name_with_a_speech_verb_is_a_person():
    assert people("The decision was welcomed, Leila Nasser said.") == {"Leila Nasser": ("", "")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russia, joined by China, vetoed it.", [("country", "country", "Russia"), ("country", "country", "China")]),
        (
            "The United States and Britain agreed.",
            [("country", "country", "United States"), ("country", "country", "Britain")],
        ),
        (
            "Talks were held in the Swiss city of Geneva.",
            [("nationality", "nationality", "Swiss"), ("place", "city", "Geneva")],
        ),
        ("Rebels fled the northern province of Qaren.", [("place", "region", "Qaren")]),
        ("Heavy fighting hit Deir al-Zor province.", [("place", "region", "Deir al-Zor")]),
        (
            "The Security Council met on Monday.",
            [("org", "international", "Security Council"), ("date", "weekday", "Monday")],
        ),
        ("He told the Interfax news agency so.", [("org", "news-agency", "Interfax")]),
        ("Rebels told Reuters they would stay.", [("org", "news-agency", "Reuters")]),
        ("The Russian Defense Ministry said so.", [("org", "government", "Russian Defense Ministry")]),
        ("It was formerly known as al-Nusra Front.", [("org", "armed-group", "al-Nusra Front")]),
        ("Shares in chipmaker Norvatek fell sharply.", [("org", "company", "Norvatek")]),
    ],
)
def test_places_and_organisations(sentence, expected):
    assert mentions(sentence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on October 28, he said", [("month-day", "October 28")]),
        ("on 17 August 2016 they struck", [("day-month-year", "17 August 2016")]),
        ("adopted in December 2015 to help", [("month-year", "December 2015")]),
        ("Reuters reported Wednesday.", [("weekday", "Wednesday")]),
        ("the crisis since 2011 has", [("year", "2011")]),
        ("attacks in 2014 and 2015", []),
    ],
)
def test_dates(text, expected):
    assert [(m.subtype, m.text) for m in dates(0, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a war that has killed 250,000 people", [("count", "250,000", 250000.0)]),
        ("half the country's 24 million citizens", [("count", "24 million", 24e6)]),
        ("sales fell 18 percent this year", [("percent", "18 percent", 18.0)]),
        ("an estimated 4.5 million viewers", [("count", "4.5 million", 4.5e6)]),
        ("under Chapter 7 of the UN Charter", []),
        ("the No. 1 killer", []),
        ('the planned "Geneva 2" conference', []),
        ("Su-34 bombers", []),
        ("in 2014 and 2015", []),
        ("on October 29 and 30 in Vienna", []),
        ("the 5-1/2-year civil war", []),
        ("won 5-4 on penalties", []),
    ],
)
def test_numbers(text, expected):
    assert [(m.subtype, m.text, m.value) for m in numbers(0, text) if m.type == "number"] == expected


@pytest.mark.parametrize(
    ("text", "end", "unit"),
    [
        ("killed 250,000 people, and", 14, "people"),
        ("about 35,000 militants in Syria", 12, "militants"),
        ("rose 7 in", 6, ""),
    ],
)
def test_unit_after_a_number(text, end, unit):
    assert unit_after(text, end) == unit


def test_quotes_are_found_with_their_words():
    found = quotes('"We see this as blackmail," he said, adding it was "unacceptable."')
    assert [q.text for q in found] == ["We see this as blackmail,", "unacceptable."]


def test_nothing_is_typed_on_a_guess():
    """Capitalised words that are only capitalised because a sentence starts are not entities."""
    assert mentions("Scheduled talks were postponed. Human rights groups protested.") == []
