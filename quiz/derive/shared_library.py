"""The library analysed once for a whole command: each article then gets a view of it without itself.

Deriving N articles against a library that holds them all used to analyse the library once per
article (N² analyses). Here each distinct text is analysed once and indexed, and
`for_article(text)` gives a Library that answers exactly what `Library` over every other text
would answer (same entities, same order), so the drafts are the same, in time that does not
grow with the number of articles the library holds but the article is not related to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import Generic, TypeVar

from quiz.derive.distractors import _SUBJECT, Library
from quiz.derive.entities import analyse
from quiz.derive.mentions import Analysis, Entity
from quiz.derive.normalise import prose
from quiz.derive.sentences import Sentence, split_paragraph

V = TypeVar("V")


def library_analysis(text: str) -> Analysis:
    """A library article read for its entities only (paragraph by paragraph, no spaCy hints)."""
    pieces = (t for para in prose(text).paragraphs for t in split_paragraph(para))
    return analyse([Sentence(i, 0, t) for i, t in enumerate(pieces)])


def library_entities(text: str) -> list[Entity]:
    """One library article's entities, by key: what a Library keeps of each article it lends from."""
    return sorted(library_analysis(text).entities.values(), key=lambda e: e.key)


class FirstSeen(Generic[V]):
    """Keyed items of many articles, and their union over some articles: each key once, as first met."""

    def __init__(self) -> None:
        self.firsts: dict[int, list[tuple[str, V]]] = {}
        self.postings: dict[str, list[tuple[int, int, V]]] = {}

    def add(self, article: int, items: Iterable[tuple[str, V]]) -> None:
        """The next article's items, in order (articles are added in library order)."""
        seen: set[str] = set()
        firsts = [(k, v) for k, v in items if not (k in seen or seen.add(k))]
        if firsts:
            self.firsts[article] = firsts
        for at, (key, value) in enumerate(firsts):
            self.postings.setdefault(key, []).append((article, at, value))

    def union(self, articles: list[int], chosen: set[int]) -> list[V]:
        """Going through `articles` (ascending; `chosen` is the same as a set), each key's first value."""
        if len(articles) <= len(self.postings):  # both ways give the same; this is the shorter walk
            out, seen = [], set()
            for i in articles:
                for key, value in self.firsts.get(i, ()):
                    if key not in seen:
                        seen.add(key)
                        out.append(value)
            return out
        # More articles than keys (a big library about the same people): go key by key instead.
        hits = []
        for posts in self.postings.values():
            for post in posts:  # plain loops: this runs for every key of every type, for each article
                if post[0] in chosen:
                    hits.append(post)
                    break
        hits.sort(key=itemgetter(0, 1))
        return [value for _, _, value in hits]


class SharedLibrary:
    """Every library text's entities, computed when first needed, with indexes for a Library's questions."""

    def __init__(self, texts: Sequence[str], entities: Callable[[list[str]], list[list[Entity]]] | None = None) -> None:
        self.texts = tuple(texts)
        self._entities = entities or (lambda distinct: [library_entities(t) for t in distinct])
        self._articles: list[list[Entity]] | None = None
        self._where: dict[str, list[int]] = {}
        for i, text in enumerate(self.texts):
            self._where.setdefault(text, []).append(i)

    @property
    def articles(self) -> list[list[Entity]]:
        """Each text's entities, in library order (a text given twice is analysed once)."""
        if self._articles is None:
            distinct = list(self._where)
            found = dict(zip(distinct, self._entities(distinct), strict=True))
            self._articles = [found[t] for t in self.texts]
            self._index(self._articles)
        return self._articles

    def _index(self, articles: list[list[Entity]]) -> None:
        self._subjects: dict[str, list[int]] = {}
        self._people: dict[str, list[tuple[int, Entity]]] = {}
        self._typed: dict[tuple[str, str], FirstSeen[Entity]] = {}
        self._titles: FirstSeen[str] = FirstSeen()
        for i, ents in enumerate(articles):
            for key in {e.key for e in ents if e.type in _SUBJECT}:
                self._subjects.setdefault(key, []).append(i)
            typed: dict[tuple[str, str], list[tuple[str, Entity]]] = {}
            for e in ents:
                typed.setdefault((e.type, e.subtype), []).append((e.key, e))
                if e.type == "person":
                    self._people.setdefault(e.key, []).append((i, e))
            for type_, items in typed.items():
                self._typed.setdefault(type_, FirstSeen()).add(i, items)
            self._titles.add(i, ((r, r) for e in ents for r in e.roles))

    def for_article(self, text: str) -> Library:
        """The library as one article sees it: every text but its own."""
        return LibraryView(self, frozenset(self._where.get(text, ())))

    def related(self, keys: set[str], minimum: int, skip: frozenset[int]) -> list[int]:
        """The articles sharing `minimum` people or organisations with `keys`, ascending (Library.related)."""
        self.articles  # noqa: B018 - analysed and indexed on first use
        hits: Counter[int] = Counter()
        for key in keys:
            hits.update(self._subjects.get(key, ()))
        return sorted([i for i, n in hits.items() if n >= minimum and i not in skip])

    def of_type(self, type_: tuple[str, str], articles: list[int], chosen: set[int]) -> list[Entity]:
        """The entities of this type in these articles, the first of each key (Library.of_type)."""
        found = self._typed.get(type_)
        return found.union(articles, chosen) if found else []

    def titles(self, articles: list[int], chosen: set[int]) -> list[str]:
        """Every post held by someone in these articles, once each, as first met (Library.titles)."""
        return self._titles.union(articles, chosen)

    def person(self, key: str, skip: frozenset[int]) -> Entity | None:
        """The person with this key in the last article that has them (Library.person)."""
        self.articles  # noqa: B018
        for i, e in reversed(self._people.get(key, ())):
            if i not in skip:
                return e
        return None


class LibraryView(Library):
    """A Library over a SharedLibrary minus some of its texts, answering from the shared indexes."""

    def __init__(self, shared: SharedLibrary, skip: frozenset[int]) -> None:
        super().__init__()
        self.shared, self.skip = shared, skip
        self._related: dict[tuple[frozenset[str], int], tuple[list[int], set[int]]] = {}
        self._answers: dict[tuple[str, frozenset[str]], list] = {}

    @property
    def articles(self) -> list[list[Entity]]:
        return [ents for i, ents in enumerate(self.shared.articles) if i not in self.skip]

    def _related_at(self, keys: set[str], minimum: int = 2) -> tuple[list[int], set[int]]:
        memo = (frozenset(keys), minimum)
        if memo not in self._related:
            at = self.shared.related(keys, minimum, self.skip)
            self._related[memo] = at, set(at)
        return self._related[memo]

    def related(self, keys: set[str], minimum: int = 2) -> list[list[Entity]]:
        every = self.shared.articles
        return [every[i] for i in self._related_at(keys, minimum)[0]]

    def of_type(self, type_: tuple[str, str], keys: set[str]) -> list[Entity]:
        return self._answer(repr(type_), keys, lambda at, chosen: self.shared.of_type(type_, at, chosen))

    def titles(self, keys: set[str]) -> list[str]:
        return self._answer("titles", keys, self.shared.titles)

    def _answer(self, question: str, keys: set[str], ask: Callable[[list[int], set[int]], list]) -> list:
        memo = (question, frozenset(keys))
        if memo not in self._answers:
            self._answers[memo] = ask(*self._related_at(keys))
        return list(self._answers[memo])

    def person(self, key: str) -> Entity | None:
        return self.shared.person(key, self.skip)
