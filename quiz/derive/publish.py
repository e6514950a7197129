"""Put derived articles where `quiz check` finds them: article files plus an articles.toml catalogue.

Nothing that exists is overwritten: an article already there (same text) is reused, a different
file of the same name gets a new name, and new catalogue entries are appended to the file as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import tomli

from quiz.core.bank import ARTICLES_FILE
from quiz.core.model import Article
from quiz.core.writer import dump_articles
from quiz.data.files import write_atomic

_NOT_ID = re.compile(r"[^a-z0-9._-]+")


class PublishError(Exception):
    """The seeds folder cannot take the articles as it is, with what to do."""


def slug(name: str) -> str:
    """An article or deck id from a file name: 'My Report (1).txt' -> 'my-report-1'."""
    stem = Path(name).stem if "." in name else name
    s = _NOT_ID.sub("-", stem.lower()).strip("-._")
    return s or "article"


@dataclass(frozen=True)
class Placement:
    """Where one article goes: its id, its file, and whether the file or catalogue entry is new."""

    id: str
    path: Path
    new_file: bool
    new_entry: bool


def read_catalogue(seeds: Path) -> dict[str, str]:
    """The catalogue's article ids and file names (empty if there is no catalogue yet)."""
    path = seeds / ARTICLES_FILE
    if not path.is_file():
        return {}
    try:
        data = tomli.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError) as exc:
        raise PublishError(f"{path} cannot be read ({exc}); fix it (run `quiz check`) and try again") from None
    out: dict[str, str] = {}
    for entry in data.get("articles", []):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            out[entry["id"]] = str(entry.get("file", ""))
    return out


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _same_text(path: Path, text: str) -> bool:
    return _text(path) == text


def plan(seeds: Path, wanted: list[tuple[str, str, str]], reserved: set[str] = frozenset()) -> list[Placement]:
    """Ids and files for (id, file name, text) items, reusing identical articles, never clobbering others."""
    catalogue = read_catalogue(seeds)
    taken_ids = set(catalogue) | set(reserved)
    taken_files = {name for name in catalogue.values()}
    known: dict[str | None, str] = {}  # each catalogued article's text -> its first id (each file read once)
    for art_id, name in catalogue.items():
        if name:
            known.setdefault(_text(seeds / name), art_id)
    known.pop(None, None)
    out: list[Placement] = []
    for want_id, want_name, text in wanted:
        same = known.get(text)
        if same is not None:
            out.append(Placement(same, seeds / catalogue[same], new_file=False, new_entry=False))
            continue
        art_id, n = want_id, 1
        while art_id in taken_ids:
            n += 1
            art_id = f"{want_id}-{n}"
        taken_ids.add(art_id)
        stem, suffix = Path(want_name).stem, ".txt"
        name, n = f"{stem}{suffix}", 1
        while (seeds / name).exists() and not _same_text(seeds / name, text) or name in taken_files:
            n += 1
            name = f"{stem}-{n}{suffix}"
        taken_files.add(name)
        path = seeds / name
        out.append(Placement(art_id, path, new_file=not path.exists(), new_entry=True))
    return out


def write(seeds: Path, placements: list[Placement], texts: list[str], articles: list[Article]) -> None:
    """Write new article files and append new entries to the catalogue."""
    seeds.mkdir(parents=True, exist_ok=True)
    for p, text in zip(placements, texts, strict=True):
        if p.new_file:
            write_atomic(p.path, text)
    entries = [a for p, a in zip(placements, articles, strict=True) if p.new_entry]
    if not entries:
        return
    catalogue = seeds / ARTICLES_FILE
    block = dump_articles(entries)
    if catalogue.is_file():
        old = catalogue.read_text(encoding="utf-8-sig")
        write_atomic(catalogue, old.rstrip("\n") + "\n\n" + block)
    else:
        header = "# Articles for derived decks; each `file` is relative to this folder.\n\n"
        write_atomic(catalogue, header + block)
