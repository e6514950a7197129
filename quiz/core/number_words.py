"""Numbers as words ('thirty', 'twenty-one', 'third') for 0 to 100: one place for derive and grading."""

from __future__ import annotations

import re

_UNIT_NAMES = """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen"""
_UNITS = _UNIT_NAMES.split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINAL_UNITS = {
    "first": "one", "second": "two", "third": "three", "fifth": "five", "eighth": "eight", "ninth": "nine",
    "twelfth": "twelve",
}  # fmt: skip
_PERCENT = re.compile(r"\s*(?:%|per\s?cent)$", re.I)


def spoken(n: int) -> str:
    """0..100 in words: 21 -> 'twenty-one'; '' outside that range."""
    if not 0 <= n <= 100:
        return ""
    if n == 100:
        return "one hundred"
    if n < 20:
        return _UNITS[n]
    tens = next(w for w, v in _TENS.items() if v == n - n % 10)
    return tens if n % 10 == 0 else f"{tens}-{_UNITS[n % 10]}"


_VALUES = {spoken(n): n for n in range(101)} | {"hundred": 100, "a hundred": 100, "dozen": 12, "a dozen": 12}


def _cardinal_of(word: str) -> str:
    """'third' -> 'three', 'twentieth' -> 'twenty', 'sixth' -> 'six' ('' for no ordinal word)."""
    if word in _ORDINAL_UNITS:
        return _ORDINAL_UNITS[word]
    if word.endswith("ieth"):
        return word[:-4] + "y"
    if word.endswith("th") and word[:-2] in _VALUES:
        return word[:-2]
    return ""


def word_value(text: str) -> tuple[int, bool] | None:
    """('thirty' -> (30, False)), ('twenty-third' -> (23, True)), None for anything but one number word."""
    low = re.sub(r"[\s-]+", "-", text.strip().lower())
    *head, last = low.split("-") if low else [""]
    cardinal = _cardinal_of(last)
    ordinal = bool(cardinal)
    words = " ".join(head + [cardinal or last])
    value = _VALUES.get(words.replace(" ", "-"), _VALUES.get(words))
    if value is None and head == ["a"]:
        value = _VALUES.get(f"a {cardinal or last}")
    return None if value is None else (value, ordinal)


def ordinal_suffix(n: int) -> str:
    """3 -> '3rd', 11 -> '11th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def other_forms(answer: str) -> list[str]:
    """The number written the other ways readers type it: 'thirty' -> '30', 'third' -> '3rd', '15%' -> '15 per cent'."""
    text = answer.strip()
    percent = _PERCENT.search(text)
    core = text[: percent.start()].strip() if percent else text
    signs = ("%", " per cent", " percent") if percent else ("",)
    out: list[str] = []
    found = word_value(core)
    if found:
        value, ordinal = found
        digits = [ordinal_suffix(value), str(value)] if ordinal else [str(value)]
        out += [d + s for d in digits for s in signs]
    elif m := re.fullmatch(r"(\d{1,3})(st|nd|rd|th)?", core):
        value = int(m.group(1))
        if word := spoken(value) if value <= 100 else "":
            out.append(_ordinal_word(word) if m.group(2) else word + signs[-1])
        if m.group(2):
            out.append(str(value))
    if percent and not found:
        out = [core + s for s in signs] + out  # '15%' first: the form most readers type
    return [x for x in dict.fromkeys(out) if x.lower() != text.lower()]


def _ordinal_word(word: str) -> str:
    """'three' -> 'third', 'twenty-one' -> 'twenty-first', 'twenty' -> 'twentieth'."""
    *head, last = word.split("-")
    inverse = {v: k for k, v in _ORDINAL_UNITS.items()}
    if last in inverse:
        end = inverse[last]
    elif last.endswith("y"):
        end = last[:-1] + "ieth"
    else:
        end = last + "th"
    return "-".join([*head, end])


def parse_number_word(text: str) -> float | None:
    """A number typed as a word, with or without 'per cent': 'thirty' -> 30, 'fifteen percent' -> 15."""
    found = word_value(_PERCENT.sub("", text.strip()))
    return float(found[0]) if found else None
