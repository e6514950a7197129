"""Options and accepted answers a reader keeps: living speakers, names in their order, numbers both ways."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from quiz.core.grading import grade
from quiz.core.model import Kind, Question
from quiz.core.number_words import other_forms, parse_number_word
from quiz.core.verdict import Form
from quiz.derive.candidates import Builder
from quiz.derive.continents import continent_of
from quiz.derive.distractors import Pools, person_form
from quiz.derive.gazetteer import gazetteer
from quiz.derive.generate import derive_drafts, read
from quiz.derive.name_order import family_name
from quiz.derive.speakers import asks_a_speaker, voices
from tests.derive.conftest import library_texts

# Two crew killed, five officials who speak: only the living are fit to have said anything.
CRASH = """Cargo plane crash at Dunmore airport kills two crew

A cargo plane crashed on landing at Dunmore airport on Tuesday, killing both members of its crew.

The two killed were pilot Gareth Pennock, 52, and co-pilot Helena Strand, 34, both of Leeds.

Airport director Colin Maddox told a press conference that the runway had been closed for six hours.

"We are working with the investigators to understand what happened," said Maddox.

Transport Secretary Alison Brereton said the Air Accidents Investigation Branch had sent a team of thirty inspectors.

"Our thoughts are with the families of Gareth Pennock and Helena Strand," Brereton said.

Union official Derek Lowther said the crew had raised concerns about the aircraft's brakes in March.

"They had warned about this for months, and nobody listened," Lowther said.

Investigator Priya Nandakumar said the flight recorders had been recovered and would be read in Farnborough.

The airline's chief executive, Simon Aske, said the company would cooperate fully with the inquiry.

"Safety is our first concern and always will be," said Aske.
"""
DEAD = {"Gareth Pennock", "Helena Strand", "Pennock", "Strand"}

# Chinese and Korean names written family name first, beside Japanese ones written given name first.
SHRINE = """China protests Japanese visit to war shrine

China lodged a formal protest on Friday after Japanese ministers visited the Yasukuni shrine in Tokyo.

Foreign ministry spokesman Ma Zhaoxu said the visit "seriously hurt the feelings of the Chinese people".

Vice Foreign Minister Zhang Yesui summoned the Japanese ambassador, Uichiro Niwa, to a meeting in Beijing.

Japanese Prime Minister Yoshihiko Noda said the ministers had visited the shrine as private citizens.

Chinese President Hu Jintao had been expected to meet Noda at a summit in Vladivostok next month.

South Korean Foreign Minister Kim Sung-hwan said Seoul shared China's concerns about the visit.

"History must not be forgotten," Kim Sung-hwan told reporters in Seoul.

Analyst Wang Dong of Peking University said relations between the two countries were at their lowest in five years.
"""
GIVEN_NAMES = {"Zhaoxu", "Yesui", "Jintao", "Sung-hwan", "Dong"}


def test_the_article_shows_who_died_and_who_speaks():
    speaking, dead = voices(read(CRASH).analysis)
    assert dead == {"Gareth Pennock", "Helena Strand"}
    assert {"Colin Maddox", "Alison Brereton", "Derek Lowther", "Simon Aske"} <= speaking


def test_the_dead_are_never_offered_as_speakers_but_the_living_are():
    a = read(CRASH).analysis
    pools = Pools(a)
    like = None  # the gender rule aside: only the speaker rule is under test
    offered_dead = False
    for seed in range(8):
        plain = pools.pick("Colin Maddox", ("person", "person"), random.Random(seed), k=5, like=like)
        offered_dead |= bool({o.text for o in plain} & DEAD)
        texts = {
            o.text
            for o in pools.pick(
                "Colin Maddox", ("person", "person"), random.Random(seed), k=5, like=like, speakers=True
            )
        }
        assert not texts & DEAD
        assert len(texts) >= 3 and texts <= {"Alison Brereton", "Derek Lowther", "Priya Nandakumar", "Simon Aske"}
    assert offered_dead  # without the speaker rule the crew killed in the crash are options


def test_no_draft_asking_who_spoke_offers_the_dead():
    asked = 0
    for seed in range(4):
        for d in derive_drafts(CRASH, "crash", count=30, seed=seed, library_texts=library_texts()):
            q = d.question
            if asks_a_speaker(q.prompt):
                assert not set(q.distractors) & DEAD, (q.prompt, q.distractors)
                asked += bool(q.distractors)
    assert asked


@pytest.mark.parametrize(
    ("prompt", "speaker"),
    [
        ('Who said "We are working with the investigators"?', True),
        ("Airport director ___ told a press conference that the runway had closed.", True),
        ("The two killed were pilot ___ and co-pilot Helena Strand.", False),
        ("Who crashed the plane?", False),
    ],
)
def test_a_prompt_asking_for_the_speaker(prompt, speaker):
    assert asks_a_speaker(prompt) is speaker


@pytest.mark.parametrize(
    ("name", "family"),
    [("Ma Zhaoxu", "Ma"), ("Kim Sung-hwan", "Kim"), ("Ban Ki-moon", "Ban"), ("Lee Kuan Yew", "Lee"),
     ("Tony Blair", "Blair"), ("Lee Smith", "Smith"), ("Uichiro Niwa", "Niwa")],
)  # fmt: skip
def test_the_family_name_of_a_name_in_either_order(name, family):
    assert family_name(name) == family


def test_a_name_seen_only_in_full_is_offered_by_its_family_name():
    a = read(SHRINE).analysis
    assert person_form(a.entities["Ma Zhaoxu"], surname=True) == "Ma"
    assert person_form(a.entities["Yoshihiko Noda"], surname=True) == "Noda"


def test_no_option_or_accepted_answer_is_a_given_name():
    good = False
    for seed in range(4):
        for d in derive_drafts(SHRINE, "shrine", count=30, seed=seed, library_texts=library_texts()):
            q = d.question
            assert not (set(q.distractors) | set(q.alternatives)) & GIVEN_NAMES, (
                q.prompt,
                q.distractors,
                q.alternatives,
            )
            good |= q.answer_text == "Ma Zhaoxu" and "Ma" in q.alternatives
    assert good  # the family name alone is still accepted for the spokesman


@pytest.mark.parametrize(
    ("answer", "forms"),
    [
        ("thirty", ["30"]),
        ("Twelve", ["12"]),
        ("twenty-one", ["21"]),
        ("30", ["thirty"]),
        ("third", ["3rd", "3"]),
        ("3rd", ["third", "3"]),
        ("15 per cent", ["15%", "15 percent", "fifteen percent"]),
        ("15%", ["15 per cent", "15 percent", "fifteen percent"]),
        ("250", []),
    ],
)
def test_a_number_written_the_other_ways(answer, forms):
    assert sorted(other_forms(answer)) == sorted(forms)


def test_a_number_answer_takes_its_word():
    q = Question(id="t-1", kind=Kind.NUMBER, prompt="?", answer=30.0, evidence=(), explanation="", tags=(),
                 difficulty=1)  # fmt: skip
    assert grade(q, "thirty", Form.TYPED).correct
    assert grade(q, "30", Form.TYPED).correct
    assert not grade(q, "forty", Form.TYPED).correct
    assert parse_number_word("fifteen per cent") == 15.0


def test_a_gap_on_a_number_word_accepts_its_digits():
    text = CRASH.replace("team of thirty inspectors", "team of inspectors").replace(
        "closed for six hours", "closed for thirty hours"
    )
    found = [
        d.question
        for seed in range(4)
        for d in derive_drafts(text, "crash", count=30, seed=seed, library_texts=library_texts())
        if d.question.kind is Kind.GAP and d.question.answer_text == "thirty"
    ]
    assert found and all("30" in q.alternatives for q in found)


def test_a_continental_setting_keeps_country_options_on_its_continent():
    g = gazetteer()
    europe = continent_of(g.regions["France"], "France won the European Championship.")
    assert europe and continent_of(g.regions["France"], "France won the World Cup.") == frozenset()
    story = read(
        "France won the European Championship final in Paris on Sunday.\n\n"
        "France beat Portugal 2-1, after Brazil and Argentina had gone out of the World Cup earlier.\n\n"
        "Spain and Japan drew their friendly in Madrid."
    ).analysis
    pools = Pools(story)
    for seed in range(6):
        texts = [o.text for o in pools.pick("France", ("country", "country"), random.Random(seed), k=3, within=europe)]
        assert len(texts) == 3
        assert all(g.regions.get(t) in europe for t in texts), texts


PARTY = """Greens take Northfield seat

The Green Party won the Northfield by-election on Thursday, taking the seat from Labour for the first time.

Alliance Party opposed the closure of the Northfield swimming pool in 2019.

Amnesty International praised the town for its work with refugees.
"""


def test_the_question_word_follows_the_name_when_the_type_guess_is_loose():
    a = read(PARTY).analysis
    # The typing guessed a charity ('ngo') for the party: its name says what it is.
    a.mentions = [[replace(m, subtype="ngo") if m.key == "Alliance Party" else m for m in ms] for ms in a.mentions]
    a.entities["Alliance Party"].subtype = "ngo"
    b = Builder(a, Pools(a), random.Random(0))
    prompts = {c.key: c.prompt for s in a.sentences for c in b.subject(s)}
    assert prompts["Alliance Party"].startswith("Which party ")
    assert prompts["Amnesty International"].startswith("Which organisation ")
