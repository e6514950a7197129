"""Stats: activity over 30 days, accuracy per deck and kind, weakest questions, what falls due."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quiz.core.elide import distinct
from quiz.data.stats import Day, Forecast, Score, Stats
from quiz.ui.literal import cell, literal
from quiz.ui.widgets.key_bar import KeyBar
from quiz.ui.widgets.question_table import QuestionTable

SHADES = " ░▒▓█"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def heat_map(days: tuple[Day, ...]) -> Content:
    """One cell a day, darker for more answers; the numbers follow for screen readers."""
    most = max((d.attempts for d in days), default=0)
    cells = []
    for d in days:
        level = 0 if not d.attempts else 1 + (len(SHADES) - 2) * d.attempts // max(most, 1)
        cells.append(SHADES[min(level, len(SHADES) - 1)] * 2)
    first = days[0].date.strftime("%d %b") if days else ""
    last = days[-1].date.strftime("%d %b") if days else ""
    active = sum(1 for d in days if d.attempts)
    legend = f"\n{first}{' ' * max(len(days) * 2 - len(first) - len(last), 1)}{last}"
    active_days = "1 active day" if active == 1 else f"{active} active days"
    summary = f"\n{active_days} of {len(days)} · most in a day: {most} · less {SHADES[1]} {SHADES[-1]} more"
    return Content.assemble(("".join(cells), "$accent"), legend, summary)


def forecast_bars(forecast: Forecast) -> str:
    most = max((n for _, n in forecast.days), default=0)
    lines = [f"Due today: {forecast.due_today} (overdue included; your day ends {forecast.today.end:%a %H:%M})"]
    for day, n in forecast.days[:7]:
        bar = "█" * (round(24 * n / most) if most else 0)
        lines.append(f"{day.strftime('%a %d'):<7} {n:>4} {bar}")
    return "\n".join(lines)


class StatsScreen(Screen[None]):
    BINDINGS = [Binding("escape,s", "back", "Back", id="stats.back")]

    def compose(self) -> ComposeResult:
        study = self.app.study  # type: ignore[attr-defined]
        stats: Stats = study.stats()
        with VerticalScroll(id="stats"):
            yield Static(literal(f"Stats · {stats.profile}"), classes="panel-title")
            days = "day" if stats.streak == 1 else "days"
            yield Static(
                f"{stats.attempts} answers · accuracy {percent(stats.accuracy)} · "
                f"{stats.questions_seen} of {stats.questions_in_bank} questions seen · {stats.mastered} mastered · "
                f"streak {stats.streak} {days}"
            )
            yield Static("Activity, last 30 days", classes="panel-title")
            yield Static(heat_map(stats.days), id="heat-map")
            yield Static("Accuracy per deck", classes="panel-title")
            yield self._scores("decks", stats.decks, "Deck")
            yield Static("Accuracy per kind", classes="panel-title")
            yield self._scores("kinds", stats.kinds, "Kind")
            yield Static("Weakest questions · Tab to them; Enter or a click opens one", classes="panel-title")
            self.weakest = stats.weakest
            weak = QuestionTable(id="weakest")
            weak.add_columns("Question", "Deck", "Right", "Accuracy")
            for w, prompt in zip(stats.weakest, distinct([w.prompt for w in stats.weakest], 44), strict=True):
                weak.add_row(cell(prompt), cell(w.deck), f"{w.correct}/{w.attempts}", percent(w.accuracy))
            if not stats.weakest:
                weak.add_row("Nothing yet: a question shows here after two answers", "", "", "")
            yield weak
            yield Static("Due in the next 7 days", classes="panel-title")
            yield Static(forecast_bars(stats.due), id="forecast")
        yield KeyBar()

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

    def action_back(self) -> None:
        self.app.pop_screen()
