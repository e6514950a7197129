"""Question formats other tools use: read them into decks, write decks out as them (pure Python, no UI)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from quiz.core.model import Deck, Question
from quiz.core.problems import Problem
from quiz.formats import aiken, delimited, gift, json_format, limits
from quiz.formats.common import FormatError, Reading, Writing, decode

__all__ = [
    "EXPORTS",
    "IMPORTS",
    "PACKAGE",
    "PART_SIZE",
    "FormatError",
    "Reading",
    "Writing",
    "build_decks",
    "format_for",
    "read_file",
    "read_text",
    "write_deck",
]

READERS: dict[str, Callable[[str, Path, Reading], Reading]] = {
    "gift": gift.read,
    "aiken": aiken.read,
    "csv": delimited.read_csv,
    "tsv": delimited.read_tsv,
    "json": json_format.read,
}
WRITERS: dict[str, Callable[[Deck], Writing]] = {
    "gift": gift.write,
    "aiken": aiken.write,
    "csv": delimited.write,
    "json": json_format.write,
}
PACKAGE = "apkg"
"""Anki packages: binary (a zip of SQLite), so quiz.data.anki_package reads and writes them, not READERS/WRITERS."""
IMPORTS = (*READERS, PACKAGE)
EXPORTS = (*WRITERS, PACKAGE)
EXTENSIONS = {
    ".gift": "gift",
    ".aiken": "aiken",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
    ".apkg": PACKAGE,
    ".colpkg": PACKAGE,
}
NAMES = {"gift": "GIFT", "aiken": "Aiken", "csv": "CSV", "tsv": "TSV", "json": "JSON", PACKAGE: "Anki package"}

PART_SIZE = 5000
"""Most questions in one deck file; bigger imports become `<deck>-part01` ... (the loader caps a file at 8 MB)."""


def format_for(path: Path, text: str | None = None) -> tuple[str | None, bool]:
    """The format of a file from its extension, else guessed from its text; and whether it was guessed."""
    by_name = EXTENSIONS.get(path.suffix.lower())
    if by_name or text is None:
        return by_name, False
    return sniff(text), True


def sniff(text: str) -> str | None:
    """A best guess at the format of a `.txt` file."""
    head = text.lstrip()
    if head.startswith("["):
        return "json"
    if re.search(r"(?im)^answer\s*:\s*[a-z]\s*$", text) and re.search(r"(?m)^[A-Z][.)]\s", text):
        return "aiken"
    if re.search(r"(?<!\\)\{[^}]*\}", text):
        return "gift"
    first = next((line for line in text.split("\n") if line.strip() and not line.startswith("#")), "")
    if "\t" in first:
        return "tsv"
    if "," in first or ";" in first:
        return "csv"
    return None


def read_text(text: str, fmt: str, source: Path, reading: Reading | None = None) -> Reading:
    """Read text in format `fmt` into `reading` (it may carry a progress callback); bad entries in file order."""
    reading = READERS[fmt](text, source, reading or Reading())
    reading.problems.sort(key=lambda p: p.line)
    return reading


def read_file(path: Path, fmt: str | None = None, reading: Reading | None = None) -> tuple[Reading, str]:
    """Decode and read one file; the format is guessed when not given. Raises FormatError, OSError."""
    text, notes = decode(read_bytes(path), path)
    guessed = False
    if fmt is None:
        fmt, guessed = format_for(path, text)
    if fmt is None:
        raise FormatError(Problem(path, 0, f"cannot tell its format; pass --format with one of {', '.join(IMPORTS)}"))
    reading = read_text(text, fmt, path, reading)
    if guessed:
        notes.append(Problem(path, 0, f"read as {NAMES[fmt]} (guessed from its text; pass --format to choose)"))
    reading.notes[:0] = notes
    return reading, fmt


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refused at once past MAX_FILE_BYTES (read no further: it may be a device or a pipe)."""
    with path.open("rb") as f:
        raw = f.read(limits.MAX_FILE_BYTES + 1)
        if len(raw) > limits.MAX_FILE_BYTES:
            size = max(path.stat().st_size, len(raw))
            raise FormatError(limits.file_size(path, raw, size))
    return raw


def build_decks(
    questions: list[Question], deck_id: str, title: str, description: str = "", part_size: int = PART_SIZE
) -> list[Deck]:
    """Imported questions as one deck, or as parts of at most `part_size`; ids run `<deck>-001` on."""
    width = max(3, len(str(len(questions))))
    starts = range(0, len(questions), part_size)
    if len(starts) <= 1:
        names = [(deck_id, title)]
    else:
        digits = max(2, len(str(len(starts))))
        names = [(f"{deck_id}-part{n:0{digits}d}", f"{title} (part {n})") for n in range(1, len(starts) + 1)]
    decks = []
    for start, (part_id, part_title) in zip(starts or [0], names, strict=True):
        chunk = questions[start : start + part_size]
        numbered = (_renamed(q, f"{deck_id}-{start + i:0{width}d}", part_id) for i, q in enumerate(chunk, 1))
        decks.append(Deck(part_id, part_title, tuple(numbered), description, (), "imported"))
    return decks


def _renamed(q: Question, qid: str, deck: str) -> Question:
    """`replace(q, id=qid, deck=deck)` without running the frozen dataclass __init__ again (slow, 50,000 times)."""
    new = object.__new__(Question)
    new.__dict__.update(q.__dict__, id=qid, deck=deck)
    return new


def write_deck(deck: Deck, fmt: str) -> Writing:
    """The deck as a file in `fmt` (one of EXPORTS), with notes on what the format could not hold."""
    return WRITERS[fmt](deck)
