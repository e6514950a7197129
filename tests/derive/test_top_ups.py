"""The floor's top-ups: no absurd or self-contradicting swap, no template readers reject most, and never one
figure asked twice from one sentence; fewer drafts than the floor rather than a bad one."""

from __future__ import annotations

from dataclasses import replace

from quiz.core.model import Kind
from quiz.derive.candidate import Candidate
from quiz.derive.generate import read
from quiz.derive.rank import NO_TOP_UP, select
from quiz.derive.ranker import model
from quiz.derive.swaps import implausible
from quiz.derive.vetting import TF_LEAD

PROTEST = """Actor urges move of Winter Games

British actor Stephen Fry wrote an open letter on Wednesday urging that the Winter Games be moved from Sochi.

Russian President Vladimir Putin signed the law on propaganda in June.

Fry attended a protest in London on Saturday against the Russian laws.

Great Britain's gold medal in the marathon was earned by David Weir, and was Weir's fourth gold medal.

Kenyan runner Henry Wanyoike did not finish the race.

In last year's European Championships in Finland, the team finished second.
"""


def _false(sentence: str, original: str, key: str, sub: str, atype: tuple[str, str]) -> Candidate:
    statement = sentence.replace(original, sub, 1)
    return Candidate(
        template="tf-false", kind=Kind.TRUEFALSE, sentence=0, prompt=TF_LEAD + statement, answer=False,
        answer_text=original, span=(0, sentence.index(original), sentence.index(original) + len(original)),
        evidence=(sentence,), atype=atype, key=key, explanation="", tags=(), substitute=sub,
    )  # fmt: skip


def test_a_head_of_state_in_an_actors_place_is_an_absurd_swap():
    a = read(PROTEST).analysis
    s = "Fry attended a protest in London on Saturday against the Russian laws."
    assert implausible(_false(s, "Fry", "Stephen Fry", "Putin", ("person", "person")), a)


def test_a_swap_that_leaves_the_original_name_in_the_sentence_contradicts_itself():
    a = read(PROTEST).analysis
    s = "Great Britain's gold medal in the marathon was earned by David Weir, and was Weir's fourth gold medal."
    assert implausible(_false(s, "David Weir", "David Weir", "Henry Wanyoike", ("person", "person")), a)


def test_a_country_from_outside_the_continent_the_sentence_names_is_an_absurd_swap():
    a = read(PROTEST).analysis
    s = "In last year's European Championships in Finland, the team finished second."
    assert implausible(_false(s, "Finland", "Finland", "Iran", ("country", "country")), a)
    assert not implausible(_false(s, "Finland", "Finland", "Sweden", ("country", "country")), a)
    plain = "The team finished second in Finland."
    assert not implausible(_false(plain, "Finland", "Finland", "Iran", ("country", "country")), a)


def _scored(c: Candidate, score: float, sentence: int) -> Candidate:
    return replace(c, score=score, sentence=sentence, sentences=(sentence,), key=f"{c.key}{sentence}")


def test_a_template_readers_reject_most_never_tops_up_to_the_floor(monkeypatch):
    threshold = model().threshold
    base = _false("The team finished second in Finland.", "Finland", "Finland", "Sweden", ("country", "country"))
    gap_place = replace(base, template="gap-place", kind=Kind.GAP, prompt="The team finished second in ___.",
                        answer="Finland", answer_text="Finland", options=())  # fmt: skip
    weak_number = replace(base, template="number", kind=Kind.NUMBER, prompt='Fill in the number: "___ teams."',
                          answer=12.0, answer_text="12", evidence=("12 teams.",), span=(0, 0, 2))  # fmt: skip
    pool = [_scored(gap_place, threshold - 0.2, 1), _scored(weak_number, threshold - 0.3, 2)]
    scores = {id(c): c.score for c in pool}
    monkeypatch.setattr("quiz.derive.rank.score", lambda c, n: setattr(c, "score", scores[id(c)]))
    chosen = select(pool, 15, sentence_count=3, floor=5)
    assert "gap-place" in NO_TOP_UP
    assert [c.template for c in chosen] == ["number"]  # below the floor, and without the place blank


def test_one_figure_is_never_asked_twice_from_one_sentence_to_reach_the_floor():
    from quiz.derive.generate import derive_drafts
    from tests.derive.conftest import library_texts

    text = """Shuttle lost in 1986 is remembered

Space Shuttle Challenger was lost when it exploded 73 seconds after liftoff on January 28, 1986, killing all aboard.

The memorial service was held at the Kennedy Space Center, where hundreds of workers gathered.
"""
    made = derive_drafts(text, "shuttle", library_texts=library_texts())
    figures = [d for d in made if "seconds after liftoff" in d.question.evidence[0].quote]
    spans = [d.span for d in figures]
    assert len(spans) == len(set(spans)) and sum(d.answer_text == "73" for d in figures) <= 1


def test_a_name_after_an_ordinal_is_no_person_to_ask():
    from quiz.derive.vetting import _guessable_blank

    sentence = "KP is to receive new rules once the president signs the 31st Amendment."
    a = read(f"Bill passed\n\nThe bill passed on Thursday.\n\n{sentence}\n").analysis
    at = sentence.index("Amendment")
    blank = Candidate(
        template="gap-person", kind=Kind.GAP, sentence=1, prompt=sentence.replace("Amendment", "___"),
        answer="Amendment", answer_text="Amendment", span=(0, at, at + 9), evidence=(sentence,),
        atype=("person", "person"), key="Amendment", explanation="", tags=(),
    )  # fmt: skip
    assert _guessable_blank(blank, a, {})
    named = replace(blank, prompt=sentence.replace("the 31st Amendment", "___"), answer_text="Hussain")
    assert not _guessable_blank(named, a, {})
