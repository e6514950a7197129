"""A possible question and what the checks and the ranker need to know about it."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.core.model import Kind
from quiz.derive.distractors import Option


@dataclass
class Candidate:
    """A possible question, with what the tests and the ranker need to know about it."""

    template: str
    kind: Kind
    sentence: int
    prompt: str
    answer: str | bool | float
    answer_text: str
    """The answer as written in the evidence (for numbers: the figure as written)."""
    span: tuple[int, int, int]
    """(evidence index, start, end) of `answer_text` in the evidence quotes."""
    evidence: tuple[str, ...]
    atype: tuple[str, str]
    key: str
    explanation: str
    tags: tuple[str, ...]
    alternatives: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    unit: str = ""
    difficulty: int = 1
    score: float = 0.0
    reason: str = ""
    """The ranker's features that moved the score most, in words."""
    sentences: tuple[int, ...] = ()
    substitute: str = ""

    @property
    def distractors(self) -> tuple[str, ...]:
        return tuple(o.text for o in self.options)
