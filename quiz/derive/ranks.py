"""The ranker's score and reason for each draft in the library, kept beside its decks for the drafts screen.

`quiz add` writes `library/ranks/DECK.json` ({question id: {"score": 0.87, "reason": "..."}}) next to
the deck it drafts; a deck file holds only what `quiz check` reads, so the ranking lives apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from quiz.data.files import write_atomic
from quiz.data.library import library_root


@dataclass(frozen=True)
class Rank:
    """How the ranker judged one draft."""

    score: float
    reason: str


def ranks_folder(data_dir: Path) -> Path:
    return library_root(data_dir) / "ranks"


def save(data_dir: Path, deck_id: str, ranks: dict[str, Rank]) -> None:
    """Write one deck's ranks (atomically; a deck drafted again replaces them)."""
    folder = ranks_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    rows = {qid: {"score": round(r.score, 3), "reason": r.reason} for qid, r in ranks.items()}
    write_atomic(folder / f"{deck_id}.json", json.dumps(rows, indent=1, ensure_ascii=False) + "\n")


def load(data_dir: Path) -> dict[str, Rank]:
    """Every draft's rank by question id; a missing or damaged file only means no rank is shown."""
    out: dict[str, Rank] = {}
    folder = ranks_folder(data_dir)
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            continue
        if not isinstance(rows, dict):
            continue
        for qid, row in rows.items():
            if isinstance(row, dict) and isinstance(row.get("score"), (int, float)):
                out[qid] = Rank(float(row["score"]), str(row.get("reason", "")))
    return out
