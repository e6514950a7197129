"""Every question of the bank with the learner's marks on it, searchable as fast as a person types.

A query is words and filters, in any order: words must all appear in the prompt, the answers or
the evidence (any case, accents optional); `deck:` `tag:` `kind:` take a prefix of the name;
`is:due` `is:new` `is:suspended` `is:flagged` `is:library` (each negated with a leading `-`); `acc<60`
and `acc>80` keep questions answered at least once with that accuracy in percent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from quiz.core.model import Question

_ACCURACY = re.compile(r"acc([<>]=?)(\d{1,3})%?")
STATES = ("due", "new", "suspended", "flagged", "library")


class Entry:
    """One question as the catalog sees it: its search text, and what the learner has done with it."""

    __slots__ = (
        "question",
        "text",
        "deck",
        "tags",
        "kind",
        "due",
        "answers",
        "right",
        "suspended",
        "flagged",
        "library",
    )

    def __init__(self, question: Question, *, due: datetime | None, results: tuple[int, int], library: bool) -> None:
        self.question = question
        self.text = search_text(question)
        self.deck = question.deck.casefold()
        self.tags = tuple(t.casefold() for t in question.tags)
        self.kind = question.kind.value
        self.due = due
        self.answers, self.right = results
        self.suspended = False
        self.flagged = False
        self.library = library

    @property
    def accuracy(self) -> float | None:
        return self.right / self.answers if self.answers else None


def search_text(q: Question) -> str:
    """What words are looked for in, worked out once per question: prompt, answers, evidence, id."""
    parts = [q.id, q.prompt, q.answer_text, *q.alternatives, *q.distractors, *(e.quote for e in q.evidence)]
    return plain("\n".join(parts))


def plain(text: str) -> str:
    """Case folded, and accents dropped, so that "etat" finds "État"."""
    text = text.casefold()
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Query:
    """A parsed search: words to find, and filters on the rest."""

    words: tuple[str, ...] = ()
    filters: tuple[str, ...] = ()  # the filter tokens as typed, to tell whether a query narrows another
    problem: str = ""  # a token that is not understood, said in words

    def narrows(self, other: Query) -> bool:
        """Is every match of this query a match of `other` too (so only other's matches need a look)?"""
        if self.filters != other.filters or len(self.words) < len(other.words):
            return False
        return all(old in new for old, new in zip(other.words, self.words, strict=False))


def parse(text: str) -> Query:
    words: list[str] = []
    filters: list[str] = []
    problem = ""
    for token in text.split():
        name = token.lstrip("-").casefold()
        if ":" in name and name.split(":", 1)[0] in ("deck", "tag", "kind", "is"):
            key, value = name.split(":", 1)
            if key == "is" and value and not any(s.startswith(value) for s in STATES):
                problem = f"is:{value} is not known: use is:{', is:'.join(STATES)}"
            filters.append(token.casefold())
        elif _ACCURACY.fullmatch(name):
            filters.append(name)
        else:
            words.append(plain(token))
    return Query(tuple(words), tuple(filters), problem)


class Catalog:
    """The questions in bank order, with a search that narrows the last result while the query grows."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = list(entries)
        self.by_id = {e.question.id: e for e in self.entries}
        self._last: tuple[Query, list[Entry], datetime | None] | None = None

    @classmethod
    def build(
        cls,
        questions: Iterable[Question],
        due: Mapping[str, datetime],
        results: Mapping[str, tuple[int, int]],
        marks: Mapping[str, tuple[bool, bool]],
        library: Callable[[Question], bool],
    ) -> Catalog:
        entries = []
        for q in questions:
            entry = Entry(q, due=due.get(q.id), results=results.get(q.id, (0, 0)), library=library(q))
            entry.suspended, entry.flagged = marks.get(q.id, (False, False))
            entries.append(entry)
        return cls(entries)

    def changed(self) -> None:
        """A mark or a question changed: the next search starts from all the questions."""
        self._last = None

    def search(self, query: Query, today_ends: datetime | None = None) -> list[Entry]:
        last = self._last
        narrows = last is not None and last[2] == today_ends and query.narrows(last[0])
        pool = last[1] if last is not None and narrows else self.entries
        for word in query.words:
            pool = [e for e in pool if word in e.text]
        for token in query.filters:
            keep = _predicate(token, today_ends)
            pool = [e for e in pool if keep(e)]
        self._last = (query, pool, today_ends)
        return pool


def _predicate(token: str, today_ends: datetime | None) -> Callable[[Entry], bool]:
    negate = token.startswith("-")
    token = token.lstrip("-")
    test: Callable[[Entry], bool]
    accuracy = _ACCURACY.fullmatch(token)
    if accuracy:
        sign, number = accuracy.groups()
        bound = int(number) / 100
        compare: dict[str, Callable[[float, float], bool]] = {
            "<": float.__lt__,
            "<=": float.__le__,
            ">": float.__gt__,
            ">=": float.__ge__,
        }
        check = compare[sign]
        test = lambda e: e.answers > 0 and check(e.right / e.answers, bound)  # noqa: E731
    else:
        key, value = token.split(":", 1)
        if key == "deck":
            test = lambda e: e.deck.startswith(value)  # noqa: E731
        elif key == "tag":
            test = lambda e: any(t.startswith(value) for t in e.tags)  # noqa: E731
        elif key == "kind":
            test = lambda e: e.kind.startswith(value)  # noqa: E731
        else:
            test = _state(next((s for s in STATES if s.startswith(value)), ""), today_ends)
    return (lambda e: not test(e)) if negate else test


def _state(state: str, today_ends: datetime | None) -> Callable[[Entry], bool]:
    if state == "due":
        return lambda e: e.due is not None and today_ends is not None and e.due < today_ends
    if state == "new":
        return lambda e: e.due is None
    if state == "suspended":
        return lambda e: e.suspended
    if state == "flagged":
        return lambda e: e.flagged
    if state == "library":
        return lambda e: e.library
    return lambda e: True  # "is:" with nothing after it yet, while typing
