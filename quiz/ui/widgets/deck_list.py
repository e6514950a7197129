"""The home screen's decks: rows of columns with a cursor, drawn as one widget.

What home needs of a DataTable (a header, fixed columns, a row cursor, keys, the mouse,
scrolling a long list) at a fraction of its cost: on the first screen, the DataTable took
about 25 ms more.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.style import Style
from textual.widget import Widget

from quiz.core.text import visible

GAP = 1  # cells between columns
TITLE_GAP = 2  # cells after the title, so a cut title never runs into a figure


class DeckList(Widget, can_focus=True):
    """Rows of (pick mark, title, figures...): the title column takes the width the others leave."""

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move(-1000000)", "First", show=False),
        Binding("end", "move(1000000)", "Last", show=False),
    ]
    COMPONENT_CLASSES = {"deck-list--caption", "deck-list--header", "deck-list--cursor", "deck-list--stripe"}
    DEFAULT_CSS = """
    DeckList {
        height: 1fr;
        & > .deck-list--caption { text-style: bold; color: $accent; }
        & > .deck-list--header { text-style: bold; background: $panel; }
        & > .deck-list--stripe { background: $surface-lighten-1 50%; }
        & > .deck-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .deck-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True)

    def __init__(
        self,
        header: Sequence[str],
        widths: Sequence[int],
        *,
        title_column: int,
        caption: str = "",
        id: str | None = None,
    ) -> None:
        """`widths`: each column's least width (a column widens to its header and cells; the title
        column takes what the others leave). `caption`: a line above the table, with a blank line after it."""
        super().__init__(id=id)
        self.header, self.widths, self.title_column = tuple(header), tuple(widths), title_column
        self.caption = caption
        self.rows: list[tuple[str, ...]] = []
        self.fitted = self._fit()  # each column's width for these rows (the title's: its least)
        self.top = 0  # the first row shown

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.rows = [tuple(row) for row in rows]
        self.fitted = self._fit()
        self.cursor_row = self.cursor_row  # clamps, scrolls and redraws

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self.rows) - 1))

    @property
    def first_row_y(self) -> int:
        """The y of the first row: after the caption (and a blank line) and the header."""
        return 3 if self.caption else 1

    @property
    def rows_shown(self) -> int:
        return max(1, self.content_region.height - self.first_row_y)

    def watch_cursor_row(self, row: int) -> None:
        shown = self.rows_shown
        self.top = min(self.top, row)
        self.top = max(self.top, row - shown + 1, 0)
        self.refresh()

    def on_resize(self) -> None:
        self.cursor_row = self.cursor_row

    # ------------------------------------------------------------------ drawing

    def _gap_after(self, column: int) -> int:
        return TITLE_GAP if column == self.title_column else GAP

    def _fit(self) -> list[int]:
        """Each figure column as wide as its header and cells (worked out once per set of rows, not per draw)."""
        return [
            least if i == self.title_column else max(least, len(head), *(len(row[i]) for row in self.rows))
            for i, (least, head) in enumerate(zip(self.widths, self.header, strict=True))
        ]

    def column_widths(self) -> list[int]:
        """The fitted widths, with the title column given what the others leave (at least its least)."""
        widths = list(self.fitted)
        gaps = sum(self._gap_after(i) for i in range(len(widths) - 1))
        others = 1 + sum(w for i, w in enumerate(widths) if i != self.title_column) + gaps
        widths[self.title_column] = max(self.widths[self.title_column], self.content_region.width - others)
        return widths

    def _line(self, cells: Sequence[str], widths: Sequence[int]) -> Content:
        line = Content(" ")
        for i, (text, width) in enumerate(zip(cells, widths, strict=True)):
            if i:
                line += Content(" " * self._gap_after(i - 1))
            line += Content(visible(text)).truncate(width, ellipsis=True, pad=True)
        return line

    def render(self) -> Content:
        widths = self.column_widths()
        width = self.content_region.width
        header = self._line(self.header, widths).truncate(width, pad=True)
        lines = (
            [Content(self.caption).stylize(self.get_visual_style("deck-list--caption")), Content("")]
            if self.caption
            else []
        )
        lines.append(header.stylize(self.get_visual_style("deck-list--header")))
        cursor = self.get_visual_style("deck-list--cursor")
        stripe = self.get_visual_style("deck-list--stripe")
        for index in range(self.top, min(len(self.rows), self.top + self.rows_shown)):
            line = self._line(self.rows[index], widths).truncate(width, pad=True)
            style: Style | None = cursor if index == self.cursor_row else stripe if index % 2 else None
            lines.append(line.stylize(style) if style is not None else line)
        return Content("\n").join(lines)

    # ------------------------------------------------------------------ keys and mouse

    def action_move(self, by: int) -> None:
        self.cursor_row += by

    def action_page(self, by: int) -> None:
        self.cursor_row += by * max(1, self.rows_shown - 1)

    def on_click(self, event: events.Click) -> None:
        row = self.top + event.y - self.first_row_y
        if event.y >= self.first_row_y and row < len(self.rows):
            self.cursor_row = row

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.cursor_row += 1

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.cursor_row -= 1
