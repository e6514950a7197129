"""Country names and demonyms that grade as the same answer, read from the table shipped beside this file."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from quiz.core.text import fold

TABLE = Path(__file__).with_name("places.toml")


def country_of(text: str) -> str | None:
    """The usual name of the country `text` names or describes ("British" -> "United Kingdom"), or None."""
    return _places().get(fold(text))


def same_place(a: str, b: str) -> str | None:
    """The usual name of the country both texts name (e.g. "British" and "UK"), or None."""
    first = country_of(a)
    return first if first is not None and first == country_of(b) else None


@cache
def _places() -> dict[str, str]:
    """Folded name or demonym -> the country's first name."""
    import tomli  # imported here: only a typed answer that misses needs the table

    table = tomli.loads(TABLE.read_text(encoding="utf-8"))
    return {
        fold(word): entry["names"][0]
        for entry in table.get("country", [])
        for word in (*entry.get("names", ()), *entry.get("demonyms", ()))
    }
