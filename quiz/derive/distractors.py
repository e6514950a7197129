"""Wrong options of the answer's own type: from the article, then the library, then the gazetteer."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from operator import attrgetter

from quiz.derive.cues import undescribed
from quiz.derive.gazetteer import Gazetteer, Known, gazetteer
from quiz.derive.mentions import Analysis, Entity, fold, role_class
from quiz.derive.name_order import family_first
from quiz.derive.name_runs import PARTICLES
from quiz.derive.sentences import word_set
from quiz.derive.speakers import voices

_GENERIC_NAME_WORDS = word_set(
    """front united council ministry state states national nations international union party army forces
    group news agency foreign affairs defence defense security general republic democratic islamic
    people peoples front"""
)


_SUBJECT = frozenset({"person", "org"})
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Professor|Prof)\.? ")


def same_person(a: str, b: str) -> bool:
    """Two ways of writing one person: 'Blair' and 'Mr Blair', 'Tony Blair' and 'Blair'."""
    fa, fb = _last_word(a), _last_word(b)
    return bool(fa and fb) and fa == fb


@lru_cache(maxsize=4096)
def _last_word(name: str) -> str:
    """The last word of a name without its honorific, folded ('' for none): what same_person compares."""
    words = fold(_HONORIFIC.sub("", name)).split()
    return words[-1] if words else ""


def named_person(e: Entity, a: Analysis, g: Gazetteer) -> bool:
    """Does anything show this is a person (a post, a gender the article gives, a known first name, or a
    surname used alone, no word of the name a place or a word the article writes in lower case), and
    nothing show it is not ('the Broncos')?

    'Human Rights' (of a commission), 'Denver Broncos' and 'Environmentalist Mark Lynas' are no options.
    """
    parts = undescribed(e.key).split()  # 'Environmentalist Mark Lynas': the name is 'Mark Lynas'
    texts = tuple(s.text for s in a.sentences)
    after_the, lower = _words_of(texts)
    if parts[-1] in after_the:
        return False  # 'the Broncos were ...': a team or a body, never a person
    if e.roles or e.gender or parts[0] in g.first_names or e.key in _titled(texts):
        return True
    if len(parts) < 2 or not any(" " not in f for f in e.forms) or parts[0] in g.names:
        return False
    return not any(w.lower() in lower for w in parts)


_AFTER_THE = re.compile(r"\b[Tt]he ([A-Z][\w'-]*)(?=['.,;:!?]| (?:were|was|are|is|had|have|has)\b)")


_TITLES = "Dr|Mr|Mrs|Ms|Miss|Prof|Professor|Sir|Dame|Lord|Lady|Rev|Reverend"
_TITLED = re.compile(rf"\b(?:{_TITLES})\.? ((?:[A-Z][\w'-]+ ?){{1,3}})")


@lru_cache(maxsize=8)
def _titled(sentences: tuple[str, ...]) -> frozenset[str]:
    """Names the article writes after a title of address ('Dr Priyanka Shah'): people, whatever the first name."""
    return frozenset(m.group(1).strip() for s in sentences for m in _TITLED.finditer(s))


@lru_cache(maxsize=8)
def _words_of(sentences: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """An article's names written after 'the' ('the Broncos were'), and its words in lower case; read once."""
    text = " ".join(sentences)
    return frozenset(_AFTER_THE.findall(text)), frozenset(re.findall(r"\b[a-z]+\b", text))


@dataclass(frozen=True)
class Option:
    """One distractor, its (type, subtype) and where it came from."""

    text: str
    type: tuple[str, str]
    source: str


class Library:
    """The entities of the other articles the learner has, article by article (analysed when first needed)."""

    def __init__(self, analyse_all: Callable[[], list[Analysis]] | None = None) -> None:
        self._analyse_all = analyse_all
        self._articles: list[list[Entity]] | None = None
        self._people: dict[str, Entity] | None = None

    @property
    def articles(self) -> list[list[Entity]]:
        if self._articles is None:
            found = self._analyse_all() if self._analyse_all else []
            self._articles = [sorted(a.entities.values(), key=lambda e: e.key) for a in found]
        return self._articles

    def related(self, keys: set[str], minimum: int = 2) -> list[list[Entity]]:
        """Articles about the same things: sharing `minimum` people or organisations (countries say too little).

        Only these lend distractors, so a question on a UK minister never offers a Syrian general.
        """
        return [ents for ents in self.articles if len(keys & {e.key for e in ents if e.type in _SUBJECT}) >= minimum]

    def of_type(self, type_: tuple[str, str], keys: set[str]) -> list[Entity]:
        source = self.related(keys)
        out, seen = [], set()
        for ents in source:
            for e in ents:
                if (e.type, e.subtype) == type_ and e.key not in seen:
                    seen.add(e.key)
                    out.append(e)
        return out

    def person(self, key: str) -> Entity | None:
        """A person of the library's articles, by key."""
        if self._people is None:
            self._people = {e.key: e for ents in self.articles for e in ents if e.type == "person"}
        return self._people.get(key)

    def titles(self, keys: set[str]) -> list[str]:
        return list(dict.fromkeys(r for ents in self.related(keys) for e in ents for r in e.roles))


def person_form(entity: Entity, surname: bool) -> str:
    """A person as the answer writes people: full name, or the surname the article uses alone."""
    if not surname:
        return entity.key
    singles = [f for f in entity.forms if " " not in f]
    if singles:
        return singles[0]
    parts = entity.key.split()
    if len(parts) >= 3 and parts[-2] in PARTICLES:
        return " ".join(parts[-2:])  # 'de Graaf'
    if family_first(entity.key):
        return parts[0]  # 'Ban Ki-moon', 'Ma Zhaoxu': the family name comes first
    return re.sub(r"^(?:al|el|Al|El)-", "", parts[-1])


class Pools:
    """Draws distractors of a given type for one article."""

    def __init__(self, analysis: Analysis, library: Library | None = None, g: Gazetteer | None = None) -> None:
        self.analysis = analysis
        self.library = library or Library()
        self.g = g or gazetteer()
        self.keys = {e.key for e in analysis.entities.values() if e.type in ("person", "country", "place", "org")}
        self._names = {fold(f) for e in analysis.entities.values() if e.type != "person" for f in e.forms}
        self._ents: dict[tuple[str, tuple[str, str], bool], list[tuple[str, str]]] = {}

    def _tiers(
        self, type_: tuple[str, str], surname: bool, home: str, answer: Known | None
    ) -> Iterator[tuple[str, list]]:
        """(source, [(text, key), ...]) tier by tier, computed only when the earlier tiers ran short."""
        t, sub = type_
        known = answer is not None

        def ents(source: str) -> list[tuple[str, str]]:
            memo = (source, type_, surname)  # asked for again by most questions: a library's can be long
            if memo not in self._ents:
                found = self.analysis.of_type(t, sub) if source == "article" else self.library.of_type(type_, self.keys)
                found = sorted(found, key=attrgetter("key"))
                self._ents[memo] = [(person_form(e, surname) if t == "person" else e.key, e.key) for e in found]
            return self._ents[memo]

        def library_items() -> list[tuple[str, str]]:
            if t == "place" and not known:
                return []  # nor places from unrelated articles
            return ents("library")

        def gazetteer_items() -> list[tuple[str, str]]:
            if t not in ("country", "place", "org") or (t == "place" and not known):
                return []  # a place the gazetteer does not know has no known country: no random cities
            if t == "org" and (answer is None or sub == "company"):
                return []  # brands and bodies from nowhere near the story give the answer away
            if t == "org":
                return [(k.name, k.name) for k in self.g.of_type(t, sub) if k.country == answer.country]
            return [(k.name, k.name) for k in self.g.of_type(t, sub)]

        if home:
            at_home = _home_filter(self.g, home)
            yield "article", [x for x in ents("article") if at_home(x[1])]
            yield "gazetteer", [(k.name, k.name) for k in self.g.cities_in.get(home, [])]
            yield "library", [x for x in ents("library") if at_home(x[1])]
        yield "article", ents("article")
        yield "library", library_items()
        yield "gazetteer", gazetteer_items()

    def pick(
        self,
        answer: str,
        type_: tuple[str, str],
        rng: random.Random,
        *,
        k: int = 3,
        exclude: Iterable[str] = (),
        avoid: str = "",
        avoid_names: Iterable[str] = (),
        region: str = "",
        surname: bool = False,
        region_first: bool = False,
        like: Entity | None = None,
        strict: bool = False,
        posts_apart: bool = True,
        speakers: bool = False,
        within: frozenset[str] = frozenset(),
    ) -> list[Option]:
        """Up to `k` options unlike the answer and each other; article first, library, then gazetteer.

        `strict` (multiple choice, where the options are the question) never fills up with a person of
        another field, or (`posts_apart`) with one holding a post when the answer holds none.

        `region_first` ranks countries of the answer's region above every tier (for true/false swaps,
        where a far-away country makes the false statement too easy to spot).

        Places prefer the answer's own country (Aleppo -> Homs, not Paris), countries its region; a
        place the gazetteer does not know gets no gazetteer places (its country is unknown).
        People (`like`, the answer's entity) keep to the answer's gender where both are known, and
        prefer its field (minister with minister); no option is another way of writing a name taken.
        `within` keeps countries to those regions (a European championship offers European countries).
        `speakers` (who said a quote) never offers the dead, and prefers people shown speaking or in a post.
        """
        banned = {fold(answer)} | {fold(x) for x in exclude}
        avoid_f = fold(avoid)
        padded_avoid = f" {avoid_f} "
        near = {fold(x) for x in avoid_names}
        padded_banned = [f" {b} " for b in banned | near if len(b) > 3]
        # Distinctive words of names already in the sentence ('al-Sham', 'Nusra'): an option sharing one
        # looks like the answer's twin.
        marks = {w for x in near for w in x.split() if len(w) > 3 and w not in _GENERIC_NAME_WORDS}
        known_answer = self.g.lookup(answer)
        home = known_answer.country if known_answer and type_[0] == "place" else ""
        regions = self.g.regions
        out: list[Option] = []
        seen: set[str] = set()
        people = {e.key: e for e in self.analysis.of_type("person")} if type_[0] == "person" else {}
        if like is not None and not like.gender:
            # 'Varadkar' read apart from 'Leo Varadkar': the fuller form may show the gender.
            twin = next((e for e in people.values() if e.gender and same_person(e.key, like.key)), None)
            like = replace(like, gender=twin.gender) if twin else like
        taken = [answer, *exclude]
        later: list[Option] = []

        def acceptable(text: str, key: str) -> bool:
            f = fold(text)
            if not f or f in seen or f in banned or fold(key) in banned:
                return False
            last = _last_word(text) if type_[0] == "person" else ""  # same_person(text, t) for each t, unrolled
            if type_[0] == "person" and (
                (last and any(last == _last_word(t) for t in taken)) or f.split()[-1] in padded_avoid.split()
            ):
                return False  # another way of writing a name taken, or one the prompt names ('[Renshaw]')
            padded = f" {f} "
            if (len(f) > 3 and f in avoid_f) or padded in padded_avoid:
                return False  # already in the prompt
            if len(f) > 3 and any(padded in b or b in padded for b in padded_banned):
                return False  # 'Nusra Front' for 'Islamist Nusra Front'
            if type_[0] in ("org", "person") and set(f.split()) & marks:
                return False
            seen.add(f)
            taken.append(text)
            return True

        def fits(key: str) -> int:
            """0: like the answer; 1: of another field; 2: never used (the other gender, another side, no person)."""
            other = people.get(key) or self.library.person(key)
            if other is not None and not named_person(other, self.analysis, self.g):
                return 2  # 'Human Rights', 'Environmentalist Mark Lynas': nothing shows these are people
            if speakers:
                speaking, dead = self.voices
                if key in dead:
                    return 2  # the crew killed in the crash said nothing at the press conference
                if key in self.analysis.entities and key not in speaking:
                    return 1  # a victim or a subject the article never gives a voice: only to fill up
            if like is None or other is None:
                return 0
            if like.gender and other.gender and like.gender != other.gender:
                return 2
            if other.roles and not like.roles and strict and posts_apart:
                return 2  # a referee offered for a player nobody gave a post: the post sets it apart
            mine, theirs = like.role_class, other.role_class
            return (2 if strict else 1) if mine and theirs and mine != theirs else 0

        for source, items in self._tiers(type_, surname, home, known_answer):
            items = list(items)
            rng.shuffle(items)
            if region and source == "gazetteer":
                items.sort(key=lambda item: regions.get(item[1], "") != region)
            if like is not None and source == "article":
                # People named near the answer are of its world: players of the match, not the singer at half-time.
                items.sort(key=lambda item: _distance(like, people.get(item[1])))
            for text, key in items:
                if len(out) >= k:
                    break
                if region_first and region and regions.get(key) != region:
                    continue
                if within and regions.get(key) not in within:
                    continue
                fit = fits(key) if people else 0
                if fit < 2 and acceptable(text, key):
                    (later if fit else out).append(Option(text, type_, source))
            if len(out) >= k:
                break
        return (out + later)[:k]

    @cached_property
    def voices(self) -> tuple[frozenset[str], frozenset[str]]:
        """The article's people shown speaking or in a post, and those it says died."""
        return voices(self.analysis)

    def _post(self, title: str) -> bool:
        """A post anyone could hold: not a former one, nor one tied to a person ("Marlow's coach")."""
        people = {e.surname for e in self.analysis.of_type("person")}
        return not _was(title) and not set(title.split()) & people

    def _proper(self, word: str) -> bool:
        """A word that is a name wherever it stands: a country, a nationality, an organisation or a party."""
        return any(w in self.g.names or w in self.g.demonyms or fold(w) in self._names for w in (word, word + "s"))

    def titles(
        self, answer: str, rng: random.Random, *, k: int = 3, exclude: Iterable[str] = (), avoid: str = ""
    ) -> list[Option]:
        """Posts for 'What post does X hold?': the article's other posts, then posts of the same field."""
        banned = {fold(answer)} | {fold(x) for x in exclude}
        words = answer.split()
        if answer[:1].islower():
            style = "lower"
        elif len(words) > 1 and all(w[:1].islower() or _KEEP_CAPS.match(w) for w in words[1:]):
            style = "sentence"  # 'Regional governor', written at the start of a sentence
        else:
            style = "title"
        like = set(self.g.titles_like(answer))
        tiers = (
            # A post 'former' holders had is no option: it reads unlike any answer.
            ("article", lambda: sorted({r for e in self.analysis.of_type("person") for r in e.roles if self._post(r)})),
            ("library", lambda: [t for t in self.library.titles(self.keys) if t in like or _same_head(t, answer)]),
            ("gazetteer", lambda: sorted(like)),
        )
        out: list[Option] = []
        seen: set[str] = set()
        avoid_f = f" {fold(avoid)} "
        for source, compute in tiers:
            items = [_case_like(t, style, self._proper) for t in compute()]
            rng.shuffle(items)
            field = role_class([answer])
            head = _head_word(answer)
            # Posts of the answer's kind first ('Health Secretary' for 'Technology Secretary'), then its field.
            items.sort(key=lambda t: (_head_word(t) != head, bool(field) and role_class([t]) != field))
            for text in items:
                f = fold(text)
                if f in seen or f in banned or f" {f} " in avoid_f:
                    continue
                if any(b and (b in f or f in b) for b in banned) and len(f.split()) < 2:
                    continue  # 'Minister' for 'Deputy Foreign Minister' is not wrong enough
                seen.add(f)
                out.append(Option(text, ("title", "title"), source))
                if len(out) == k:
                    return out
        return out


def _distance(a: Entity, b: Entity | None) -> int:
    """How many sentences apart the article names two people (99 when one is not of the article)."""
    if b is None or not a.sentences or not b.sentences:
        return 99
    return min(abs(i - j) for i in a.sentences for j in b.sentences)


def _home_filter(g: Gazetteer, home: str) -> Callable[[str], bool]:
    def at_home(key: str) -> bool:
        known = g.lookup(key)
        return known is not None and known.country == home

    return at_home


def _was(title: str) -> bool:
    return title.lower().startswith(("former ", "ex-", "late "))


def _head_word(title: str) -> str:
    return title.lower().split(" of ")[0].split()[-1:][0] if title.split() else ""


def _same_head(a: str, b: str) -> bool:
    return a.lower().split()[-1:] == b.lower().split()[-1:]


_SMALL_WORDS = frozenset({"of", "the", "and", "to"})
_KEEP_CAPS = re.compile(r"^(UN|U\.N\.|EU|US|U\.S\.|NATO|[A-Z]{2,})$")


def _case_like(title: str, style: str, proper: Callable[[str], bool] = lambda w: False) -> str:
    """Write a post the way the answer is written: 'Finance Minister', 'finance minister', 'Finance minister'.

    Names keep their capitals in every style ('England captain', never 'england captain').
    """
    words = title.split()
    if style in ("lower", "sentence"):
        out = " ".join(w if _KEEP_CAPS.match(w) or proper(w) else w.lower() for w in words)
        return out[:1].upper() + out[1:] if style == "sentence" else out
    return " ".join(w if w in _SMALL_WORDS or _KEEP_CAPS.match(w) else w[:1].upper() + w[1:] for w in words)
