"""The FSRS parameters each profile schedules with, kept in `<data dir>/fsrs-parameters.json`.

A profile without an entry uses FSRS's defaults. An entry that cannot be read (wrong count, not
numbers) is reported, not guessed: a schedule is never read with parameters other than its own. An unreadable file
is set aside as `fsrs-parameters.json.bad` before a new one is written, never silently overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from quiz.data.files import write_atomic
from quiz.data.preferences import _read  # the same file shape: {"profiles": {name: {...}}}
from quiz.data.store import StoreError

FILE = "fsrs-parameters.json"
COUNT = 21  # FSRS-6


class ParametersError(StoreError):
    """The stored parameters of a profile cannot be used; the message says where and what to do."""


def parameters_file(data_dir: Path) -> Path:
    return data_dir / FILE


def load(data_dir: Path, profile: str) -> tuple[float, ...] | None:
    """The parameters `profile` adopted, or None for FSRS's defaults."""
    path = parameters_file(data_dir)
    profiles = _read(path)
    if profiles is None:
        raise ParametersError(f"{path}: not a parameters file; run `quiz optimize` again or delete it")
    entry = profiles.get(profile)
    if entry is None:
        return None
    values = entry.get("parameters") if isinstance(entry, dict) else None
    if (
        not isinstance(values, list)
        or len(values) != COUNT
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
    ):
        raise ParametersError(
            f"{path}: profile {profile!r} needs {COUNT} numbers under 'parameters'; run `quiz optimize` again"
        )
    return tuple(float(v) for v in values)


def save(data_dir: Path, profile: str, parameters: Sequence[float], details: dict[str, Any]) -> None:
    """Keep `parameters` for `profile` (with how they were judged), keeping the other profiles'."""
    path = parameters_file(data_dir)
    profiles = _read(path)
    if profiles is None:
        path.replace(path.with_name(FILE + ".bad"))
        profiles = {}
    profiles[profile] = {**details, "parameters": [float(v) for v in parameters]}
    import json

    write_atomic(path, json.dumps({"profiles": profiles}, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
