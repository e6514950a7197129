"""The fourth round of readers' reasons (issue 12, heldout3 labels), each class pinned with a small article:
play-by-play told in an inning nobody names, a country blank after a named body ('University in the ___'),
and a day counted from the article's own date ('today', 'yesterday')."""

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

In the ninth inning of the second game, Hawks shortstop Ben Alvarez homered to left field to seal the sweep.

Hawks coach Rita Santos said the team had prepared for the series for six months.
"""


def test_play_by_play_in_an_unnamed_inning_is_never_asked():
    cs = candidates(DOUBLEHEADER)
    loose = ("pop out", "led off the inning", "wild pitch", "base hit", "their half of the inning")
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
