"""Results: the score, and every answered question with what was given and what was right."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, DataTable, Static

from quiz.core.elide import distinct
from quiz.core.selection import Mode, Options
from quiz.core.session import Answer, Summary
from quiz.core.text import clock
from quiz.ui.literal import cell
from quiz.ui.widgets.key_bar import KeyBar
from quiz.ui.widgets.question_table import QuestionTable


class ResultsScreen(Screen[None]):
    CSS_PATH = "results_screen.tcss"
    BINDINGS = [
        Binding("r", "retry", "Retry mistakes", id="results.retry"),
        Binding("escape,h", "home", "Home", id="results.home"),
        Binding("l", "leaderboard", "Class leaderboard", id="results.leaderboard"),
    ]

    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        s = self.summary
        yield Static(f"Results · {s.mode.value} · Enter or a click on a row: the whole question", id="results-title")
        of = f" of {s.answered} answered" if s.unreached and s.answered else ""
        took = clock(s.elapsed.total_seconds() * 1000)
        line = f"Score {s.correct}/{s.asked} · Accuracy {s.accuracy_text}{of} · Time {took}"
        if s.earlier:  # a drill taken up again: the score of the whole drill, this run's answers below
            right, total, accuracy = s.overall
            line = f"Score {right}/{total} · Accuracy {accuracy} · This run {s.correct}/{s.asked} · Time {took}"
        if s.mode is Mode.DRILL:
            line += f" · Answering time {clock(s.answer_ms)}"
        if s.unreached:
            line += f" · {s.unreached} not reached"
        if s.earlier:  # a drill taken up again: those answers count, but were given before
            line += f" · {s.earlier} answered before"
        yield Static(line, id="results-score")
        yield QuestionTable(id="results-table")
        with Horizontal(id="results-buttons"):
            yield Button("Retry mistakes (r)", id="retry", disabled=not self.summary.mistakes)
            yield Button("Home (h)", id="home", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("", "#", "Question", "You answered", "Correct answer")
        # Both answers always show; the question takes what is left (every column fits at 80).
        answer = 24 if self.app.size.width >= 110 else 16
        self.rows = [*self.summary.first_answers, *self.summary.again_answers]
        number = 5 if self.summary.again_answers else 2  # "again" or "12"
        question = max(16, min(48, self.app.size.width - 2 * answer - 18 - number))
        prompts = distinct([a.item.question.prompt for a in self.rows], question)
        for n, (given, prompt) in enumerate(zip(self.rows, prompts, strict=True), 1):
            yours, right = distinct([given.verdict.given or "—", given.verdict.expected], answer)
            number = "again" if given.item.retry else str(n)
            table.add_row(mark(given), number, cell(prompt), cell(yours), cell(right))
        table.focus()

    @on(DataTable.RowSelected, "#results-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        """The whole question: its full prompt, both answers, the explanation and the evidence."""
        from quiz.ui.screens.question_detail_screen import Given, QuestionDetailScreen

        a = self.rows[event.cursor_row]
        q, v = a.item.question, a.verdict
        label = "Again round" if a.item.retry else "You answered"
        articles = self.app.study.bank.articles  # type: ignore[attr-defined]
        article = articles.get(q.evidence[0].article) if q.evidence else None
        title = f"Question {'again' if a.item.retry else event.cursor_row + 1} · {q.deck}"
        given = [Given(v.given, v.headline, label, v.note)]
        self.app.push_screen(QuestionDetailScreen(q, v.expected, given, article, title))

    @on(Button.Pressed, "#retry")
    def action_retry(self) -> None:
        from quiz.ui.screens.question_screen import QuestionScreen

        ids = tuple(dict.fromkeys(q.id for q in self.summary.mistakes))
        if not ids:
            self.notify("No mistakes to retry.")
            return
        study = self.app.study  # type: ignore[attr-defined]
        session = study.start(Options(mode=Mode.PRACTICE, questions=ids, count=len(ids)))
        self.app.switch_screen(QuestionScreen(session))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leaderboard":
            return bool(self.drill_code)
        return True

    @property
    def drill_code(self) -> str:
        return self.summary.drill

    def action_leaderboard(self) -> None:
        from quiz.ui.screens.leaderboard_screen import LeaderboardScreen

        if self.drill_code:
            self.app.push_screen(LeaderboardScreen(self.drill_code))

    @on(Button.Pressed, "#home")
    def action_home(self) -> None:
        self.app.pop_screen()


def mark(answer: Answer) -> str:
    """✓ right, ✗ wrong, → skipped: a symbol beside the words of the score line, never colour alone."""
    if answer.verdict.correct:
        return "✓"
    return "→" if answer.verdict.outcome.value == "skipped" else "✗"
