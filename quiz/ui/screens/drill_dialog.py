"""Type the drill code a teacher wrote on the board, then your name: returns the drill's options."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from quiz.core.drill import DrillCodeError, decode, encode
from quiz.core.drill_entry import DrillEntryError, admit, drill_size, student_name
from quiz.core.model import Bank
from quiz.core.selection import Options
from quiz.ui.literal import literal


class DrillDialog(ModalScreen[Options | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="drill.cancel")]

    def __init__(self, bank: Bank, code: str = "") -> None:
        """`code`: already given (`quiz drill CODE`), so only the name is asked."""
        super().__init__()
        self.bank = bank
        self.options = decode(code, bank).options(code) if code else None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Drill code from your teacher", classes="panel-title", id="drill-title")
            yield Input(placeholder="e.g. 6J70-T430-3143-0NF6-YY1C, then Enter", id="drill-code")
            yield Input(placeholder="Your name, then Enter", id="drill-name")
            yield Static(
                "Everyone with this code gets the same questions in the same order.", classes="muted", id="drill-help"
            )

    def on_mount(self) -> None:
        if self.options is not None:
            self._ask_name()
        else:
            self.query_one("#drill-name").display = False

    def _ask_name(self) -> None:
        """Second step: the name the teacher will see beside the answers."""
        assert self.options is not None
        self.query_one("#drill-code").display = False
        self.query_one("#drill-title", Label).update(literal(f"Drill {self.options.drill}: your name"))
        self.query_one("#drill-help", Static).update(
            "Your teacher sees your answers under this name. A drill is taken once; "
            "if you left it early, it goes on where you stopped."
        )
        name = self.query_one("#drill-name", Input)
        name.display = True
        # Never filled in from the profile: under `quiz serve` a whole class shares one, and a name
        # taken over by Enter would go on with someone else's run.
        name.focus()

    @on(Input.Submitted, "#drill-code")
    def _code(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            code = encode(decode(event.value, self.bank), self.bank)
        except DrillCodeError as exc:
            self.notify(str(exc), title="Drill code", severity="error", markup=False)
            return
        self.options = decode(code, self.bank).options(code)
        self._ask_name()

    @on(Input.Submitted, "#drill-name")
    def _name(self, event: Input.Submitted) -> None:
        event.stop()
        assert self.options is not None
        code = self.options.drill
        try:
            study = self.app.study  # type: ignore[attr-defined]
            size = drill_size(study.bank, self.options)
            name = admit(study.store.drill_attempts(code), student_name(event.value), code, size)
        except DrillEntryError as exc:
            message = str(exc)
            self.notify(message[0].upper() + message[1:] + ".", title="Drill", severity="error", markup=False)
            return
        self.dismiss(replace(self.options, student=name))

    def action_cancel(self) -> None:
        self.dismiss(None)
