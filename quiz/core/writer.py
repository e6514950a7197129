"""Write decks back as TOML in the bank format (for derive, import and draft review)."""

from __future__ import annotations

import math
import re
from json.encoder import encode_basestring  # type: ignore[attr-defined]

from quiz.core.model import Article, Deck, Question

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escaping (json.dumps without its set-up), plus DEL, which TOML wants escaped too."""
    return encode_basestring(text).replace("\x7f", "\\u007f")


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("numbers in a deck must be finite")
        return str(int(value)) if value == int(value) and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else toml_string(key)


def dump_question(q: Question, single_article: str = "") -> str:
    """One `[[questions]]` table; evidence leaves out `article` when the deck has just that one."""
    fields: list[tuple[str, object]] = [("id", q.id), ("kind", q.kind.value)]
    if q.status != "active":
        fields.append(("status", q.status))
    fields += [("prompt", q.prompt), ("answer", q.answer)]
    if q.alternatives:
        fields.append(("alternatives", list(q.alternatives)))
    if q.distractors:
        fields.append(("distractors", list(q.distractors)))
    if q.kind.value == "number":
        if q.tolerance:
            fields.append(("tolerance", q.tolerance))
        if q.unit:
            fields.append(("unit", q.unit))
    if q.evidence:
        evidence = [
            {"quote": e.quote} if e.article == single_article else {"article": e.article, "quote": e.quote}
            for e in q.evidence
        ]
        fields.append(("evidence", evidence))
    fields += [("explanation", q.explanation), ("tags", list(q.tags)), ("difficulty", q.difficulty)]
    return "[[questions]]\n" + "".join(f"{k} = {_value(v)}\n" for k, v in fields)


def dump_deck(deck: Deck, header: str = "") -> str:
    """The whole deck file: an optional comment header, [deck], then every question."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    if lines:
        lines.append("")
    lines.append("[deck]")
    lines.append(f"id = {_value(deck.id)}")
    lines.append(f"title = {_value(deck.title)}")
    if deck.description:
        lines.append(f"description = {_value(deck.description)}")
    if deck.articles:
        lines.append(f"articles = {_value(list(deck.articles))}")
    if deck.origin != "written":
        lines.append(f"origin = {_value(deck.origin)}")
    single = deck.articles[0] if len(deck.articles) == 1 else ""
    body = "\n".join(dump_question(q, single) for q in deck.questions)
    return "\n".join(lines) + "\n\n" + body


def dump_articles(articles: list[Article]) -> str:
    """An `articles.toml` catalogue; `file` is the article's file name inside the seeds folder."""
    out = []
    for a in articles:
        entry = [("id", a.id), ("file", a.path.name), ("title", a.title), ("summary", a.summary)]
        entry += [(k, v) for k, v in (("place", a.place), ("date", a.date), ("outlet", a.outlet)) if v]
        out.append("[[articles]]\n" + "".join(f"{k} = {_value(v)}\n" for k, v in entry))
    return "\n".join(out)
