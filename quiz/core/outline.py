"""What the home screen shows of a bank, which a cached bank gives without building its questions.

Plain classes, not dataclasses: this module is imported on the way to the first paint, and a
frozen dataclass takes about half a millisecond to create.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.core.model import Bank, Deck


class DeckOutline:
    """A deck's id and title, the ids of its active questions, and how many drafts wait in it."""

    __slots__ = ("id", "title", "active", "count", "drafts")

    def __init__(self, id: str, title: str, active: frozenset[str], count: int, drafts: int) -> None:
        self.id, self.title, self.active, self.count, self.drafts = id, title, active, count, drafts

    @classmethod
    def of(cls, deck: Deck) -> DeckOutline:
        active = [q.id for q in deck.questions if not q.is_draft]
        return cls(deck.id, deck.title, frozenset(active), len(active), len(deck.questions) - len(active))

    def _fields(self) -> tuple[object, ...]:
        return (self.id, self.title, self.active, self.count, self.drafts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DeckOutline) and self._fields() == other._fields()

    def __repr__(self) -> str:
        return f"DeckOutline({self.id!r}, {self.title!r}, {self.count} active, {self.drafts} drafts)"


class Outline:
    """Every deck's outline, in the bank's order, and every tag a question carries."""

    __slots__ = ("decks", "tags")

    def __init__(self, decks: tuple[DeckOutline, ...], tags: frozenset[str]) -> None:
        self.decks, self.tags = decks, tags

    @classmethod
    def of(cls, bank: Bank) -> Outline:
        return cls(tuple(DeckOutline.of(d) for d in bank.decks), frozenset(t for q in bank.questions for t in q.tags))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Outline) and (self.decks, self.tags) == (other.decks, other.tags)

    def __repr__(self) -> str:
        return f"Outline({list(self.decks)!r}, tags={sorted(self.tags)!r})"


class PendingBank:
    """A bank known by its outline, whose questions `build` makes when they are first needed.

    At 50,000 questions building them is most of the start-up time, and the home screen's first
    frame needs only the outline.
    """

    __slots__ = ("outline", "build")

    def __init__(self, outline: Outline, build: Callable[[], Bank]) -> None:
        self.outline, self.build = outline, build
