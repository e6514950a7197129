"""Stats: charts of what falls due, answers, accuracy and retention, the year's calendar, and the tables.

Each chart has its figures in a table beside it for screen readers. "Optimize" (o) fits the schedule to
the learner's answers (see quiz.data.fitting) without blocking the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalGroup, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quiz.core.elide import distinct
from quiz.data import charts, fitting, preferences
from quiz.data.charts import Charts, DayCount
from quiz.data.stats import Forecast, Score, Stats
from quiz.data.store import StoreError
from quiz.ui.literal import cell, literal
from quiz.ui.widgets.key_bar import KeyBar
from quiz.ui.widgets.question_table import QuestionTable
from quiz.ui.widgets.series_chart import Series, SeriesChart

SHADES = " ░▒▓█"
WEEKDAYS = "MTWTFSS"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def calendar(year: tuple[DayCount, ...], streak: int) -> str:
    """The year as weeks (columns) by weekdays (rows), one cell a day, darker for more answers."""
    most = max((d.answers for d in year), default=0)
    first = year[0].date if year else date.today()
    pad = first.weekday()
    grid = [[" "] * ((pad + len(year) + 6) // 7) for _ in range(7)]
    months = [" "] * len(grid[0])
    for i, d in enumerate(year):
        column, row = divmod(pad + i, 7)
        level = 0 if not d.answers else 1 + (len(SHADES) - 2) * d.answers // max(most, 1)
        grid[row][column] = SHADES[min(level, len(SHADES) - 1)] if d.answers else "·"
        if d.date.day == 1 and column + 3 <= len(months):
            months[column : column + 3] = d.date.strftime("%b")
    lines = ["  " + "".join(months)] + [f"{WEEKDAYS[r]} " + "".join(grid[r]) for r in range(7)]
    active = sum(1 for d in year if d.answers)
    days = "day" if streak == 1 else "days"
    lines.append(f"Streak {streak} {days} · {active} active days in the year · less {SHADES[1]} {SHADES[-1]} more")
    return "\n".join(lines)


def charts_scope(decks: Sequence[str]) -> str:
    """Which decks the charts are of: those picked on home, unlike the figures and tables around them."""
    if not decks:
        return "Charts for all decks"
    return f"Charts for the decks picked on home: {', '.join(decks)} (the rest of this screen: all decks)"


def forecast_bars(forecast: Forecast) -> str:
    most = max((n for _, n in forecast.days), default=0)
    lines = [f"Due today: {forecast.due_today} (overdue included; your day ends {forecast.today.end:%a %H:%M})"]
    for day, n in forecast.days[:7]:
        bar = "█" * (round(24 * n / most) if most else 0)
        lines.append(f"{day.strftime('%a %d'):<7} {n:>4} {bar}")
    return "\n".join(lines)


def due_series(c: Charts) -> Series:
    labels = [d.strftime("%d %b") for d, _ in c.due]
    rows = [(d.strftime("%a %d %b"), str(n)) for d, n in c.due]
    return Series(labels, [n for _, n in c.due], columns=("Day", "Due"), rows=rows)


def answers_series(c: Charts) -> Series:
    labels = [d.date.strftime("%d %b") for d in c.days]
    rows = [(d.date.strftime("%a %d %b"), str(d.answers), percent(d.accuracy)) for d in reversed(c.days)]
    return Series(labels, [d.answers for d in c.days], columns=("Day", "Answers", "Right"), rows=rows)


def accuracy_series(c: Charts) -> Series:
    values = [None if d.accuracy is None else 100 * d.accuracy for d in c.days]
    labels = [d.date.strftime("%d %b") for d in c.days]
    rows = [(d.date.strftime("%a %d %b"), percent(d.accuracy)) for d in reversed(c.days) if d.answers]
    return Series(labels, values, "line", (0, 100), columns=("Day", "Accuracy"), rows=rows)


def retention_series(c: Charts) -> Series:
    values = [None if r.achieved is None else 100 * r.achieved for r in c.retention]
    labels = [r.start.strftime("%d %b") for r in c.retention]
    rows = [(f"week of {r.start:%d %b}", str(r.reviews), percent(r.achieved)) for r in reversed(c.retention)]
    return Series(labels, values, "line", (0, 100), 100 * c.desired_retention, ("Week", "Mature", "Kept"), rows)


class StatsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,s", "back", "Back", id="stats.back"),
        Binding("o", "optimize", "Optimize", id="stats.optimize", tooltip="Fit the schedule to your answers"),
    ]

    def compose(self) -> ComposeResult:
        study = self.app.study  # type: ignore[attr-defined]
        stats: Stats = study.stats()
        with VerticalScroll(id="stats"):
            yield Static(literal(f"Stats · {stats.profile}"), classes="panel-title")
            days = "day" if stats.streak == 1 else "days"
            # Two short lines: one long line wrapped mid-item at 80 columns ("streak 1 / day").
            yield Static(
                f"All decks: {stats.attempts} answer{'' if stats.attempts == 1 else 's'} · accuracy "
                f"{percent(stats.accuracy)} · {stats.questions_seen} of {stats.questions_in_bank} questions seen\n"
                f"{stats.mastered} mastered · streak {stats.streak} {days}",
                id="stats-figures",
            )
            yield VerticalGroup(Static("Drawing the charts…", id="charts-pending"), id="charts")
            yield Static("Schedule", classes="panel-title")
            yield Static("Press o to fit the schedule to your answers (FSRS parameters).", id="optimize")
            yield Static("Accuracy per deck", classes="panel-title")
            yield self._scores("decks", stats.decks, "Deck")
            yield Static("Accuracy per kind", classes="panel-title")
            yield self._scores("kinds", stats.kinds, "Kind")
            yield Static("Weakest questions · Tab to them; Enter or a click opens one", classes="panel-title")
            self.weakest = stats.weakest
            weak = QuestionTable(id="weakest")
            weak.add_columns("Question", "Deck", "Right", "Accuracy")
            # Narrower prompts on a narrow screen: the Accuracy column must stay whole at 80 columns.
            room = min(44, max(20, self.app.size.width - 46))
            for w, prompt in zip(stats.weakest, distinct([w.prompt for w in stats.weakest], room), strict=True):
                weak.add_row(cell(prompt), cell(w.deck), f"{w.correct}/{w.attempts}", percent(w.accuracy))
            if not stats.weakest:
                weak.add_row("Nothing yet: a question shows here after two answers", "", "", "")
            yield weak
            yield Static("Due in the next 7 days", classes="panel-title")
            yield Static(forecast_bars(stats.due), id="forecast")
        yield KeyBar()

    def on_mount(self) -> None:
        self._load_charts()

    @work(thread=True, exclusive=True, group="charts")
    def _load_charts(self) -> None:
        """Read the series away from the screen's thread: a year of answers need not hold up its first paint."""
        study = self.app.study  # type: ignore[attr-defined]
        chosen = preferences.load(study.data_dir, study.profile).get("decks", []) if study.data_dir else []
        try:
            figures = charts.read(
                study.store,
                study.profile,
                study.now(),
                decks=chosen,
                desired_retention=study.schedule.desired_retention,
                day_start=study.day_start,
            )
        except StoreError as exc:
            self.app.call_from_thread(self._say, "#charts-pending", str(exc))
            return
        self.app.call_from_thread(self._draw, figures)
        self._cost()

    def _say(self, where: str, text: str) -> None:
        """Put `text` in the Static `where`, unless the learner has left the screen meanwhile."""
        if self.is_attached:
            self.query_one(where, Static).update(text)

    async def _draw(self, figures: Charts) -> None:
        """The charts, each with its table, in place of the note that they are coming."""
        overall = figures.retention_overall
        if not self.is_attached:
            return
        place = self.query_one("#charts", VerticalGroup)
        await place.remove_children()
        await place.mount_all(
            [
                Static(literal(charts_scope(figures.decks)), id="chart-decks"),
                Static("Due per day, next 30 days", classes="panel-title"),
                SeriesChart(due_series(figures), id="due-chart"),
                Static("Answers per day, last 90 days", classes="panel-title"),
                SeriesChart(answers_series(figures), id="answers-chart"),
                Static("Accuracy per day (%), last 90 days", classes="panel-title"),
                SeriesChart(accuracy_series(figures), id="accuracy-chart"),
                Static("Retention of mature questions (%), per week, against the desired", classes="panel-title"),
                Static(
                    f"Achieved {percent(overall.achieved)} over {overall.reviews} reviews of mature questions"
                    f" (answered 21 days or more after the one before) · desired {percent(figures.desired_retention)}",
                    id="retention",
                ),
                SeriesChart(retention_series(figures), id="retention-chart"),
                Static("Working out what the desired retention costs in daily reviews…", id="retention-cost"),
                Static("The last year", classes="panel-title"),
                Static(calendar(figures.year, figures.streak), id="calendar"),
                self._months(figures.year),
            ]
        )

    def _months(self, year: tuple[DayCount, ...]) -> DataTable:
        """The calendar's figures per month, for screen readers."""
        table = DataTable(id="months", cursor_type="row", zebra_stripes=True)
        table.add_columns("Month", "Answers", "Active days", "Right")
        months: dict[str, list[int]] = {}
        for d in year:
            month = months.setdefault(d.date.strftime("%b %Y"), [0, 0, 0])
            month[0] += d.answers
            month[1] += bool(d.answers)
            month[2] += d.correct
        for name, (n, active, ok) in reversed(months.items()):
            table.add_row(name, str(n), str(active), percent(ok / n if n else None))
        return table

    def _scores(self, table_id: str, scores: tuple[Score, ...], label: str) -> DataTable:
        table = DataTable(id=table_id, cursor_type="none", zebra_stripes=True)
        table.can_focus = False  # nothing to open here: Tab goes straight to the weakest questions
        table.add_columns(label, "Answers", "Right", "Accuracy")
        for s in scores:
            table.add_row(cell(s.name), str(s.attempts), str(s.correct), percent(s.accuracy))
        if not scores:
            table.add_row("No answers yet", "", "", "")
        return table

    @on(QuestionTable.RowSelected, "#weakest")
    def _open(self, event: QuestionTable.RowSelected) -> None:
        """A weak question in full, with the learner's last answers to it."""
        from quiz.ui.screens.question_detail_screen import open_question

        if event.cursor_row < len(self.weakest):
            open_question(self, self.weakest[event.cursor_row].id)

    def _cost(self) -> None:
        """What the desired retention costs in reviews a day, simulated over a year of the learner's questions."""
        study = self.app.study  # type: ignore[attr-defined]
        desired = study.schedule.desired_retention
        wanted = sorted({*fitting.COST_RETENTIONS, desired})
        questions = max(len(study.bank.questions), 1)
        costs = fitting.daily_reviews(study.schedule.parameters, questions, study.new_per_day, wanted)
        line = fitting.cost_line(costs, desired) + " (settings: desired retention)"
        self.app.call_from_thread(self._say, "#retention-cost", line)

    def action_optimize(self) -> None:
        self.query_one("#optimize", Static).update("Fitting the schedule to your answers…")
        self._optimize()

    @work(thread=True, exclusive=True, group="optimize")
    def _optimize(self) -> None:
        study = self.app.study  # type: ignore[attr-defined]
        if study.data_dir is None:
            lines = ["Optimizing needs a data folder for your parameters."]
        else:
            try:
                result, restated = fitting.optimize(
                    study.store, study.data_dir, study.profile, study.now(), study.schedule.parameters, study.day_start
                )
            except StoreError as exc:
                lines = [str(exc)]
            else:
                lines = fitting.summary(result, restated)
                if result.better:
                    self.app.call_from_thread(study.use_parameters)
        self.app.call_from_thread(self._say, "#optimize", "\n".join(lines))

    def action_back(self) -> None:
        self.app.pop_screen()
