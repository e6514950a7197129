"""False statements whose swap a reader sees through without the article: an absurd stand-in or a self-contradiction.

From blind readers' reasons (heldout4): 'Putin attended a protest in London' (a head of state put in an
activist's place), 'the gold was earned by Wanyoike, and was Weir's fourth' (the original's name still in
the sentence), 'the European Championships in Iran' (a country from outside the continent the sentence names).
"""

from __future__ import annotations

import re

from quiz.derive.candidate import Candidate
from quiz.derive.gazetteer import gazetteer
from quiz.derive.mentions import Analysis, Entity, fold

# The continent a sentence names, and the gazetteer regions that lie in it.
_CONTINENTS = {
    "European": ("western-europe", "eastern-europe", "caucasus"),
    "Europe": ("western-europe", "eastern-europe", "caucasus"),
    "African": ("north-africa", "sub-saharan-africa"),
    "Africa": ("north-africa", "sub-saharan-africa"),
    "Asian": ("east-asia", "south-asia", "southeast-asia", "central-asia", "middle-east", "caucasus"),
    "Latin American": ("latin-america", "caribbean"),
    "South American": ("latin-america",),
}
_CONTINENT = re.compile(r"\b(?:" + "|".join(sorted(_CONTINENTS, key=len, reverse=True)) + r")\b")


def implausible(c: Candidate, a: Analysis) -> bool:
    """Is the false statement's swap absurd or self-contradicting, so it is false for a reason anyone sees?"""
    sub = c.substitute
    if not sub or c.answer is not False:
        return False
    if c.atype[0] == "person":
        return _odd_person(c, a, sub)
    if c.atype[0] == "country":
        return _off_continent(c, sub)
    return False


def _entity(a: Analysis, name: str) -> Entity | None:
    found = a.entities.get(name) or next((e for e in a.entities.values() if name in e.forms), None)
    return found or next((e for e in a.entities.values() if e.type == "person" and e.surname == name), None)


def _odd_person(c: Candidate, a: Analysis, sub: str) -> bool:
    original = a.entities.get(c.key)
    if original is None:
        return False
    statement = c.prompt
    surname = original.surname or original.key.split()[-1]
    if fold(surname) not in fold(sub) and re.search(rf"\b{re.escape(surname)}\b", statement):
        return True  # 'earned by Wanyoike, and was Weir's fourth gold': the sentence still names the one swapped out
    other = _entity(a, sub)
    if other is None or other.type != "person":
        return False
    mine, theirs = original.role_class, other.role_class
    # A politician in an actor's or athlete's place (or the other way round) is a swap nobody believes.
    return mine != theirs and "politics" in (mine, theirs)


def _off_continent(c: Candidate, sub: str) -> bool:
    evidence = " ".join(c.evidence)
    named = _CONTINENT.search(evidence)
    if not named:
        return False
    regions = gazetteer().regions
    inside = _CONTINENTS[named.group()]
    # 'the European Championships in Finland' made 'in Iran': false, but for a reason the sentence itself gives.
    return regions.get(c.answer_text) in inside and regions.get(sub, "") not in inside
