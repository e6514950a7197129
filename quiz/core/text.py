"""Text normalisation shared by the checker and the grader."""

from __future__ import annotations

import re
import unicodedata

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
_SPACE = re.compile(r"\s+")


def loose(text: str) -> str:
    """Straighten curly quotes and fold runs of whitespace: how evidence is matched."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def contains_quote(article_text: str, quote: str) -> bool:
    """Is `quote` in the article, ignoring whitespace and straight/curly quote differences?"""
    return loose(quote) in loose(article_text)


# Letters whose mark is part of the glyph, so Unicode decomposition leaves them whole.
_LETTERS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t", "æ": "ae", "œ": "oe", "þ": "th"}
)
_ARTICLES = re.compile(r"^(the|a|an)\s+")
_NON_WORD = re.compile(r"[^\w\s]")


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
    text = _NON_WORD.sub(" ", text.replace("'", ""))
    text = _SPACE.sub(" ", text).strip()
    return _ARTICLES.sub("", text)


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
_NUMBER = re.compile(
    r"(?<![\w.])(?P<num>\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<mult>k|thousand|millions?|mn|m|billion|bn|b)\b)?",
    re.IGNORECASE,
)


def parse_number(text: str) -> float | None:
    """Read one number written the way people write it: 250,000 / 250 000 / 250k / 24 million / -3.

    Returns None when `text` is not exactly one number (a unit word after it is allowed).
    """
    text = unicodedata.normalize("NFKC", text).strip()
    sign = -1.0 if text.startswith(("-", "\u2212")) else 1.0
    if text.startswith(("-", "\u2212", "+")):
        text = text[1:]
    match = _NUMBER.match(text)
    if not match:
        return None
    rest = text[match.end() :].strip()
    if rest and not re.fullmatch(r"[^\d]*", rest):
        return None
    return sign * _value(match)


def numbers_in(text: str) -> list[float]:
    """Every number written in `text`, with its multiplier word applied."""
    return [_value(m) for m in _NUMBER.finditer(loose(text))]


def _value(match: re.Match[str]) -> float:
    digits = re.sub(r"[ ,\u00a0\u202f]", "", match.group("num"))
    value = float(digits)
    mult = match.group("mult")
    if mult:
        value *= _MULTIPLIERS[mult.lower()]
    return value


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Control characters (ESC and friends) spelled out, e.g. '\\x1b', so a terminal never obeys them."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters, with an ellipsis where it was cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def clock(ms: float) -> str:
    """A duration in milliseconds as minutes:seconds, e.g. 92_000 -> '1:32'."""
    seconds = int(ms // 1000)
    return f"{seconds // 60}:{seconds % 60:02d}"
