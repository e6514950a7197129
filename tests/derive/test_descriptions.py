"""The passive agent, the event's venue and the named thing's description (issue 12, more candidates per
article): each pinned on a small article of our own, with the drafts that must not be made beside it."""

from __future__ import annotations

from quiz.core.model import Kind
from quiz.derive.generate import derive_deck
from tests.derive.conftest import library_texts
from tests.derive.test_vetting import candidates

LAUNCH = """Ariane rocket puts Orion-7 satellite into orbit

An Ariane rocket has launched the Orion-7 satellite for the Nordic operator Polarcom, to serve its ground
station near Kirkenes.

Orion-7 was built by Helix Corporation, based on the HX-200 bus. It was built by Vanta Systems.

The satellite will be operated by Polarcom. Polarcom One is the first satellite to be operated by Polarcom.

The Frontier Relay was the oldest radio link across the Barents Sea.

The Frontier Line was the oldest link between the two stations.

The station is widely known as Polar Gate, the name used by its first crew.

It is the largest dish in the north of Norway.

The study was supported by Kestrel University, whose engineers measured the signal.

Bergen was saved by Karlsen in the second half.

The team will compete at the 2026 Nordic Space Championships in Tromso, Norway, before travelling home.

Its engineers trained in Oslo and Stockholm.

Polarcom also sponsors a skier at the 2030 Winter Olympics in Lillehammer, Norway.

The 2019 Arctic Science Games in Bergen ended with a parade.
"""


def _prompts(kind_prefix: str) -> dict[str, object]:
    return {c.prompt: c for c in candidates(LAUNCH, seeds=(0,)) if c.template.startswith(kind_prefix)}


def test_a_named_subject_in_the_passive_is_asked_for_its_agent_with_the_verb_turned_round():
    asked = _prompts("agent")
    assert "Which company built Orion-7?" in asked
    c = asked["Which company built Orion-7?"]
    assert c.answer == "Helix Corporation" and c.kind in (Kind.CHOICE, Kind.RECALL)
    assert "Which company will the satellite be operated by?" not in asked, "'the satellite' of two stands alone"
    assert not [p for p in asked if "Vanta" in p or p.startswith(("Who built it", "Which company built it"))]
    assert not [p for p in asked if "Bergen" in p or "Karlsen" in p], "a save in a match is play-by-play"
    assert not [c for c in asked.values() if c.answer == "Kestrel University"], "'The study' opens nowhere"


def test_a_named_event_in_a_place_is_asked_for_its_venue_with_its_tense():
    asked = _prompts("venue")
    assert "In which city will the 2026 Nordic Space Championships be held?" in asked
    assert asked["In which city will the 2026 Nordic Space Championships be held?"].answer == "Tromso"
    past = "In which city were the 2019 Arctic Science Games held?"
    assert past in asked or not any("Arctic Science Games" in p for p in asked)
    assert not [p for p in asked if "Oslo" in p or "Kirkenes" in p]
    assert not [p for p in asked if "Olympics" in p], "a famous event's host named once in passing is known unread"


def test_a_named_thing_is_asked_for_by_its_definite_description_or_the_name_it_goes_by():
    asked = _prompts("describe")
    assert "What was the oldest radio link across the Barents Sea?" in asked
    assert asked["What was the oldest radio link across the Barents Sea?"].answer == "Frontier Relay"
    assert not [p for p in asked if "the two stations" in p], "'the two' leans on the sentences before"
    assert "What is the station widely known as?" in asked
    assert asked["What is the station widely known as?"].answer == "Polar Gate"
    assert not [p for p in asked if "largest dish" in p], "'It is ...': nothing to ask for"
    assert "What is the first satellite to be operated by Polarcom?" not in asked, "'Polarcom One' is guessed"


def test_every_new_kind_makes_drafts_that_quiz_check_accepts():
    deck = derive_deck(LAUNCH, "orion", count=30, library_texts=library_texts())
    for q in deck.questions:
        assert q.answer_text.strip() and q.answer_text not in q.prompt
        assert all(q.answer_text in e.quote or q.kind is Kind.TRUEFALSE for e in q.evidence)
