"""A question's header title with the question's own answer taken out, and titles that tell nothing left alone."""

from __future__ import annotations

import pytest

from quiz.core.bank import load_bank
from quiz.core.giveaway import without_answer
from quiz.core.model import Evidence, Kind, Question
from quiz.data import locations


def q(answer: str | float | bool, kind: Kind = Kind.CHOICE, quote: str = "", **fields) -> Question:
    return Question(
        id="x-1",
        kind=kind,
        prompt="Which one?",
        answer=answer,
        evidence=(Evidence("a", quote or str(answer)),),
        explanation="-",
        tags=(),
        difficulty=1,
        deck="d",
        **fields,
    )


@pytest.mark.parametrize(
    ("title", "question", "shown"),
    [
        # the key named in full, in any case, accent or possessive
        ("Putin rejects new UN sanctions", q("Vladimir Putin", alternatives=("Putin",)), "… rejects new UN sanctions"),
        ("Putin's rejection of sanctions", q("Putin", quote="Putin said no"), "…'s rejection of sanctions"),
        ("Le président Macron à Alep", q("Président Macron"), "Le … à Alep"),
        ("Talks in Genève fail", q("Geneve", Kind.RECALL, quote="in Geneve"), "Talks in … fail"),
        # the phrase that tells the key from its distractors
        (
            "Putin rejects UN sanctions over chemical weapons",
            q("The use of chemical weapons", distractors=("The use of barrel bombs", "The bombing of hospitals")),
            "Putin rejects UN sanctions over …",
        ),
        # near misses: a word inside another word, a phrase every option shares, a common word, a small number
        ("Russia blocks a statement", q("US", Kind.RECALL, quote="the US said"), "Russia blocks a statement"),
        (
            "UN sanctions over chemical weapons",
            q("Chemical weapons use", distractors=("Chemical weapons stockpiles", "Barrel bombs")),
            "UN sanctions over chemical weapons",
        ),
        (
            "Council votes on sanctions",
            q("Sanctions", quote="threatening sanctions"),
            "Council votes on sanctions",
        ),
        ("Three killed in 12 raids", q(12.0, Kind.NUMBER), "Three killed in 12 raids"),
        ("Russia vetoes the draft", q(True, Kind.TRUEFALSE), "Russia vetoes the draft"),
    ],
)
def test_a_title_loses_exactly_the_words_that_give_the_answer_away(title, question, shown):
    assert without_answer(title, question) == shown


def test_one_question_of_the_built_in_bank_has_its_header_elided():
    """ps-001 asks what the sanctions were over; its article's title ends "over chemical weapons"."""
    bank = load_bank(locations.bank_path(), locations.seeds_path(None))
    changed = {}
    for question in bank.questions:
        article = bank.articles.get(question.articles[0]) if question.articles else None
        title = article.title if article and len(question.articles) == 1 else bank.deck(question.deck).title
        if without_answer(title, question) != title:
            changed[question.id] = without_answer(title, question)
    assert changed == {"ps-001": "Putin rejects new UN sanctions on Syria over …"}
