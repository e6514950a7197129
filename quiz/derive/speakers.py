"""Who in an article could have said something: people shown speaking or in a post, never the dead."""

from __future__ import annotations

import re
from functools import lru_cache

from quiz.derive.mentions import SPEECH_VERBS, Analysis, Entity

_SPEECH = "|".join(sorted(SPEECH_VERBS))
# 'Ma Zhaoxu, a spokesman, said', 'said Ma', 'according to Ma': the person speaks.
_SPEAKS_AFTER = re.compile(rf"^(?:,[^,.\"]{{1,60}},)? (?:has |had |also |later |then )?(?:{_SPEECH})\b")
_SPEAKS_BEFORE = re.compile(rf"\b(?:{_SPEECH}|according to)\s+(?:[\w'-]+\s+){{0,4}}$", re.I)
# 'Chen Wei, 34, was killed', 'Lin and Chen died': the person is dead (the clause runs to the verb).
_DEAD_AFTER = re.compile(
    r"^(?:,[^,.\"]{1,60},|,| and (?:[A-Z][\w'-]+ ?){1,3})? (?:was |were |had been |has been |have been |is |are )?"
    r"(?:\w+ )?(?:killed|died|murdered|slain|executed|dead)\b"
)
# 'killed pilot Chen Wei', 'the death of Chen', 'the late Chen'; 'the two killed were Chen of Xian and Lin'.
_DEAD_BEFORE = re.compile(
    r"(?:\b(?:killed|killing|deaths? of|murder of|funeral of|bod(?:y|ies) of|the late|mourned)(?:\s+[\w'-]+){0,3}"
    r"|\b(?:dead|killed|victims?|deceased) (?:were|was|are|is|included?|(?:named|identified) as)\b[^.;:\"]{0,120})"
    r"\s+$",
    re.I,
)


def voices(a: Analysis) -> tuple[frozenset[str], frozenset[str]]:
    """(people shown speaking or holding a post, people the article says died) by entity key."""
    speaks: set[str] = set()
    dead: set[str] = set()
    mourning = {i for i, s in enumerate(a.sentences) if _DEATH_WORD.search(s.text)}
    for e in a.of_type("person"):
        for i, before, after in _contexts(e, a):
            if _SPEAKS_AFTER.match(after) or _SPEAKS_BEFORE.search(before[-60:]):
                speaks.add(e.key)
            elif i in mourning and (_DEAD_AFTER.match(after) or _DEAD_BEFORE.search(before)):
                dead.add(e.key)
    dead -= speaks  # quoted before the end ('he said last week'): the article shows the voice
    posts = {e.key for e in a.of_type("person") if e.roles}
    return frozenset(speaks | posts - dead), frozenset(dead)


_DEATH_WORD = re.compile(
    r"\b(?:kill|died|dead|death|murder|slain|executed|funeral|bod(?:y|ies)|the late|mourn|victim|deceased)"
)


def _contexts(e: Entity, a: Analysis) -> list[tuple[int, str, str]]:
    """The text before and after each place the article names the person (the longest form first)."""
    forms = sorted(set(e.forms) | {e.key}, key=len, reverse=True)
    out = []
    for i in dict.fromkeys(e.sentences):
        text = a.sentences[i].text
        taken: list[int] = []
        for f in forms:
            at = text.find(f)
            while at >= 0:
                end = at + len(f)
                whole = not _wordish(text[at - 1 : at]) and not _wordish(text[end : end + 1])
                if whole and not any(s <= at < t for s, t in zip(taken[::2], taken[1::2], strict=True)):
                    taken += [at, end]
                    out.append((i, text[:at][-160:], text[end:][:100]))
                at = text.find(f, end)
    return out


def _wordish(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or ch in "-_")


_ASKS_SPEAKER = re.compile(rf"^Who (?:\w+ )?(?:{_SPEECH})\b|___(?:,[^,]{{1,60}},)? (?:{_SPEECH})\b|\b(?:{_SPEECH}) ___")


@lru_cache(maxsize=2048)
def asks_a_speaker(prompt: str) -> bool:
    """Is the person asked for the one who spoke ('Who said ...?', '___ told reporters', 'said ___')?"""
    if not prompt.startswith("Who ") and "___" not in prompt:
        return False  # most prompts: no regular expression to run
    return bool(_ASKS_SPEAKER.search(prompt))
