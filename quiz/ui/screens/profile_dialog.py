"""Switch profile, or add one: returns the chosen profile's name."""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from quiz.ui.literal import literal

NAME = re.compile(r"^[\w][\w .'-]{0,39}$")


class ProfileDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="profile.cancel")]

    def __init__(self, profiles: list[str], current: str) -> None:
        super().__init__()
        self.profiles, self.current = profiles, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Study as")
            yield OptionList(
                *[
                    Option(literal(("● " if p == self.current else "  ") + p), id=f"p{i}")
                    for i, p in enumerate(self.profiles)
                ],
                id="profiles",
            )
            yield Label("or add a new profile")
            yield Input(placeholder="Name, then Enter", id="new-profile", max_length=40)

    def on_mount(self) -> None:
        options = self.query_one("#profiles", OptionList)
        if self.current in self.profiles:
            options.highlighted = self.profiles.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected, "#profiles")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.profiles[event.option_index])

    @on(Input.Submitted, "#new-profile")
    def _added(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if not NAME.match(name):
            self.notify("Use letters, digits, spaces, . ' - (up to 40).", severity="error")
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
