"""One line with text at the left and text at the right: a header bar as one widget."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class SplitLine(Widget):
    DEFAULT_CSS = """
    SplitLine { height: 1; padding: 0 1; background: $panel; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.left, self.right = Content(""), Content("")

    def show(self, left: Content | str, right: Content | str) -> None:
        """Set both sides (a str is taken as it is, never as markup)."""
        self.left = left if isinstance(left, Content) else Content(left)
        self.right = right if isinstance(right, Content) else Content(right)
        self.refresh()

    def render(self) -> Content:
        """Both sides when they fit; else the left is cut with an ellipsis, keeping at least a third of the line."""
        width = self.content_region.width or self.size.width
        right_room = max(0, width - 2 - min(self.left.cell_length, width // 3))
        right = self.right.truncate(right_room, ellipsis=True) if self.right.cell_length > right_room else self.right
        room = max(0, width - right.cell_length - 2)
        left = self.left.truncate(room, ellipsis=True) if self.left.cell_length > room else self.left
        return left + Content(" " * max(1, width - left.cell_length - right.cell_length)) + right
