"""The second round of blind readers' reasons, each pinned with a small article: exact vote counts, a
number among its own series, a surname shared by several people accepted alone, prompts leaning on the
sentence before or on a pronoun, posts known without reading, already left or held by many, and the outlet
a source told.
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


AIRLINE = """Airline sells old jet for scrap price

Harbour Airways sold an Airbus A310 jet to a German film company for 290,000 euros last month, the airline said.

Prime Minister Anna Lindqvist said on Monday that the sale would be investigated by the transport ministry.

Senator Paul Mendes said the jet had a valid certificate of airworthiness and was flown to Malta for a film.

Airline chairman Tomas Berg quit on December 12, two days after the sale became public.

Transport minister Carla Stein told Sky News that the sale "must be explained" by the airline's board.

The airline also uses cleaning chemicals containing iodine in its kitchens.

Iodine released from these chemicals into food has been a concern for at least four years, inspectors said.

The airline carried 3.2 million passengers last year, and employs 4,000 staff.

Berg had asked the government for a loan of 40 million euros in the summer.
"""


def test_a_prompt_leaning_on_the_sentence_before_is_dropped():
    prompts = [c.prompt for c in candidates(AIRLINE)]
    assert not [p for p in prompts if "these chemicals" in p or "the jet had" in p]
    assert any("290,000" in p or "Harbour" in p for p in prompts)  # the article is still asked


def test_a_post_known_without_reading_or_already_left_is_not_asked_as_held():
    posts = {c.answer_text for c in candidates(AIRLINE) if c.template == "post"}
    assert not posts & {"Prime Minister", "Airline chairman", "chairman"}


def test_the_outlet_a_source_told_is_not_asked():
    cs = candidates(AIRLINE)
    assert not [c for c in cs if c.kind is Kind.GAP and c.answer_text == "Sky News"]
    assert [c for c in cs if "Carla Stein" in c.prompt or c.answer_text == "Carla Stein"]


PLANET = """Astronomers find the hottest planet yet

On Monday, astronomers in Ohio revealed KELT-9b, which according to astronomy professor Scott Gaudi is the hottest.

The planet is about three times the mass of Jupiter, and it orbits its star in about 36 hours.

The team found the planet with two small telescopes called the Kilodegree Extremely Little Telescope.

Professor Gaudi told the BBC that the telescope was named "as a joke".

The star is about 650 light years from the Earth.
"""


def test_a_surname_answer_also_accepts_the_full_name():
    asked = [c for c in candidates(PLANET) if c.kind is Kind.RECALL and c.answer_text == "Gaudi"]
    assert asked
    assert all("Scott Gaudi" in c.alternatives for c in asked)


MUSEUM = """Museum bids for retired space shuttle

The city museum has asked NASA for one of the retired space shuttles, its director Maria Lopez said on Tuesday.

The Museum of Flight in Seattle, Washington was also proposed as a home for a shuttle.

Professor Lopez told the BBC that it was named after the first astronaut from the region.

U.S. Senator Peter Hale criticised NASA for passing over the city's own space centre.

The shuttle would cost the museum $28.8 million to move and display, Lopez said.

Museum trustee Alan Brooks said he was alarmed by what they found in the budget.
"""


def test_a_pronoun_left_in_a_who_question_drops_it():
    cs = candidates(MUSEUM)
    assert not [c for c in cs if c.kind is Kind.RECALL and "that it was named" in c.prompt]
    assert not [c for c in cs if c.kind is Kind.RECALL and "what they found" in c.prompt]


def test_a_post_many_hold_is_not_asked_as_who_is():
    assert not [c for c in candidates(MUSEUM) if c.template == "who-is" and "Senator" in c.prompt]
