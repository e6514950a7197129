"""An imported question is written only if the bank loader and `quiz check` will accept it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.core.bank import load_deck
from quiz.core.check import grounding
from quiz.core.model import Bank, Deck, Kind, Question
from quiz.core.writer import dump_deck
from quiz.formats import build_decks
from quiz.formats.common import faults, imported
from tests.formats.strategies import kept, questions

# Short texts from a small alphabet, so options often clash after normalisation (case, accents, "the").
_short = st.lists(st.sampled_from(["a", "A", "á", "the ", " ", "_", "!", "b", "\n", "é"]), max_size=5).map("".join)
_word = st.lists(st.sampled_from(["alpha", "Beta", "gámma", "the", "x1", "Ω"]), min_size=1, max_size=3).map(" ".join)


@st.composite
def any_questions(draw: st.DrawFn) -> Question:
    """Questions with about one chance in eight per field of breaking a rule: empty or clashing text,
    too many options, bad tags, levels or status; roughly a third come out valid."""

    def choose(good: st.SearchStrategy, bad: st.SearchStrategy) -> st.SearchStrategy:
        return bad if draw(st.integers(0, 7)) == 0 else good

    def pick(good: st.SearchStrategy, bad: st.SearchStrategy) -> object:
        return draw(choose(good, bad))

    kind = draw(st.sampled_from(list(Kind)))
    answer: str | bool | float
    if kind is Kind.TRUEFALSE:
        answer = draw(st.booleans())
    elif kind is Kind.NUMBER:
        answer = draw(st.floats(allow_nan=False, allow_infinity=False, width=32))
    else:
        answer = pick(_word, _short)
    options = st.lists(choose(_word, _short), max_size=3)
    prompt = "Fill ___ in" if kind is Kind.GAP else "Q?"
    return Question(
        id="v-001",
        kind=kind,
        prompt=pick(st.just(prompt), _short | st.sampled_from(["___ and ___", "Q?"])),
        answer=answer,
        evidence=(),
        explanation=pick(st.just("Why."), st.sampled_from([" ", ""])),
        tags=tuple(pick(st.just(["ok"]), st.lists(st.sampled_from(["ok", "Bad", "-x", "a-b", "é"]), max_size=3))),
        difficulty=pick(st.integers(1, 3), st.integers(0, 4)),
        alternatives=tuple(pick(options if kind in (Kind.RECALL, Kind.GAP) else st.just([]), options)),
        distractors=tuple(
            pick(
                options.filter(bool) if kind is Kind.CHOICE else st.just([]) if kind is Kind.TRUEFALSE else options,
                st.lists(_short, max_size=10) | st.integers(8, 9).map(lambda n: [f"option {i}" for i in range(n)]),
            )
        ),
        tolerance=pick(st.sampled_from([0.0, 1.5]), st.just(-1.0)) if kind is Kind.NUMBER else 0.0,
        status=pick(st.sampled_from(["active", "draft"]), st.just("gone")),
    )


def loader_and_checker(q: Question, tmp_path: Path) -> list[str]:
    """What `quiz check` says about the deck file holding just `q`."""
    path = tmp_path / "one.toml"
    path.write_text(dump_deck(Deck("v", "Validation", (q,), origin="imported")), encoding="utf-8")
    problems: list = []
    deck = load_deck(path, problems)
    said = [p.message for p in problems]
    if deck is not None:
        said += [message for _, message in grounding(deck.questions[0], {}, Bank((), {}))]
    return said


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(any_questions())
def test_faults_agree_with_the_loader_and_the_checker(tmp_path, q):
    """`faults` is the importer's copy of the bank's rules; this keeps the copy honest."""
    assert bool(faults(q)) == bool(loader_and_checker(q, tmp_path)), (faults(q), loader_and_checker(q, tmp_path))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(questions(), min_size=1, max_size=5))
def test_imported_decks_load_back_from_toml_unchanged(tmp_path, qs):
    """Awkward text survives the TOML the importer writes, and the deck passes the checker."""
    (deck,) = build_decks(qs, "awk", "Awkward")
    path = tmp_path / "awk.toml"
    path.write_text(dump_deck(deck), encoding="utf-8")
    problems: list = []
    again = load_deck(path, problems)
    assert problems == [] and again is not None
    assert [kept(q) for q in again.questions] == [kept(q) for q in qs]
    assert all(grounding(q, {}, Bank((), {})) == [] for q in again.questions)


def test_imported_questions_get_defaults_for_what_the_file_did_not_say():
    q = imported(Path("cards.csv"), 3, Kind.RECALL, "Q?", "A")
    assert q.explanation == "No explanation was given in cards.csv."
    assert (q.tags, q.difficulty, q.status) == (("imported",), 1, "active")
    assert faults(q) == []


def test_a_lone_surrogate_is_a_fault():
    """JSON can spell one (\\ud800); it cannot be written as UTF-8."""
    q = imported(Path("x.json"), 1, Kind.RECALL, "Q\ud800?", "A")
    assert any("broken character" in f for f in faults(q))


def test_faults_name_what_to_do():
    q = imported(Path("x.csv"), 1, Kind.CHOICE, "Q?", "Same", distractors=["same", "Other", "other!"])
    assert faults(q) == [
        "the answer 'Same' is also among the wrong options; remove it from them",
        "wrong options repeat (ignoring case and punctuation): Other, other!; make them distinct",
    ]
    assert faults(replace(q, kind=Kind.GAP, distractors=())) == [
        "a gap question must contain the blank ___ exactly once, not 0 times; fix the text"
    ]


BASE = replace(imported(Path("b.csv"), 1, Kind.CHOICE, "Which?", "Right", distractors=["Wrong"]), id="b-001")


@pytest.mark.parametrize(
    "change",
    [
        {},
        {"distractors": tuple(f"option {i}" for i in range(8))},
        {"distractors": tuple(f"option {i}" for i in range(9))},
        {"distractors": ()},
        {"distractors": ("Wrong", " ")},
        {"distractors": ("The right!",)},
        {"distractors": ("Wrong", "wrong.")},
        {"kind": Kind.RECALL, "alternatives": ("Wrong",)},
        {"kind": Kind.RECALL, "alternatives": ("Right too",)},
        {"alternatives": ("Right too",)},
        {"kind": Kind.GAP, "prompt": "Fill ___ here"},
        {"kind": Kind.GAP, "prompt": "Fill ___ and ___"},
        {"kind": Kind.TRUEFALSE, "answer": True},
        {"kind": Kind.TRUEFALSE, "answer": True, "distractors": ()},
        {"kind": Kind.NUMBER, "answer": 5.0, "tolerance": -0.5},
        {"kind": Kind.NUMBER, "answer": 5.0, "tolerance": 0.5, "unit": "km"},
        {"prompt": "  "},
        {"answer": " "},
        {"explanation": "\n"},
        {"tags": ()},
        {"tags": ("Tag",)},
        {"tags": ("a", "b-c", "d1")},
        {"difficulty": 0},
        {"difficulty": 3},
        {"status": "draft"},
        {"status": "retired"},
    ],
)
def test_faults_agree_at_each_boundary(tmp_path, change):
    q = replace(BASE, **change)
    assert bool(faults(q)) == bool(loader_and_checker(q, tmp_path)), (faults(q), loader_and_checker(q, tmp_path))
