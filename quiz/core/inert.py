"""Text from a file or a person, made inert before it reaches a terminal or a spreadsheet.

Three things such text can do to its reader, each undone here:
- control characters (ESC sequences, a carriage return, a newline) move the cursor, recolour the
  terminal or start a fake line such as "✓ Correct": they are spelled out, e.g. '\\x1b', '\\n';
- invisible format characters (zero-width spaces and joiners, right-to-left overrides and
  isolates, line and paragraph separators) take no column or reorder what follows, which breaks
  table borders and can make a line read backwards: they are spelled out as '\\u202e';
- a CSV cell that begins with =, +, -, @ (or a tab or carriage return before one) is run as a
  formula by spreadsheets: it gets a leading apostrophe, which they show as text.

Pure Python, so that every front end, the CSV writers and the core can share it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 and C1 controls and DEL, plus the format characters that matter for display: soft hyphen,
# Arabic letter mark, zero-width and bidi marks, line/paragraph separators, word joiners and
# invisible operators, bidi isolates, the byte-order mark and interlinear annotation marks.
# Every one of them is a character str.isprintable() refuses, so printable text has none.
_UNSAFE_CHARS = "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"


def compiled(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """`pattern`, compiled the first time it is used: compiling every one at import slowed the app's start."""
    return functools.cache(lambda: re.compile(pattern, flags))


_UNSAFE = compiled(_UNSAFE_CHARS)
_UNSAFE_KEEPING_LINES = compiled(_UNSAFE_CHARS.replace("\x00-\x1f", "\x00-\x08\x0b-\x1f"))
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = compiled(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _spell(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 and unicodedata.category(char) == "Cc" else f"\\u{code:04x}"


def inert(text: object, *, keep_lines: bool = False) -> str:
    """`text` safe to print: control and invisible format characters spelled out.

    With keep_lines, newlines and tabs stay (for a widget that wraps a paragraph); otherwise the
    result is always one line, so data can never start a line of its own.
    """
    shown = str(text)
    if shown.isprintable():  # the common case: nothing to spell out, and no pattern to compile
        return shown
    pattern = _UNSAFE_KEEPING_LINES if keep_lines else _UNSAFE
    return pattern().sub(_spell, shown)


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text: inert, and never taken for a formula.

    Numbers (and text that is a plain number, like a typed answer "-5") pass unchanged.
    """
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER().fullmatch(value):
        value = "'" + value
    return inert(value)


def csv_row(values: list[object]) -> list[object]:
    return [csv_cell(v) for v in values]


def json_text(dumped: str) -> str:
    """JSON as json.dumps(..., ensure_ascii=False) wrote it, with the characters `inert` spells out
    written as \\uXXXX escapes: still the same JSON to a parser, harmless on a terminal."""
    # json.dumps already escapes every control character inside strings; a raw newline or tab is
    # layout between values, and stays.
    return _UNSAFE_KEEPING_LINES().sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
