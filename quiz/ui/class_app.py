"""The teacher's live class screen: the web server runs inside it, the tables follow the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from quiz.cli.classroom import Classroom
from quiz.core.drill import DrillReport
from quiz.core.text import clock
from quiz.ui.literal import cell, literal
from quiz.ui.widgets.key_bar import KeyBar

REFRESH_S = 0.5  # how often the tables read the database: the teacher's screen lags answers by at most this


class ClassApp(App[None]):
    """Who has joined and how far each got, the leaderboard, and each question's item analysis."""

    TITLE = "quiz class"
    CSS_PATH = "class_app.tcss"
    BINDINGS = [
        Binding("e", "export", "Export CSV", tooltip="Write the class's results to the CSV now", id="class.export"),
        Binding("ctrl+c,q", "finish", "End class", tooltip="Stop the server and write the CSV", id="class.finish"),
    ]

    def __init__(
        self,
        classroom: Classroom,
        joined: Callable[[], dict[str, float]],
        addresses: list[str],
        csv_path: Path,
        serve: Callable[[], Any] | None = None,
    ) -> None:
        """`serve`: an async function that starts the web server and returns a coroutine function that stops it."""
        super().__init__()
        self.classroom = classroom
        self.joined = joined
        self.addresses = addresses
        self.csv_path = csv_path
        self.serve = serve
        self._stop_server: Callable[[], Any] | None = None
        self._shown: tuple[DrillReport, dict[str, float]] | None = None  # what the tables show now

    def compose(self) -> ComposeResult:
        drill = self.classroom.drill
        yield Static(
            literal(
                f"Drill {self.classroom.code}: {drill.count} questions from {', '.join(drill.decks)}. "
                f"Students open {self.addresses[0]}"
            ),
            id="class-title",
        )
        yield Static("Class · ranked by accuracy, then time", classes="panel-title")
        yield DataTable(id="students", zebra_stripes=True, cursor_type="row")
        yield Static("Questions · item analysis", classes="panel-title")
        yield DataTable(id="items", zebra_stripes=True, cursor_type="row")
        yield Static("", id="class-status", classes="muted")
        yield KeyBar()

    async def on_mount(self) -> None:
        students = self.query_one("#students", DataTable)
        students.add_columns("Rank", "Student", "Progress", "Score", "Accuracy", "Time", "Joined")
        items = self.query_one("#items", DataTable)
        items.add_columns("#")
        items.add_column("Question", width=48)
        items.add_columns("Answered", "Right")
        items.add_column("Most chosen wrong answer", width=28)
        items.add_column("Discr.")
        if self.serve is not None:
            try:
                self._stop_server = await self.serve()
            except OSError as exc:  # the port is taken, or the address is not this machine's
                self.exit(return_code=1, message=f"quiz: cannot serve the class: {exc.strerror or exc}")
                return
        self.refresh_tables()
        self.set_interval(REFRESH_S, self.refresh_tables)

    def refresh_tables(self) -> None:
        report = self.classroom.report()
        joined = self.joined()
        if (report, joined) == self._shown:
            return  # redrawing two tables costs the whole class's server tens of milliseconds: only on news
        self._shown = (report, joined)
        total = len(self.classroom.order)
        with _same_place(self.query_one("#students", DataTable)) as students:
            self._fill_students(students, report, joined)
        with _same_place(self.query_one("#items", DataTable)) as items:
            self._fill_items(items, report)
        done = sum(1 for s in report.students if s.answered >= total)
        answers = sum(s.answered for s in report.students)
        ranked = {s.student for s in report.students}
        self.query_one("#class-status", Static).update(
            f"{len(set(joined) | ranked)} joined · {done} finished · {answers} answer{'' if answers == 1 else 's'}"
            f" · results go to {self.csv_path} at the end"
        )

    def _fill_students(self, students: DataTable, report: DrillReport, joined: dict[str, float]) -> None:
        total = len(self.classroom.order)
        ranked = {s.student: s for s in report.students}
        rank = 0
        for name in [*ranked, *sorted(set(joined) - set(ranked))]:
            s = ranked.get(name)
            seen = joined.get(name)
            last = "–" if seen is None else datetime.fromtimestamp(seen).strftime("%H:%M:%S")
            if s is None:
                students.add_row("", cell(name), _bar(0, total), "0", "–", "–", last, key=name)
                continue
            rank += 1
            students.add_row(
                str(rank),
                cell(name),
                _bar(s.answered, total),
                f"{s.correct}/{s.answered}",
                f"{s.accuracy:.0%}",
                clock(s.elapsed_ms),
                last,
                key=name,
            )

    def _fill_items(self, items: DataTable, report: DrillReport) -> None:
        position = {qid: n for n, qid in enumerate(self.classroom.order, 1)}
        for item in report.items:
            wrong = "–" if item.top_wrong is None else f"{item.top_wrong[0] or '(skipped)'} ×{item.top_wrong[1]}"
            disc = "–" if item.discrimination is None else f"{item.discrimination:+.2f}"
            items.add_row(
                str(position.get(item.question_id, "")),
                cell(self.classroom.prompts.get(item.question_id, item.question_id)),
                str(item.answered),
                f"{item.facility:.0%}",
                cell(wrong),
                disc,
                key=item.question_id,
            )

    def action_export(self) -> None:
        count = self.classroom.write_csv(self.csv_path)
        self.notify(f"{count} students written to {self.csv_path}", title="Class results", markup=False)

    async def action_finish(self) -> None:
        self.classroom.write_csv(self.csv_path)
        if self._stop_server is not None:
            await self._stop_server()
            self._stop_server = None
        self.exit()


@contextmanager
def _same_place(table: DataTable) -> Iterator[DataTable]:
    """Empty `table` for new rows, then put the cursor back on the same row (by key) and the view where it was:
    the teacher looking at one student is not sent back to the top at every answer."""
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key if table.row_count else None
    scroll = table.scroll_offset
    table.clear()
    yield table
    if key is not None and key in table.rows:
        table.move_cursor(row=table.get_row_index(key), scroll=False)
    table.scroll_to(scroll.x, scroll.y, animate=False, immediate=True)


def _bar(done: int, total: int, width: int = 10) -> str:
    filled = round(width * done / total) if total else 0
    return f"{'█' * filled}{'░' * (width - filled)} {done}/{total}"
