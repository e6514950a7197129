"""What the home screen shows of a bank, which a cached bank gives without building its questions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from quiz.core.model import Bank, Deck


@dataclass(frozen=True)
class DeckOutline:
    """A deck's id and title, the ids of its active questions, and how many drafts wait in it."""

    id: str
    title: str
    active: frozenset[str]
    count: int  # active questions
    drafts: int

    @classmethod
    def of(cls, deck: Deck) -> DeckOutline:
        active = [q.id for q in deck.questions if not q.is_draft]
        return cls(deck.id, deck.title, frozenset(active), len(active), len(deck.questions) - len(active))


@dataclass(frozen=True)
class Outline:
    """Every deck's outline, in the bank's order, and every tag a question carries."""

    decks: tuple[DeckOutline, ...]
    tags: frozenset[str]

    @classmethod
    def of(cls, bank: Bank) -> Outline:
        return cls(tuple(DeckOutline.of(d) for d in bank.decks), frozenset(t for q in bank.questions for t in q.tags))


@dataclass(frozen=True)
class PendingBank:
    """A bank known by its outline, whose questions `build` makes when they are first needed.

    At 50,000 questions building them is most of the start-up time, and the home screen's first
    frame needs only the outline.
    """

    outline: Outline
    build: Callable[[], Bank]
