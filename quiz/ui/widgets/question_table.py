"""A table of questions where Enter, or one click, on a row opens that question."""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable


class QuestionTable(DataTable):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_click(self, event: events.Click) -> None:
        """One click opens a row; DataTable alone needs two (the first only moves the cursor)."""
        row = event.style.meta.get("row", -1)
        if not 0 <= row < self.row_count or row == self.cursor_row or "column" not in event.style.meta:
            return  # headers, the empty space below, a second click: DataTable's own handling
        event.prevent_default()  # runs before DataTable's handler, which would only move the cursor
        event.stop()
        self.move_cursor(row=row, animate=False)
        self.post_message(self.RowSelected(self, row, self.ordered_rows[row].key))
