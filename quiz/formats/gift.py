"""Moodle GIFT: the text format Moodle's question bank imports and exports.

Questions are separated by blank lines: `// comment`, `::title::`, an optional `[html]`-style
format, the text, and one answer block in braces: `{=right ~wrong}` (multiple choice),
`{=answer =other}` (short answer), `{T}`/`{FALSE}`, `{#250000:1000}` or `{#1..5}` (numerical).
Text after the braces makes a missing-word (gap) question. `#feedback` follows an answer and
`####feedback` is the general feedback (read after the closing brace too);
`\\~ \\= \\# \\{ \\} \\: \\\\` are literal and `\\n` is a new line.

quiz writes what GIFT has no syntax for in comments Moodle ignores: `// [tag:name]` (Moodle's
own convention) and `// quiz: {"difficulty": 2, ...}` (kind, difficulty, status, unit, and the
wrong options of number questions).
"""

from __future__ import annotations

import enum
import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from quiz.core.model import GAP_MARK, Deck, Kind, Question
from quiz.core.problems import Problem
from quiz.formats.common import (
    DEFAULT_DIFFICULTY,
    Reading,
    Writing,
    accept,
    html_to_text,
    imported,
    number_text,
    tags_from,
)

_ESCAPED = re.compile(r"\\([\\~=#{}:n])")
_SPECIAL = re.compile(r"[\\~=#{}:]")
_FORMAT = re.compile(r"\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_COMMENT = re.compile(r"^\s*//")
_META = re.compile(r"^\s*//\s*quiz:\s*(.*?)\s*$")
_TAG = re.compile(r"\[tag:([^\]]*)\]")
_CATEGORY = re.compile(r"^\s*\$CATEGORY:", re.IGNORECASE)
_WEIGHT = re.compile(r"\s*%(-?\d+(?:\.\d+)?)%")
_TRUEFALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_MARKS: dict[str, re.Pattern[str]] = {}
META_KEYS = ("kind", "difficulty", "status", "unit", "distractors")


def unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def escape(text: str) -> str:
    return _SPECIAL.sub(lambda m: "\\" + m.group(), text).replace("\n", "\\n")


def marks(text: str, chars: str) -> list[int]:
    """Offsets of the unescaped `chars` in `text`."""
    if not any(c in text for c in chars):
        return []
    escaped = "\\" in text
    pattern = _MARKS.get(chars + str(escaped))
    if pattern is None:
        plain = "[" + re.escape(chars) + "]"
        pattern = re.compile(r"\\[\\~=#{}:n]|" + plain if escaped else plain)
        _MARKS[chars + str(escaped)] = pattern
    if not escaped:
        return [m.start() for m in pattern.finditer(text)]
    return [m.start() for m in pattern.finditer(text) if m.group()[0] != "\\"]


class Block(enum.Enum):
    """The Moodle question type an answer block stands for."""

    CHOICE = "multiple choice"
    SHORT = "short answer"
    TRUEFALSE = "true/false"
    NUMBER = "numerical"


ALLOWED = {
    Block.CHOICE: (Kind.CHOICE, Kind.RECALL, Kind.GAP),
    Block.SHORT: (Kind.RECALL, Kind.GAP),
    Block.TRUEFALSE: (Kind.TRUEFALSE,),
    Block.NUMBER: (Kind.NUMBER,),
}


def default_kind(block: Block, middle: bool, rights: int) -> Kind:
    """The kind an answer block gives when no `// quiz:` comment says otherwise."""
    if block is Block.TRUEFALSE:
        return Kind.TRUEFALSE
    if block is Block.NUMBER:
        return Kind.NUMBER
    if middle:
        return Kind.GAP
    return Kind.CHOICE if block is Block.CHOICE and rights == 1 else Kind.RECALL


# --------------------------------------------------------------------------- reading


@dataclass
class _Entry:
    """One question's lines (comments taken out) and what its comments said."""

    lines: list[tuple[int, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    meta_line: int = 0


@dataclass
class _Item:
    mark: str
    weight: float | None
    text: str
    feedback: str

    @property
    def right(self) -> bool:
        return self.weight == 100 or (self.weight is None and self.mark in ("=", ""))

    @property
    def partial(self) -> bool:
        return self.weight is not None and 0 < self.weight < 100


class _Bad(Exception):
    def __init__(self, line: int, message: str) -> None:
        self.line, self.message = line, message


def read(text: str, source: Path, reading: Reading | None = None) -> Reading:
    """Every question in a GIFT file; each bad entry is reported with its line and left out."""
    reading = reading or Reading()
    entries = list(_entries(text, source, reading))  # counted first: past the limit is refused at once
    reading.counted(len(entries), source, lambda i: entries[i].lines[0][0])
    for entry in entries:
        try:
            _question(entry, source, reading)
        except _Bad as bad:
            reading.problems.append(Problem(source, bad.line, bad.message))
    return reading


def _entries(text: str, source: Path, reading: Reading) -> Iterator[_Entry]:
    entry = _Entry()
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            if entry.lines:
                yield entry
            entry = _Entry()
        elif _COMMENT.match(line):
            _comment(line, n, entry, source, reading)
        elif not entry.lines and _CATEGORY.match(line):
            continue
        else:
            entry.lines.append((n, line))
    if entry.lines:
        yield entry


def _comment(line: str, n: int, entry: _Entry, source: Path, reading: Reading) -> None:
    entry.tags += _TAG.findall(line)
    meta = _META.match(line)
    if not meta:
        return
    try:
        value = json.loads(meta.group(1))
    except (ValueError, RecursionError):  # RecursionError: nested too deep to read
        value = None
    if not isinstance(value, dict):
        reading.notes.append(Problem(source, n, "the '// quiz:' comment is not a JSON object; it is ignored"))
        return
    unknown = sorted(set(value) - set(META_KEYS))
    if unknown:
        reading.notes.append(
            Problem(source, n, f"unknown key '{unknown[0]}' in the '// quiz:' comment is ignored; use {META_KEYS}")
        )
    entry.meta.update((k, v) for k, v in value.items() if k in META_KEYS)
    entry.meta_line = n


def _question(entry: _Entry, source: Path, reading: Reading) -> None:
    first = entry.lines[0][0]
    text = "\n".join(line for _, line in entry.lines)

    def line_at(pos: int) -> int:
        """The file line of an offset in `text` (comment lines inside an entry leave gaps)."""
        return entry.lines[text.count("\n", 0, pos)][0]

    start = _after_title(text, first)
    fmt = _FORMAT.match(text, start)
    as_html = bool(fmt) and fmt.group(1).lower() == "html"  # type: ignore[union-attr]
    if fmt:
        start = fmt.end()
    open_at, close = _braces(text, start, first, line_at)
    clean = html_to_text if as_html else str.strip
    before, inner, after = text[start:open_at], text[open_at + 1 : close], text[close + 1 :]
    inner, general = _general_feedback(inner)
    # Moodle wants `####` inside the braces, but files often put it after them: it is feedback
    # there too, never prompt text (it may hold the answer).
    after, trailing = _general_feedback(after)
    block, parsed = _answers(inner, line_at(open_at), source, reading)
    answer, alternatives, distractors, tolerance, feedback = parsed
    _note_dropped_feedback(
        _feedbacks(block, inner) + [trailing], general or trailing or feedback, line_at(open_at), source, reading
    )
    general = general or trailing
    middle = bool(after.strip())
    kind = _kind(entry, block, default_kind(block, middle, 1 + len(alternatives)), source, reading)
    if kind is Kind.CHOICE and alternatives:
        raise _Bad(first, "a multiple-choice question has one right answer; mark the others with ~, not =")
    if kind is Kind.GAP or middle:
        prompt = clean(unescape(before) + GAP_MARK + unescape(after))
    else:
        prompt = clean(unescape(before))
    difficulty, status, unit, extra = _meta(entry, kind, source, reading)
    tags, dropped = tags_from(entry.tags)
    if dropped:
        reading.notes.append(Problem(source, first, f"only 3 tags are kept; left out: {', '.join(dropped)}"))
    q = imported(
        source,
        first,
        kind,
        prompt,
        answer if isinstance(answer, (bool, float)) else clean(answer),
        alternatives=[clean(a) for a in alternatives],
        distractors=[clean(d) for d in (*distractors, *extra)],
        tolerance=tolerance,
        unit=unit,
        explanation=clean(unescape(general) or feedback),
        tags=tags,
        difficulty=difficulty,
        status=status,
    )
    accept(q, reading)


def _braces(text: str, start: int, first: int, line_at: Callable[[int], int]) -> tuple[int, int]:
    """Where the one answer block opens and closes."""
    opens = [p for p in marks(text, "{") if p >= start]
    closes = [p for p in marks(text, "}") if p >= start]
    if not opens and not closes:
        raise _Bad(
            first,
            "has no answer in braces (a Moodle description, not a question); "
            "add one such as {=right ~wrong}, or delete the text",
        )
    if len(opens) > 1:
        raise _Bad(
            line_at(opens[1]),
            "a second answer block '{': quiz takes one per question; leave a blank line between "
            "questions, or write a literal brace as \\{",
        )
    if not closes:
        raise _Bad(line_at(opens[0]), "the '{' is never closed; end the answers with '}'")
    if not opens or closes[0] < opens[0]:
        raise _Bad(line_at(closes[0]), "a '}' with no '{' before it; write a literal brace as \\}")
    if len(closes) > 1:
        raise _Bad(line_at(closes[1]), "a second '}'; write a literal brace as \\}")
    return opens[0], closes[0]


def _after_title(text: str, first: int) -> int:
    """Where the question starts once a `::title::` is skipped (the title itself is not kept)."""
    lead = len(text) - len(text.lstrip())
    if not text.startswith("::", lead):
        return 0
    colons = marks(text, ":")
    found = set(colons)
    close = next((p for p in colons if p >= lead + 2 and p + 1 in found), -1)
    if close < 0:
        raise _Bad(first, "the title after '::' is never closed; end it with '::' (a literal colon is \\:)")
    return close + 2


def _general_feedback(inner: str) -> tuple[str, str]:
    hashes = marks(inner, "#")
    found = set(hashes)
    runs = [p for p in hashes if {p + 1, p + 2, p + 3} <= found]
    if not runs:
        return inner, ""
    return inner[: runs[-1]], inner[runs[-1] + 4 :].strip()


FEEDBACK_KEPT = "quiz keeps one explanation: the general feedback (####), or else the right answer's"


def _feedbacks(block: Block, inner: str) -> list[str]:
    """Every answer's feedback in a block (general feedback already taken out), empty ones included."""
    if block is Block.TRUEFALSE:
        hashes = marks(inner, "#")
        return [unescape(inner[a + 1 : b]).strip() for a, b in pairwise([*hashes, len(inner)])]
    body = inner.strip()
    if block is Block.NUMBER:
        body = body[1:]
        if not marks(body, "=~"):  # `{#value#feedback}`
            hashes = marks(body, "#")
            return [unescape(body[hashes[0] + 1 :]).strip()] if hashes else []
    return [it.feedback for it in _items(body)]


def _note_dropped_feedback(feedbacks: list[str], kept: str, line: int, source: Path, reading: Reading) -> None:
    """quiz keeps one explanation; say so when a file gives more feedback than that."""
    given = [f for f in feedbacks if f]
    if kept in given:
        given.remove(kept)
    if given:
        which = f"{len(given)} other feedback text{'s' if len(given) > 1 else ''}"
        reading.notes.append(Problem(source, line, f"{which} left out; {FEEDBACK_KEPT}"))


_Parsed = tuple[str | bool | float, list[str], list[str], float, str]


def _answers(inner: str, line: int, source: Path, reading: Reading) -> tuple[Block, _Parsed]:
    """The answer block: its type, and (answer, alternatives, distractors, tolerance, feedback)."""
    core = inner.strip()
    if not core:
        raise _Bad(line, "an essay question ({}) has no answer to check; quiz cannot import essays")
    if core.startswith("#"):
        return Block.NUMBER, _numerical(core[1:], line, source, reading)
    items = _items(inner)
    if marks(inner, "~"):
        return Block.CHOICE, _choice(items, line, source, reading)
    if len(items) > 1 and all("->" in it.text for it in items):
        raise _Bad(line, "matching questions (=a -> b) are not supported; quiz has no matching kind")
    hashes = marks(inner, "#")
    head = (inner[: hashes[0]] if hashes else inner).strip().upper()
    if head in _TRUEFALSE:
        parts = [unescape(inner[a + 1 : b]).strip() for a, b in pairwise([*hashes, len(inner)])]
        wrong, right = (parts + ["", ""])[:2]
        return Block.TRUEFALSE, (_TRUEFALSE[head], [], [], 0.0, right or wrong)
    return Block.SHORT, _short(items, line, source, reading)


def _items(inner: str) -> list[_Item]:
    positions = marks(inner, "=~")
    items = []
    lead = inner[: positions[0]] if positions else inner
    if lead.strip():
        items.append(_item("", lead))
    for p, end in pairwise([*positions, len(inner)]):
        items.append(_item(inner[p], inner[p + 1 : end]))
    return items


def _item(mark: str, raw: str) -> _Item:
    weight = None
    found = _WEIGHT.match(raw)
    if found:
        weight, raw = float(found.group(1)), raw[found.end() :]
    hashes = marks(raw, "#")
    text, feedback = (raw[: hashes[0]], raw[hashes[0] + 1 :]) if hashes else (raw, "")
    return _Item(mark, weight, unescape(text).strip(), unescape(feedback).strip())


def _choice(items: list[_Item], line: int, source: Path, reading: Reading) -> _Parsed:
    if items and items[0].mark == "":
        raise _Bad(line, f"text before the first option ('{items[0].text}'); start each option with = or ~")
    right = [it for it in items if it.right]
    if not right:
        raise _Bad(
            line,
            "no option is marked right; mark it with = (questions with several part-right answers are not supported)",
        )
    wrong = [it for it in items if not it.right]
    if any(it.partial for it in wrong):
        reading.notes.append(Problem(source, line, "options with part credit (~%50%...) are imported as wrong options"))
    return right[0].text, [it.text for it in right[1:]], [it.text for it in wrong], 0.0, right[0].feedback


def _short(items: list[_Item], line: int, source: Path, reading: Reading) -> _Parsed:
    right = [it for it in items if it.right]
    if not right:
        raise _Bad(line, "no answer is marked right; write it as {=answer}")
    if len(right) < len(items):
        reading.notes.append(Problem(source, line, "answers with part credit (=%50%...) are left out"))
    return right[0].text, [it.text for it in right[1:]], [], 0.0, right[0].feedback


def _numerical(body: str, line: int, source: Path, reading: Reading) -> _Parsed:
    tilde = marks(body, "~")
    if tilde:
        body = body[: tilde[0]]  # `~#feedback` answers every wrong number; quiz has no place for it
    if marks(body, "="):
        items = [it for it in _items(body) if it.mark == "="]
        right = [it for it in items if it.weight in (None, 100)]
        if not right:
            raise _Bad(line, "no numerical answer has full credit; write one as =value:tolerance")
        if len(items) > 1:
            reading.notes.append(Problem(source, line, "only the first full-credit numerical answer is kept"))
        spec, feedback = right[0].text, right[0].feedback
    else:
        hashes = marks(body, "#")
        spec, feedback = (body[: hashes[0]], body[hashes[0] + 1 :]) if hashes else (body, "")
        spec, feedback = unescape(spec), unescape(feedback).strip()
    value, tolerance = _number(spec.strip(), line)
    return value, [], [], tolerance, feedback


def _number(spec: str, line: int) -> tuple[float, float]:
    """`250000`, `250000:1000` or `1..5` as (answer, tolerance); a range becomes its midpoint."""
    how = "; write {#value}, {#value:tolerance} or {#min..max}"
    try:
        if ".." in spec:
            low, high = (float(x) for x in spec.split("..", 1))
            if low > high:
                raise _Bad(line, f"the range {spec} runs backwards; put the smaller number first")
            value, tolerance = (low + high) / 2, (high - low) / 2
        else:
            number, _, tol = spec.partition(":")
            value, tolerance = float(number), float(tol) if tol.strip() else 0.0
    except ValueError:
        raise _Bad(line, f"'{spec}' is not a numerical answer{how}") from None
    if not (math.isfinite(value) and math.isfinite(tolerance)):
        raise _Bad(line, f"'{spec}' is not a finite number{how}")
    if tolerance < 0:
        raise _Bad(line, f"the tolerance in '{spec}' is negative; write it as a number of 0 or more")
    return value, tolerance


def _kind(entry: _Entry, block: Block, default: Kind, source: Path, reading: Reading) -> Kind:
    named = entry.meta.get("kind")
    if named is None:
        return default
    try:
        kind = Kind(named)
    except ValueError:
        kind = None
    if kind in ALLOWED[block]:
        return kind  # type: ignore[return-value]
    reading.notes.append(
        Problem(source, entry.meta_line, f"kind {named!r} does not fit a {block.value} answer; it is ignored")
    )
    return default


def _meta(entry: _Entry, kind: Kind, source: Path, reading: Reading) -> tuple[int, str, str, list[str]]:
    """difficulty, status, unit and the wrong options of a number question, from `// quiz:`."""
    meta, line = entry.meta, entry.meta_line
    difficulty, status, unit, extra = DEFAULT_DIFFICULTY, "active", "", []

    def ignored(key: str, wanted: str) -> None:
        message = f"'{key}' in the '// quiz:' comment must be {wanted}; it is ignored"
        reading.notes.append(Problem(source, line, message))

    if "difficulty" in meta:
        if meta["difficulty"] in (1, 2, 3) and not isinstance(meta["difficulty"], bool):
            difficulty = int(meta["difficulty"])
        else:
            ignored("difficulty", "1, 2 or 3")
    if "status" in meta:
        if meta["status"] in ("active", "draft"):
            status = meta["status"]
        else:
            ignored("status", "'active' or 'draft'")
    for key in ("unit", "distractors"):
        if key in meta and kind is not Kind.NUMBER:
            ignored(key, "given for number questions only")
    if kind is Kind.NUMBER and "unit" in meta:
        if isinstance(meta["unit"], str):
            unit = meta["unit"]
        else:
            ignored("unit", "a string")
    if kind is Kind.NUMBER and "distractors" in meta:
        value = meta["distractors"]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            extra = value
        else:
            ignored("distractors", "a list of strings")
    return difficulty, status, unit, extra


# --------------------------------------------------------------------------- writing


def write(deck: Deck) -> Writing:
    """The deck as GIFT; every kind fits, only evidence is left out."""
    title = " ".join(deck.title.split())
    out = Writing(f"// {title} ({deck.id}), written by quiz\n\n", 0)
    for q in deck.questions:
        out.text += _gift(q) + "\n\n"
        out.written += 1
        if q.evidence:
            out.notes["questions whose evidence quotes are left out (GIFT has no place for them)"] += 1
    return out


def _gift(q: Question) -> str:
    lines = []
    if q.tags:
        lines.append("// " + " ".join(f"[tag:{t}]" for t in q.tags))
    before, after = q.prompt, ""
    if q.kind is Kind.GAP:
        before, _, after = q.prompt.partition(GAP_MARK)
    block = _answer_block(q)
    meta: dict[str, Any] = {}
    middle = bool(after.strip())
    if default_kind(block[0], middle, 1 + len(q.alternatives)) is not q.kind:
        meta["kind"] = q.kind.value
    if q.difficulty != DEFAULT_DIFFICULTY:
        meta["difficulty"] = q.difficulty
    if q.status != "active":
        meta["status"] = q.status
    if q.kind is Kind.NUMBER and q.unit:
        meta["unit"] = q.unit
    if q.kind is Kind.NUMBER and q.distractors:
        meta["distractors"] = list(q.distractors)
    if meta:
        lines.append("// quiz: " + json.dumps(meta, ensure_ascii=False))
    marker = "[plain]" if _FORMAT.match(before) else ""
    space = "" if q.kind is Kind.GAP else " "
    lines.append(f"::{q.id}::{marker}{escape(before)}{space}{{")
    lines += block[1]
    lines.append(f"####{escape(q.explanation)}")
    lines.append("}" + escape(after))
    return "\n".join(lines)


def _answer_block(q: Question) -> tuple[Block, list[str]]:
    if q.kind is Kind.TRUEFALSE:
        return Block.TRUEFALSE, ["TRUE" if q.answer else "FALSE"]
    if q.kind is Kind.NUMBER:
        spec = number_text(float(q.answer))
        if q.tolerance:
            spec += ":" + number_text(q.tolerance)
        return Block.NUMBER, ["#" + spec]
    rights = [f"={escape(str(q.answer))}", *(f"={escape(a)}" for a in q.alternatives)]
    wrongs = [f"~{escape(d)}" for d in q.distractors]
    return (Block.CHOICE if wrongs else Block.SHORT), rights + wrongs
