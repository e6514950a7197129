"""Help: the keys of the screen it was opened from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from quiz.ui.app import binding_keys, full_name


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "Close", id="help.close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.for_screen = screen

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            title = type(self.for_screen).__name__.removesuffix("Screen") or "quiz"
            yield Static(f"Keys: {title}", classes="panel-title")
            yield DataTable(id="help-keys", cursor_type="none", show_cursor=False)
            yield Static("Ctrl+P: every action by name · F1 or ?: this help · Escape: close", classes="muted")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Action")
        seen = set()
        bindings = [*self.for_screen.BINDINGS, *self.app.BINDINGS]
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description or full_name(binding) in seen:
                continue
            seen.add(full_name(binding))
            table.add_row(binding_keys(self.app, binding), full_name(binding))

    def action_close(self) -> None:
        self.dismiss(None)
