"""quiz's own JSON: a list of question objects with the same keys and types as the TOML bank format."""

from __future__ import annotations

import difflib
import json
import math
import re
from pathlib import Path
from typing import Any

from quiz.core.bank import QUESTION_KEYS
from quiz.core.model import Deck, Kind, Question
from quiz.core.problems import Problem
from quiz.formats import limits
from quiz.formats.common import DEFAULT_DIFFICULTY, FormatError, Reading, Writing, accept, imported

_SPACE = re.compile(r"[ \t\n\r]*")
NUMBER_DIGITS = 4300  # Python's limit on reading an integer (sys.get_int_max_str_digits)
_LONG_NUMBER = re.compile(rf"\d{{{NUMBER_DIGITS + 1},}}")


def read(text: str, source: Path, reading: Reading | None = None) -> Reading:
    """Every object in the file's top-level list; each bad one is reported with its line and left out."""
    reading = reading or Reading()
    try:
        items = _items(text, source)
    except json.JSONDecodeError as exc:
        reading.problems.append(Problem(source, exc.lineno, f"JSON syntax error: {exc.msg} (column {exc.colno})"))
        return reading
    except _NotAList:
        reading.problems.append(Problem(source, 1, "must be a JSON list [...] of question objects"))
        return reading
    except RecursionError:  # nesting deeper than Python's parser goes: find where it passes ours
        raise FormatError(limits.too_deep(source, limits.deep_line(text) or 1)) from None
    except ValueError:  # Python reads no integer of more than 4,300 digits: find the first one
        found = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, found.start()) + 1 if found else 1
        message = f"a number here has over {NUMBER_DIGITS:,} digits; shorten it"
        raise FormatError(Problem(source, line, message)) from None
    reading.entries = len(items)
    evidence = 0
    for line, item in items:
        problems: list[str] = []
        q = _question(item, line, source, problems)
        if q is None:
            reading.problems.append(Problem(source, line, "; ".join(problems)))
            continue
        if isinstance(item, dict) and item.get("evidence"):
            evidence += 1
        accept(q, reading)
    if evidence:
        reading.notes.append(
            Problem(
                source,
                1,
                f"evidence is left out of {evidence} question{'s' if evidence > 1 else ''}: "
                "imported decks are not checked against articles",
            )
        )
    return reading


class _NotAList(Exception):
    pass


def _items(text: str, source: Path) -> list[tuple[int, Any]]:
    """The top-level list's items with the line each starts on (json.loads alone loses lines).

    Refused at once: the item past MAX_QUESTIONS, and one nested past MAX_DEPTH.
    """
    decoder = json.JSONDecoder()
    at = _SPACE.match(text, 0).end()  # type: ignore[union-attr]
    if not text.startswith("[", at):
        if at < len(text):
            decoder.raw_decode(text, at)  # a syntax error reports itself with its line
        raise _NotAList
    items: list[tuple[int, Any]] = []
    line, counted = 1, 0
    at = _SPACE.match(text, at + 1).end()  # type: ignore[union-attr]
    if text.startswith("]", at):
        return _end(text, at + 1, decoder, items)
    while True:
        line += text.count("\n", counted, at)
        counted = at
        if len(items) == limits.MAX_QUESTIONS:
            raise FormatError(limits.too_many(source, line))
        start = at
        value, at = decoder.raw_decode(text, at)
        if limits.depth(value) > limits.MAX_DEPTH:
            inner = limits.deep_line(text[start:at])
            raise FormatError(limits.too_deep(source, line + max(inner, 1) - 1))
        items.append((line, value))
        at = _SPACE.match(text, at).end()  # type: ignore[union-attr]
        if text.startswith(",", at):
            at = _SPACE.match(text, at + 1).end()  # type: ignore[union-attr]
        elif text.startswith("]", at):
            return _end(text, at + 1, decoder, items)
        else:
            raise json.JSONDecodeError("Expecting ',' or ']'", text, at)


def _end(text: str, at: int, decoder: json.JSONDecoder, items: list[tuple[int, Any]]) -> list[tuple[int, Any]]:
    at = _SPACE.match(text, at).end()  # type: ignore[union-attr]
    if at < len(text):
        raise json.JSONDecodeError("Extra data after the list", text, at)
    return items


def _question(item: Any, line: int, source: Path, problems: list[str]) -> Question | None:
    if not isinstance(item, dict):
        problems.append(f"each item must be a question object {{...}}, not {_type(item)}")
        return None
    for key in item:
        if key not in QUESTION_KEYS:
            near = difflib.get_close_matches(key, sorted(QUESTION_KEYS), n=1)
            hint = f"did you mean '{near[0]}'?" if near else f"allowed: {', '.join(sorted(QUESTION_KEYS))}"
            problems.append(f"unknown key '{key}'; {hint}")
    kind_name = item.get("kind")
    try:
        kind = Kind(kind_name)
    except ValueError:
        problems.append(f"'kind' must be one of {', '.join(k.value for k in Kind)}, not {kind_name!r}")
        return None
    prompt = _text(item, "prompt", problems, required=True)
    answer = _answer(item.get("answer"), kind, problems)
    alternatives = _texts(item, "alternatives", problems)
    distractors = _texts(item, "distractors", problems)
    explanation = _text(item, "explanation", problems)
    unit = _text(item, "unit", problems)
    status = _text(item, "status", problems) or "active"
    tags = _texts(item, "tags", problems)
    tolerance = item.get("tolerance", 0)
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)):
        problems.append(f"'tolerance' must be a number, not {_type(tolerance)}")
        tolerance = 0
    elif _float(tolerance) is None:
        problems.append("'tolerance' is too large a number")
        tolerance = 0
    difficulty = item.get("difficulty", DEFAULT_DIFFICULTY)
    if isinstance(difficulty, bool) or difficulty not in (1, 2, 3):
        problems.append(f"'difficulty' must be 1, 2 or 3, not {difficulty!r}")
    evidence = item.get("evidence", [])
    if not isinstance(evidence, list):
        problems.append(f"'evidence' must be a list of {{article, quote}} objects, not {_type(evidence)}")
    if problems or answer is None:
        return None
    return imported(
        source,
        line,
        kind,
        prompt,
        answer,
        alternatives=alternatives,
        distractors=distractors,
        tolerance=float(tolerance),
        unit=unit,
        explanation=explanation,
        tags=tags,
        difficulty=int(difficulty),
        status=status,
    )


def _text(item: dict[str, Any], key: str, problems: list[str], required: bool = False) -> str:
    value = item.get(key, "")
    if key not in item and required:
        problems.append(f"missing '{key}' (a string)")
    if not isinstance(value, str):
        problems.append(f"'{key}' must be a string, not {_type(value)}")
        return ""
    return value


def _texts(item: dict[str, Any], key: str, problems: list[str]) -> list[str]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"'{key}' must be a list of strings, not {_type(value)}")
        return []
    return value


def _answer(value: Any, kind: Kind, problems: list[str]) -> str | bool | float | None:
    if value is None:
        problems.append("missing 'answer'")
    elif kind is Kind.TRUEFALSE:
        if isinstance(value, bool):
            return value
        problems.append(f"a true/false answer must be true or false (no quotes), not {_type(value)}")
    elif kind is Kind.NUMBER:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"a number answer must be a number (no quotes), not {_type(value)}")
            return None
        number = _float(value)
        if number is not None and math.isfinite(number):
            return number
        problems.append("a number answer must be finite and below 1e308")
    elif isinstance(value, str):
        return value
    else:
        problems.append(f"'answer' must be a string, not {_type(value)}")
    return None


def _float(value: int | float) -> float | None:
    """The number as a float; None for an integer too large for one (past 1e308)."""
    try:
        return float(value)
    except OverflowError:
        return None


def _type(value: object) -> str:
    names = {str: "a string", bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


# --------------------------------------------------------------------------- writing


def write(deck: Deck) -> Writing:
    """The deck as a JSON list: every field, evidence included, each with its article."""
    out = Writing("", len(deck.questions))
    out.text = json.dumps([_object(q) for q in deck.questions], indent=2, ensure_ascii=False) + "\n"
    return out


def _object(q: Question) -> dict[str, Any]:
    obj: dict[str, Any] = {"id": q.id, "kind": q.kind.value}
    if q.status != "active":
        obj["status"] = q.status
    obj["prompt"] = q.prompt
    obj["answer"] = _number(q.answer) if isinstance(q.answer, float) else q.answer
    if q.alternatives:
        obj["alternatives"] = list(q.alternatives)
    if q.distractors:
        obj["distractors"] = list(q.distractors)
    if q.kind is Kind.NUMBER and q.tolerance:
        obj["tolerance"] = _number(q.tolerance)
    if q.kind is Kind.NUMBER and q.unit:
        obj["unit"] = q.unit
    if q.evidence:
        obj["evidence"] = [{"article": e.article, "quote": e.quote} for e in q.evidence]
    obj.update(explanation=q.explanation, tags=list(q.tags), difficulty=q.difficulty)
    return obj


def _number(value: float) -> int | float:
    return int(value) if value == int(value) and abs(value) < 1e15 else value
