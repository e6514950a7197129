"""Settings kept in config.toml: new questions per day, desired retention, the hour a day starts, letter keys."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from quiz.data import config as settings


class SettingsDialog(ModalScreen[settings.Config | None]):
    """Edits the study settings; returns the changed config (None: cancelled)."""

    CSS_PATH = "settings_dialog.tcss"

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="settings.cancel")]

    def __init__(self, config: settings.Config) -> None:
        super().__init__()
        self.config = config

    def compose(self) -> ComposeResult:
        config = self.config
        low, high = settings.RETENTION
        first, last = settings.DAY_START
        with Vertical(classes="dialog", id="settings-dialog"):
            yield Label("Settings", classes="panel-title")
            with Horizontal(classes="field"):
                yield Label("New per day")
                yield Input(str(config.new_per_day), id="new_per_day", type="integer", max_length=4, compact=True)
            yield Static("never-seen questions brought in a day", classes="muted note")
            with Horizontal(classes="field"):
                yield Label("Retention")
                yield Input(str(config.desired_retention), id="desired_retention", max_length=5, compact=True)
            yield Static(f"{low}-{high}: higher means more reviews", classes="muted note")
            with Horizontal(classes="field"):
                yield Label("Day starts")
                yield Input(str(config.day_start), id="day_start", type="integer", max_length=2, compact=True)
            yield Static(f"{first}-{last}: the hour a new study day begins", classes="muted note")
            with Horizontal(classes="field"):
                yield Label("Letter keys")
                yield Checkbox("a-f (t/f) choose options", config.letter_keys, id="letter_keys", compact=True)
            yield Static("off: letters only spell an option's words", classes="muted note")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#new_per_day", Input).focus()

    def chosen(self) -> settings.Config | None:
        """The settings in the dialog; None (and a note saying what fits) when one is not usable."""
        values: dict[str, object] = {}
        for name, read, fits in (
            ("new_per_day", int, lambda v: v >= settings.NEW_PER_DAY_MIN),
            ("desired_retention", float, lambda v: settings.RETENTION[0] <= v <= settings.RETENTION[1]),
            ("day_start", int, lambda v: settings.DAY_START[0] <= v <= settings.DAY_START[1]),
        ):
            field = self.query_one(f"#{name}", Input)
            try:
                value = read(field.value.strip())
                if not fits(value):
                    raise ValueError
            except ValueError:
                label = name.replace("_", " ").capitalize()
                self.notify(f"{label}: {settings.EXPECTED[name]}.", title="Settings", severity="error", markup=False)
                field.focus()
                return None
            values[name] = value
        values["letter_keys"] = self.query_one("#letter_keys", Checkbox).value
        return replace(self.config, **values)  # type: ignore[arg-type]

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        config = self.chosen()
        if config is not None:
            self.dismiss(config)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
