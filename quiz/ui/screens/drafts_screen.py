"""Drafts: review the questions `quiz add` drafted: accept, edit or reject each one."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Input, Label, Static

from quiz.core.model import Question
from quiz.derive import drafts
from quiz.ui.literal import cell, literal
from quiz.ui.widgets.feedback_panel import evidence_content
from quiz.ui.widgets.key_bar import KeyBar


class DraftsScreen(Screen[None]):
    BINDINGS = [
        Binding("a", "accept", "Accept", id="drafts.accept"),
        Binding("e", "edit", "Edit", id="drafts.edit"),
        Binding("x", "reject", "Reject", id="drafts.reject"),
        Binding("A", "accept_deck", "Accept deck", id="drafts.accept_deck"),
        Binding("escape", "back", "Back", id="drafts.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Question] = []

    @property
    def data_dir(self):
        return self.app.study.data_dir  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with Horizontal(id="drafts-body"):
            with Vertical(id="drafts-list"):
                yield Label("Drafts from your articles · a accept · e edit · x reject", classes="panel-title")
                yield DataTable(id="drafts", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="draft-detail"):
                yield Static(id="draft-view")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Id", width=12)
        table.add_column("Kind", width=9)
        table.add_column("Prompt")
        self.reload()
        table.focus()

    def reload(self) -> None:
        self.items = drafts.list_drafts(self.data_dir) if self.data_dir else []
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for q in self.items:
            table.add_row(cell(q.id), q.kind.value, cell(" ".join(q.prompt.split())), key=q.id)
        if self.items:
            table.move_cursor(row=min(row, len(self.items) - 1))
        self.show(self.current())

    def current(self) -> Question | None:
        if not self.items:
            return None
        return self.items[min(self.query_one(DataTable).cursor_row, len(self.items) - 1)]

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.show(self.current())

    def show(self, q: Question | None) -> None:
        view = self.query_one("#draft-view", Static)
        if q is None:
            view.update("No drafts to review. Add an article with `quiz add ARTICLE`.")
            return
        options = "\n".join(f"  ✗ {d}" for d in q.distractors)
        view.update(
            Content.assemble(
                ("Prompt\n", "bold"),
                literal(q.prompt),
                ("\n\nAnswer\n", "bold"),
                literal(f"  ✓ {q.answer_text}"),
                ("\n\nDistractors\n" if q.distractors else "", "bold"),
                literal(options),
                ("\n\nEvidence\n", "bold"),
                evidence_content(q),
                ("\n\nExplanation\n", "bold"),
                literal(q.explanation),
            )
        )

    def _changed(self, message: str) -> None:
        self.app.study.reload_bank()  # type: ignore[attr-defined]
        self.notify(message, markup=False)
        self.reload()

    def _guard(self, action) -> None:
        try:
            action()
        except drafts.DraftError as exc:
            self.notify(str(exc), severity="error", markup=False)

    def action_accept(self) -> None:
        q = self.current()
        if q is not None:
            self._guard(lambda: (drafts.accept(self.data_dir, [q.id]), self._changed(f"Accepted {q.id}.")))

    def action_reject(self) -> None:
        q = self.current()
        if q is not None:
            self._guard(lambda: (drafts.reject(self.data_dir, [q.id]), self._changed(f"Removed {q.id}.")))

    def action_accept_deck(self) -> None:
        q = self.current()
        if q is not None:
            self._guard(lambda: self._changed(f"Accepted {len(drafts.accept_deck(self.data_dir, q.deck))} drafts."))

    def action_edit(self) -> None:
        q = self.current()
        if q is None:
            return

        def save(edited: Question | None) -> None:
            if edited is not None:
                self._guard(lambda: (drafts.update(self.data_dir, edited), self._changed(f"Saved {q.id}.")))

        self.app.push_screen(EditDraftDialog(q), save)

    def action_back(self) -> None:
        self.app.pop_screen()


class EditDraftDialog(ModalScreen[Question | None]):
    """Reword a draft's prompt, answer or explanation; it must still pass `quiz check`."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="edit.cancel")]

    def __init__(self, question: Question) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        q = self.question
        with Vertical(classes="dialog"):
            yield Label(f"Edit {q.id}", classes="panel-title")
            yield Label("Prompt")
            yield Input(q.prompt, id="prompt")
            if isinstance(q.answer, str):
                yield Label("Answer (must appear in the evidence)")
                yield Input(q.answer, id="answer")
            yield Label("Explanation")
            yield Input(q.explanation, id="explanation")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def _save(self) -> None:
        values = {i.id: i.value for i in self.query(Input)}
        changes: dict[str, object] = {"prompt": values["prompt"], "explanation": values["explanation"]}
        if "answer" in values:
            changes["answer"] = values["answer"]
        self.dismiss(replace(self.question, **changes))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
