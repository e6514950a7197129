"""The bank's domain objects: articles, decks and questions (immutable)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path


class Kind(str, enum.Enum):
    """How a question is written in the bank."""

    CHOICE = "choice"
    RECALL = "recall"
    GAP = "gap"
    TRUEFALSE = "truefalse"
    NUMBER = "number"


GAP_MARK = "___"
"""The blank in a fill-the-gap prompt: three underscores, exactly once."""


@dataclass(frozen=True)
class Article:
    """One source text in `seeds/`."""

    id: str
    path: Path
    title: str
    summary: str
    place: str = ""
    date: str = ""
    outlet: str = ""

    def read(self) -> str:
        return self.path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Evidence:
    """A verbatim quote from an article that supports the answer."""

    article: str
    quote: str


@dataclass(frozen=True)
class Question:
    """One question, as its deck file writes it (`source` and `line` say where)."""

    id: str
    kind: Kind
    prompt: str
    answer: str | bool | float
    evidence: tuple[Evidence, ...]
    explanation: str
    tags: tuple[str, ...]
    difficulty: int
    alternatives: tuple[str, ...] = ()
    distractors: tuple[str, ...] = ()
    tolerance: float = 0.0
    unit: str = ""
    status: str = "active"
    deck: str = ""
    source: Path | None = field(default=None, compare=False)
    line: int = field(default=0, compare=False)

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def has_options(self) -> bool:
        """Can it be asked as multiple choice (it has distractors, or is true/false)?"""
        return self.kind is Kind.TRUEFALSE or bool(self.distractors)

    @property
    def answer_text(self) -> str:
        """The answer as a person would write it."""
        return format_answer(self.answer)

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.article for e in self.evidence))

    def content_hash(self) -> str:
        """A short hash of what is asked and answered, so history can tell rewordings apart."""
        import hashlib  # imported here: start-up speed

        parts = [self.kind.value, self.prompt, self.answer_text, *self.alternatives, *self.distractors]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Deck:
    """One deck file: its questions, and the articles they are drawn from."""

    id: str
    title: str
    questions: tuple[Question, ...]
    description: str = ""
    articles: tuple[str, ...] = ()
    origin: str = "written"
    source: Path | None = field(default=None, compare=False)

    @property
    def active(self) -> tuple[Question, ...]:
        """Questions ready for study (drafts stay out until accepted)."""
        return tuple(q for q in self.questions if not q.is_draft)


@dataclass(frozen=True)
class Bank:
    """Every deck in use, and the articles (by id) their evidence quotes."""

    decks: tuple[Deck, ...]
    articles: dict[str, Article]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for d in self.decks for q in d.questions)

    def deck(self, deck_id: str) -> Deck:
        for d in self.decks:
            if d.id == deck_id:
                return d
        raise KeyError(deck_id)

    def question(self, question_id: str) -> Question:
        for d in self.decks:
            for q in d.questions:
                if q.id == question_id:
                    return q
        raise KeyError(question_id)


def format_answer(answer: str | bool | float) -> str:
    if isinstance(answer, bool):
        return "True" if answer else "False"
    if isinstance(answer, float):
        return format_number(answer)
    return answer


def format_number(value: float) -> str:
    """250000.0 -> '250,000'; 24000000.0 -> '24 million' (as news text writes it); 5.5 -> '5.5'."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        scaled = value / size
        if 1 <= abs(scaled) < 1000 and round(scaled, 3) == scaled:
            return f"{scaled:.3f}".rstrip("0").rstrip(".") + f" {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")
