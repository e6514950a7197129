"""Fuzzing the bank loader, the grader and the drill-code parser: any input gives a result or a clear error."""

from __future__ import annotations

import math
import random
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from quiz.core.bank import DECK_KEYS, QUESTION_KEYS, read_bank
from quiz.core.drill import Drill, DrillCodeError, decode, encode
from quiz.core.grading import can_ask_as_choice, grade, options_for
from quiz.core.model import Bank, Deck
from quiz.core.verdict import Form, Verdict
from quiz.core.writer import toml_string
from quiz.data.library import checked_bank
from tests.formats.strategies import questions
from tests.fuzz import assert_clear, fuzz

# --------------------------------------------------------------------------- the bank loader

scalars = (
    st.text(max_size=12)
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**1000)
    | st.floats()
    | st.booleans()
    | st.sampled_from(["choice", "recall", "gap", "number", "truefalse", "flashcard", "active", "draft", "imported"])
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["article", "quote", "x"]), inner),
    max_leaves=12,
)


def toml(value: object) -> str:
    """Any value as a TOML value: what a hand-edited deck might hold (infinities and all)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{ " + ", ".join(f"{k} = {toml(v)}" for k, v in value.items()) + " }"


@st.composite
def deck_files(draw: st.DrawFn) -> str:
    """A TOML deck whose keys are mostly real and whose values are of any type, size and depth."""
    deck_keys = st.sampled_from(sorted(DECK_KEYS) + ["bogus"])
    lines = ["[deck]"] + [f"{k} = {toml(draw(values))}" for k in draw(st.lists(deck_keys, unique=True))]
    for _ in range(draw(st.integers(0, 3))):
        lines.append("[[questions]]")
        keys = draw(st.lists(st.sampled_from(sorted(QUESTION_KEYS) + ["distracters"]), unique=True))
        lines += [f"{k} = {toml(draw(values))}" for k in keys]
    return "\n".join(lines) + "\n"


def load(raw: bytes) -> tuple[Bank, list]:
    with tempfile.TemporaryDirectory() as folder:
        bank = Path(folder) / "questions"
        bank.mkdir()
        (bank / "deck.toml").write_bytes(raw)
        loaded, problems = read_bank(bank)
        checked, check_problems = checked_bank(bank)  # the loader every command uses
        assert {d.id for d in checked.decks} <= {d.id for d in loaded.decks}
        return loaded, problems + check_problems


def assert_deck_or_clear_problems(bank: Bank, problems: list) -> None:
    assert bank.decks or problems
    for p in problems:
        assert_clear(p)
    for deck in bank.decks:
        assert isinstance(deck, Deck) and deck.questions
        for q in deck.questions:
            grade(q, "x", Form.TYPED)  # a loaded question can be asked


@fuzz
@given(text=deck_files())
@example(text='[deck]\nid = "d"\ntitle = "D"\n[[questions]]\nanswer = ' + "9" * 5000 + "\n")
@example(text='[deck]\nid = "d"\ntitle = "D"\n[[questions]]\nanswer = ' + "[" * 3000 + "]" * 3000 + "\n")
@example(text='[deck]\nid = "d"\ntitle = "D"\n[[questions]]\nkind = "number"\ntolerance = 1' + "0" * 400 + "\n")
def test_the_bank_loader_takes_any_deck_shape(text):
    assert_deck_or_clear_problems(*load(text.encode("utf-8", "surrogatepass")))


@fuzz
@given(raw=st.binary(max_size=300))
def test_the_bank_loader_takes_any_bytes(raw):
    assert_deck_or_clear_problems(*load(raw))


# --------------------------------------------------------------------------- the grader

typed = st.text(max_size=30) | st.sampled_from(["", " ", "1e999", "-0", "nan", "inf", "1,000", "½", "\x00", "t", "no"])


@fuzz
@given(q=questions(), given_text=typed, form=st.sampled_from(list(Form)), seed=st.integers(0, 2**16))
def test_the_grader_judges_any_answer_to_any_question(q, given_text, form, seed):
    verdict = grade(q, given_text, form)
    assert isinstance(verdict, Verdict)
    if can_ask_as_choice(q):
        options = options_for(q, random.Random(seed))
        assert isinstance(grade(q, random.Random(seed).choice(options), Form.CHOICE, options), Verdict)


# --------------------------------------------------------------------------- the drill-code parser

BANK = Bank(tuple(Deck(f"deck-{i}", f"Deck {i}", ()) for i in range(5)), {})
code_chars = st.sampled_from(list("0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U-iloIL ") + ["\u00e9", "\x00", "🙂"])


def assert_drill_or_error(code: str) -> None:
    """The code stands for a drill of the bank's decks, or is refused with a message (never another exception)."""
    try:
        drill = decode(code, BANK)
    except DrillCodeError as exc:
        assert str(exc)  # (it quotes the code as typed; showing it inert is the display's job)
        return
    assert set(drill.decks) <= {d.id for d in BANK.decks}


@fuzz
@given(code=st.text(code_chars, max_size=40) | st.text(max_size=40))
def test_any_text_as_a_drill_code_is_a_drill_or_a_clear_error(code):
    assert_drill_or_error(code)


@fuzz
@given(
    decks=st.lists(st.sampled_from([d.id for d in BANK.decks]), min_size=1, unique=True),
    count=st.integers(1, 50),
    seed=st.integers(0, 1000),
    edit=st.tuples(st.integers(0, 60), st.sampled_from(["drop", "swap", "change", "insert"]), code_chars),
)
def test_a_mistyped_drill_code_is_a_clear_error_or_a_drill(decks, count, seed, edit):
    """Whatever the code's length and layout (it may grow): an edited code is an error or a drill of these decks."""
    drill = Drill(decks=tuple(sorted(decks)), count=count, seed=seed)
    code = encode(drill, BANK)
    assert decode(code, BANK) == drill
    at, how, char = edit
    at %= len(code)
    if how == "drop":
        code = code[:at] + code[at + 1 :]
    elif how == "swap" and at + 1 < len(code):
        code = code[:at] + code[at + 1] + code[at] + code[at + 2 :]
    elif how == "change":
        code = code[:at] + char + code[at + 1 :]
    else:
        code = code[:at] + char + code[at:]
    assert_drill_or_error(code)
