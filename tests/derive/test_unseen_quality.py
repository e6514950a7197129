"""No draft of a known-bad class on news derive was not written for (UK politics, business, sport, science).

The articles under fixtures/unseen_* and fixtures/holdout_* are ours, written with the traps that
broke derive on real news: 'the General Election', bills and acts, houses of parliament, clubs and
rivers, brands, a sentence-initial 'Overall', reader comments, a quote credited to two people.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from quiz.core.model import Kind
from quiz.derive.distractors import same_person
from quiz.derive.entities import ORG_KEYWORDS, WEEKDAYS, analyse, fold
from quiz.derive.gazetteer import gazetteer
from quiz.derive.normalise import prose
from quiz.derive.sentences import split
from tests.derive.conftest import UNSEEN, drafts_of, library_texts

TF = "True or false, according to the article: "


def ids(path):
    return path.stem


@cache
def unrelated_names() -> frozenset[str]:
    """People and organisations of the built-in (Syria) decks, and the surnames of those people."""
    found: set[str] = set()
    for text in library_texts():
        a = analyse(split(prose(text).paragraphs))
        for e in a.entities.values():
            if e.type in ("person", "org") and e.key not in gazetteer().names:
                found |= {e.key, *(f for f in e.forms if len(f) > 3)}
    return frozenset(found)


@pytest.mark.parametrize("path", UNSEEN, ids=ids)
def test_who_is_always_answered_by_a_person(path):
    g = gazetteer()
    text = path.read_text(encoding="utf-8")
    # What the article writes after 'the' is a thing ('the Lords', 'the Severn', 'the General Election').
    things = set(re.findall(r"\bthe ((?:[A-Z][\w']+ ?)+)", text))
    things = {t.strip() for t in things} | {w for t in things for w in t.split()[-1:]}
    for d in drafts_of(path):
        q = d.question
        if d.answer_type != ("person", "person") or q.kind is Kind.TRUEFALSE:
            assert not q.prompt.startswith("Who") or q.kind is Kind.TRUEFALSE, q.prompt
            continue
        for name in (str(q.answer), *q.distractors):
            words = name.split()
            known = g.lookup(name)
            assert known is None, (q.prompt, name, known)
            assert not (set(words) & set(ORG_KEYWORDS)), (q.prompt, name)
            assert not (len(words) == 1 and name in g.common), (q.prompt, name)
            assert name not in things and words[-1] not in things, (q.prompt, name)
            # A word only ever written at the start of a sentence ('Overall, ...') is not a name.
            assert re.search(rf"[\w,] {re.escape(words[-1])}\b", text), (q.prompt, name)


@pytest.mark.parametrize("path", UNSEEN, ids=ids)
def test_no_option_comes_from_an_unrelated_built_in_deck(path):
    text = path.read_text(encoding="utf-8")
    for d in drafts_of(path):
        foreign = [o for o in d.question.distractors if o in unrelated_names() and o not in text]
        assert not foreign, (d.question.prompt, foreign)


@pytest.mark.parametrize("path", UNSEEN, ids=ids)
def test_no_option_is_a_variant_of_the_key_or_of_another(path):
    for d in drafts_of(path):
        if d.answer_type != ("person", "person"):
            continue
        names = [str(d.question.answer), *d.question.distractors]
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                assert not same_person(a, b), (d.question.prompt, a, b)


@pytest.mark.parametrize("path", UNSEEN, ids=ids)
def test_no_weekday_no_unresolved_pronoun_no_comment(path):
    for d in drafts_of(path):
        q = d.question
        assert str(q.answer) not in WEEKDAYS and d.substitute not in WEEKDAYS, q.prompt
        body = q.prompt.removeprefix(TF).removeprefix('Fill in the number: "')
        assert not re.match(r"(He|She|It|Its|They|Their|His|Her)\b", body), q.prompt
        for ev in q.evidence:
            assert not re.match(r"^[\w ]{2,30}: ", ev.quote) or '"' in ev.quote, ev.quote  # 'TechDad77: About time'


@pytest.mark.parametrize("path", UNSEEN, ids=ids)
def test_a_false_statement_swaps_a_value_the_article_does_not_state_there(path):
    for d in drafts_of(path):
        if not d.substitute:
            continue
        sentence = d.question.evidence[0].quote
        alone = rf"(?<![\w.]){re.escape(d.substitute)}(?![\w.])"  # '6' for 13 in 'aged 13 to 16' is false
        assert not re.search(alone, sentence), (d.question.prompt, d.substitute)


def test_money_is_asked_in_the_business_stories():
    business = [p for p in UNSEEN if re.search(r"supermarket|bank_rate|ai_startup|ofcom", p.name)]
    for path in business:
        assert any(d.answer_type[1].startswith("money:") for d in drafts_of(path)), path.name


@pytest.mark.parametrize("path", UNSEEN, ids=ids)
def test_no_answer_of_a_thing_or_post_stands_in_a_sibling_prompt(path):
    drafts = drafts_of(path)
    for d in drafts:
        if d.question.kind in (Kind.TRUEFALSE, Kind.NUMBER) or d.answer_type[0] in ("person", "date", "numword"):
            continue
        answer = fold(d.answer_text)
        if len(answer) <= 3:
            continue
        for other in drafts:
            if other is not d and other.answer_text != d.answer_text:
                sibling = other.question.prompt
                assert f" {answer} " not in f" {fold(sibling)} ", (d.question.prompt, sibling)
