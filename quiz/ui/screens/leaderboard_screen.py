"""Leaderboard: the class's drill results on this machine, ranked by accuracy, then time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quiz.core.drill import DrillCodeError, Response, analyse, decode
from quiz.core.text import clock
from quiz.ui.literal import cell
from quiz.ui.widgets.key_bar import KeyBar


class LeaderboardScreen(Screen[None]):
    BINDINGS = [Binding("escape,h", "back", "Back", id="leaderboard.back")]

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code

    def compose(self) -> ComposeResult:
        yield Static(f"Drill {self.code} · ranked by accuracy, then time", classes="panel-title", id="board-title")
        yield DataTable(id="board", cursor_type="row", zebra_stripes=True)
        yield Static(
            "Answers from other machines: `quiz drill export CODE` there, then `quiz drill results CODE FILES`.",
            classes="muted",
        )
        yield KeyBar()

    def on_mount(self) -> None:
        rows = self.app.study.store.drill_attempts(self.code)  # type: ignore[attr-defined]
        report = analyse(
            Response(str(r["student"]), r["question_id"], r["given"], bool(r["correct"]), r["elapsed_ms"]) for r in rows
        )
        try:
            count: int | str = decode(self.code, self.app.study.bank).count  # type: ignore[attr-defined]
        except DrillCodeError:  # the decks changed since (a library deck added): the size is unknown
            count = "?"
        table = self.query_one(DataTable)
        table.add_columns("Rank", "Student", "Score", "Answered", "Accuracy", "Time")
        for rank, s in enumerate(report.students, 1):
            # Answered shows who left early: their accuracy is over fewer questions.
            answered = f"{s.answered} of {count}"
            score = f"{s.correct}/{s.answered}"
            table.add_row(str(rank), cell(s.student), score, answered, f"{s.accuracy:.0%}", clock(s.elapsed_ms))
        table.focus()

    def action_back(self) -> None:
        self.app.pop_screen()
