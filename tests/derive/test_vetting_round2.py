"""The second round of blind readers' reasons, pinned with a small article: exact vote counts, a number
among its own series, and a surname shared by several people accepted alone.
"""

from __future__ import annotations

from quiz.core.model import Kind
from quiz.derive.mentions import fold
from tests.derive.test_vetting import candidates

ELECTION = """Harbour City elects its new council

Voters in Harbour City elected a new council on Sunday, with turnout of 58 percent.

In the North ward, councillor Anna Wong was elected with 51,516 votes, the highest in the ward.

In the South ward, veteran Peter Wong was defeated by 10,694 votes by newcomer Raymond Wong.

Each person who registers to volunteer can either give 90 hours, 180 hours, or 360 hours a year.

The council budget for next year is $4.2 million, and the mayor wants 1,500 new homes built.

These measures were announced by the mayor, Linda Osei, who quit her party on Friday.

Former council leader Samuel Grant told Harbour News that the vote "was a clear message".

Chairman Samuel Grant resigned on Monday after the vote.

Grant had led the council for nine years.
"""


def test_an_exact_vote_count_is_never_asked_but_money_and_round_figures_are():
    cs = candidates(ELECTION)
    numbers = [c for c in cs if c.kind is Kind.NUMBER]
    assert not [c for c in numbers if c.answer_text in ("51,516", "10,694")]
    assert not [c for c in cs if c.kind is Kind.TRUEFALSE and "51,516 votes" in c.prompt]
    assert {c.answer_text for c in numbers} & {"4.2 million", "$4.2 million", "1,500", "58"}


def test_a_number_among_its_own_series_is_never_asked():
    cs = candidates(ELECTION)
    assert not [c for c in cs if c.kind in (Kind.NUMBER, Kind.GAP) and "180 hours, or 360" in c.prompt]


def test_a_surname_shared_by_several_people_is_not_accepted_alone():
    cs = [c for c in candidates(ELECTION) if c.atype[0] == "person" and "Wong" in c.answer_text]
    assert cs, "the Wongs are asked"
    for c in cs:
        assert "wong" not in {fold(x) for x in c.alternatives}
