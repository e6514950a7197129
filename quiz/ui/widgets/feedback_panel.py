"""After an answer: right or wrong in words and symbols, the answer, why, and the evidence."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quiz.core.model import Article, Kind, Question
from quiz.core.session import Answer
from quiz.core.text import loose
from quiz.ui.literal import literal, visible


class FeedbackPanel(Vertical):
    DEFAULT_CSS = """
    FeedbackPanel { height: auto; padding: 1 2; margin-top: 1; border: round $secondary; }
    FeedbackPanel.-correct { border: round $success; }
    FeedbackPanel.-wrong { border: round $error; }
    FeedbackPanel #headline { text-style: bold; }
    FeedbackPanel.-correct #headline { color: $success; }
    FeedbackPanel.-wrong #headline { color: $error; }
    FeedbackPanel Static { margin-bottom: 1; }
    FeedbackPanel #continue { color: $text-muted; margin-bottom: 0; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="headline")
        yield Static(id="answers")
        yield Static(id="explanation")
        yield Static(id="evidence")
        yield Static("Enter or Space: next · o: open the article at this sentence", id="continue")

    def show(self, answer: Answer, article: Article | None) -> None:
        verdict = answer.verdict
        q = answer.item.question
        self.set_classes("-correct" if verdict.correct else "-wrong")  # one style update, not two
        self.query_one("#headline", Static).update(verdict.headline)
        lines = [
            Content.assemble(("You answered:   ", "bold"), literal(verdict.given or "(nothing)")),
            Content.assemble(("Correct answer: ", "bold"), literal(verdict.expected)),
        ]
        if verdict.note:
            lines.append(Content.assemble(("Judged:         ", "bold"), literal(verdict.note)))
        self.query_one("#answers", Static).update(Content("\n").join(lines))
        self.query_one("#explanation", Static).update(literal(q.explanation))
        source = f"\n— {visible(article.title)}" if article else ""
        self.query_one("#evidence", Static).update(
            Content.assemble(evidence_content(q), (source, "italic")) if q.evidence else ""
        )
        self.display = True


def evidence_content(q: Question) -> Content:
    """The evidence quote(s) with the answer highlighted where it appears."""
    parts: list[Content] = []
    for ev in q.evidence:
        text = visible(loose(ev.quote))
        content = Content(f"“{text}”")
        span = _answer_span(q, text)
        if span is not None:
            start, end = span
            content = content.stylize("bold reverse", start + 1, end + 1)
        parts.append(content)
    return Content("\n").join(parts)


def _answer_span(q: Question, text: str) -> tuple[int, int] | None:
    if q.kind is Kind.TRUEFALSE:
        return None
    needle = q.answer_text
    if q.kind is Kind.NUMBER:
        whole = needle.split(".")[0]
        pattern = re.escape(whole).replace(",", "[, ]?")
    else:
        pattern = re.escape(loose(needle))
    match = re.search(pattern, text, re.IGNORECASE)
    return match.span() if match else None
