"""Text normalisation shared by the checker and the grader."""

from __future__ import annotations

import re
import unicodedata

from quiz.core.inert import compiled, inert

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)
_SPACE = compiled(r"\s+")


def loose(text: str) -> str:
    """Straighten curly quotes and fold runs of whitespace: how evidence is matched."""
    return _SPACE().sub(" ", text.translate(_QUOTES)).strip()


def contains_quote(article_text: str, quote: str) -> bool:
    """Is `quote` in the article, ignoring whitespace and straight/curly quote differences?"""
    return loose(quote) in loose(article_text)


# Letters whose mark is part of the glyph, so Unicode decomposition leaves them whole.
_LETTERS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t", "æ": "ae", "œ": "oe", "þ": "th"}
)
_ARTICLES = compiled(r"^(the|a|an)\s+")
_NON_WORD = compiled(r"[^\w\s]")


def fold(text: str) -> str:
    """The comparable form of a typed answer.

    NFKC, case folded, diacritics and punctuation dropped, a leading the/a/an dropped,
    whitespace collapsed.
    """
    if text.isascii():  # the common case, and the steps below change nothing in ASCII but case
        text = text.lower()
    else:
        # Case folding first: it can itself produce combining marks (e.g. U+0390), dropped next.
        text = unicodedata.normalize("NFKC", text).casefold()
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = text.translate(_LETTERS).translate(_QUOTES)
    text = _NON_WORD().sub(" ", text.replace("'", ""))
    text = _SPACE().sub(" ", text).strip()
    return _ARTICLES().sub("", text)


_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
_NUMBER_PATTERN = (
    r"(?<![\w.])(?P<num>\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<mult>k|thousand|millions?|mn|m|billion|bn|b)\b)?"
)
_NUMBER = compiled(_NUMBER_PATTERN, re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """Read one number written the way people write it: 250,000 / 250 000 / 250k / 24 million / -3.

    Returns None when `text` is not exactly one number (a unit word after it is allowed).
    """
    text = unicodedata.normalize("NFKC", text).strip()
    sign = -1.0 if text.startswith(("-", "\u2212")) else 1.0
    if text.startswith(("-", "\u2212", "+")):
        text = text[1:]
    match = _NUMBER().match(text)
    if not match:
        return None
    rest = text[match.end() :].strip()
    if rest and not re.fullmatch(r"[^\d]*", rest):
        return None
    return sign * _value(match)


def numbers_in(text: str) -> list[float]:
    """Every number written in `text`, with its multiplier word applied."""
    return [_value(m) for m in _NUMBER().finditer(loose(text))]


def _value(match: re.Match[str]) -> float:
    digits = re.sub(r"[ ,\u00a0\u202f]", "", match.group("num"))
    value = float(digits)
    mult = match.group("mult")
    if mult:
        value *= _MULTIPLIERS[mult.lower()]
    return value


def visible(text: str) -> str:
    """Control and invisible format characters spelled out ('\\x1b', '\\u202e'), lines kept: see quiz.core.inert."""
    return inert(text, keep_lines=True)


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters, with an ellipsis where it was cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def clock(ms: float) -> str:
    """A duration in milliseconds as minutes:seconds, e.g. 92_000 -> '1:32'."""
    seconds = int(ms // 1000)
    return f"{seconds // 60}:{seconds % 60:02d}"


# --------------------------------------------------------------------------- dates

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_DAYS_IN = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTH = r"(?P<month>[a-z]+)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_WORD_DATES = (
    compiled(rf"^{_MONTH}\s+(?:the\s+)?{_DAY}$"),  # October 8, Oct. 8th, October the 8th
    compiled(rf"^(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}$"),  # 8 October, 8th of October
)
_SLASH_DATE = compiled(r"^(?P<a>\d{1,2})\s*/\s*(?P<b>\d{1,2})$")


def month_named(word: str) -> int | None:
    """1-12 for a month's name or its usual abbreviation ("Oct", "Sept"), else None."""
    return MONTHS.get(word.strip().rstrip(".").casefold())


def parse_date(text: str) -> tuple[int, int] | None:
    """(month, day) of a date written in words: "October 8", "8 October", "Oct 8", "8th of October"."""
    text = _SPACE().sub(" ", text.strip().casefold().replace(",", " ")).strip()
    for pattern in _WORD_DATES:
        match = pattern().match(text)
        if match and (month := month_named(match["month"])) and 1 <= int(match["day"]) <= _DAYS_IN[month]:
            return month, int(match["day"])
    return None


def slash_date_readings(text: str) -> set[tuple[int, int]]:
    """Every (month, day) that "8/10" or "19/12" can mean, day first or month first; empty if not that form."""
    match = _SLASH_DATE().match(text.strip())
    if not match:
        return set()
    a, b = int(match["a"]), int(match["b"])
    readings = {(b, a), (a, b)}  # day/month, month/day
    return {(m, d) for m, d in readings if 1 <= m <= 12 and 1 <= d <= _DAYS_IN[m]}


# --------------------------------------------------------------------------- bounds and approximations

BOUND_WORDS = {
    "more": ("more than", "over", "above", "at least", "upwards of", "in excess of", "greater than"),
    "less": ("less than", "fewer than", "under", "below", "at most", "up to"),
    "about": (
        "about",
        "around",
        "approximately",
        "roughly",
        "nearly",
        "almost",
        "some",
        "close to",
        "circa",
        "approx.",
        "approx",
        "~",
    ),
}
"""How a figure is qualified, by its sense: a lower bound, an upper bound, or an approximation."""

_SENSE_OF = {w: sense for sense, words in BOUND_WORDS.items() for w in words}
_QUALIFIER = "|".join(re.escape(w) for w in sorted(_SENSE_OF, key=len, reverse=True))
_QUALIFIED = compiled(rf"^(?P<word>{_QUALIFIER})(?![a-z])\s*(?P<rest>\S.*)$", re.IGNORECASE)
_PLUS = compiled(r"^(?P<rest>.*\d)\s*\+$")


def qualified(text: str) -> tuple[str, str] | None:
    """(sense, the figure's text) for "more than 50", "over 50", "about 35,000" or "50+"; None otherwise."""
    text = loose(text)
    if match := _QUALIFIED().match(text):
        return _SENSE_OF[match["word"].casefold()], match["rest"]
    if match := _PLUS().match(text):
        return "more", match["rest"]
    return None


def qualified_numbers(text: str) -> list[tuple[str, float]]:
    """(sense, value) for each figure `text` qualifies: "killing over 50 people" gives ("more", 50.0)."""
    pattern = re.compile(rf"(?<![\w])(?P<word>{_QUALIFIER})\s+(?={_NUMBER_PATTERN})", re.IGNORECASE)
    text = loose(text)
    out = []
    for match in pattern.finditer(text):
        number = _NUMBER().match(text, match.end())
        if number:
            out.append((_SENSE_OF[match["word"].casefold()], _value(number)))
    return out
