"""The fairness detectors of `quiz check`: each catches its planted case and lets its near miss pass."""

from __future__ import annotations

import pytest

from quiz.core.fairness import findings, leaks, longer_key, modal_key, odd_form, parts, time_words
from quiz.core.model import Bank, Deck, Evidence, Kind, Question


def q(qid: str, prompt: str, answer: str | float = "", kind: Kind = Kind.CHOICE, **fields) -> Question:
    quote = fields.pop("quote", "Mayor Ada Quist said the repairs cost 1.2 million euros.")
    return Question(
        id=qid,
        kind=kind,
        prompt=prompt,
        answer=answer,
        evidence=(Evidence("harbour", quote),),
        explanation="-",
        tags=("people",),
        difficulty=1,
        deck=fields.pop("deck", "d"),
        **fields,
    )


MAYOR = q("m", "Who is the harbour's mayor?", "Ada Quist", Kind.RECALL, alternatives=("Quist",))
TERROR = q(
    "t",
    'Barrel bombs are "weapons of ___".',
    "terror",
    Kind.GAP,
    quote='barrel bombs are not defensive weapons, "they are weapons of terror."',
)
COST = q("c", "What did the repairs cost?", 1_200_000.0, Kind.NUMBER)


@pytest.mark.parametrize(
    ("victim", "prompt", "shown"),
    [
        (MAYOR, "What did Mayor Ada Quist say about the cost?", "Ada Quist"),
        (MAYOR, "What did Quist's office say about the cost?", "Quist"),  # a possessive still names her
        (TERROR, "Which weapons did France call weapons of terror?", "weapons of terror"),
        (COST, "Why did the 1.2 million euro repairs run late?", "1.2 million"),
    ],
)
def test_a_prompt_that_shows_another_answer_is_a_leak(victim, prompt, shown):
    found = leaks(q("x", prompt, "a"), [victim])
    assert len(found) == 1
    assert f"'{shown}', the answer to {victim.id}" in found[0].message
    assert found[0].field == "prompt"


@pytest.mark.parametrize(
    ("victim", "prompt"),
    [
        (MAYOR, "What did the mayor say about the cost?"),  # the role, not the name
        (MAYOR, "What did Ada Quistorp say?"),  # a longer name that merely starts alike
        (TERROR, "Why is terror on the agenda?"),  # a common word outside its quoted phrase
        (COST, "Why did the repairs take 12 days?"),
        (
            q("s", "Which measure is threatened?", "Sanctions", quote="the measure threatens sanctions"),
            "Who rejected new sanctions?",
        ),
    ],
)
def test_near_misses_are_not_leaks(victim, prompt):
    assert leaks(q("x", prompt, "a"), [victim]) == []


def test_a_question_with_the_same_answer_is_not_a_leak():
    """Two questions both answered 'Ada Quist' cannot give each other away."""
    assert leaks(q("x", "Whom did Ada Quist succeed as mayor?", "Ada Quist"), [MAYOR]) == []


def test_text_every_option_shares_is_a_leak():
    shared = q("x", "Who said what?", "Ada Quist, on cost", distractors=("Ada Quist, on dates", "Ada Quist, on boats"))
    (found,) = leaks(shared, [MAYOR])
    assert found.field == "distractors"
    assert "every option says 'Ada Quist'" in found.message


def test_leaks_cross_into_companion_decks_only():
    """A cross-article deck drawn from the same article is studied alongside; an unrelated deck is not."""
    victim = q("m", "Who is the harbour's mayor?", "Ada Quist", Kind.RECALL, deck="harbour")
    cross = q("x", "Which mayor is quoted in both reports?", "b", deck="cross")
    leaky = q("y", "What did Ada Quist say?", "c", deck="cross")
    elsewhere = q("z", "What did Ada Quist say?", "c", deck="other", quote="elsewhere")
    other_article = Question(**{**elsewhere.__dict__, "evidence": (Evidence("ferry", "elsewhere"),)})
    bank = Bank(
        (
            Deck("harbour", "H", (victim,), articles=("harbour",)),
            Deck("cross", "X", (cross, leaky), articles=("harbour", "ferry")),
            Deck("other", "O", (other_article,), articles=("ferry",)),
        ),
        {},
    )
    assert [(f.question.id, f.field) for f in findings(bank) if "answer to m" in f.message] == [("y", "prompt")]


@pytest.mark.parametrize(
    ("key", "distractors", "flagged"),
    [
        # bb-008's old pattern: the key holds the two parts that each recur.
        ("Saudi Arabia and Lebanon", ["Saudi Arabia and Qatar", "Lebanon and Jordan", "Egypt and China"], True),
        # balanced: every part is in two options, so every option scores alike
        ("Saudi Arabia and Lebanon", ["Saudi Arabia and Qatar", "Lebanon and Jordan", "Qatar and Jordan"], False),
        # ps-010's old pattern, "respectively" pairs
        (
            "Putin in Bishkek, Gatilov in Geneva",
            [
                "Putin in Geneva, Gatilov in Bishkek",
                "Putin in Moscow, Gatilov in Geneva",
                "Putin in Bishkek, Gatilov in New York",
            ],
            True,
        ),
        (
            "Putin in Bishkek, Gatilov in Geneva",
            [
                "Putin in Geneva, Gatilov in Bishkek",
                "Putin in Moscow, Gatilov in New York",
                "Putin in New York, Gatilov in Moscow",
            ],
            False,
        ),
        # order questions: each item's place is a part
        ("A, then B, then C", ["B, then A, then C", "C, then B, then A", "A, then C, then B"], True),
        ("A, then B, then C", ["B, then C, then A", "C, then A, then B", "A, then C, then B"], False),
        # a key with more parts than the others, none of them recurring
        (
            "Missiles, warplanes and helicopters",
            ["Chemical weapons and precursors", "Nuclear fuel and parts", "Ships and submarines"],
            False,
        ),
        # prose options are not composite
        ("The use of force", ["A formal condemnation", "A referral to the court", "A suspension"], False),
    ],
)
def test_modal_key_of_composite_options(key, distractors, flagged):
    assert bool(modal_key(key, distractors)) is flagged


def test_order_parts_keep_their_place():
    assert parts("A, then B, then C") == ["0:a", "1:b", "2:c"]
    assert parts("Britain, France and Spain") == ["britain", "france", "spain"]


@pytest.mark.parametrize(
    ("key", "distractors", "flagged"),
    [
        (
            "The bombs are dropped from helicopters, and only government forces have helicopters",
            ["Army markings", "Russia supplied them", "UN monitors saw them"],
            True,
        ),
        (
            "Only the army has the helicopters that drop them",
            ["The bombs carry Syrian army markings", "Russia admitted supplying them", "UN monitors saw them"],
            False,
        ),
        ("Four words in all", ["One", "Two", "Three"], False),  # longer, but by too few words to stand out
    ],
)
def test_key_notably_longer_than_every_distractor(key, distractors, flagged):
    assert bool(longer_key(key, distractors)) is flagged


@pytest.mark.parametrize(
    ("key", "distractors", "flagged"),
    [
        (
            "Rebel ground forces could keep bombing",
            ["It required troops to leave", "It exempted coalition aircraft", "It let militants leave"],
            True,
        ),
        (
            "It let rebel ground forces keep bombing",
            ["It required troops to leave", "It exempted coalition aircraft", "It let militants leave"],
            False,
        ),
        ("Three weeks", ["2 weeks", "5 weeks", "6 weeks"], True),
        ("3 weeks", ["2 weeks", "5 weeks", "6 weeks"], False),
        ("Vienna", ["Geneva", "Paris", "Moscow"], False),
    ],
)
def test_distractors_sharing_a_form_the_key_lacks(key, distractors, flagged):
    assert bool(odd_form(key, distractors)) is flagged


@pytest.mark.parametrize(
    ("prompt", "quote", "flagged"),
    [
        ("In the report on Russia's latest block, who spoke?", "Russia blocked a statement", True),
        ("What happened this week?", "Russia blocked a statement", True),
        ("Who spoke yesterday?", "Russia blocked a statement", True),
        ("What did recent attacks do?", "Russia blocked a statement", True),
        # the evidence's own sentence needs the word
        (
            'Kerry said a hospital was hit "last night". How many died?',
            "yet another hospital last night, killing 20 people",
            False,
        ),
        ("Which round of talks is the latest?", "the latest round of UN-mediated talks", False),
        ("In the report on the block of December 19, who spoke?", "Russia blocked a statement", False),
        ("Who called the talks the most serious negotiations to date?", "the most serious negotiations to date", False),
    ],
)
def test_time_relative_words_in_prompts(prompt, quote, flagged):
    assert bool(time_words(q("x", prompt, "a", quote=quote))) is flagged


def test_true_false_and_draft_questions_are_left_alone():
    draft = q("d", "What did Ada Quist say this week?", "a", status="draft")
    bank = Bank((Deck("d", "D", (MAYOR, draft), articles=("harbour",)),), {})
    assert findings(bank) == []
