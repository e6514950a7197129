"""What the question formats share: decoding files, defaults for imported questions, and their checks."""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quiz.core.bank import MAX_OPTIONS, STATUSES
from quiz.core.model import GAP_MARK, Kind, Question, format_answer
from quiz.core.problems import Problem
from quiz.core.text import fold
from quiz.formats import limits

DEFAULT_TAG = "imported"
DEFAULT_DIFFICULTY = 1
MAX_DISTRACTORS = MAX_OPTIONS - 1
MAX_TAGS = 3
PROGRESS_EVERY = 500  # entries between two calls of Reading.progress

_TAG_CHARS = re.compile(r"[^a-z0-9]+")
_TAG = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # as the bank loader checks them
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class FormatError(Exception):
    """The whole file cannot be read (not just one entry in it)."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


@dataclass
class Reading:
    """What one file gave: good questions, bad entries (left out) and notes (kept, with a loss)."""

    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    progress: Callable[[int, int], None] | None = None
    """Told (entries read, entries in the file) as the entries are read, for a progress bar."""
    entries: int = 0
    """How many entries the file has, once a reader has counted them (before it reads them)."""

    def counted(self, entries: int, source: Path, line_of: Callable[[int], int]) -> None:
        """Note the file's entry count; refuse the file at once past MAX_QUESTIONS (`line_of(i)`: entry i's line)."""
        if entries > limits.MAX_QUESTIONS:
            raise FormatError(limits.too_many(source, line_of(limits.MAX_QUESTIONS)))
        self.entries = entries


@dataclass
class Writing:
    """A deck written in some format, with a count of each way it had to bend a question."""

    text: str
    written: int
    notes: Counter[str] = field(default_factory=Counter)


# --------------------------------------------------------------------------- decoding


def decode(raw: bytes, source: Path) -> tuple[str, list[Problem]]:
    """Bytes to text with LF line ends: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 with a note."""
    notes: list[Problem] = []
    if raw.startswith(b"PK\x03\x04"):
        raise FormatError(
            Problem(source, 0, "is a zip archive, not text (an Excel .xlsx?); save it as CSV, or pass --format apkg")
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            bad = Problem(source, 0, "has a UTF-16 mark but is not valid UTF-16; save it as UTF-8")
            raise FormatError(bad) from None
        return _lines(text.removeprefix("\ufeff")), notes
    if b"\x00" in raw:
        line = _line_of(raw, raw.index(b"\x00"))
        raise FormatError(Problem(source, line, "is not a text file (it has NUL bytes); export it as text first"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        stripped = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            text = stripped.decode("cp1252")
        except UnicodeDecodeError as again:
            byte, line = stripped[again.start], _line_of(stripped, again.start)
            message = f"is neither UTF-8 nor Windows-1252 (byte 0x{byte:02x}); save it as UTF-8"
            raise FormatError(Problem(source, line, message)) from None
        message = (
            f"is not UTF-8 (byte 0x{raw[exc.start]:02x}); read it as Windows-1252: check accented letters, "
            "or save the file as UTF-8"
        )
        notes.append(Problem(source, _line_of(raw, exc.start), message))
    return _lines(text.removeprefix("\ufeff")), notes


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_of(raw: bytes, at: int) -> int:
    """The line of byte `at`, whatever the line ends (CRLF, LF or CR)."""
    before = raw[:at]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


def html_to_text(text: str) -> str:
    """Text from the small HTML that Moodle and Anki write: breaks become newlines, tags go, entities resolve."""
    text = re.sub(r"(?i)<br\s*/?>|</p>\s*<p[^>]*>|</div>\s*<div[^>]*>", "\n", text)
    text = re.sub(r"<[^>]*>", "", text)
    return html.unescape(text).replace("\xa0", " ").strip()


# --------------------------------------------------------------------------- names


def _ascii(text: str) -> str:
    """Lowercase with accents dropped: 'Été' -> 'ete'."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def slug(name: str) -> str:
    """A deck id from a name: 'My Deck (2)' -> 'my-deck-2'."""
    text = re.sub(r"[^a-z0-9._-]+", "-", _ascii(name))
    return re.sub(r"-{2,}", "-", text).strip("-._")


def title_from(stem: str) -> str:
    """A deck title from a file name: 'world_capitals' -> 'World capitals'."""
    words = re.sub(r"[_-]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else stem


def tag(name: str) -> str:
    """A tag from any label: 'World War II' -> 'world-war-ii'; '' when nothing is left."""
    return _TAG_CHARS.sub("-", _ascii(name)).strip("-")


def tags_from(labels: Sequence[str]) -> tuple[tuple[str, ...], list[str]]:
    """Up to three bank tags from labels, and the labels that did not fit."""
    out = tuple(dict.fromkeys(t for t in (tag(x) for x in labels) if t))
    return out[:MAX_TAGS], list(out[MAX_TAGS:])


# --------------------------------------------------------------------------- questions


def imported(
    source: Path,
    line: int,
    kind: Kind,
    prompt: str,
    answer: str | bool | float,
    *,
    alternatives: Sequence[str] = (),
    distractors: Sequence[str] = (),
    tolerance: float = 0.0,
    unit: str = "",
    explanation: str = "",
    tags: Sequence[str] = (),
    difficulty: int = DEFAULT_DIFFICULTY,
    status: str = "active",
) -> Question:
    """A question read from a file, with the bank's defaults for what the file did not say; its id comes later."""
    return Question(
        id="",
        kind=kind,
        prompt=prompt,
        answer=answer,
        evidence=(),
        explanation=explanation if explanation.strip() else f"No explanation was given in {source.name}.",
        tags=tuple(tags) or (DEFAULT_TAG,),
        difficulty=difficulty,
        alternatives=tuple(alternatives),
        distractors=tuple(distractors),
        tolerance=tolerance,
        unit=unit,
        status=status,
        source=source,
        line=line,
    )


def faults(q: Question) -> list[str]:
    """Why `q` could not be written as a deck that passes `quiz check`: each says what is wrong and what to do."""
    texts = [q.prompt, q.explanation, q.unit, *q.alternatives, *q.distractors]
    if isinstance(q.answer, str):
        texts.append(q.answer)
    if max(map(len, texts)) > limits.MAX_FIELD_CHARS:
        return _too_long(q)  # the checks below would only spend time on text this long
    out: list[str] = []
    if _SURROGATE.search("".join(texts)):
        out.append("has a broken character (a lone UTF-16 surrogate); fix the text")
    if not q.prompt.strip():
        out.append("the question text is empty; write the question")
    if not q.explanation.strip():
        out.append("the explanation is empty; write one or leave it out")
    if isinstance(q.answer, str) and not q.answer.strip():
        out.append("the answer is empty; give the right answer")
    if isinstance(q.answer, float) and not math.isfinite(q.answer):
        out.append("the answer must be a finite number")
    if not math.isfinite(q.tolerance) or q.tolerance < 0:
        out.append("the tolerance must be a number of 0 or more")
    if any(not d.strip() for d in q.distractors):
        out.append("a wrong option is empty; remove it or write it")
    if any(not a.strip() for a in q.alternatives):
        out.append("an accepted answer is empty; remove it or write it")
    if q.kind is Kind.CHOICE and not q.distractors:
        out.append("a multiple-choice question needs at least one wrong option")
    if len(q.distractors) > MAX_DISTRACTORS:
        out.append(
            f"has {len(q.distractors)} wrong options; quiz shows at most {MAX_OPTIONS} options, "
            f"so keep at most {MAX_DISTRACTORS} wrong ones"
        )
    if q.kind is Kind.TRUEFALSE and q.distractors:
        out.append("a true/false question takes no wrong options")
    if q.alternatives and q.kind not in (Kind.RECALL, Kind.GAP):
        out.append("only typed (recall and gap) questions take other accepted answers; remove them")
    if q.kind is Kind.GAP and q.prompt.count(GAP_MARK) != 1:
        n = q.prompt.count(GAP_MARK)
        out.append(f"a gap question must contain the blank {GAP_MARK} exactly once, not {n} times; fix the text")
    if q.kind is not Kind.NUMBER and (q.tolerance or q.unit):
        out.append("a tolerance and a unit are only for number questions; remove them")
    if not 1 <= len(q.tags) <= MAX_TAGS:
        out.append(f"give 1 to {MAX_TAGS} tags")
    if not all(_TAG.match(t) for t in q.tags):
        out.append("tags must be lowercase letters, digits and '-'")
    if isinstance(q.difficulty, bool) or q.difficulty not in (1, 2, 3):
        out.append(f"the difficulty must be 1, 2 or 3, not {q.difficulty!r}")
    if q.status not in STATUSES:
        out.append(f"the status must be 'active' or 'draft', not {q.status!r}")
    if q.distractors and q.kind is not Kind.TRUEFALSE:
        out += _clashes(q)
    return out


def _too_long(q: Question) -> list[str]:
    """A field past MAX_FIELD_CHARS."""
    named = [("the question text", q.prompt), ("the explanation", q.explanation), ("the unit", q.unit)]
    if isinstance(q.answer, str):
        named.append(("the answer", q.answer))
    named += [("an accepted answer", a) for a in q.alternatives] + [("a wrong option", d) for d in q.distractors]
    return [limits.field_too_long(what, len(t)) for what, t in named if len(t) > limits.MAX_FIELD_CHARS]


def _clashes(q: Question) -> list[str]:
    """The option checks of `quiz check`, which compares options after normalisation."""
    out: list[str] = []
    folded = [fold(d) for d in q.distractors]
    answer = format_answer(q.answer)
    if fold(answer) in folded:
        out.append(f"the answer '{answer}' is also among the wrong options; remove it from them")
    repeats = sorted({d for d, f in zip(q.distractors, folded, strict=True) if folded.count(f) > 1})
    if repeats:
        out.append(f"wrong options repeat (ignoring case and punctuation): {', '.join(repeats)}; make them distinct")
    clash = [a for a in q.alternatives if fold(a) in folded]
    if clash:
        out.append(f"'{clash[0]}' is both an accepted answer and a wrong option; keep it in one place")
    return out


def accept(q: Question, reading: Reading, where: str = "") -> None:
    """Keep `q` if it can be written as a valid deck entry, else record why it is left out."""
    assert q.source is not None
    found = faults(q)
    if not found:
        if len(reading.questions) >= limits.MAX_QUESTIONS:  # an Anki cloze note can make several questions
            raise FormatError(limits.too_many(q.source, q.line))
        reading.questions.append(q)
    else:
        prefix = f"{where}: " if where else ""
        reading.problems.append(Problem(q.source, q.line, prefix + "; ".join(found)))
    done = len(reading.questions) + len(reading.problems)
    if reading.progress is not None and done % PROGRESS_EVERY == 0:
        reading.progress(done, reading.entries)


def number_text(value: float) -> str:
    """A number as the formats write it: 250000, 2.5, 1e-07; float() reads it back exactly."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)
