"""Problems found in user input, each one pointing at a file, a line and a question."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful: a warning) in a file, at a line (0: the whole file), maybe in one question."""

    file: Path
    line: int
    message: str
    question: str = ""
    severity: str = "error"  # or "warning": reported, fatal only under `quiz check --strict`

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        who = f" [{self.question}]" if self.question else ""
        return f"{where}:{who} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": str(self.file),
            "line": self.line,
            "question": self.question,
            "message": self.message,
            "severity": self.severity,
        }


class BankError(Exception):
    """The bank could not be used as it is; `problems` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
