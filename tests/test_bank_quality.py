"""The built-in bank meets its brief: counts, kind mix, difficulty mix, tags, no near-duplicates."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest
from rapidfuzz import fuzz

from quiz.core.bank import load_bank
from quiz.core.model import Kind
from quiz.core.text import fold
from quiz.data import locations
from tests.conftest import ROOT

TAGS = set(re.findall(r"^\| `([a-z-]+)` \|", (ROOT / "questions" / "README.md").read_text(encoding="utf-8"), re.M))
ARTICLE_DECKS = ["barrel-bombs", "putin-sanctions", "aleppo-pressure", "blocked-statement", "showdown"]
MIN_SHARE = {Kind.CHOICE: 0.40, Kind.RECALL: 0.20, Kind.GAP: 0.10, Kind.NUMBER: 0.05, Kind.TRUEFALSE: 0.05}


@pytest.fixture(scope="module")
def bank():
    return load_bank(locations.bank_path())


def test_tag_vocabulary_is_documented():
    assert {"people", "quotes", "security-council", "chronology", "comparison"} <= TAGS


def test_bank_has_at_least_140_questions(bank):
    assert len(bank.questions) >= 140


@pytest.mark.parametrize("deck_id", ARTICLE_DECKS)
def test_each_article_has_a_deck_of_20_to_25_drawn_from_it_alone(bank, deck_id):
    deck = bank.deck(deck_id)
    assert 20 <= len(deck.questions) <= 25
    assert deck.articles == (deck_id,)
    assert all(q.articles == (deck_id,) for q in deck.questions)


def test_cross_article_deck_needs_two_or_more_articles(bank):
    deck = bank.deck("cross-article")
    assert len(deck.questions) >= 20
    single = [q.id for q in deck.questions if len(q.articles) < 2]
    assert single == []


@pytest.mark.parametrize("kind", list(Kind))
def test_kind_mix(bank, kind):
    share = Counter(q.kind for q in bank.questions)[kind] / len(bank.questions)
    assert share >= MIN_SHARE[kind], f"{kind.value}: {share:.0%}"


@pytest.mark.parametrize("level", [1, 2, 3])
def test_difficulty_is_roughly_a_third_each(bank, level):
    share = Counter(q.difficulty for q in bank.questions)[level] / len(bank.questions)
    assert 0.25 <= share <= 0.42, f"difficulty {level}: {share:.0%}"


def test_recall_gap_and_number_carry_three_distractors(bank):
    short = [q.id for q in bank.questions if q.kind in (Kind.RECALL, Kind.GAP, Kind.NUMBER) and len(q.distractors) != 3]
    assert short == []


def test_choice_questions_have_three_distractors(bank):
    assert [q.id for q in bank.questions if q.kind is Kind.CHOICE and len(q.distractors) != 3] == []


def test_tags_come_from_the_vocabulary(bank):
    bad = {q.id: q.tags for q in bank.questions if not 1 <= len(q.tags) <= 3 or not set(q.tags) <= TAGS}
    assert bad == {}


def test_explanations_are_one_or_two_sentences(bank):
    long = [q.id for q in bank.questions if len(re.findall(r"[.!?](?:\s|$)", q.explanation)) > 3]
    assert long == []


def test_no_near_duplicate_prompts(bank):
    pairs = [
        (a.id, b.id, score)
        for a, b in itertools.combinations(bank.questions, 2)
        if (score := fuzz.token_set_ratio(a.prompt, b.prompt)) > 90
    ]
    assert pairs == []


def test_no_fact_tested_twice_in_the_same_kind(bank):
    """Same kind and same answer and evidence would be the same question asked twice."""
    seen: dict[tuple, str] = {}
    dupes = []
    for q in bank.questions:
        key = (q.kind, fold(q.answer_text), tuple(sorted(fold(e.quote) for e in q.evidence)))
        if key in seen:
            dupes.append((seen[key], q.id))
        seen[key] = q.id
    assert dupes == []


def test_no_all_or_none_of_the_above(bank):
    bad = [q.id for q in bank.questions for o in (q.answer_text, *q.distractors) if "of the above" in o.lower()]
    assert bad == []


def test_prompt_does_not_leak_the_answer(bank):
    leaks = [
        q.id
        for q in bank.questions
        if q.kind is not Kind.TRUEFALSE and len(fold(q.answer_text)) > 3 and fold(q.answer_text) in fold(q.prompt)
    ]
    assert leaks == []
