"""The reasons blind readers gave for editing or rejecting drafts of real news, each pinned with a small
article: dangling words, guessable blanks, posts from another world, nitpick falsehoods, answers that
must accept their other written forms, and given names offered as a surname.
"""

from __future__ import annotations

import random
import re

from quiz.core.model import GAP_MARK, Kind
from quiz.derive.candidates import Builder
from quiz.derive.distractors import Pools
from quiz.derive.generate import library, read
from quiz.derive.vetting import TF_LEAD
from tests.derive.conftest import library_texts


def candidates(text: str, seeds: tuple[int, ...] = (0, 1, 2, 3)):
    """Every candidate derive considers for the article, before ranking, over several seeds."""
    article = read(text)
    pools = Pools(article.analysis, library(library_texts()))
    out = []
    for seed in seeds:
        out += Builder(article.analysis, pools, random.Random(seed)).all()
    return out


MATCH = """Lions beat Harbour in the cup semi-final

The Lions beat Harbour 3-1 in the cup semi-final at Westfield Park on Saturday, March 8, 2025.

Lions striker Park Ji-Hoon scored twice in the first half, and his teammate Kim Min-Woo added a third.

Harbour coach Daniel Moretti said his players had also lost their captain to injury in the warm-up.

Referee Tom Ashby showed four yellow cards, and Harbour defender Sean Doyle was sent off after 70 minutes.

Doyle had returned from injury only five months before the semi-final.

The Lions will play the final in Sydney, Australia, on May 16, 2025, against the winner of Saturday's second semi-final.

Instead, Harbour will now rebuild for the next season under Moretti, the club said in a statement.

President Laura Bishop of the Lions said the club had sold 12,000 tickets for the final.

The match was shown by Coast Television (CTV), which paid 2.5 million dollars for the rights in 2023.
"""


def test_dangling_words_are_removed_or_the_item_dropped():
    found = candidates(MATCH)
    assert found
    for c in found:
        body = c.prompt.removeprefix(TF_LEAD)
        assert not re.search(r"\b[Ii]nstead\b", body), c.prompt
        if c.kind in (Kind.TRUEFALSE, Kind.GAP):
            assert " also " not in body, c.prompt


def test_blanks_the_words_around_them_give_away_are_not_asked():
    for c in candidates(MATCH):
        if GAP_MARK not in c.prompt:
            continue
        assert "President ___" not in c.prompt, c.prompt
        assert "Sydney, ___" not in c.prompt, c.prompt
        assert not re.search(r"___ \([A-Z]+\)", c.prompt), c.prompt
        if c.atype[0] == "date":
            assert re.search(r"\d{4}", c.answer_text), c.prompt


def test_number_words_accept_digits_and_dates_their_other_order():
    found = candidates(MATCH)
    words = [c for c in found if c.kind is Kind.GAP and c.atype[0] == "numword"]
    assert words, "a count in words is asked"
    for c in words:
        digits = {"four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8"}.get(c.answer_text.lower())
        assert digits in c.alternatives, (c.answer_text, c.alternatives)
    dates = [c for c in found if c.kind is Kind.GAP and c.atype[0] == "date" and re.search("[A-Z]", c.answer_text)]
    assert dates, "a full date is asked"
    for c in dates:
        assert any(re.match(r"\d", a) for a in c.alternatives), (c.answer_text, c.alternatives)


def test_a_korean_given_name_is_not_accepted_as_the_surname():
    people = [c for c in candidates(MATCH) if c.atype[0] == "person" and "Min-Woo" in c.answer_text]
    assert people, "Kim Min-Woo is asked"
    for c in people:
        assert not {"Min-Woo", "Woo", "Min"} & set(c.alternatives), c.alternatives


def test_a_false_statement_is_never_a_date_nudged():
    for c in candidates(MATCH):
        if c.kind is Kind.TRUEFALSE and c.answer is False:
            assert c.atype[0] != "date", c.prompt


EMBASSY = """Ambassador welcomes robotics team

Afghan Ambassador Hamdullah Mohib welcomed the girls' robotics team in Washington on Tuesday.

Deputy Ambassador Sara Nazari and team coach Roya Mahboob travelled with the girls from Herat.

Mohib said the team had shown great courage, and thanked the organisers of the contest.

The team of six girls built a robot that sorts balls by colour, and won a silver medal.
"""


def test_post_options_come_from_the_article_and_are_not_the_key_in_other_words():
    posts = [c for c in candidates(EMBASSY) if c.template == "post" and c.kind is Kind.CHOICE]
    for c in posts:
        for o in c.options:
            assert o.source == "article", (c.prompt, o)
            assert "ambassador" not in o.text.lower() or "ambassador" not in c.answer_text.lower(), (c.prompt, o)


SHORT = """Widget maker doubles profit

Acme Widgets reported a profit of £12m for 2024, up from £9m, on sales of £140m in 14 countries.

Chief executive Laura Penn said the company would hire 300 staff in Leeds and open 6 new shops next year.
"""


def test_a_short_article_still_gets_its_floor_without_one_draft_giving_another_away():
    from quiz.derive.generate import derive_drafts

    made = derive_drafts(SHORT, "short", library_texts=library_texts())
    # Two sentences, so one of them is asked twice, on another figure: a third draft asking £12m again
    # (true/false already swaps it) or showing it (the £140m blank) is left out, below the floor of three.
    assert len(made) >= 2
    assert len({(d.question.evidence[0].quote, d.span) for d in made}) == len(made)
    for d in made:
        for o in made:
            if o is not d and o.question.evidence[0].quote == d.question.evidence[0].quote:
                assert d.answer_text not in o.question.prompt, (d.question.prompt, o.question.prompt)
