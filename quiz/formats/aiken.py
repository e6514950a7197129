"""Aiken: Moodle's simplest format, multiple choice only.

    What is the capital of France?
    A. Lyon
    B) Paris
    ANSWER: B

The question is one line (more lines are joined with spaces), each option starts with a capital
letter and `.` or `)`, and `ANSWER: X` ends the question. Two options True and False make a
true/false question.
"""

from __future__ import annotations

import itertools
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from quiz.core.model import Deck, Kind, Question, format_answer
from quiz.core.problems import Problem
from quiz.core.text import fold, shorten
from quiz.formats.common import Reading, Writing, accept, imported
from quiz.formats.limits import MAX_QUESTIONS

_OPTION = re.compile(r"^([A-Z])[.)]\s+(.*)$")
_ANSWER = re.compile(r"^answer\s*:\s*(\S*)\s*$", re.IGNORECASE)
_ANSWERS = re.compile(r"^[ \t]*answer[ \t]*:", re.IGNORECASE | re.MULTILINE)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass
class _Open:
    """A question being read: its first line, text lines and options so far."""

    line: int
    text: list[str]
    options: list[tuple[str, str]] = field(default_factory=list)
    fault: str = ""
    fault_line: int = 0


def read(text: str, source: Path, reading: Reading | None = None) -> Reading:
    """Every question in an Aiken file; each bad entry is reported with its line and left out."""
    reading = reading or Reading()
    # Counted first, so that a file past the limit is refused at once.
    ends = [m.start() for m in itertools.islice(_ANSWERS.finditer(text), MAX_QUESTIONS + 1)]
    reading.counted(len(ends), source, lambda i: text.count("\n", 0, ends[i]) + 1)
    current: _Open | None = None

    def fail(q: _Open, message: str, line: int = 0) -> None:
        reading.problems.append(Problem(source, line or q.line, message))

    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if current is None:
            if line:
                current = _Open(n, [line])
            continue
        if not line:
            if current.options:
                fail(current, "the question has no 'ANSWER: X' line after its options; add one")
                current = None
            continue
        answer = _ANSWER.match(line)
        option = _OPTION.match(line)
        if answer:
            if current.fault:
                fail(current, current.fault, current.fault_line)
            else:
                _finish(current, answer.group(1), n, source, reading)
            current = None
        elif option:
            letter = option.group(1)
            if any(letter == x for x, _ in current.options) and not current.fault:
                current.fault, current.fault_line = f"option {letter} appears twice; letter the options A, B, C...", n
            current.options.append((letter, option.group(2).strip()))
        elif current.options:
            if not current.fault:
                current.fault = (
                    f"'{shorten(line, 40)}' is neither an option ('A. ...') nor 'ANSWER: X'; fix or remove it"
                )
                current.fault_line = n
        else:
            current.text.append(line)
    if current is not None:
        fail(current, "the question has no 'ANSWER: X' line; end it with one")
    return reading


def _finish(q: _Open, letter: str, line: int, source: Path, reading: Reading) -> None:
    letters = [x for x, _ in q.options]
    if len(q.options) < 2:
        reading.problems.append(Problem(source, q.line, "a question needs at least two options (A. ... B. ...)"))
        return
    if letter.upper() not in letters or len(letter) != 1:
        want = f"one of {', '.join(letters)}"
        reading.problems.append(Problem(source, line, f"'ANSWER: {letter}' names no option; write ANSWER: and {want}"))
        return
    right = letters.index(letter.upper())
    texts = [t for _, t in q.options]
    prompt = " ".join(q.text)
    if len(texts) == 2 and sorted(fold(t) for t in texts) == ["false", "true"]:
        result = imported(source, q.line, Kind.TRUEFALSE, prompt, fold(texts[right]) == "true")
    else:
        result = imported(
            source, q.line, Kind.CHOICE, prompt, texts[right], distractors=texts[:right] + texts[right + 1 :]
        )
    accept(result, reading)


# --------------------------------------------------------------------------- writing


def write(deck: Deck) -> Writing:
    """The deck as Aiken: choice as it is, true/false as True/False, typed questions with options as choice."""
    out = Writing("", 0)
    for q in deck.questions:
        options = _options(q)
        if options is None:
            out.notes["questions left out: Aiken is multiple choice only and they have no wrong options"] += 1
            continue
        if q.kind in (Kind.RECALL, Kind.GAP, Kind.NUMBER):
            out.notes["typed questions written as multiple choice (other accepted answers and tolerance are lost)"] += 1
        texts = [_line(q.prompt), *(_line(o) for o in options[0])]
        if any("\n" in t for t in [q.prompt, *options[0]]):
            out.notes["questions with line breaks, written on one line"] += 1
        block = [texts[0]]
        block += [f"{LETTERS[i]}. {t}" for i, t in enumerate(texts[1:])]
        block.append(f"ANSWER: {LETTERS[options[1]]}")
        out.text += "\n".join(block) + "\n\n"
        out.written += 1
    if out.written:
        lost = "questions whose explanation, evidence, tags and difficulty are left out (Aiken has no place for them)"
        out.notes[lost] = out.written
    return out


def _options(q: Question) -> tuple[list[str], int] | None:
    """The options in order and the index of the right one; None when the question has no options."""
    if q.kind is Kind.TRUEFALSE:
        return ["True", "False"], 0 if q.answer else 1
    if not q.distractors:
        return None
    # The right answer's place is fixed by the id, so a file is stable and not always "A".
    at = zlib.crc32(q.id.encode("utf-8")) % (len(q.distractors) + 1)
    options = list(q.distractors)
    options.insert(at, format_answer(q.answer))
    return options, at


def _line(text: str) -> str:
    return " ".join(text.split("\n")).strip()
