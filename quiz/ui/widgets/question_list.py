"""A list of questions that draws only the rows on screen, so 50,000 of them cost no more than 30."""

from __future__ import annotations

from rich.segment import Segment
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from quiz.core.catalog import Entry
from quiz.core.text import visible


class QuestionList(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    QuestionList { height: 1fr; }
    QuestionList > .question-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    QuestionList > .question-list--mark { color: $warning; }
    """
    COMPONENT_CLASSES = {"question-list--cursor", "question-list--mark"}
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        """The cursor is on another question (None: the list is empty)."""

        def __init__(self, entry: Entry | None) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Entry] = []
        self.id_width = 6  # the id column: as wide as the ids of the first rows, up to a limit

    def show(self, entries: list[Entry]) -> None:
        """Show these entries, the cursor back on the first."""
        self.entries = entries
        self.id_width = min(max((len(e.question.id) for e in entries[:2000]), default=6), 24)
        self.virtual_size = Size(self.size.width, len(entries))
        self.scroll_to(y=0, animate=False)
        self.cursor = 0
        self.refresh()

    @property
    def current(self) -> Entry | None:
        return self.entries[self.cursor] if 0 <= self.cursor < len(self.entries) else None

    def watch_cursor(self, cursor: int) -> None:
        self.post_message(self.Highlighted(self.current))
        top, height = int(self.scroll_offset.y), max(self.scrollable_content_region.height, 1)
        if cursor < top:
            self.scroll_to(y=cursor, animate=False)
        elif cursor >= top + height:
            self.scroll_to(y=cursor - height + 1, animate=False)
        self.refresh()

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.entries) - 1))

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_page(self, step: int) -> None:
        self.cursor += step * max(self.scrollable_content_region.height - 1, 1)

    def action_jump(self, where: int) -> None:
        self.cursor = where if where >= 0 else len(self.entries) - 1

    async def _on_click(self, event) -> None:
        row = int(self.scroll_offset.y) + event.y
        if 0 <= row < len(self.entries):
            self.cursor = row

    def render_line(self, y: int) -> Strip:
        row = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if row >= len(self.entries):
            return Strip.blank(width, self.rich_style)
        entry = self.entries[row]
        q = entry.question
        marks = ("S" if entry.suspended else " ") + ("F" if entry.flagged else " ")
        accuracy = f"{round(100 * entry.accuracy):>3}%" if entry.accuracy is not None else "   -"
        head = f"{marks} {q.id[: self.id_width]:<{self.id_width}} {accuracy} "
        prompt = visible(" ".join(q.prompt.split()))  # data, shown literally: a Segment parses no markup
        base = self.rich_style
        if row == self.cursor:
            base = base + self.get_component_rich_style("question-list--cursor")
        mark_style = base + self.get_component_rich_style("question-list--mark", partial=True)
        segments = [Segment(head[:2], mark_style), Segment(head[2:], base), Segment(prompt, base)]
        return Strip(segments).crop_extend(0, width, base)
