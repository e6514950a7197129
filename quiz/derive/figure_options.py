"""Wrong options for figures: numbers, number words and dates, on the answer's own scale, unit and format.

A number's options keep its unit and its order of magnitude, and stay inside what the unit allows
in the world ('eleven wickets' cannot be: an innings has ten).
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterable

from quiz.core.model import format_number
from quiz.derive.figures import _month_number
from quiz.derive.mentions import _NUMBER_WORDS, MONTHS, WEEKDAYS, Mention, fold

# The most a count of these can be (a cricket side has ten wickets, a tennis match five sets).
UNIT_MAX = {"wickets": 10.0, "sets": 5.0, "holes": 18.0, "quarters": 4.0, "halves": 2.0, "stars": 5.0}


# The part of a larger unit: 'two hours and ___ minutes' is under 60.
_PART_OF = {"minutes": ("hours", 59.0), "seconds": ("minutes", 59.0), "months": ("years", 11.0)}


def ceiling_for(unit: str, before: str = "") -> float | None:
    """The largest value a count of `unit` can take after the words `before`, or None when any value can."""
    unit = unit.lower()
    larger, part_max = _PART_OF.get(unit, ("", 0.0))
    if larger and re.search(rf"\b{larger[:-1]}s? and $", before):
        return part_max + 0.5
    top = UNIT_MAX.get(unit)
    return None if top is None else top + 0.5


# --------------------------------------------------------------------------- numbers


def _significant(value: float) -> int:
    digits = f"{abs(value):.0f}".rstrip("0") if value == int(value) else f"{abs(value)}".replace(".", "")
    return max(1, len(digits.lstrip("0")))


def _round_to(value: float, sig: int) -> float:
    if value <= 0:
        return 0.0
    step = 10 ** (math.floor(math.log10(value)) - sig + 1)
    return round(value / step) * step


def number_options(
    value: float,
    rng: random.Random,
    *,
    k: int = 3,
    exclude: Iterable[float] = (),
    ceiling: float | None = None,
    alike: bool = False,
) -> list[float]:
    """Plausible wrong numbers around `value`: at least one below and one above, rounded like it.

    `ceiling` bounds them (a share of a vote is never 190%). `alike` (options shown beside the key)
    prefers numbers of the key's order of magnitude and less than double or half it: 163 -> 130,
    122, 204, not 98 or 489, which a reader rules out without the article.
    """
    banned = {value, *exclude}
    integral = value == int(value)
    if integral and value <= 12:
        pool_below = [value - d for d in (1, 2, 3) if value - d >= 1]
        pool_above = [value + d for d in (1, 2, 3, 4)]
    else:
        sig = _significant(value)
        below = [0.5, 0.6, 0.7, 0.75, 0.8]
        above = [1.25, 1.4, 1.5, 1.6, 2.0, 3.0]
        pool_below = [float(round(_round_to(value * f, sig))) for f in below]
        pool_above = [float(round(_round_to(value * f, sig))) for f in above]
        if not integral:
            places = len(f"{value}".split(".")[1])
            pool_below = [round(value * f, places) for f in below]
            pool_above = [round(value * f, places) for f in above]
    pool_below = [v for v in dict.fromkeys(pool_below) if v > 0 and v not in banned]
    pool_above = [v for v in dict.fromkeys(pool_above) if v not in banned and (ceiling is None or v < ceiling)]
    rng.shuffle(pool_below)
    rng.shuffle(pool_above)
    if alike:  # after the shuffles, so the draws (and every other draft of the article) stay as they were
        pool_below.sort(key=lambda v: -_far(v, value))
        pool_above.sort(key=lambda v: -_far(v, value))
    out: list[float] = []
    for pool in (pool_below, pool_above):
        if pool:
            out.append(pool.pop())
    rest = pool_below + pool_above
    rng.shuffle(rest)
    if alike:
        rest.sort(key=lambda v: _far(v, value))
    for v in rest:
        if len(out) >= k:
            break
        if v not in out:
            out.append(v)
    return sorted(out[:k])


def _far(option: float, value: float) -> int:
    """How far an option stands from the key: 0 alike, 1 another order of magnitude, 2 beyond double or half."""
    if option <= 0 or value <= 0:
        return 2
    if max(option / value, value / option) > 2.0:
        return 2
    return int(math.floor(math.log10(option)) != math.floor(math.log10(value)))


def format_like(value: float) -> str:
    """How the app shows a number answer (format_number), so options look alike."""
    return format_number(float(value))


# --------------------------------------------------------------------------- dates and number words


_WORD_OF = {v: w for w, v in _NUMBER_WORDS.items() if w not in ("dozen", "hundred")}


def numword_options(
    word: str, rng: random.Random, *, k: int = 3, exclude: Iterable[str] = (), unit: str = ""
) -> list[str]:
    """Number words near the answer's value, in its unit's range: 'nine' wickets -> eight, ten, seven."""
    low = word.lower()
    value = _NUMBER_WORDS.get(low)
    if value is None or low in ("dozen", "hundred"):
        return []  # 'a dozen', 'a hundred': another word there changes the grammar, not just the figure
    banned = {low, *(e.lower() for e in exclude)}
    top = ceiling_for(unit)
    steps = (-1, 1, 2, -2, 3) if value <= 12 else (-10, 10, -5, 5, 20)
    near = [_WORD_OF.get(value + d) for d in steps if value + d >= 2 and (top is None or value + d < top)]
    out = [w for w in near if w and w not in banned][:k]
    if word[:1].isupper():
        out = [w.capitalize() for w in out]
    return out


def date_options(m: Mention, rng: random.Random, *, k: int = 3, exclude: Iterable[str] = ()) -> list[str]:
    """Dates written like `m` (same format), none of them a date the article mentions."""
    banned = {fold(x) for x in exclude} | {fold(m.text)}
    text, sub = m.text, m.subtype
    out: list[str] = []

    def add(candidate: str) -> None:
        if fold(candidate) not in banned and candidate not in out:
            out.append(candidate)

    if sub == "weekday":
        days = [d for d in WEEKDAYS if d != text]
        rng.shuffle(days)
        for d in days:
            add(d)
    elif sub in ("month-day", "month-day-year", "day-month", "day-month-year"):
        parts = text.replace(",", "").split()
        if sub.startswith("month"):
            month_word, day = parts[0], int("".join(c for c in parts[1] if c.isdigit()))
        else:
            day, month_word = int(parts[0]), parts[1]
        year = parts[2] if len(parts) > 2 else ""
        month = _month_number(month_word)
        shifts = [-7, 7, -3, 3, -10, 10, 5, -5, 12, -12]
        rng.shuffle(shifts)
        for s in shifts:
            d = day + s
            if 1 <= d <= 28:
                add(_write_date(sub, month_word, d, year))
        for dm in (-1, 1):
            mm = (month - 1 + dm) % 12
            add(_write_date(sub, MONTHS[mm] if month_word in MONTHS else month_word, day, year))
    elif sub == "month-year":
        month_word, year = text.split()
        month = _month_number(month_word)
        for dm, dy in [(-2, 0), (2, 0), (0, -1), (0, 1), (-4, 0), (3, 0)]:
            mm, yy = month - 1 + dm, int(year) + dy
            yy += mm // 12
            add(f"{MONTHS[mm % 12]} {yy}")
        rng.shuffle(out)
    elif sub == "year":
        shifts = [-1, 1, -2, 2, -3, 3, 4, -4]
        rng.shuffle(shifts)
        for s in shifts:
            add(str(int(text) + s))
    rng.shuffle(out)
    return out[:k]


def _write_date(sub: str, month_word: str, day: int, year: str) -> str:
    if sub.startswith("month"):
        return f"{month_word} {day}, {year}" if year else f"{month_word} {day}"
    return f"{day} {month_word} {year}".strip()
