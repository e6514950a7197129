"""Drafts: review the questions `quiz add` drafted: accept, edit or reject each one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Input, Label, Static, TextArea

from quiz.core.model import Kind, Question
from quiz.derive import drafts, ranks
from quiz.ui.literal import cell, literal
from quiz.ui.widgets.feedback_panel import evidence_content
from quiz.ui.widgets.key_bar import KeyBar


class DraftsScreen(Screen[None]):
    CSS_PATH = "drafts_screen.tcss"
    BINDINGS = [
        Binding("a", "accept", "Accept", id="drafts.accept"),
        Binding("e", "edit", "Edit", id="drafts.edit"),
        Binding("x", "reject", "Reject", id="drafts.reject"),
        Binding("A", "accept_deck", "Accept deck", tooltip="Accept all of the deck's drafts", id="drafts.accept_deck"),
        Binding("escape", "back", "Back", id="drafts.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Question] = []
        self.ranks: dict[str, ranks.Rank] = {}
        self.notes: dict[str, str] = {}

    @property
    def data_dir(self):
        return self.app.study.data_dir  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with Horizontal(id="drafts-body"):
            with Vertical(id="drafts-list"):
                yield Label("Drafts from your articles", id="drafts-title", classes="panel-title")
                yield DataTable(id="drafts", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="draft-detail"):
                yield Static(id="draft-view")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Id")  # as wide as the ids: the prompt gets the rest at 80 columns
        table.add_column("Kind")
        table.add_column("Score")
        table.add_column("Prompt")
        self.reload()
        table.focus()

    def reload(self) -> None:
        self.items = drafts.list_drafts(self.data_dir) if self.data_dir else []
        bank = drafts.library_bank(self.data_dir)[0] if self.items else None
        self.notes = {d.id: drafts.deck_note(d) for d in bank.decks} if bank else {}
        self.ranks = ranks.load(self.data_dir) if self.data_dir else {}
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for q in self.items:
            rank = self.ranks.get(q.id)
            score = f"{rank.score:.2f}" if rank else "–"
            table.add_row(cell(q.id), q.kind.value, score, cell(" ".join(q.prompt.split())), key=q.id)
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
        note = self.notes.get(q.deck, "") if q else ""
        # An article that gave fewer drafts than one of its length usually does: say so over the list.
        title = f"Drafts · {q.deck}: {note.split(' from this article')[0].lower()}" if q and note else ""
        self.query_one("#drafts-title", Label).update(literal(title or "Drafts from your articles"))
        view = self.query_one("#draft-view", Static)
        if q is None:
            view.update("No drafts to review. Add an article with `quiz add ARTICLE`.")
            return
        options = "\n".join(f"  ✗ {d}" for d in q.distractors)
        also = "\n".join(f"  ✓ {a}" for a in q.alternatives)
        rank = self.ranks.get(q.id)
        view.update(
            Content.assemble(
                ("Score ", "bold") if rank else "",
                literal(f"{rank.score:.2f} ({rank.reason})\n\n") if rank else "",
                ("Prompt\n", "bold"),
                literal(q.prompt),
                ("\n\nAnswer\n", "bold"),
                literal(f"  ✓ {q.answer_text}"),
                ("\n\nAlso accepted\n" if q.alternatives else "", "bold"),
                literal(also),
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
        from quiz.ui.screens.confirm_dialog import ConfirmDialog

        q = self.current()
        if q is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:  # asked first: a removed draft cannot be brought back
                self._guard(lambda: (drafts.reject(self.data_dir, [q.id]), self._changed(f"Removed {q.id}.")))

        question = f"Remove draft {q.id}? It cannot be brought back (quiz derive drafts it again)."
        self.app.push_screen(ConfirmDialog(question, yes="Remove", no="Keep"), answered)

    def action_accept_deck(self) -> None:
        from quiz.ui.screens.confirm_dialog import ConfirmDialog

        q = self.current()
        if q is None:
            return
        waiting = sum(1 for d in self.items if d.deck == q.deck)

        def answered(yes: bool | None) -> None:
            if yes:
                self._guard(lambda: self._changed(f"Accepted {len(drafts.accept_deck(self.data_dir, q.deck))} drafts."))

        question = f"Accept all {waiting} drafts left in deck {q.deck}? They become questions you study."
        self.app.push_screen(ConfirmDialog(question, yes="Accept all", no="Not now"), answered)

    def action_edit(self) -> None:
        q = self.current()
        if q is None:
            return

        def saved(edited: Question | None) -> None:
            if edited is not None:  # written already: the dialog saves only what passes the check
                self._changed(f"Saved {q.id}.")

        self.app.push_screen(EditDraftDialog(q, self.data_dir), saved)

    def action_back(self) -> None:
        self.app.pop_screen()


def typed(q: Question) -> bool:
    """Is it answered by typing a text (recall, gap): the kinds with accepted alternatives."""
    return q.kind in (Kind.RECALL, Kind.GAP) and isinstance(q.answer, str)


class EditDraftDialog(ModalScreen[Question | None]):
    """Reword a draft (prompt, answer, alternatives, distractors, explanation); saved only if it passes `quiz check`.

    A failed check keeps the dialog open with everything as typed and says why, so nothing is lost.
    """

    CSS_PATH = "drafts_screen.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="edit.save"),
        Binding("escape", "cancel", "Cancel", id="edit.cancel"),
    ]

    def __init__(self, question: Question, data_dir: Path) -> None:
        super().__init__()
        self.question, self.data_dir = question, data_dir

    def compose(self) -> ComposeResult:
        q = self.question
        with Vertical(classes="dialog", id="edit-draft"):
            yield Label(literal(f"Edit {q.id} · Ctrl+S saves · Tab moves on"), classes="panel-title")
            with VerticalScroll(id="edit-fields"):
                yield Label("Prompt")
                yield TextArea(q.prompt, id="prompt", classes="-long", compact=True)
                if isinstance(q.answer, str):
                    yield Label("Answer (must appear in the evidence)" if typed(q) else "Answer")
                    yield Input(q.answer, id="answer", compact=True)
                if typed(q):
                    yield Label("Also accepted (one a line)")
                    yield TextArea("\n".join(q.alternatives), id="alternatives", compact=True)
                if q.kind is not Kind.TRUEFALSE:
                    yield Label("Distractors: wrong options (one a line)")
                    yield TextArea("\n".join(q.distractors), id="distractors", compact=True)
                yield Label("Explanation")
                yield TextArea(q.explanation, id="explanation", classes="-long", compact=True)
            yield Static(id="edit-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (Ctrl+S)", id="save", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#prompt", TextArea).focus()

    def edited(self) -> Question:
        """The question as the fields now have it."""

        def text(name: str) -> str:
            return self.query_one(f"#{name}", TextArea).text.strip()

        def lines(name: str) -> tuple[str, ...]:
            return tuple(line.strip() for line in text(name).splitlines() if line.strip())

        changes: dict[str, object] = {"prompt": text("prompt"), "explanation": text("explanation")}
        if isinstance(self.question.answer, str):
            changes["answer"] = self.query_one("#answer", Input).value.strip()
        if typed(self.question):
            changes["alternatives"] = lines("alternatives")
        if self.question.kind is not Kind.TRUEFALSE:
            changes["distractors"] = lines("distractors")
        return replace(self.question, **changes)  # type: ignore[arg-type]

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        edited = self.edited()
        try:
            drafts.update(self.data_dir, edited)
        except drafts.DraftError as exc:
            self.query_one("#edit-error", Static).update(literal(f"Not saved: {exc}"))
            self.notify(f"Not saved: {exc}", severity="error", markup=False)
            return
        self.dismiss(edited)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
