"""Stats: the figures and tables, then charts of what falls due, answers, accuracy, retention and the year.

The screen paints its frame at once and reads every figure in a worker thread: with a year of history
the queries take a good part of a second. Each place keeps its height while it waits, so nothing moves
when the figures arrive. The charts sit on tabs and only the one shown is drawn; each has its figures
in a table beside it for screen readers. Everything covers the decks chosen on the home screen (all of
them when none is chosen). "Optimize" (o) fits the schedule to the learner's answers (see
quiz.data.fitting) without blocking the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from quiz.core.elide import distinct
from quiz.data import charts, fitting, preferences
from quiz.data.charts import Charts, DayCount
from quiz.data.stats import Forecast, Score, Stats, Weak, question_rows
from quiz.data.store import StoreError
from quiz.ui.literal import cell, literal
from quiz.ui.widgets.figures_table import figures_table
from quiz.ui.widgets.key_bar import KeyBar
from quiz.ui.widgets.question_table import QuestionTable
from quiz.ui.widgets.series_chart import Series, SeriesChart

SHADES = " ░▒▓█"
WEEKDAYS = "MTWTFSS"
CHART_TABS = (("Due", "due"), ("Answers", "answers"), ("Accuracy", "accuracy"), ("Retention", "retention"))
WAITING = "…"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


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
    lines.append(
        f"Streak {plural(streak, 'day')} · {active} active days in the year · less {SHADES[1]} {SHADES[-1]} more"
    )
    return "\n".join(lines)


def months_rows(year: tuple[DayCount, ...]) -> list[tuple[str, str, str, str]]:
    """The calendar's figures per month, newest first, for screen readers."""
    months: dict[str, list[int]] = {}
    for d in year:
        month = months.setdefault(d.date.strftime("%b %Y"), [0, 0, 0])
        month[0] += d.answers
        month[1] += bool(d.answers)
        month[2] += d.correct
    return [
        (name, f"{n:,}", str(active), percent(ok / n if n else None))
        for name, (n, active, ok) in reversed(months.items())
    ]


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


SERIES = {"due": due_series, "answers": answers_series, "accuracy": accuracy_series, "retention": retention_series}


def scores_rows(scores: Sequence[Score]) -> list[tuple[str, str, str, str]]:
    return [(s.name, f"{s.attempts:,}", f"{s.correct:,}", percent(s.accuracy)) for s in scores]


class StatsScreen(Screen[None]):
    CSS_PATH = "stats_screen.tcss"
    BINDINGS = [
        Binding("escape,s", "back", "Back", id="stats.back"),
        Binding("o", "optimize", "Optimize", id="stats.optimize", tooltip="Fit the schedule to your answers"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.weakest: tuple[Weak, ...] = ()
        self.figures: Charts | None = None
        self.chosen: tuple[str, ...] = ()
        self.summary: tuple[str, str] = ("", "")
        self.cost_line = f"Working out what the desired retention costs in reviews a day{WAITING}"

    def compose(self) -> ComposeResult:
        study = self.app.study  # type: ignore[attr-defined]
        chosen = preferences.load(study.data_dir, study.profile).get("decks", []) if study.data_dir else []
        self.chosen = tuple(sorted(chosen))  # type: ignore[arg-type]
        with VerticalScroll(id="stats"):
            yield Static(literal(f"Stats · {study.profile}"), classes="panel-title")
            yield Static(literal("Decks: " + (", ".join(self.chosen) or "all")), id="scope")
            yield Static(f"Reading your figures{WAITING}", id="summary")
            with TabbedContent(id="charts"):
                for title, name in CHART_TABS:
                    with TabPane(f"{title}", id=f"tab-{name}"):
                        yield Static(f"Drawing the chart{WAITING}", classes="pending")
                with TabPane("Year", id="tab-year"):
                    yield Static(f"Drawing the calendar{WAITING}", classes="pending")
            yield Static("Due in the next 7 days", classes="panel-title")
            yield Static(WAITING, id="forecast")
            yield Static("Weakest questions · Tab to them; Enter or a click opens one", classes="panel-title")
            weak = QuestionTable(id="weakest")
            weak.add_columns("Question", "Deck", "Right", "Accuracy")
            yield weak
            yield Static("Schedule", classes="panel-title")
            yield Static("Press o to fit the schedule to your answers (FSRS parameters).", id="optimize")
            yield Static("Accuracy per kind", classes="panel-title")
            yield Static(WAITING, id="kind-scores", classes="figures")
            yield Static("Accuracy per deck", classes="panel-title")
            yield Static(WAITING, id="deck-scores", classes="figures")
        yield KeyBar()

    def on_mount(self) -> None:
        # After the first frame: the worker's Python would otherwise contend with painting it for the GIL.
        self.call_after_refresh(self._read)

    @work(thread=True, exclusive=True, group="stats")
    def _read(self) -> None:
        """Every figure, read away from the screen's thread: a year of answers need not hold up its first paint."""
        study = self.app.study  # type: ignore[attr-defined]
        now = study.now()
        try:
            if self.chosen:  # the figures of the chosen decks' questions only
                rows = [r for r in question_rows(study.bank) if r[1] in self.chosen]
                stats = study.store.stats(study.profile, rows, now, day_start=study.day_start)
                answered = study.store.question_figures(study.profile, now, study.day_start).latest_correct
                seen: int | None = sum(1 for r in rows if r[0] in answered)
            else:
                stats, seen = study.store.stats(study.profile, study.bank, now, day_start=study.day_start), None
        except StoreError as exc:
            for where in ("#summary", "#charts .pending"):
                self.app.call_from_thread(self._say, where, str(exc))
            return
        self.app.call_from_thread(self._show, stats, seen)
        if not self.is_attached:  # the learner has left: the series would go nowhere
            return
        try:
            figures = charts.read(
                study.store,
                study.profile,
                now,
                decks=self.chosen,
                desired_retention=study.schedule.desired_retention,
                day_start=study.day_start,
            )
        except StoreError as exc:
            self.app.call_from_thread(self._say, "#charts .pending", str(exc))
            return
        self.app.call_from_thread(self._draw, figures)
        self._cost()

    def _say(self, where: str, text: str) -> None:
        """Put `text` in the Statics `where`, unless the learner has left the screen meanwhile."""
        if self.is_attached:
            for static in self.query(where).results(Static):
                static.update(text)

    def _show(self, stats: Stats, seen: int | None) -> None:
        """The figures and tables in the places kept for them."""
        if not self.is_attached:
            return
        decks = [s for s in stats.decks if not self.chosen or s.name in self.chosen]
        answers, right = sum(s.attempts for s in decks), sum(s.correct for s in decks)
        seen = stats.questions_seen if seen is None else seen
        streak = "" if self.chosen else f" · streak {plural(stats.streak, 'day')}"
        self.summary = (
            f"{plural(answers, 'answer')} · accuracy {percent(right / answers if answers else None)}",
            f"{seen:,} of {stats.questions_in_bank:,} questions seen · {stats.mastered:,} mastered",
        )
        self.query_one("#summary", Static).update(f"{self.summary[0]}{streak}\n{self.summary[1]}")
        self.query_one("#forecast", Static).update(forecast_bars(stats.due))
        self.query_one("#kind-scores", Static).update(
            figures_table(("Kind", "Answers", "Right", "Accuracy"), scores_rows(stats.kinds), "No answers yet")
        )
        self.query_one("#deck-scores", Static).update(
            figures_table(("Deck", "Answers", "Right", "Accuracy"), scores_rows(decks), "No answers yet")
        )
        self._weakest(stats)

    def _weakest(self, stats: Stats) -> None:
        """The weakest questions, the prompt cut so that every column fits the screen's width."""
        self.weakest = stats.weakest
        table = self.query_one("#weakest", QuestionTable)
        deck_width = min(max((len(w.deck) for w in stats.weakest), default=4), 16)
        # Four columns of 1 + 1 padding, "Right" (up to 7 wide), "Accuracy" (8), the scroll bars and margins.
        prompt_width = max(min(self.app.size.width - deck_width - 8 - 7 - 8 - 6, 60), 16)
        table.clear(columns=True)
        table.add_column("Question", width=prompt_width)
        table.add_column("Deck", width=deck_width)
        table.add_columns("Right", "Accuracy")
        prompts = distinct([w.prompt for w in stats.weakest], prompt_width)
        for w, prompt in zip(stats.weakest, prompts, strict=True):
            table.add_row(cell(prompt), cell(w.deck), f"{w.correct}/{w.attempts}", percent(w.accuracy))
        if not stats.weakest:
            table.add_row(cell("Nothing yet: a question shows here after two answers"), "", "", "")

    def _draw(self, figures: Charts) -> None:
        """The summary's streak, and the chart of the tab shown; the others are drawn when first shown."""
        if not self.is_attached:
            return
        self.figures = figures
        if self.chosen:  # the streak of the chosen decks, as the calendar counts it
            first, second = self.summary
            self.query_one("#summary", Static).update(f"{first} · streak {plural(figures.streak, 'day')}\n{second}")
        self._fill(self.query_one("#charts", TabbedContent).active)

    @on(TabbedContent.TabActivated, "#charts")
    def _shown(self, event: TabbedContent.TabActivated) -> None:
        self._fill(event.pane.id or "")

    def _fill(self, pane_id: str) -> None:
        """Draw the chart on the tab `pane_id`, once: a chart not looked at costs nothing."""
        if self.figures is None or not pane_id:
            return
        pane = self.query_one(f"#{pane_id}", TabPane)
        pending = pane.query(".pending")
        if not pending:
            return
        pending.remove()
        name, figures = pane_id.removeprefix("tab-"), self.figures
        if name == "year":
            pane.mount(
                VerticalScroll(  # focusable, so the month table below the calendar scrolls from the keyboard
                    Static(calendar(figures.year, figures.streak), id="calendar"),
                    Static(
                        figures_table(("Month", "Answers", "Active days", "Right"), months_rows(figures.year)),
                        id="months",
                    ),
                    id="year",
                )
            )
            return
        chart = SeriesChart(SERIES[name](figures), id=f"{name}-chart")
        if name != "retention":
            pane.mount(chart)
            return
        overall = figures.retention_overall
        retention = Static(
            f"Achieved {percent(overall.achieved)} over {overall.reviews:,} reviews of mature questions"
            f" (answered 21 days or more after the one before) · desired {percent(figures.desired_retention)}",
            id="retention",
        )
        pane.mount_all([retention, chart, Static(self.cost_line, id="retention-cost")])

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
        self.app.call_from_thread(self._costs, line)

    def _costs(self, line: str) -> None:
        self.cost_line = line  # for the Retention tab if it is not drawn yet
        self._say("#retention-cost", line)

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
