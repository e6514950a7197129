"""How big an imported file may be, and the one-line refusal that names the limit it passed and where.

The limits keep an import within seconds and a few hundred MB, and refuse anything past them
at once, before the slow work of checking each question: a file's size is known from the file
system, and its entries are counted by a cheap first pass over the text.
"""

from __future__ import annotations

import re
from pathlib import Path

from quiz.core.problems import Problem

MAX_FILE_BYTES = 32 * 1024 * 1024
"""A text file (GIFT, Aiken, CSV/TSV, JSON) larger than this is refused: split it into smaller files."""
MAX_QUESTIONS = 50_000
"""Most entries (questions, good or bad) read from one file."""
MAX_FIELD_CHARS = 10_000
"""Most characters in one field: a question text, an answer, an option, an explanation."""
MAX_DEPTH = 32
"""Deepest nesting of lists and objects in a JSON file; a question needs three levels."""

SPLIT = f"split it into files of at most {MAX_QUESTIONS:,} questions"


def file_size(source: Path, raw_head: bytes, size: int) -> Problem:
    """The refusal of a file over MAX_FILE_BYTES, at the line where it passes the limit."""
    line = raw_head[:MAX_FILE_BYTES].count(b"\n") + 1
    mb = size / 1_048_576
    return Problem(
        source,
        line,
        f"the file is {mb:,.1f} MB, over the {MAX_FILE_BYTES >> 20} MB limit for one import (it passes the limit "
        f"on this line); {SPLIT}",
    )


def too_many(source: Path, line: int) -> Problem:
    """The refusal of the entry that passes MAX_QUESTIONS."""
    most = MAX_QUESTIONS
    message = f"entry {most + 1:,} passes the limit of {most:,} questions in one import; {SPLIT}"
    return Problem(source, line, message)


def field_too_long(what: str, length: int) -> str:
    """Why a field is refused: for a bad entry's message."""
    return f"{what} is {length:,} characters long, over the limit of {MAX_FIELD_CHARS:,} for one field; shorten it"


def too_deep(source: Path, line: int) -> Problem:
    """The refusal of lists and objects nested past MAX_DEPTH."""
    message = f"lists and objects are nested more than {MAX_DEPTH} levels deep here; a question needs three"
    return Problem(source, line, message)


def depth(value: object, limit: int = MAX_DEPTH) -> int:
    """How deep lists and dicts nest in a decoded value, counting no further than `limit` + 1."""
    if not isinstance(value, (list, dict)):
        return 0
    if limit <= 0:
        return 1
    inner = value.values() if isinstance(value, dict) else value
    return 1 + max((depth(v, limit - 1) for v in inner), default=0)


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|\n')


def deep_line(text: str, start: int = 0) -> int:
    """The line (counted from `start`) where JSON brackets outside strings first nest past MAX_DEPTH; 0 if never."""
    level, line = 0, 1
    for match in _JSON_TOKENS.finditer(text, start):
        token = match.group()
        if token == "\n":
            line += 1
        elif token in "[{":
            level += 1
            if level > MAX_DEPTH:
                return line
        elif token in "]}":
            level -= 1
    return 0
