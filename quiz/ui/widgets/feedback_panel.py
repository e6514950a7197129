"""After an answer: right or wrong in words and symbols, the answer, why, and the evidence."""

from __future__ import annotations

import re
from datetime import timedelta

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quiz.core.model import Article, Kind, Question
from quiz.core.schedule import Rating, format_interval
from quiz.core.session import Answer
from quiz.core.text import fold, loose
from quiz.ui.literal import literal, visible

_BARE_NUMBER = re.compile(r"[\d.,\s+-]+")


class FeedbackPanel(Vertical):
    # Compact on purpose: the question above it, the verdict and the correct answer fit at 80x24.
    DEFAULT_CSS = """
    FeedbackPanel { height: auto; padding: 0 1; border: round $secondary; }
    FeedbackPanel.-correct { border: round $success; }
    FeedbackPanel.-wrong { border: round $error; }
    FeedbackPanel #headline { text-style: bold; }
    FeedbackPanel.-correct #headline { color: $success; }
    FeedbackPanel.-wrong #headline { color: $error; }
    FeedbackPanel #answers, FeedbackPanel #explanation, FeedbackPanel.-card #headline { margin-bottom: 1; }
    FeedbackPanel #continue { color: $text-muted; margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="headline")
        yield Static(id="answers")
        yield Static(id="explanation")
        yield Static(id="evidence")
        yield Static(id="continue")

    def show(self, answer: Answer, article: Article | None, continue_line: str = "") -> None:
        verdict = answer.verdict
        q = answer.item.question
        self.set_classes("-correct" if verdict.correct else "-wrong")  # one style update, not two
        # When the question comes back, on the verdict's own line so the panel grows no taller.
        wait = format_interval(answer.card.due - answer.attempt.answered_at)
        self.query_one("#headline", Static).update(f"{verdict.headline}  · next in {wait}")
        lines = [
            Content.assemble(("You answered:   ", "bold"), literal(with_unit(q, verdict.given, True) or "(nothing)")),
            Content.assemble(("Correct answer: ", "bold"), literal(with_unit(q, verdict.expected))),
        ]
        if verdict.note:
            lines.append(Content.assemble(("Judged:         ", "bold"), literal(verdict.note)))

        self.query_one("#answers", Static).update(Content("\n").join(lines))
        self._explain(q, article)
        self.query_one("#continue", Static).update(continue_line)
        self.display = True

    def show_card(self, q: Question, intervals: dict[Rating, timedelta], article: Article | None) -> None:
        """A flashcard turned over: the answer, why, the evidence, and the four grades."""
        self.set_classes("-card")
        self.query_one("#headline", Static).update(
            Content.assemble(("Answer: ", "bold"), literal(with_unit(q, q.answer_text), "bold"))
        )
        self._explain(q, article)
        grades = "   ".join(
            f"{int(r)} {r.name} · {format_interval(intervals[r])}"
            for r in (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)
        )
        # The grades on a line of their own: after the question, at 80 columns, they wrapped mid-grade.
        self.query_one("#continue", Static).update(
            Content.assemble(("How well did you know it? ", "bold"), "(the grade moves on)\n", grades)
        )
        self.display = True

    def _explain(self, q: Question, article: Article | None) -> None:
        self.query_one("#answers", Static).display = not self.has_class("-card")
        self.query_one("#explanation", Static).update(literal(q.explanation))
        source = f"\n— {visible(article.title)}" if article else ""
        self.query_one("#evidence", Static).update(
            Content.assemble(evidence_content(q), (source, "italic")) if q.evidence else ""
        )


def with_unit(q: Question, answer: str, typed: bool = False) -> str:
    """A number answer with its unit, as the question asks for it ("1,200 tonnes")."""
    if q.kind is not Kind.NUMBER or not q.unit or not answer or fold(q.unit) in fold(answer):
        return answer
    if typed and not _BARE_NUMBER.fullmatch(answer):
        return answer  # the learner wrote their own words (maybe another unit): show them as given
    return f"{answer} {q.unit}"


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
