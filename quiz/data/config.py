"""Settings in `<config dir>/config.toml`: theme, default mode and count, study day and scheduling, key overrides."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeGuard

from quiz.core.schedule import DESIRED_RETENTION
from quiz.core.study_day import DAY_START as DEFAULT_DAY_START
from quiz.core.study_day import NEW_PER_DAY
from quiz.data.files import write_atomic

MODES = ("practice", "exam", "review", "mistakes", "drill")
DEFAULT_THEME = "textual-dark"
DAY_START = (0, 23)
"""The hour a study day begins (Anki's "next day starts at"): reviews due before the next one are due today."""
NEW_PER_DAY_MIN = 0
RETENTION = (0.7, 0.97)  # above 0.97 the reviews a day grow steeply for little gain
"""FSRS's desired retention: the chance of still knowing a question when it comes due."""


@dataclass(frozen=True)
class Config:
    """The settings, each with its default."""

    theme: str = DEFAULT_THEME
    mode: str = "practice"
    count: int = 10
    day_start: int = DEFAULT_DAY_START  # hour the study day begins, like Anki's default
    new_per_day: int = NEW_PER_DAY  # never-seen questions review mode brings in per study day
    desired_retention: float = DESIRED_RETENTION
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> keys, e.g. "quiz.hint" = "h"
    letter_keys: bool = False  # a-f (t/f) choose options too; off, letters spell an option's words

    def with_theme(self, theme: str) -> Config:
        return replace(self, theme=theme)


@dataclass(frozen=True)
class LoadedConfig:
    """The settings read from the file, and what was wrong in it."""

    config: Config
    warnings: tuple[str, ...] = ()  # problems in the file: shown to the user, defaults used instead


def config_file(folder: Path) -> Path:
    return folder / "config.toml"


def load(folder: Path) -> LoadedConfig:
    """Read the config; a bad file or value never stops the app, it is reported and ignored."""
    path = config_file(folder)
    if not path.is_file():
        return LoadedConfig(Config())
    import tomli  # imported here: without a config file, start-up does without it

    try:
        data = tomli.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError) as exc:
        return LoadedConfig(Config(), (f"{path}: cannot be read ({exc}); using default settings",))
    except (RecursionError, ValueError):  # tomli's limit on nesting, Python's on an integer's digits
        why = "arrays nested too deeply, or a number with thousands of digits"
        return LoadedConfig(Config(), (f"{path}: cannot be read ({why}); using default settings",))
    return parse(data, path)


def parse(data: dict[str, object], path: Path) -> LoadedConfig:
    """The settings in the parsed TOML `data` of the file at `path`, and what is wrong in them."""
    warnings: list[str] = []
    values: dict[str, object] = {}
    for key, value in data.items():
        if key == "theme" and isinstance(value, str):
            values["theme"] = value
        elif key == "mode" and value in MODES:
            values["mode"] = value
        elif key == "count" and isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 500:
            values["count"] = value
        elif key == "letter_keys" and isinstance(value, bool):
            values["letter_keys"] = value
        elif key == "day_start" and _whole(value) and DAY_START[0] <= value <= DAY_START[1]:
            values["day_start"] = value
        elif key == "new_per_day" and _whole(value) and value >= NEW_PER_DAY_MIN:
            values["new_per_day"] = value
        elif key == "desired_retention" and _fraction(value) and RETENTION[0] <= value <= RETENTION[1]:
            values["desired_retention"] = float(value)
        elif key in EXPECTED:
            warnings.append(f"{path}: ignored {key} = {value!r}: {EXPECTED[key]} (using the default)")
        elif key == "keys" and isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            values["keys"] = dict(value)
        else:
            warnings.append(f"{path}: ignored setting {key} = {value!r} (see the README's Settings section)")
    return LoadedConfig(Config(**values), tuple(warnings))  # type: ignore[arg-type]


def save(folder: Path, config: Config) -> Path | None:
    """Write the config atomically (a crash mid-write never leaves half a file).

    An existing file is edited: only the lines of settings that changed are rewritten, so the
    user's comments and keys we do not know stay. A file that cannot be edited safely (it does not
    parse) is kept beside the new one as config.toml.bak, whose path is returned.
    """
    path = config_file(folder)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        raw = path.read_bytes()  # not read_text: its newline translation would rewrite every \r\n line
    except FileNotFoundError:
        raw = None
    try:
        edited = None if raw is None else _edited(raw.decode("utf-8-sig"), config, path)
    except UnicodeDecodeError:
        edited = None
    if edited is not None:
        write_atomic(path, edited)
        return None
    kept = None
    if raw is not None:  # byte for byte: nothing the user wrote is lost
        kept = path.with_name(path.name + ".bak")
        kept.write_bytes(raw)
    write_atomic(path, _fresh(config))
    return kept


_FIELDS = ("theme", "mode", "count", "day_start", "new_per_day", "desired_retention", "letter_keys")
"""The top-level settings, in the order a new file lists them."""


def _fresh(config: Config) -> str:
    lines = ["# quiz settings; see the README's Settings section."]
    lines += [f"{name} = {_literal(getattr(config, name))}" for name in _FIELDS if name != "letter_keys"]
    if config.letter_keys:
        lines.append("letter_keys = true")
    if config.keys:
        lines += ["", "[keys]"] + [f"{_string(k)} = {_string(v)}" for k, v in sorted(config.keys.items())]
    return "\n".join(lines) + "\n"


def _edited(old: str, config: Config, path: Path) -> str | None:
    """`old` with the lines of the settings `config` changes rewritten; None if that cannot be done safely."""
    import tomli

    from quiz.data.toml_lines import TomlLines

    try:
        before = tomli.loads(old)
    except (tomli.TOMLDecodeError, RecursionError, ValueError):
        return None
    current = parse(before, path).config
    lines = TomlLines.of(old)
    for name in _FIELDS:
        if getattr(config, name) != getattr(current, name):
            lines.set(None, name, _literal(getattr(config, name)), before.get(name))
    if config.keys != current.keys:
        table = before.get("keys") if isinstance(before.get("keys"), dict) else {}
        for key in sorted(set(config.keys) | set(current.keys)):
            if key not in config.keys:
                lines.remove("keys", key)
            elif config.keys[key] != current.keys.get(key):
                lines.set("keys", key, _string(config.keys[key]), table.get(key))
    text = lines.text()
    try:
        after = tomli.loads(text)
    except (tomli.TOMLDecodeError, RecursionError, ValueError):
        return None
    untouched = [k for k in before if k not in (*_FIELDS, "keys")]
    if parse(after, path).config != config or any(after.get(k) != before[k] for k in untouched):
        return None  # a layout the line edit does not understand (a dotted key, a multi-line value)
    return text


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _string(value) if isinstance(value, str) else str(value)


EXPECTED = {
    "day_start": f"it must be a whole hour from {DAY_START[0]} to {DAY_START[1]}",
    "new_per_day": f"it must be a whole number, {NEW_PER_DAY_MIN} or more",
    "desired_retention": f"it must be a number from {RETENTION[0]} to {RETENTION[1]}, such as 0.9",
    "letter_keys": "it must be true or false",
}
"""What each study setting must be, said when the file has something else."""


def _whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _fraction(value: object) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _string(value: str) -> str:
    import json

    # A JSON string of printable text is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)
