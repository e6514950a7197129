"""Issue 12's floor: an ordinary 500-word news article gets at least five drafts of three kinds, every one
fit to publish, and the rules that widen the pool toward it hold on small articles of our own."""

from __future__ import annotations

import random
from collections import Counter

from quiz.core.check import check_bank
from quiz.core.model import Article, Kind
from quiz.core.writer import dump_deck
from quiz.derive import publish
from quiz.derive.candidates import Builder
from quiz.derive.distractors import Pools
from quiz.derive.generate import derive_deck, library, read
from quiz.derive.rank import floor_for
from tests.derive.conftest import FIXTURES, library_texts
from tests.derive.test_vetting import candidates

LIBRARY_CUTS = FIXTURES / "floor_library_cuts.txt"


def test_an_ordinary_500_word_article_gets_five_drafts_of_three_kinds_that_pass_check(tmp_path):
    text = LIBRARY_CUTS.read_text(encoding="utf-8")
    words = sum(len(s.text.split()) for s in read(text).sentences)
    assert 480 <= words <= 560 and floor_for(words) == 5
    seeds, questions = tmp_path / "seeds", tmp_path / "questions"
    (placement,) = publish.plan(seeds, [("cuts", LIBRARY_CUTS.name, text)])
    publish.write(seeds, [placement], [text], [Article("cuts", placement.path, "Title", "Summary.")])
    deck = derive_deck(text, "cuts", library_texts=library_texts())
    kinds = Counter(q.kind for q in deck.questions)
    assert len(deck.questions) >= 5 and len(kinds) >= 3, kinds
    questions.mkdir()
    (questions / "cuts.toml").write_text(dump_deck(deck), encoding="utf-8")
    _, problems = check_bank(questions / "cuts.toml")
    assert problems == []


class _AlwaysFalse(random.Random):
    """A draw that always asks for a false statement first (random() below the 0.6 of the template)."""

    def random(self) -> float:
        return 0.0


HARBOUR = """Harbour wall to be finished next year

The council's engineers said on Monday that work on the new harbour wall had begun.

Mayor Ellen Hartley told reporters that the new harbour wall would protect the old town from winter storms.

The work is paid for by the county and by a national flood fund.
"""


def test_a_statement_the_article_cannot_make_false_is_still_asked_as_true():
    article = read(HARBOUR)
    pools = Pools(article.analysis, library(library_texts()))
    builder = Builder(article.analysis, pools, _AlwaysFalse())
    said = next(s for s in article.sentences if "Hartley" in s.text)
    made = builder.truefalse(said)
    assert [c.answer for c in made] == [True]
    assert made[0].prompt.endswith(said.text)


def test_west_african_countries_are_known_as_countries():
    text = (
        "Ebola cases fall in West Africa\n\n"
        "Health officials in Liberia, Sierra Leone and Guinea said on Friday that new cases had fallen by half.\n\n"
        "Doctors in Liberia said the number of patients had dropped for the third week in a row.\n"
    )
    entities = read(text).analysis.entities
    assert {k for k, e in entities.items() if e.type == "country"} >= {"Liberia", "Sierra Leone", "Guinea"}


NUCLEAR = """Atomic agency backs power plant plans

The director of the International Atomic Energy Agency, Mohamed ElBaradei, called the plan "an important step".

The talks in Vienna were attended by Helga Brandt, Pierre Lemaire, and Tomas Novak.

The new ATR-42 can carry up to 48 passengers on the route to the plant.

The flight takes about 36 to 48 minutes, officials said.

Energy minister Anna Kowalski said the first reactor would open in 2031.

The agency's deputy director, Yukiya Amano, visited the site in May.

Greenpeace campaigner Daniel Moss said the plant was too close to the river.
"""


def test_a_name_beside_an_organisation_is_asked_but_one_name_of_a_list_is_not():
    asked = {(c.kind, c.answer_text) for c in candidates(NUCLEAR) if c.kind is Kind.GAP}
    assert (Kind.GAP, "Mohamed ElBaradei") in asked
    assert not {(Kind.GAP, n) for n in ("Helga Brandt", "Pierre Lemaire", "Tomas Novak")} & asked


def test_a_number_after_a_model_name_is_asked_but_the_end_of_a_range_is_not():
    numbers = [c for c in candidates(NUCLEAR) if c.kind is Kind.NUMBER]
    assert any("carry up to ___" in c.prompt for c in numbers)
    assert not any("36 to ___" in c.prompt for c in numbers)
