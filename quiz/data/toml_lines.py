"""A TOML file edited line by line: one `key = value` line set, added or removed, every other line kept.

Enough for a settings file a person also edits by hand: their comments, blank lines, order and keys we
do not know stay exactly as they wrote them. The caller checks the result by parsing it (see
`quiz.data.config.save`), so a layout this does not understand is never written half-edited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADER = re.compile(r"\s*\[")  # a [table] or [[array]] header starts a new section


@dataclass
class TomlLines:
    lines: list[str]  # each with its own line ending, as read

    @classmethod
    def of(cls, text: str) -> TomlLines:
        lines = text.splitlines(keepends=True)
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += "\n"
        return cls(lines)

    def text(self) -> str:
        return "".join(self.lines)

    def section(self, table: str | None) -> tuple[int, int] | None:
        """The lines of the top level (None) or of `[table]`, header excluded: (first, end); None if absent."""
        if table is None:
            start = 0
        else:
            header = re.compile(rf"\s*\[\s*(\"?){re.escape(table)}\1\s*\]\s*(#.*)?$")
            found = [i for i, line in enumerate(self.lines) if header.match(line)]
            if not found:
                return None
            start = found[0] + 1
        end = next((i for i in range(start, len(self.lines)) if _HEADER.match(self.lines[i])), len(self.lines))
        return start, end

    def find(self, table: str | None, key: str) -> int | None:
        """The line that sets `key` (bare or quoted) in the top level or `[table]`."""
        bounds = self.section(table)
        if bounds is None:
            return None
        pattern = re.compile(rf"\s*(\"?){re.escape(key)}\1\s*=")
        return next((i for i in range(*bounds) if pattern.match(self.lines[i])), None)

    def set(self, table: str | None, key: str, literal: str, old_value: object) -> None:
        """Give `key` the value `literal`: on its own line, keeping its comment, or on a new line."""
        row = self.find(table, key)
        if row is None:
            self._add(table, key, literal)
            return
        line = self.lines[row]
        body = line.rstrip("\r\n")
        eol = line[len(body) :]
        before, rest = body.split("=", 1)
        spaces = rest[: len(rest) - len(rest.lstrip())]
        value, comment = _value_and_comment(rest.lstrip(), old_value)
        padding = value[len(value.rstrip()) :]
        self.lines[row] = f"{before}={spaces}{literal}{padding if comment else ''}{comment}{eol}"

    def remove(self, table: str | None, key: str) -> None:
        row = self.find(table, key)
        if row is not None:
            del self.lines[row]

    def _add(self, table: str | None, key: str, literal: str) -> None:
        name = f'"{key}"' if "." in key else key
        bounds = self.section(table)
        if bounds is None:  # a new table at the end of the file
            gap = ["\n"] if self.lines and self.lines[-1].strip() else []
            self.lines += [*gap, f"[{table}]\n", f"{name} = {literal}\n"]
            return
        start, end = bounds
        while end > start and not self.lines[end - 1].strip():  # after the section's last line, before blanks
            end -= 1
        self.lines.insert(end, f"{name} = {literal}\n")


def _value_and_comment(rest: str, old_value: object) -> tuple[str, str]:
    """Split `value  # comment` where the value part still reads as `old_value` (a '#' may be in a string)."""
    import tomli

    for at in (i for i, c in enumerate(rest) if c == "#"):
        try:
            if tomli.loads(f"v = {rest[:at]}").get("v") == old_value:
                return rest[:at], rest[at:]
        except tomli.TOMLDecodeError:
            continue
    return rest, ""
