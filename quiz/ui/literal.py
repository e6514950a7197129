"""Bank text is data: show it exactly as written, never as markup or terminal codes."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from quiz.core.inert import inert
from quiz.core.text import visible

__all__ = ["cell", "literal", "paragraph", "visible"]


def literal(text: str, style: str = "") -> Content:
    """Content that displays `text` literally: no markup parsed, control codes made visible."""
    content = Content(visible(text))
    return content.stylize(style) if style else content


def cell(text: str) -> Text:
    """A DataTable cell showing `text` literally (a plain str cell would be parsed as markup)."""
    return Text(inert(text), no_wrap=True, overflow="ellipsis")  # one line: a newline would hide the rest


def paragraph(text: str) -> Text:
    """Rich Text showing `text` literally and wrapping (for a Rich layout such as an option's grid)."""
    return Text(visible(text))
