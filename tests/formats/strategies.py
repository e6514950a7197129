"""Hypothesis strategies for valid questions with awkward text, and the fields a round trip keeps."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import assume
from hypothesis import strategies as st

from quiz.core.model import GAP_MARK, Kind, Question
from quiz.formats.common import faults

# GIFT's special characters, CSV's quote and separators, a tab, a newline, HTML-ish and non-ASCII text.
AWKWARD = list("~=#{}:\\\"',;|\t\n[]<>&%_ -") + ["é", "ß", "中", "🙂", "\u00a0", "’", "“", "\u2028"]
_char = st.sampled_from(AWKWARD) | st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
# Text is stripped on import (GIFT, CSV and Aiken trim cells and answers) and "\r" becomes "\n".
text = st.text(_char, min_size=1, max_size=24).map(str.strip).filter(bool)
TAGS = ["people", "quotes", "places", "military", "a-b", "x1"]


@st.composite
def questions(draw: st.DrawFn, kinds: tuple[Kind, ...] = tuple(Kind)) -> Question:
    """One question that `faults` accepts, of any kind, with awkward text everywhere."""
    kind = draw(st.sampled_from(kinds))
    prompt = draw(text)
    answer: str | bool | float
    alternatives: list[str] = []
    distractors: list[str] = draw(st.lists(text, max_size=4, unique=True))
    tolerance, unit = 0.0, ""
    if kind is Kind.GAP:
        prompt = draw(st.sampled_from(["", draw(text) + " "])) + GAP_MARK + draw(st.sampled_from(["", " " + prompt]))
    if kind is Kind.TRUEFALSE:
        answer, distractors = draw(st.booleans()), []
    elif kind is Kind.NUMBER:
        answer = draw(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e18, max_value=1e18))
        tolerance = draw(st.sampled_from([0.0, 0.5, 1000.0]) | st.floats(min_value=0, max_value=1e6))
        unit = draw(st.sampled_from(["", "people", "km²"]) | text)
    else:
        answer = draw(text)
        if kind is not Kind.CHOICE:
            alternatives = draw(st.lists(text, max_size=2, unique=True))
        elif not distractors:
            distractors = [draw(text)]
    q = Question(
        id="h-001",
        kind=kind,
        prompt=prompt,
        answer=answer,
        evidence=(),
        explanation=draw(text),
        tags=tuple(draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=3, unique=True))),
        difficulty=draw(st.integers(1, 3)),
        alternatives=tuple(alternatives),
        distractors=tuple(distractors),
        tolerance=tolerance,
        unit=unit,
        status=draw(st.sampled_from(["active", "draft"])),
    )
    if faults(q) and q.kind is not Kind.CHOICE:
        q = replace(q, distractors=(), alternatives=())  # options that clash after normalisation
    assume(not faults(q))
    return q


def kept(q: Question) -> tuple[object, ...]:
    """Everything a lossless format must carry (not the id, the deck or the evidence)."""
    return (
        q.kind,
        q.prompt,
        q.answer,
        q.alternatives,
        q.distractors,
        q.tolerance,
        q.unit,
        q.explanation,
        q.tags,
        q.difficulty,
        q.status,
    )
