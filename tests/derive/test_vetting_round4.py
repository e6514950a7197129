"""The fourth round of readers' reasons (issue 12, heldout3 labels), each class pinned with a small article:
play-by-play in an inning, or a game of several, that nobody names; a country blank after a named body
('University in the ___'); a day counted from the article's own date; an unresolved 'he'; a year beside a
year; 'the game' or 'the earthquake' of a story with several."""

from __future__ import annotations

from quiz.core.model import Kind
from tests.derive.test_vetting import candidates

DOUBLEHEADER = """Harbour Hawks sweep Lakeside Lions in softball doubleheader

The Harbour Hawks beat the Lakeside Lions twice on Sunday in a softball doubleheader at Westfield Park.

The first ended when Maria Lopez hit a pop out that was converted into a double play.

Designated player Ana Reyes led off the inning by being struck out.

Jenny Park went home on a wild pitch that saw Lisa Cho advance to third.

Carla Diaz made a base hit, scoring Porter.

Kate Moss answered back in their half of the inning.

The first game ended 4-2 after the Lakeside pitcher Dana Ortiz tired late in the evening.

A crowd of 4,500 saw the Hawks score six runs in the top of the third.

In the ninth inning of the second game, Ben Alvarez homered to left field to win it 3-2 for the Hawks.

Hawks coach Rita Santos said the team had prepared for the series for six months.
"""


def test_play_by_play_in_an_unnamed_inning_or_of_an_unnamed_game_of_several_is_never_asked():
    cs = candidates(DOUBLEHEADER)
    loose = ("pop out", "led off the inning", "wild pitch", "base hit", "their half of the inning", "top of the third")
    assert not [c for c in cs if any(w in c.evidence[0] for w in loose)], [c.prompt for c in cs]
    assert [c for c in cs if "ninth inning" in c.evidence[0]], "an action placed in a named inning is fair"


LABS = """Researchers identify protein behind wheat rust spread

Two groups of researchers have independently identified the protein responsible for wheat rust spread in
studies published in the journal Nature on Sunday.

Wheat rust is caused by Puccinia fungi. One, an international group led by Maria Costa of Westbrook University
in the US, examined Puccinia graminis, which is responsible for the worst form of the disease.

The Puccinia graminis group was kickstarted by research in Spain which found different spores from the same
strain with identical DNA had varying levels of the protein.

The researchers hope to continue research toward sprays to prevent the spread of the disease, and the work was
funded by the European Commission.
"""


def test_the_country_of_a_named_university_is_not_a_blank_but_a_country_of_research_is():
    cs = candidates(LABS)
    blanks = [c for c in cs if c.kind is Kind.GAP and c.atype[0] == "country"]
    assert not [c for c in blanks if c.answer_text in ("US", "United States")], [c.prompt for c in blanks]
    assert [c for c in blanks if c.answer_text == "Spain"], [c.prompt for c in cs]


QUAKE = """Strong aftershocks shake central Chile

Four strong aftershocks have occurred on today's early morning in central Chile, the national seismic service said.

The strongest aftershock had a magnitude of 5.6 and was centred 32 kilometres south of Pichilemu, the service said.

Yesterday the regional government opened 14 shelters for 3,000 people near the town of Talca.

Engineers from the University of Talca will inspect 45 schools in the region next week, officials said.
"""


def test_a_day_counted_from_the_articles_date_is_never_in_a_prompt():
    cs = candidates(QUAKE)
    assert cs, "the article still gives drafts"
    relative = [c for c in cs if c.kind is not Kind.NUMBER and any(w in c.prompt for w in ("today", "Yesterday"))]
    assert not relative, [c.prompt for c in relative]


DRIVER = """Racing driver Tomas Varga dies aged 31

Hungarian racing driver Tomas Varga died on Sunday at age 31, a year after his crash at the Harbour Grand Prix.

This is the first driver death in the series since 1994, when Istvan Horvath was killed at Westbay Circuit.

Afterwards, the panel revealed its findings on the crash at Westbay Circuit.

Varga won the national junior title in 2008 and joined the Lakeside team soon after.

He moved to the Bluewater team in 2011, after three seasons with Lakeside.

In 2013, he joined the Redfield team; the following year, he scored the team's first points.

Varga's team mate Paul Endre said the sport had lost a great driver and a good friend.

Lajos Varga, the 1968 national champion and Tomas's uncle, was killed in 1969 during testing at Westbay Circuit.
"""


def test_a_person_is_known_by_what_only_people_undergo_and_a_venue_or_adverb_is_never_a_name():
    from quiz.derive.generate import read

    a = read(DRIVER).analysis
    typed = {m.text: m.type for ms in a.mentions for m in ms}
    assert typed.get("Istvan Horvath") == "person", typed
    assert "Afterwards" not in typed and typed.get("Westbay Circuit") != "person", typed


def test_the_storys_one_subject_stands_for_a_he_after_an_opening_phrase():
    cs = candidates(DRIVER)
    redfield = [c for c in cs if "Redfield" in c.prompt]
    assert redfield and all("Tomas Varga joined the Redfield team" in c.prompt for c in redfield), [
        c.prompt for c in redfield
    ]


def test_the_storys_one_subject_stands_for_an_opening_he_where_the_sentence_before_names_nobody():
    cs = candidates(DRIVER)
    bluewater = [c for c in cs if "Bluewater" in c.prompt]
    assert bluewater and all("[Tomas Varga] moved" in c.prompt for c in bluewater), [c.prompt for c in bluewater]


def test_a_year_next_to_another_year_of_the_prompt_is_never_the_blank():
    cs = candidates(DRIVER)
    assert not [c for c in cs if c.kind is Kind.GAP and c.answer_text == "1969"], [c.prompt for c in cs]


TOURNAMENT = """Harbour wins the four-nation rugby series

Harbour won the four-nation wheelchair rugby series on Sunday after five games in three days at Westfield Arena.

The game featured a duel between two veteran players, Harbour's Sam Okafor and Lakeside's Tim Brandt.

In the final game, Harbour beat Lakeside 57-41 to take the trophy, coach Rita Lopez said.

A magnitude 5.1 earthquake and a smaller aftershock shook the region during the second game, officials said.

The agency reported that the earthquake had a magnitude of 5.1 and that it occurred 30 kilometres north of Westfield.
"""


def test_the_game_or_the_earthquake_of_a_story_with_several_is_never_a_prompts_subject():
    cs = candidates(TOURNAMENT)
    assert cs, "the story still gives drafts"
    vague = [c for c in cs if "The game featured" in c.prompt or "reported that the earthquake" in c.prompt]
    assert not vague, [c.prompt for c in vague]


def test_a_team_written_after_the_is_never_a_person_nor_swapped_with_one():
    from quiz.derive.generate import read

    typed = {m.text: m.type for ms in read(DOUBLEHEADER).analysis.mentions for m in ms}
    assert typed.get("Harbour Hawks") != "person" and typed.get("Hawks") != "person", typed
    assert typed.get("Rita Santos") == "person", typed
    swapped = [c for c in candidates(DOUBLEHEADER) if c.template == "tf-false" and c.answer_text == "Hawks"]
    assert not swapped, [c.prompt for c in swapped]
