"""Questions on where a named event is held: 'the 2010 Goalball World Championships in Sheffield' ->
'In which city were the 2010 Goalball World Championships held?'.

A template group of the candidate Builder (candidates.py), which supplies `a`, `pools`, `options`,
`leaks` and `alternatives`. The event must be named (a year or two capitalised words before its head
word), the place a typed mention of the article, and at least one option must come from the article:
a far-off city beside a famous event's host gives the answer away (Agents.named_answer).
"""

from __future__ import annotations

import re

from quiz.derive.candidate import Candidate
from quiz.derive.mentions import FUNCTION_CAPS, Mention
from quiz.derive.sentences import Sentence

_PLURAL = ("Games", "Olympics", "Paralympics", "Championships", "Awards", "Finals")
_SINGULAR = ("World Cup", "Cup", "Summit", "Conference", "Festival", "Expo", "Marathon", "Congress", "Forum",
             "Tournament", "Grand Prix", "Olympiad", "Championship", "Exhibition", "Final")  # fmt: skip
_EVENT = re.compile(
    r"\b(?P<the>the )?(?P<event>(?:(?:19|20)\d\d )?(?:[A-Z][\w'-]+ ){0,5}(?:" + "|".join(_PLURAL + _SINGULAR) + r"))"
    r"(?P<held>(?: to be| being| was| were| will be| is| are)? held)? in (?:the )?"
)
_CITY_COUNTRY = re.compile(r"([A-Z][a-z]+(?: [A-Z][a-z]+)?), [A-Z]")
_FAMOUS = re.compile(r"\b(?:Olympics|Paralympics|Olympic Games|Paralympic Games|World Cup|Commonwealth Games)$")
_FUTURE = re.compile(r"\b(?:will|would|to be held|scheduled|upcoming|next)\b")
_WH = {"city": "city", "country": "country", "region": "region"}


class Venues:
    """The event-venue template."""

    def venue(self, s: Sentence) -> list[Candidate]:
        """'In which city were the 2010 Goalball World Championships held?'."""
        out: list[Candidate] = []
        text = s.text
        for m in _EVENT.finditer(text):
            event = m.group("event")
            words = event.split()
            if words[0] in FUNCTION_CAPS or not (re.match(r"\d{4} ", event) or len(words) >= 3):
                continue  # 'the Games in London', 'At Olympics in ...': not named enough to stand alone
            place = self._place_at(s, m.end())
            if place is None or place.type not in ("place", "country") or _cut(text, place):
                continue
            kind = "country" if place.type == "country" else place.subtype
            if kind not in _WH or place.key in self.dominant:
                continue
            seen = self.a.entities.get(place.key)
            if _FAMOUS.search(event) and (seen is None or len(seen.sentences) < 2):
                continue  # Rio for the 2016 Paralympics, named once in passing: known without reading
            plural = event.endswith(_PLURAL)
            the = "the "  # 'IBSA European Goalball Championships' read as a title still takes 'the'
            if _FUTURE.search(text[: m.start()] + (m.group("held") or "")):
                prompt = f"In which {_WH[kind]} will {the}{event} be held?"
            else:
                prompt = f"In which {_WH[kind]} {'were' if plural else 'was'} {the}{event} held?"
            if self.leaks(prompt, place.key, place.text):
                continue
            said = f"The article places {the}{event} in {place.text}."
            out.extend(self.named_answer(s, place, "venue", prompt, said))
        return out

    def _place_at(self, s: Sentence, at: int) -> Mention | None:
        """The place named at `at`: a typed mention, or a city the reader missed, known by the country after
        it ('in Sheffield, England')."""
        found = next((x for x in self.a.mentions[s.index] if x.start == at), None)
        if found is not None:
            return found
        run = _CITY_COUNTRY.match(s.text, at)
        if run is None or run.group(1).split()[0] in FUNCTION_CAPS:
            return None
        after = at + len(run.group(1)) + 2
        if not any(x.start == after and x.type == "country" for x in self.a.mentions[s.index]):
            return None
        name = run.group(1)
        return Mention(s.index, at, at + len(name), name, "place", "city", name)


def _cut(text: str, place: Mention) -> bool:
    """Is the place only the start of a longer name ('in New South Wales Parliament')?"""
    return bool(re.match(r"^ [A-Z]", text[place.end :]))
