"""The Textual app: a thin shell that owns the study services and the settings."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from quiz.data import config as settings
from quiz.study import Study
from quiz.ui.themes import HIGH_CONTRAST

if TYPE_CHECKING:
    from quiz.core.selection import Options


def full_name(binding: Binding) -> str:
    """What a key does, in full: the key bar shows the short description, help and palette this."""
    return binding.tooltip or binding.description


BUILD_BANK_AFTER = 0.5  # seconds after start-up

_KEY_NAMES = {"escape": "Esc", "pageup": "PgUp", "pagedown": "PgDn", "delete": "Del", "minus": "-", "plus": "+"}


def key_name(key: str) -> str:
    """A key as people write it: F1, Ctrl+O, Esc, Enter, ?, q."""
    *modifiers, base = key.strip().split("+")
    if base in _KEY_NAMES:
        name = _KEY_NAMES[base]
    elif len(base) > 1:
        name = _symbol(base) or base.replace("_", " ").title().replace(" ", "")  # f1 -> F1, enter -> Enter
    else:
        name = base.upper() if modifiers else base  # Ctrl+O, but a plain letter stays as typed
    return "+".join([m.title() for m in modifiers] + [name])


def _symbol(name: str) -> str:
    """The character a key is named after ("comma" -> ","), or "" for keys that are no character."""
    import unicodedata

    try:
        char = unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return ""
    return char if char.isprintable() and not char.isspace() else ""


def binding_keys(app: App, binding: Binding, letters: bool = True) -> str:
    """The keys of a binding as people write them, as remapped in config.toml ("F1, ?").

    Without `letters`, single letters are left out: on a screen that takes them as text they do nothing.
    """
    keys: dict[str, str] = getattr(app, "config", settings.Config()).keys
    chosen = [k.strip() for k in keys.get(binding.id or "", binding.key).split(",")]  # config.toml's [keys] win
    return ", ".join(key_name(k) for k in chosen if k and (letters or not (len(k) == 1 and k.isalpha())))


class QuizApp(App[None]):
    TITLE = "quiz"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+c,q", "quit_app", "Quit", id="app.quit", priority=False),
    ]

    def __init__(self, study: Study, config: settings.Config, config_dir: Path | None = None) -> None:
        super().__init__()
        self.study = study
        self.config = config
        self.config_dir = config_dir
        self.start_options: Options | None = None  # `quiz play`: go straight into a session
        self.register_theme(HIGH_CONTRAST)
        self.set_keymap(config.keys)
        self.settings_warnings: tuple[str, ...] = ()  # what config.toml's reader could not use
        self.collector_paused = False  # `quiz` turns the garbage collector off until home is drawn

    def get_default_screen(self) -> Screen:
        """Home is the bottom of the screen stack: one screen to build and draw at start-up, not two."""
        from quiz.ui.screens.home_screen import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self.call_after_refresh(self._drawn)
        self.call_after_refresh(self._say_settings_problems)
        if self.start_options is not None:  # `quiz play`: straight into a session
            self.call_after_refresh(self.screen.start, self.start_options)  # type: ignore[attr-defined]
        if os.environ.get("QUIZ_SERVED") == "1":  # see quiz.cli.commands.SERVED
            self.set_interval(1.0, self._leave_when_unserved)
        # A bank opened from the cache shows home from its outline; its questions are built once
        # home is on screen, before the learner is likely to start (or on the first key that needs them).
        self.set_timer(BUILD_BANK_AFTER, lambda: self.study.bank)

    def _drawn(self) -> None:
        """Home is on screen: the garbage collector runs again if start-up paused it."""
        if self.collector_paused:
            self.collector_paused = False
            gc.enable()

    def _say_settings_problems(self) -> None:
        """A notice at start for every setting that was ignored: a shell line would be hidden by the app."""
        from quiz.ui.settings_problems import settings_problems, short

        path = settings.config_file(self.config_dir) if self.config_dir else None
        found = [*self.settings_warnings, *settings_problems(self, self.config.theme, self.config.keys)]
        if found:  # the file once, in the title: each line says what was wrong with one setting
            lines = "\n".join(f"• {short(line, path)}" for line in found)
            title = f"Not used, defaults instead ({path}):" if path else "Settings not used, defaults instead:"
            self.notify(f"{title}\n{lines}", severity="warning", timeout=20, markup=False)

    def _leave_when_unserved(self) -> None:
        """Under `quiz serve`, exit (closing the store) once the server is gone.

        Textual's web driver stops reading when its input ends but keeps the app running: without
        this, every browser session outlives a stopped server, holding the database open.
        """
        reader = getattr(self._driver, "_key_thread", None)
        if reader is not None and not reader.is_alive():
            self.exit()

    def watch_theme(self, theme: str) -> None:
        """Remember the chosen theme for next time."""
        if self.config_dir is not None and theme != self.config.theme:
            self.config = self.config.with_theme(theme)
            settings.save(self.config_dir, self.config)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        seen = {"Quit"}  # Textual's own command already quits
        # What the screen can do now (a key its check_action turns off is not offered either).
        active = screen.active_bindings.values()
        usable = {(a.binding.action, a.binding.id) for a in active if a.enabled and a.node in (screen, self)}
        usable |= {(b.action, b.id) for b in self.BINDINGS if isinstance(b, Binding)}
        owned = [(b, screen) for b in screen.BINDINGS] + [(b, self) for b in self.BINDINGS]
        for binding, target in owned:
            if isinstance(binding, Binding) and binding.description and (binding.action, binding.id) in usable:
                name = full_name(binding)
                if name not in seen:
                    seen.add(name)
                    yield SystemCommand(
                        name,
                        f"{name} ({binding_keys(self, binding)})",
                        lambda action=binding.action, target=target: target.run_action(action),
                    )

    def _handle_exception(self, error: Exception) -> None:
        """A failing score database (full or read-only disk) ends the app with its one-line reason, no traceback."""
        from quiz.data.store import StoreError

        if not isinstance(error, StoreError):
            super()._handle_exception(error)
            return
        from rich.text import Text

        from quiz.core.text import visible

        # The answer that failed was never shown as saved: recording comes before its feedback.
        self.exit(return_code=1, message=Text(f"quiz: {visible(str(error))}"))

    def action_help(self) -> None:
        from quiz.ui.screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        """Textual's own Quit (in the command palette) asks mid-session too."""
        await self.action_quit_app()

    async def action_quit_app(self) -> None:
        """Quit; mid-session, ask first (every answer given is already saved)."""
        from quiz.ui.screens.question_screen import QuestionScreen

        if isinstance(self.screen, QuestionScreen) and self.screen.in_progress:
            self.screen.action_leave(quit_app=True)
            return
        self.exit()
