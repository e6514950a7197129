"""A yes/no question that returns its answer."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from quiz.ui.literal import literal


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
        # Ahead of the screen's own Ctrl+C (copy): pressed twice, Ctrl+C quits, as in any terminal app.
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True, id="confirm.quit"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No", quits: bool = False) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no
        self.quits = quits  # the question is "Quit?": Ctrl+C answers yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.question))
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button(f"{self.no} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    def action_interrupt(self) -> None:
        """Ctrl+C: yes to "Quit?"; on any other question, no, then the app's own quit (which may ask)."""
        if self.quits:
            self.dismiss(True)
            return
        self.dismiss(False)
        self.app.call_later(self.app.run_action, "quit_app")
