"""The session options each profile chose last, kept in `<data dir>/preferences.json` across starts.

Only what the learner picked in the app is kept here (mode, count, filters, time limit, decks);
settings they edit by hand live in config.toml. A value of the wrong type is left out on reading,
so a damaged or hand-edited file never stops the app; an unreadable file is set aside as
`preferences.json.bad` before a new one is written, never silently overwritten.
"""

from __future__ import annotations

from pathlib import Path

from quiz.data.files import write_atomic

FILE = "preferences.json"
KINDS: dict[str, type] = {
    "mode": str,
    "count": int,
    "tag": str,
    "level": int,
    "form": str,
    "time_limit": int,  # minutes, for an exam
    "decks": list,
}


def preferences_file(data_dir: Path) -> Path:
    return data_dir / FILE


def _read(path: Path) -> dict[str, object] | None:
    """The file's profiles; {} when there is no file, None when it cannot be read."""
    if not path.is_file():
        return {}
    import json  # imported here: a first start (no file yet) does without it

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    profiles = data.get("profiles") if isinstance(data, dict) else None
    return profiles if isinstance(profiles, dict) else None


def load(data_dir: Path, profile: str) -> dict[str, object]:
    """The options `profile` chose last: only known keys with values of the right type."""
    chosen = (_read(preferences_file(data_dir)) or {}).get(profile)
    if not isinstance(chosen, dict):
        return {}
    kept: dict[str, object] = {}
    for key, kind in KINDS.items():
        value = chosen.get(key)
        if value is None or isinstance(value, bool) or not isinstance(value, kind):
            continue
        if kind is list:
            value = [v for v in value if isinstance(v, str)]
        kept[key] = value
    return kept


def save(data_dir: Path, profile: str, chosen: dict[str, object]) -> None:
    """Remember `chosen` for `profile`, keeping the other profiles' options."""
    path = preferences_file(data_dir)
    profiles = _read(path)
    if profiles is None:  # unreadable: keep it for the learner to look at, start a new one
        path.replace(path.with_name(FILE + ".bad"))
        profiles = {}
    profiles[profile] = {k: v for k, v in chosen.items() if k in KINDS}
    import json

    write_atomic(path, json.dumps({"profiles": profiles}, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
