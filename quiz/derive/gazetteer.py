"""The shipped gazetteer (gazetteer.toml): countries, cities, organisations and titles, indexed for lookup."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import tomli

GAZETTEER_FILE = Path(__file__).with_name("gazetteer.toml")


@dataclass(frozen=True)
class Known:
    """A name the gazetteer knows: its canonical form, type and subtype."""

    name: str
    type: str
    subtype: str
    region: str = ""
    country: str = ""


@dataclass
class Gazetteer:
    names: dict[str, Known] = field(default_factory=dict)
    """Every surface form (case-sensitive) -> what it is."""
    demonyms: dict[str, str] = field(default_factory=dict)
    """'Russian' -> 'Russia'."""
    demonyms_of: dict[str, list[str]] = field(default_factory=dict)
    """'Russia' -> ['Russian']."""
    by_type: dict[tuple[str, str], list[Known]] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)
    title_groups: dict[str, list[str]] = field(default_factory=dict)
    title_heads: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    _like: dict[str, list[str]] = field(default_factory=dict, repr=False)
    regions: dict[str, str] = field(default_factory=dict)
    """Country -> region."""
    cities_in: dict[str, list[Known]] = field(default_factory=dict)
    """Country -> its capital and the big cities listed."""
    aliases: dict[str, list[str]] = field(default_factory=dict)
    """Country -> its other names ('United States' -> ['US', 'U.S.', ...])."""
    first_names: dict[str, str] = field(default_factory=dict)
    """'Angela' -> 'female': evidence that a run is a person, and of which gender."""
    common: frozenset[str] = frozenset()
    """Capitalised words that name things ('Election', 'Rovers', 'Care'), never a person on weak evidence."""

    def lookup(self, text: str) -> Known | None:
        return self.names.get(text) or self.names.get(text.removeprefix("the ").removeprefix("The "))

    def of_type(self, type_: str, subtype: str) -> list[Known]:
        return self.by_type.get((type_, subtype), [])

    def titles_like(self, title: str) -> list[str]:
        """Posts from the same field as `title` (same head word first), or every post if none matches."""
        if title not in self._like:
            self._like[title] = self._titles_like(title)
        return self._like[title]

    def _titles_like(self, title: str) -> list[str]:
        head = _head(title)
        groups = [items for items in self.title_groups.values() if any(_head(t) == head for t in items)]
        if not groups:
            words = set(title.lower().split())
            groups = [
                items for items in self.title_groups.values() if any(words & set(t.lower().split()) for t in items)
            ]
        return list(dict.fromkeys(t for items in groups for t in items)) or list(self.titles)


def _head(title: str) -> str:
    """The word naming the post: 'Deputy Foreign Minister' -> 'minister', 'Secretary of State' -> 'secretary'."""
    words = title.lower().split(" of ")[0].split()
    return words[-1] if words else ""


def _add(g: Gazetteer, surface: str, known: Known) -> None:
    g.names.setdefault(surface, known)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Load the gazetteer once per process."""
    data = tomli.loads(GAZETTEER_FILE.read_text(encoding="utf-8"))
    g = Gazetteer()
    for c in data["countries"]:
        known = Known(c["name"], "country", "country", c["region"])
        g.regions[c["name"]] = c["region"]
        _add(g, c["name"], known)
        for alias in c.get("aliases", ()):
            _add(g, alias, known)
        g.aliases[c["name"]] = list(c.get("aliases", ()))
        g.demonyms.setdefault(c["demonym"], c["name"])
        g.demonyms_of.setdefault(c["name"], []).append(c["demonym"])
        g.by_type.setdefault(("country", "country"), []).append(known)
        capital = Known(c["capital"], "place", "city", c["region"], c["name"])
        _add(g, c["capital"], capital)
        g.by_type.setdefault(("place", "city"), []).append(capital)
        g.cities_in.setdefault(c["name"], []).append(capital)
    for c in data["cities"]:
        known = Known(c["name"], "place", "city", g.regions.get(c["country"], ""), c["country"])
        _add(g, c["name"], known)
        g.by_type.setdefault(("place", "city"), []).append(known)
        g.cities_in.setdefault(c["country"], []).append(known)
    for o in data["organisations"]:
        known = Known(o["name"], "org", o["subtype"], country=o.get("country", ""))
        _add(g, o["name"], known)
        for short in o.get("short", ()):
            _add(g, short, known)
        g.by_type.setdefault(("org", o["subtype"]), []).append(known)
    g.title_groups = {name: list(items) for name, items in data["titles"].items()}
    g.titles = list(dict.fromkeys(t for items in g.title_groups.values() for t in items))
    g.title_heads = frozenset(data["title_heads"])
    g.honorifics = frozenset(data["honorifics"])
    for gender in ("female", "male"):
        g.first_names.update(dict.fromkeys(data["first_names"][gender], gender))
    g.first_names.update(dict.fromkeys(data["first_names"]["either"], ""))
    g.common = frozenset(data["common_capitalised"]["words"])
    return g
