"""Giveaways and unfair false statements (issue 12, blind readers on unseen news), each pinned with a small
article: a count the prompt lists, adds up or says in a compound; 'almost ___ percent' with 100; a swapped
figure too close to the true one or against the sentence's own words; a true statement that restates the
headline; a sibling draft whose prompt names another's answer."""

from __future__ import annotations

from quiz.core.model import Kind
from quiz.derive.generate import derive_drafts
from quiz.derive.giveaways import counted_in_prompt, restates_headline, round_limit
from tests.derive.test_vetting import candidates

FLU = """Flu outbreak kills dozens in Mexico, health ministry says

A new strain of flu has spread to several countries in North America this spring, officials said on Tuesday.

The ministry reported 40 new cases on Monday, 35 on Tuesday, 52 on Wednesday and 61 on Thursday over the four days.

The ministry reported 120 new cases in the capital over the seven days to Sunday, officials said.

The vaccine was nearly 100% effective in the trial of 2,000 adults in Mexico City, the maker said.

The vaccine was nearly 70% effective in the trial of 3,000 children in Mexico City, the maker said.
"""


def _blanks(cs, words: str, answer: str) -> list:
    return [c for c in cs if c.kind in (Kind.NUMBER, Kind.GAP) and words in c.prompt and c.answer_text == answer]


def test_a_count_the_prompt_lists_is_not_blanked_but_a_count_it_does_not_give_is():
    cs = candidates(FLU)
    assert not _blanks(cs, "on Thursday over the ___ days", "four"), "the four daily totals listed count the days"
    assert _blanks(cs, "over the ___ days to Sunday", "seven"), "a count nothing in the prompt gives is fair"


def test_a_count_the_prompt_adds_up_or_says_in_a_compound_is_worked_out():
    assert counted_in_prompt("", " deaths: 26 in Mexico and the other in the United States.", "27")
    assert counted_in_prompt("", " deaths, 20 in Mexico and 7 in the United States.", "27")
    assert not counted_in_prompt("", " deaths, 20 of them in Mexico City.", "27")
    assert counted_in_prompt("The four-legged robot walked on its ", " legs.", "four")
    assert not counted_in_prompt("The robot walked on its ", " legs.", "four")
    assert counted_in_prompt("Finland, Croatia, Japan and Lithuania are the ", " countries.", "four")
    assert not counted_in_prompt("Finland, Croatia, Japan and Lithuania are among the ", " countries.", "nine")


def test_nearly_100_percent_is_not_blanked_but_nearly_70_percent_is():
    cs = candidates(FLU)
    assert not _blanks(cs, "nearly ___ effective", "100%")
    assert _blanks(cs, "nearly ___ effective", "70%")
    assert round_limit("Over ", " percent of the seats were filled.", "100")
    assert not round_limit("Over ", " people were hurt.", "100")


SHARES = """Ministry report shows rising use of rail in Norway

The share of journeys made by rail in Norway rose to 12 percent last year, the transport ministry said.

The ministry said 40 percent of the journeys by rail were made by commuters to Oslo on weekday mornings.

Ticket sales reached a record 62 million last year, the national rail operator Vy said in its report.
"""


def test_false_statements_swap_a_figure_at_least_a_quarter_away_and_keep_a_record_a_record():
    swaps = [c for c in candidates(SHARES, seeds=tuple(range(12))) if c.template == "tf-false"]
    figures = [c for c in swaps if c.atype[0] == "number"]
    assert figures, "a figure is still swapped into a false statement"
    for c in figures:
        true, swapped = float(c.answer_text.split()[0]), float(c.substitute.split()[0])
        assert not 0.77 < swapped / true < 1.3, (c.answer_text, c.substitute)
        if "record" in c.prompt:
            assert swapped > true, c.prompt


MERGER = """Pakistan National Assembly passes bill to merge tribal areas with province

The National Assembly of Pakistan passed a bill to merge the tribal areas with the province of Khyber Pakhtunkhwa.

The bill was passed by the National Assembly on May 24 with 229 votes in favour and one against.

Officials said the merger would bring the tribal areas under the courts of the province for the first time.

The tribal areas have been governed under a colonial-era law since 1901, which critics called harsh.

Opposition leader Imran Khan welcomed the merger and said it was a historic day for the people of the region.

Chief Minister Pervez Khattak said he would raise the concerns of the people with the Federal Government.
"""


def test_a_true_statement_that_restates_the_headline_is_not_drafted():
    drafts = derive_drafts(MERGER, "merger", count=15)
    prompts = [d.question.prompt for d in drafts]
    assert not [p for p in prompts if "Assembly of Pakistan passed a bill" in p and p.startswith("True or")], prompts
    answers = {d.question.answer_text for d in drafts}
    assert answers & {"229", "Pervez Khattak", "Imran Khan"}, "the article's other facts are still asked"


def test_a_statement_the_headline_only_touches_is_not_taken_for_a_restatement():
    head = "Pakistani President signs bill to merge tribal areas with province"
    assert restates_headline(
        "On Thursday, Pakistani President Mamnoon Hussain signed a bill to merge the tribal areas with the province.",
        head,
    )
    assert not restates_headline(
        "The bill was passed by the National Assembly on May 24 with 229 votes in favour.", head
    )
    assert not restates_headline(
        "The President signed a bill to merge the tribal areas, with 229 votes in favour.", head
    )


CRASH = """Report blames crew for AirAsia crash in Java Sea

Indonesian investigators said on Tuesday that crew actions led to the crash of AirAsia Flight 8501 last year.

The plane was carrying 155 passengers from Surabaya to Singapore when it vanished on December 28.

All 155 passengers and seven crew died when the plane hit the sea about 40 minutes after take-off.

Investigators found that a cracked solder joint had caused 23 warning messages in the year before the crash.

The report said the captain had 20,537 hours of flying experience, including 4,687 hours on the Airbus A320.

Searchers recovered 106 bodies in the weeks after the crash, the national search agency said.

The airline said it had made 51 changes to its training and maintenance since the accident.
"""


def test_one_count_of_one_thing_is_asked_once_though_two_sentences_tell_it():
    for seed in (0, 1):
        drafts = derive_drafts(CRASH, "crash", count=15, seed=seed)
        passengers = [d.question.prompt for d in drafts if d.answer_text == "155"]  # a blank's or a statement's
        assert len(passengers) <= 1, passengers
        assert {d.answer_text for d in drafts} & {"51", "106", "23"}, "other figures are still asked"
