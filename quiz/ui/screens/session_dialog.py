"""What the next session asks: mode, how many questions, tag, difficulty, format and an exam's time limit."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from quiz.core.selection import Mode
from quiz.core.verdict import Form
from quiz.ui.literal import literal
from quiz.ui.session_choice import ANY_FORM, FORMS, LEVELS, MAX_COUNT, MAX_MINUTES, SessionChoice


class Unusable(ValueError):
    """A field's value that cannot be used: (field id, what fits)."""


class SessionDialog(ModalScreen[SessionChoice | None]):
    CSS_PATH = "session_dialog.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="session.cancel")]

    def __init__(self, choice: SessionChoice, tags: list[str]) -> None:
        super().__init__()
        self.choice, self.tags = choice, tags

    def compose(self) -> ComposeResult:
        choice = self.choice
        with Vertical(classes="dialog", id="session-dialog"):
            yield Label("Next session", classes="panel-title")
            with Horizontal(classes="field"):
                yield Label("Mode")
                yield Select(
                    [(m.value, m) for m in Mode], value=choice.mode, allow_blank=False, id="mode", compact=True
                )
            yield Static(choice.mode.describe, id="mode-help", classes="muted")
            with Horizontal(classes="field"):
                yield Label("Questions")
                yield Input(str(choice.count), id="count", type="integer", max_length=3, compact=True)
            with Horizontal(classes="field"):
                yield Label("Tag")
                tag = choice.tag if choice.tag in self.tags else None  # the bank may have changed
                yield Select(
                    [(literal(t), t) for t in self.tags], value=_or_blank(tag), prompt="any", id="tag", compact=True
                )
            with Horizontal(classes="field"):
                yield Label("Difficulty")
                yield Select(
                    [(v, k) for k, v in LEVELS.items()],
                    value=_or_blank(choice.level),
                    prompt="any",
                    id="level",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("Format")
                yield Select(
                    [(v, k) for k, v in FORMS.items()],
                    value=_or_blank(choice.form),
                    prompt=ANY_FORM,
                    id="form",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("Time limit")
                yield Input(
                    str(choice.minutes or ""),
                    placeholder="none · minutes, for an exam",
                    id="minutes",
                    type="integer",
                    max_length=3,
                    compact=True,
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", id="ok", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#mode", Select).focus()

    @on(Select.Changed, "#mode")
    def _mode_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, Mode):
            self.query_one("#mode-help", Static).update(event.value.describe)

    def _number(self, field: str, what: str, most: int, *, blank_ok: bool = False) -> int | None:
        """The whole number in a field (None: left blank, where that means none)."""
        raw = self.query_one(f"#{field}", Input).value.strip()
        if raw.isdigit() and 1 <= int(raw) <= most:
            return int(raw)
        if blank_ok and not raw:
            return None
        raise Unusable(
            field, f"{what}: a whole number from 1 to {most}" + (", or empty for none." if blank_ok else ".")
        )

    def chosen(self) -> SessionChoice | None:
        """The choices in the dialog; None (and a note saying why) when a number is not usable."""
        try:
            count = self._number("count", "Questions", MAX_COUNT) or 1
            minutes = self._number("minutes", "Time limit (minutes)", MAX_MINUTES, blank_ok=True)
        except Unusable as bad:
            field, message = bad.args
            self.notify(message, title="Next session", severity="error")
            self.query_one(f"#{field}", Input).focus()
            return None
        tag, level, form = (self.query_one(f"#{name}", Select).value for name in ("tag", "level", "form"))
        return SessionChoice(
            mode=self.query_one("#mode", Select).value,  # type: ignore[arg-type]
            count=count,
            tag=tag if isinstance(tag, str) else None,
            level=level if isinstance(level, int) else None,
            form=form if isinstance(form, Form) else None,
            minutes=minutes,
        )

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def action_ok(self) -> None:
        choice = self.chosen()
        if choice is not None:
            self.dismiss(choice)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _or_blank(value: object) -> object:
    return Select.NULL if value is None else value
