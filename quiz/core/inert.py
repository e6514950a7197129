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

import re
import unicodedata

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 and C1 controls and DEL, plus the format characters that matter for display: soft hyphen,
# Arabic letter mark, zero-width and bidi marks, line/paragraph separators, word joiners and
# invisible operators, bidi isolates, the byte-order mark and interlinear annotation marks.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")
_UNSAFE_KEEPING_LINES = re.compile(_UNSAFE.pattern.replace("\x00-\x1f", "\x00-\x08\x0b-\x1f"))
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


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
    pattern = _UNSAFE_KEEPING_LINES if keep_lines else _UNSAFE
    return pattern.sub(_spell, str(text))


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text: inert, and never taken for a formula.

    Numbers (and text that is a plain number, like a typed answer "-5") pass unchanged.
    """
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        value = "'" + value
    return inert(value)


def csv_row(values: list[object]) -> list[object]:
    return [csv_cell(v) for v in values]


def json_text(dumped: str) -> str:
    """JSON as json.dumps(..., ensure_ascii=False) wrote it, with the characters `inert` spells out
    written as \\uXXXX escapes: still the same JSON to a parser, harmless on a terminal."""
    # json.dumps already escapes every control character inside strings; a raw newline or tab is
    # layout between values, and stays.
    return _UNSAFE_KEEPING_LINES.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
