"""One question in full, opened from a row of results or stats: what was given, what is right, and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from quiz.core.model import GAP_MARK, Article, Question
from quiz.ui.literal import literal, visible
from quiz.ui.widgets.feedback_panel import evidence_content


@dataclass(frozen=True)
class Given:
    """One answer the learner gave to the question."""

    text: str
    headline: str  # "✓ Correct", "✗ Not quite", "→ Skipped"
    label: str = "You answered"  # or "Again round", "23 Nov 09:12"
    note: str = ""  # how the grader judged it


class QuestionDetailScreen(ModalScreen[None]):
    CSS_PATH = "question_detail_screen.tcss"
    BINDINGS = [Binding("escape,enter,space", "close", "Close", id="detail.close")]

    def __init__(
        self, question: Question, expected: str, given: Sequence[Given], article: Article | None, title: str = ""
    ) -> None:
        super().__init__()
        self.question, self.expected, self.given, self.article = question, expected, tuple(given), article
        self.heading = title or question.id

    def compose(self) -> ComposeResult:
        q = self.question
        with VerticalScroll(classes="dialog", id="detail"):
            yield Static(literal(self.heading), classes="panel-title")
            yield Static(literal(q.prompt.replace(GAP_MARK, "_____")), id="detail-prompt")
            yield Static(self._answers(), id="detail-answers")
            yield Static(literal(q.explanation), id="detail-explanation")
            if q.evidence:
                source = f"\n— {visible(self.article.title)}" if self.article else ""
                yield Static(Content.assemble(evidence_content(q), (source, "italic")), id="detail-evidence")
            yield Static("Esc or Enter: close", classes="muted")

    def _answers(self) -> Content:
        lines = []
        for g in self.given:
            lines.append(Content.assemble((f"{g.label}: ", "bold"), literal(g.text or "(nothing)"), f"  {g.headline}"))
            if g.note:
                lines.append(Content.assemble(("  judged: ", "italic"), literal(g.note)))
        lines.append(Content.assemble(("Correct answer: ", "bold"), literal(self.expected)))
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        self.query_one("#detail", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)


def open_question(screen: Screen, question_id: str) -> None:
    """Open a question of the bank with the learner's last answers to it (from the store)."""
    from quiz.core.verdict import Outcome, Verdict

    study = screen.app.study  # type: ignore[attr-defined]
    try:
        q = study.bank.question(question_id)
    except KeyError:  # answered once, since removed from the bank
        screen.notify(f"Question {question_id} is no longer in the bank.", severity="warning", markup=False)
        return
    expected = q.answer_text
    given = [
        Given(text, Verdict(Outcome(outcome), text, expected).headline, f"{when.astimezone():%d %b %H:%M}")
        for text, outcome, when in study.store.latest_answers(study.profile, q.id)
    ]
    article = study.bank.articles.get(q.evidence[0].article) if q.evidence else None
    screen.app.push_screen(QuestionDetailScreen(q, expected, given, article, f"{q.id} · {q.deck}"))
