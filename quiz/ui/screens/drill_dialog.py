"""Type the drill code a teacher wrote on the board: returns the checked code."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from quiz.core.drill import DrillCodeError, decode, encode
from quiz.core.model import Bank


class DrillDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="drill.cancel")]

    def __init__(self, bank: Bank) -> None:
        super().__init__()
        self.bank = bank

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Drill code from your teacher", classes="panel-title")
            yield Input(placeholder="e.g. 6J70-T430-3143-0NF6-YY1C, then Enter", id="drill-code")
            yield Static("Everyone with this code gets the same questions in the same order.", classes="muted")

    @on(Input.Submitted, "#drill-code")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            code = encode(decode(event.value, self.bank), self.bank)
        except DrillCodeError as exc:
            self.notify(str(exc), title="Drill code", severity="error", markup=False)
            return
        self.dismiss(code)

    def action_cancel(self) -> None:
        self.dismiss(None)
