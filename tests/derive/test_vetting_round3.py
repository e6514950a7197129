"""The third round of blind readers' reasons (issue 12), each class pinned with a small article: minor
details copied as true statements, play-by-play, subjects that point back, guessable answers, the answer
inside its own prompt, garbled times and scores, wrong units and the answer's other accepted forms.
"""

from __future__ import annotations

from dataclasses import replace

from quiz.core.model import GAP_MARK, Kind
from quiz.derive.candidate import Candidate
from quiz.derive.figures import numbers, unit_after
from quiz.derive.mentions import fold
from quiz.derive.trivia import with_possessive
from quiz.derive.vetting import NUMBER_LEAD, TF_LEAD
from tests.derive.test_vetting import candidates


def bodies(cs) -> list[str]:
    return [c.prompt.removeprefix(TF_LEAD).removeprefix(NUMBER_LEAD).strip('"') for c in cs]


FESTIVAL = """Harbour City festival draws record crowd of 80,000

The Harbour City music festival drew a record crowd of 80,000 people over three days, organisers said.

The festival was funded by the Harbour Arts Trust, the Weston Foundation and the Coastal Music Fund.

The prizes for the best young bands were presented by local radio presenter Martin Okafor.

Ticket sales raised $2.4 million for the city's music schools, the organisers added.

The festival's main stage hosted forty bands from twelve countries across the three days.

Mayor Linda Osei thanked volunteers who had worked on the stages and the car parks.

Harbour City police officer Dan Webb opened the gates at noon on Friday with Linda Osei.
"""


def test_a_minor_detail_is_never_asked_as_a_true_statement_copied_word_for_word():
    cs = candidates(FESTIVAL, seeds=tuple(range(8)))
    true = [c for c in cs if c.template == "tf-true"]
    # "opened the gates" shares only names with the lead: not its fact
    minor = ("funded by", "presented by", "thanked volunteers", "opened the gates")
    assert not [c for c in true if any(w in c.evidence[0] for w in minor)], [c.prompt for c in true]
    # the central facts may still be stated true: the lead, a sum of money
    assert {c.sentence for c in true} <= {0, 3}, [c.prompt for c in true]


LEAD_HEAVY = """Harbour Council approves new bridge over the river

Harbour Council approved a new bridge over the river on Monday after a long debate.

The council said the new bridge over the river would open in 2027 for cars and buses.

Council members said the bridge over the river would cut journeys across the city by half.

The new bridge over the river will be built by Coastal Works, the council said.

Harbour Council leader Amal Haddad said the bridge over the river was long overdue.

The council will hold a vote on tolls for the new bridge over the river in March.

Council engineers said the bridge over the river would be 400 metres long.

Harbour Council said work on the bridge over the river would start in June.

The bridge over the river will have two lanes for cycles, council planners said.

Harbour Council expects 30,000 cars a day to use the bridge over the river.

The council said the bridge over the river had been planned by architect Sara Lind.

Residents told the council the bridge over the river should have been built years ago.
"""


def test_an_article_gives_at_most_three_true_statements():
    counts = [sum(c.template == "tf-true" for c in candidates(LEAD_HEAVY, seeds=(seed,))) for seed in range(6)]
    assert max(counts) <= 3, counts
    assert sum(counts) > 0, "the lead's facts may still be stated true"


BALLGAME = """Harbour Hawks beat Lakeside in the series opener

The Harbour Hawks beat the Lakeside Lions 5-3 on Saturday in the opening game of the league series.

Marco Diaz grounded out to second base.

Tom Reyes was struck out by Lakeside pitcher Sam Okoro.

Paul Kim came to bat with two runners on base.

In the ninth inning, Hawks shortstop Ben Alvarez homered to left field to seal the game.

Hawks manager Rita Lopez said the team had prepared for the series for six months.
"""


def test_play_by_play_with_no_game_or_inning_named_is_never_asked():
    cs = candidates(BALLGAME)
    loose = ("grounded out", "struck out", "came to bat")
    assert not [c for c in cs if any(w in c.evidence[0] for w in loose)], [c.prompt for c in cs]
    assert [c for c in cs if "ninth inning" in c.evidence[0]], "an action placed in its inning is fair"


QUAKES = """Two earthquakes shake the coast of Harbour Province

A magnitude 6.1 earthquake struck the coast of Harbour Province on Tuesday, the national seismic agency said.

The earthquake damaged 120 homes in the port town of Kesra, officials said.

The second tremor, of magnitude 5.4, hit the same coast four hours later.

It was the strongest quake in the province since 1987, according to the agency.

This time, the regional government opened 14 shelters for 3,000 people.

The idea was first raised by Senator Amal Haddad in 2019, after a smaller quake.

The idea of a national quake fund has the support of 60 percent of voters, a poll found.

Engineers from Harbour University will inspect 45 schools in the province next week.
"""


def test_a_subject_that_points_back_is_never_left_in_a_prompt():
    cs = candidates(QUAKES)
    openers = ("It was", "This time", "The idea was", "The second tremor", "The earthquake")
    assert not [b for b in bodies(cs) if b.startswith(openers)], bodies(cs)
    assert [c for c in cs if "45 schools" in c.evidence[0]], "a sentence that stands alone is still asked"
    assert [c for c in cs if "60 percent" in c.evidence[0]], "'the idea of ...' names its idea"


COMPANY = """Harbour Foods buys rival bakery chain Crustworks for $310 million

Harbour Foods has agreed to buy the bakery chain Crustworks for $310 million, the company said on Monday.

Harbour Foods will keep all 2,400 Crustworks staff, chief executive Maria Santos said.

Harbour Foods shares rose 4 percent after the announcement in London.

British Prime Minister Alan Brooke welcomed the deal in a statement on Tuesday.

Swedish investor Lars Berg, who owns 12 percent of Crustworks, backed the sale to Harbour Foods.

Crustworks was founded in Sweden by Berg's father in 1968.

Regulators at the Competition Office in Britain will review the deal by March.
"""


def test_the_headline_company_a_head_of_government_and_a_country_its_people_give_away_are_never_asked():
    cs = [c for c in candidates(COMPANY) if c.kind is not Kind.TRUEFALSE]
    assert not [c for c in cs if fold(c.answer_text) == "harbour foods"], [c.prompt for c in cs]
    assert not [c for c in cs if c.template == "who-is" and "Prime Minister" in c.prompt]
    assert not [c for c in cs if c.atype[0] == "country" and fold(c.answer_text) == "sweden" and "Swedish" in c.prompt]
    assert cs, "the article still gives questions"


RACE = """Harbour team wins the 24 Hours of Le Mans

The Harbour Racing team won the 24 Hours of Le Mans on Sunday, finishing 388 laps ahead of 61 other cars.

Driver Ana Ruiz, 31, drove the last stint of three hours for the team.

The race started at 16:00 on Saturday and ended at 16:00 on Sunday, with the team leading by 2:30 minutes.
"""


def test_a_number_that_is_part_of_a_name_or_a_time_is_never_the_answer():
    cs = candidates(RACE)
    numeric = [c for c in cs if c.kind is Kind.NUMBER or c.atype[0] in ("number", "numword")]
    assert not [c for c in numeric if c.answer_text == "24"], [c.prompt for c in numeric]
    assert not [c for c in numeric if c.answer_text in ("16", "00", "2", "30")], [c.prompt for c in numeric]
    assert [c for c in numeric if c.answer_text in ("388", "61", "31")], "a plain figure is still asked"


def test_parts_of_times_scores_and_ratios_are_never_numbers_to_swap():
    found = {m.text for m in numbers(0, "Kick-off was at 17:30 and Harbour won 3–1, a ratio of 2:1 on 40 shots.")}
    assert found == {"40"}


def test_a_place_name_is_never_read_as_the_unit_of_a_number():
    assert unit_after("about 200 Illinois farmers", len("about 200")) == ""
    assert unit_after("about 200 Americans", len("about 200")) == "Americans"
    assert unit_after("about 200 farmers", len("about 200")) == "farmers"


KICKOFF = """Harbour beat Lakeside in the cup final

Harbour beat Lakeside in the cup final at Harbour Park on Saturday, the league said.

The final kicked off at 17:30 in front of a full stadium at Harbour Park after a long delay.

Harbour striker Ana Ruiz scored the winning goal in the closing minutes of the final.
"""


def test_a_swapped_statement_keeps_its_times_whole():
    cs = candidates(KICKOFF, seeds=tuple(range(8)))
    assert not [c for c in cs if "17:" in c.prompt and "17:30" not in c.prompt], [c.prompt for c in cs]
    assert not [c for c in cs if c.atype[0] == "number" and c.answer_text in ("17", "30")]


BRITAIN = """Harbour Foods opens new plant with 300 jobs

Harbour Foods will open a new plant next year, creating 300 jobs, chief executive Maria Santos said.

The company chose to build in the UK because of its port links and skilled workers, Santos said.

Cardinal Francis Moreau blessed the site of the plant on Sunday in front of 2,000 workers.

Trade minister Omar Reed said the plant showed investors still trusted the regional economy.

The plant will make 40,000 loaves a day from 2027, the company said.

Sites in France and Germany had also been looked at, according to the company.
"""


def test_a_country_accepts_its_other_names_and_a_person_their_surname_with_their_title():
    cs = candidates(BRITAIN)
    uk = [c for c in cs if c.kind in (Kind.GAP, Kind.RECALL) and c.answer_text == "UK"]
    assert uk, "the country is asked"
    for c in uk:
        assert {"Britain", "United Kingdom"} <= set(c.alternatives), c.alternatives
    cardinal = [c for c in cs if c.kind in (Kind.GAP, Kind.RECALL) and c.answer_text == "Francis Moreau"]
    assert cardinal, "the cardinal is asked"
    for c in cardinal:
        assert {"Moreau", "Cardinal Moreau"} <= set(c.alternatives), c.alternatives


STUDY = """Harbour study finds coffee slows memory loss

Researchers at the University of Chicago in the United States found that coffee slows memory loss in older adults.

The study followed 4,000 adults across the United States for twelve years.

A rival study in Canada found no such effect in 2019, the journal said.

The researchers said 60 percent of the adults drank coffee every day.
"""


def test_a_city_in_the_prompt_gives_its_country_away():
    cs = [c for c in candidates(STUDY) if c.kind is not Kind.TRUEFALSE]
    us = [c for c in cs if c.atype[0] == "country" and c.answer_text == "United States"]
    assert not [c for c in us if "Chicago" in c.prompt], [c.prompt for c in us]


def test_a_blank_before_the_team_a_person_leads_takes_the_possessive():
    text = "The findings were checked by Dr. Rachel Okafor team at Harbour University."
    blank = Candidate(
        template="gap-person", kind=Kind.GAP, sentence=0, prompt=f"The findings were checked by Dr. {GAP_MARK} team "
        "at Harbour University.", answer="Rachel Okafor", answer_text="Rachel Okafor", span=(0, 33, 46),
        evidence=(text,), atype=("person", "person"), key="Rachel Okafor", explanation="", tags=(),
    )  # fmt: skip
    assert f"Dr. {GAP_MARK}'s team" in with_possessive(blank).prompt
    other = replace(blank, prompt=f"The findings were checked by Dr. {GAP_MARK} at Harbour University.")
    assert with_possessive(other) == other
