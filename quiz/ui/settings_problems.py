"""What in config.toml the app cannot use: a theme it does not have, a key id no binding has."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path

from textual.app import App
from textual.binding import Binding

import quiz.ui.screens
import quiz.ui.widgets


def binding_ids() -> set[str]:
    """Every binding id of the app, its screens and its widgets (what `[keys]` may remap)."""
    import pkgutil  # imported here: only a config.toml with [keys] needs it, and this module is read at every start

    modules = ["quiz.ui.app"] + [
        f"{package.__name__}.{info.name}"
        for package in (quiz.ui.screens, quiz.ui.widgets)
        for info in pkgutil.iter_modules(package.__path__)
    ]
    ids: set[str] = set()
    for name in modules:
        for value in vars(importlib.import_module(name)).values():
            bindings = getattr(value, "BINDINGS", None) if isinstance(value, type) else None
            ids.update(b.id for b in bindings or () if isinstance(b, Binding) and b.id)
    return ids


def settings_problems(app: App, theme: str, keys: Iterable[str]) -> list[str]:
    """One line for each setting the running app cannot use (the defaults are used instead)."""
    problems = []
    if theme not in app.available_themes:
        problems.append(f"theme = {theme!r}: no such theme (Ctrl+P → Theme lists them)")
    keys = list(keys)
    for key in sorted(set(keys) - binding_ids()) if keys else []:
        problems.append(f"[keys] {key!r}: no key has that id (see the README's Settings section)")
    return problems


def short(warning: str, path: Path | None) -> str:
    """A config reader's warning without the file's name and the words the notice's title says."""
    if path is not None:
        warning = warning.removeprefix(f"{path}: ")
    return warning.removeprefix("ignored setting ").removeprefix("ignored ").removesuffix(" (using the default)")
