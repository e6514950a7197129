"""A table of figures as one Rich Table: a DataTable per table made the stats screen slow to open."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from quiz.ui.literal import cell


def figures_table(columns: Sequence[str], rows: Sequence[Sequence[str | Text]], empty: str = "") -> Table:
    """Columns left to right, the first one text and the rest figures (right-aligned); `empty` when no rows."""
    table = Table(box=None, padding=(0, 1), pad_edge=True, show_edge=False, header_style="bold", expand=False)
    for i, name in enumerate(columns):
        table.add_column(name, justify="left" if i == 0 else "right", no_wrap=True, overflow="ellipsis")
    for row in rows:
        table.add_row(*(value if isinstance(value, Text) else cell(value) for value in row))
    if not rows and empty:
        table.add_row(cell(empty), *([""] * (len(columns) - 1)))
    return table


def table_text(table: Table) -> list[list[str]]:
    """The cells of a figures table as plain strings, row by row (for tests and screen readers alike)."""
    columns = [[str(c) for c in column._cells] for column in table.columns]
    return [list(row) for row in zip(*columns, strict=True)]
