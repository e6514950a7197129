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
        typing = getattr(self.for_screen, "LETTERS_ARE_TEXT", False)
        own = [(b, True) for b in self.for_screen.BINDINGS] + [(b, not typing) for b in self.app.BINDINGS]
        rows: list[tuple[str, str, str]] = []  # keys, what they do, the action's name
        for binding, letters in own:
            if not isinstance(binding, Binding) or not binding.description or full_name(binding) in seen:
                continue
            seen.add(full_name(binding))
            keys = binding_keys(self.app, binding, letters)
            if keys:
                rows.append((keys, full_name(binding), binding.action.split("(")[0]))
        for keys, name in _runs(rows):
            table.add_row(keys, name)

    def action_close(self) -> None:
        self.dismiss(None)


def _runs(rows: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """Rows of one action told apart by a number ("1 Option 1" ... "9 Option 9") as one row: "1-9 Option 1-9"."""
    merged: list[tuple[str, str]] = []
    i = 0
    while i < len(rows):
        j = i
        while (
            j + 1 < len(rows)
            and rows[j + 1][2] == rows[i][2]
            and rows[j + 1][1].rsplit(" ", 1)[0] == rows[i][1].rsplit(" ", 1)[0]
        ):
            j += 1
        first, last = rows[i], rows[j]
        if j > i and first[0].isdigit() and last[0].isdigit():
            merged.append((f"{first[0]}-{last[0]}", f"{first[1]}-{last[0]}"))
        else:
            merged.extend((keys, name) for keys, name, _action in rows[i : j + 1])
        i = j + 1
    return merged
