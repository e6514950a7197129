"""Dates, figures, sums of money and quotations in a sentence, each as a typed mention."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.derive.measures import measures
from quiz.derive.mentions import _MONTH_ABBR, _NUMBER_WORDS, FUNCTION_CAPS, MONTHS, WEEKDAYS, Mention

# --------------------------------------------------------------------------- dates

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"  # fmt: skip
_DATE = re.compile(
    rf"\b(?P<md>{_MONTH} (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:, (?P<y1>\d{{4}}))?)(?!\d)"
    rf"|\b(?P<dm>(?P<d2>\d{{1,2}}) {_MONTH}(?: (?P<y2>\d{{4}}))?)\b"
    rf"|\b(?P<my>{_MONTH} (?P<y3>(?:19|20)\d\d))\b"
    r"|\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?:in|since|by|until|of|from|In|Since|By|Until) (?P<y4>(?:19|20)\d\d)\b(?![-\u2013/]\d| and \d)"
)


def _month_number(word: str) -> int:
    word = word.rstrip(".")
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return _MONTH_ABBR.get(word, 0)


def dates(sentence: int, text: str) -> list[Mention]:
    out = []
    for m in _DATE.finditer(text):
        if m.group("md"):
            sub = "month-day-year" if m.group("y1") else "month-day"
            month = _month_number(m.group("md").split(" ")[0])
            value = (int(m.group("y1") or 0)) * 10000 + month * 100 + int(m.group("d1"))
        elif m.group("dm"):
            sub = "day-month-year" if m.group("y2") else "day-month"
            month = _month_number(m.group("dm").split(" ")[1])
            value = (int(m.group("y2") or 0)) * 10000 + month * 100 + int(m.group("d2"))
        elif m.group("my"):
            sub = "month-year"
            value = int(m.group("y3")) * 10000 + _month_number(m.group("my").split(" ")[0]) * 100
        elif m.group("wd"):
            sub = "weekday"
            value = WEEKDAYS.index(m.group("wd"))
        else:
            sub = "year"
            value = int(m.group("y4")) * 10000
            out.append(
                Mention(sentence, m.start("y4"), m.end(), m.group("y4"), "date", sub, m.group("y4"), value=value)
            )
            continue
        out.append(Mention(sentence, m.start(), m.end(), m.group(), "date", sub, m.group(), value=value))
    return out


# --------------------------------------------------------------------------- numbers

# Never a part of a time, score or ratio ('17:30', '3–1', '2/3'): a swap there garbles it.
_NUM = re.compile(
    r"(?<![\w.,/:$€£\u2013-])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?: (?P<scale>million|billion|trillion|thousand))?(?P<pct>%| percent| per cent)?(?![\w/:\u2013-]|[.,]\d)"
)
_AFTER_DATE = re.compile(_MONTH + r" \d{1,2}(?:st|nd|rd|th)?,? ?(?:and|or|to|-|\u2013) ?$")
# Never the tail of 'twenty-five': a blank there would leave 'twenty-___'.
_SPELLED = re.compile(r"(?<!-)\b(?P<word>" + "|".join(_NUMBER_WORDS) + r")\b(?!-)")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_MONEY = re.compile(
    r"(?<![\w.])(?P<cur>[£$€])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?P<scale>bn|m|k| billion| million| thousand| trillion)?(?![\w%])(?!\.\d)"
    r"|(?<![\w.£$€])(?P<pnum>\d+(?:\.\d+)?)p\b"
)
_PENCE = re.compile(r"\dp\b")
CURRENCY = {"£": "pounds", "$": "dollars", "€": "euros", "p": "pence"}
_MONEY_SCALE = {"bn": 1e9, "m": 1e6, "k": 1e3, "billion": 1e9, "million": 1e6, "thousand": 1e3, "trillion": 1e12}


def money(sentence: int, text: str) -> list[Mention]:
    """Sums of money as news writes them: '£612m', '$1.1bn', '£12.60', '4.1p' (subtype 'money:pounds')."""
    out: list[Mention] = []
    if not ("£" in text or "$" in text or "€" in text or _PENCE.search(text)):
        return out  # most sentences name no sum: skip the slower full pattern
    for m in _MONEY.finditer(text):
        if m.group("pnum"):
            value, unit = float(m.group("pnum")), "pence"
        else:
            value = float(m.group("num").replace(",", ""))
            scale = (m.group("scale") or "").strip()
            value *= _MONEY_SCALE.get(scale, 1.0)
            unit = CURRENCY[m.group("cur")]
        out.append(Mention(sentence, m.start(), m.end(), m.group(), "number", f"money:{unit}", m.group(), value=value))
    return out


def numbers(sentence: int, text: str) -> list[Mention]:
    """Digit quantities (not years, identifiers like 'Chapter 7' or 'Su-34', or ranks like 'No. 1')."""
    out = []
    for m in _NUM.finditer(text):
        digits = m.group("num")
        before = text[: m.start()].rstrip(" ")
        prev_word = before.rsplit(" ", 1)[-1].lstrip("\"'(") if before else ""
        if prev_word[:1].isupper() and prev_word not in FUNCTION_CAPS:
            continue  # 'Chapter 7', 'Geneva 2', 'No. 1', and the day of 'October 29'
        if prev_word in ("No.", "no.", "#", "resolution", "article", "paragraph", "page", "flight", "route"):
            continue
        if _AFTER_DATE.search(before + " "):
            continue  # 'October 29 and 30'
        if re.fullmatch(r"(1[89]|20)\d\d", digits) and not m.group("scale"):
            continue  # a year
        if text[m.end() : m.end() + 1] == ":" or (prev_word[-1:].isdigit() if prev_word else False):
            continue
        value = float(digits.replace(",", ""))
        if m.group("scale"):
            value *= _SCALE[m.group("scale")]
        sub = "percent" if m.group("pct") else "count"
        if before.endswith(("$", "€", "£")):
            continue
        out.append(Mention(sentence, m.start(), m.end(), m.group(), "number", sub, m.group(), value=value))
    for m in _SPELLED.finditer(text):
        out.append(
            Mention(
                sentence,
                m.start(),
                m.end(),
                m.group(),
                "numword",
                "numword",
                m.group(),
                value=_NUMBER_WORDS[m.group("word")],
            )  # fmt: skip
        )
    out.extend(measures(sentence, text))
    return out


def unit_after(text: str, end: int) -> str:
    """The counted noun right after a number: '250,000 people' -> 'people', 'Americans'; never 'Illinois'."""
    m = re.match(r" (?:more |other |new |extra |additional )?([a-z]+s|people|children|men|women|staff|police|"
                 r"personnel|[A-Z][a-z]+(?:an|er|on|ist|ite)s)\b", text[end:])  # fmt: skip
    if not m:
        return ""
    word = m.group(1)
    if word in ("is", "was", "has", "as", "its", "this", "thus", "his", "us", "yes", "less", "across", "unless"):
        return ""
    return word


# Words that may stand between a number word and what it counts: 'nine Italian Serie A titles',
# 'fifteen senior Kenyan officials', 'four gold medals'. Never a verb or a function word ('five of the'), nor
# 'straight' ('six straight goals' is a run of play).
_BETWEEN = (
    r"(?:[A-Z][\w'-]+|[A-Z]|[a-z]+(?:al|an|ic|ive|ior|ern|ish|ese|ed)|senior|junior|major|minor|new|old|gold|"
    r"silver|bronze|distinct|different|separate|working|living|remaining|"
    r"unmarried|young|main|top|full|home|away)"
)
_COUNTED = re.compile(rf" (?:{_BETWEEN} ){{1,3}}([a-z]{{3,}}s|people|crew|staff|children)\b(?! (?:of|to)\b)")


def counted_noun(text: str, end: int) -> str:
    """What a number word counts, with up to three words between: 'nine Italian Serie A titles' -> 'titles'."""
    found = unit_after(text, end)
    if found:
        return found
    m = _COUNTED.match(text, end)
    if not m or m.group(1) in ("is", "was", "has", "its", "this", "thus", "his", "less", "across", "unless"):
        return ""
    return m.group(1)


# --------------------------------------------------------------------------- quotations

_QUOTE = re.compile(r'"([^"]{2,})"')


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    """The words inside the quotation marks."""


def quotes(text: str) -> list[Quote]:
    return [Quote(m.start(), m.end(), m.group(1)) for m in _QUOTE.finditer(text)]
