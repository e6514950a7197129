"""The passive agent, the event's venue and the named thing's description (issue 12, more candidates per
article): each pinned on a small article of our own, with the drafts that must not be made beside it."""

from __future__ import annotations

from quiz.core.check import check_bank
from quiz.core.model import Article, Kind
from quiz.core.writer import dump_deck
from quiz.derive import publish
from quiz.derive.generate import derive_deck
from tests.derive.conftest import library_texts
from tests.derive.test_vetting import candidates

# One paragraph (a line of its own in the article): 'It' and 'The satellite' stand for Polarsat-2.
POLARSAT = (
    "Polarsat-2 is the second satellite of the Polarcom fleet. It will be positioned over the Arctic. "
    "It was built by Kestrel Aerospace. The satellite was originally named Borealis, after the northern lights."
)

LAUNCH = f"""Ariane rocket puts Orion-7 satellite into orbit

An Ariane rocket launched Orion-7 for the Nordic operator Polarcom, to serve its ground station.

Orion-7 was built by Helix Corporation, based on the HX-200 bus. Orion-7 was built by Vanta Systems.

{POLARSAT}

Anna Berg is the chief engineer of Polarcom. It was designed by Fjord Technologies.

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

Cryowelding is a form of cold joining that needs no flame. The crew tested cryowelding on the mast.

It is a form of radio astronomy that maps the ionosphere.

The Svalbard Array is located on Spitsbergen, where the nights last for months.

It is located in the far north.

Harstad are the oldest club in the Arctic ice hockey league.

Lindqvist is the captain of the Harstad team, and Anna Berg said Lindqvist trained in Oslo.
"""


def _prompts(kind_prefix: str) -> dict[str, object]:
    return {c.prompt: c for c in candidates(LAUNCH, seeds=(0,)) if c.template.startswith(kind_prefix)}


def test_a_named_subject_in_the_passive_is_asked_for_its_agent_with_the_verb_turned_round():
    asked = _prompts("agent")
    assert "Which company built Polarsat-2?" in asked, "'It' of a paragraph that opens on Polarsat-2"
    c = asked["Which company built Polarsat-2?"]
    assert c.answer == "Kestrel Aerospace" and c.kind in (Kind.CHOICE, Kind.RECALL)
    assert c.evidence[-1].startswith("Polarsat-2 is"), "the sentence that names what 'It' is stands in the evidence"
    assert "Which company built Orion-7?" not in asked, "built by Helix and by Vanta: no one answer"
    assert not [p for p in asked if "designed" in p], "'It' after a sentence about a person is left alone"
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
    assert asked["What was Polarsat-2 originally named?"].answer == "Borealis"
    assert asked["What is cryowelding a form of?"].answer == "cold joining", "lower case, as the article writes it"
    assert not [p for p in asked if "radio astronomy" in p or p.startswith("What is it")]
    assert asked["Where is the Svalbard Array located?"].answer == "Spitsbergen"
    assert not [p for p in asked if p.startswith("Where is it")]
    assert asked["What is the oldest club in the Arctic ice hockey league?"].answer == "Harstad", "one club: 'is'"
    assert not [p for p in asked if "captain" in p], "a person's post is not asked 'What is ...?'"
    assert asked["What is the station widely known as?"].answer == "Polar Gate"
    assert not [p for p in asked if "largest dish" in p], "'It is ...': nothing to ask for"
    assert "What is the first satellite to be operated by Polarcom?" not in asked, "'Polarcom One' is guessed"


def test_every_new_kind_makes_drafts_that_quiz_check_accepts(tmp_path):
    seeds, questions = tmp_path / "seeds", tmp_path / "questions"
    (placement,) = publish.plan(seeds, [("orion", "orion.txt", LAUNCH)])
    publish.write(seeds, [placement], [LAUNCH], [Article("orion", placement.path, "Orion", "Summary.")])
    deck = derive_deck(LAUNCH, "orion", count=30, library_texts=library_texts())
    made = {q.prompt for q in deck.questions}
    assert "Which company built Polarsat-2?" in made, made
    questions.mkdir()
    (questions / "orion.toml").write_text(dump_deck(deck), encoding="utf-8")
    _, problems = check_bank(questions / "orion.toml")
    assert problems == []
