"""Results: the score, and every question with what was given and what was right."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, DataTable, Static

from quiz.core.selection import Mode, Options
from quiz.core.session import Summary
from quiz.core.text import clock, shorten
from quiz.ui.literal import cell
from quiz.ui.widgets.key_bar import KeyBar


class ResultsScreen(Screen[None]):
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
        yield Static(f"Results · {s.mode.value}", id="results-title")
        line = (
            f"Score {s.correct}/{s.asked} · Accuracy {s.accuracy:.0%} · Time {clock(s.elapsed.total_seconds() * 1000)}"
        )
        if s.mode is Mode.DRILL:
            line += f" · Answering time {clock(s.answer_ms)}"
        if s.unanswered:
            line += f" · {len(s.unanswered)} not answered"
        yield Static(line, id="results-score")
        yield DataTable(id="results-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="results-buttons"):
            yield Button("Retry mistakes (r)", id="retry", disabled=not self.summary.mistakes)
            yield Button("Home (h)", id="home", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("", "#", "Question", "You answered", "Correct answer")
        # Both answers always show; the question takes what is left (every column fits at 80).
        answer = 24 if self.app.size.width >= 110 else 16
        question = max(16, min(48, self.app.size.width - 2 * answer - 20))
        for n, given in enumerate(self.summary.first_answers, 1):
            mark = "✓" if given.verdict.correct else ("→" if given.verdict.outcome.value == "skipped" else "✗")
            table.add_row(
                mark,
                str(n),
                cell(shorten(given.item.question.prompt, question)),
                cell(shorten(given.verdict.given or "—", answer)),
                cell(shorten(given.verdict.expected, answer)),
            )
        for q in self.summary.unanswered:
            table.add_row(
                "·", "", cell(shorten(q.prompt, question)), "not answered", cell(shorten(q.answer_text, answer))
            )
        table.focus()

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
