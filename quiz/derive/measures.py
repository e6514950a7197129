"""Figures news writes joined to their unit or as a rank: 'the 35-year-old', 'a 17-metre fairing', 'the 34th launch'.

The plain digit scan (figures.numbers) skips a figure glued to a hyphen or a suffix, since a swap there
often garbles a name or a score; these two forms are safe to ask and carry the story's measured facts.
"""

from __future__ import annotations

import re

from quiz.derive.mentions import _NUMBER_WORDS, Mention

# The units a hyphened figure is read with, each as the answer's unit is written (plural).
_UNITS = {
    "year": "years", "month": "months", "week": "weeks", "day": "days", "hour": "hours", "minute": "minutes",
    "metre": "metres", "meter": "meters", "kilometre": "kilometres", "kilometer": "kilometers", "km": "km",
    "mile": "miles", "foot": "feet", "tonne": "tonnes", "page": "pages", "storey": "storeys", "seat": "seats",
    "member": "members", "nation": "nations", "team": "teams", "bed": "beds", "mph": "mph",
}  # fmt: skip
_HYPHENED = re.compile(
    r"(?<![\w.,/:$€£\u2013-])(?P<num>\d{1,4}(?:\.\d+)?)-(?P<unit>" + "|".join(_UNITS) + r")(?P<old>-old)?\b(?!-\w)"
)
# The same written as a word: 'a ten-year plan', 'a twelve-minute period', 'the nine-month-old child'.
_WORD_HYPHENED = re.compile(
    r"(?<![\w-])(?P<word>" + "|".join(w for w in _NUMBER_WORDS if w not in ("dozen", "hundred")) + r")"
    r"-(?:" + "|".join(_UNITS) + r")(?:-old)?\b(?!-\w)"
)
# What a rank counts that a reader keeps in mind: the 34th launch, the 50th anniversary, the 126th emperor.
# Not a minute of a match (play-by-play), a century (general knowledge) or a ward (a name).
_RANKED = (
    r"launch|mission|flight|spacewalk|anniversary|emperor|president|edition|season|title|victory|win|birthday|"
    r"championship|term|album|consecutive|straight|successive|place|attempt|time"
)
_ORDINAL = re.compile(r"(?<![\w.,/:\u2013-])(?P<num>\d{1,3})(?P<suf>st|nd|rd|th) (?=(?:" + _RANKED + r")\b)")


def measures(sentence: int, text: str) -> list[Mention]:
    """Hyphened measures ('35-year-old': subtype 'age', '17-metre': 'measure:metres'; 'ten-year': a number word)
    and ranks ('34th': 'ordinal')."""
    out: list[Mention] = []
    if "-" in text:
        for m in _WORD_HYPHENED.finditer(text):
            word = m.group("word")
            out.append(Mention(sentence, m.start(), m.end("word"), word, "numword", "numword", word,
                               value=_NUMBER_WORDS[word]))  # fmt: skip
        for m in _HYPHENED.finditer(text):
            unit = _UNITS[m.group("unit")]
            sub = "age" if m.group("old") and unit == "years" else f"measure:{unit}"
            if m.group("old") and sub != "age":
                continue  # 'a six-week-old baby' is rare, and 'week-old' reads oddly as a unit
            num = m.group("num")
            out.append(Mention(sentence, m.start(), m.end("num"), num, "number", sub, num, value=float(num)))
    for m in _ORDINAL.finditer(text):
        if _suffix_of(int(m.group("num"))) != m.group("suf"):
            continue  # '11st' is no ordinal: a typo or a code
        rank, value = text[m.start() : m.end("suf")], float(m.group("num"))
        out.append(Mention(sentence, m.start(), m.end("suf"), rank, "number", "ordinal", rank, value=value))
    return out


def unit_of(m: Mention) -> str:
    """The unit a measure's answer is given in ('years' for an age), '' for other figures."""
    if m.subtype == "age":
        return "years"
    return m.subtype.split(":", 1)[1] if m.subtype.startswith("measure:") else ""


def _suffix_of(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def ordinal(value: float) -> str:
    """34 -> '34th': the options of a rank written as the rank is."""
    n = int(round(value))
    return f"{n}{_suffix_of(n)}"


# The same measure in another unit, in brackets after the asked one: '___ miles (800 km)', '___°C (7232°F)'.
_CONVERSION = re.compile(
    r"(?<=___)(?P<unit>\s?[^\s()]{0,12}(?: [a-z]+){0,2}) \((?:about |approximately |roughly |around |some )?"
    r"[\d.,]+ ?(?:°[CF]|km|kilometres|kilometers|miles|mi|feet|ft|foot|metres|meters|m|kg|lb|pounds|tonnes|tons|"
    r"acres|hectares|mph|km/h|inches|in|cm|square (?:miles|kilometres|kilometers|km))\)"
)


def without_conversion(shown: str) -> str:
    """The prompt without the bracketed other unit that gives the blank away: '___ miles (800 km)' -> '___ miles'."""
    return _CONVERSION.sub(lambda m: m.group("unit"), shown, count=1)
