"""A chart of one series with the same figures in a table beside it: the table is what a screen reader reads.

textual-plotext is imported with this module, which only the stats screen imports, when it opens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable
from textual_plotext import PlotextPlot


@dataclass(frozen=True)
class Series:
    """What a chart draws: labelled values, how to draw them, and the table's rows."""

    labels: Sequence[str]  # one per value, for the x axis
    values: Sequence[float | None]  # None: nothing to draw there (no answers that day)
    kind: str = "bar"  # "bar" or "line"
    y_range: tuple[float, float] | None = None
    reference: float | None = None  # a horizontal line, such as the desired retention
    columns: Sequence[str] = ()
    rows: Sequence[Sequence[str]] = field(default_factory=list)


class SeriesChart(Horizontal):
    """A plotext chart of a Series and its table, side by side."""

    DEFAULT_CSS = """
    SeriesChart { height: 12; }
    SeriesChart PlotextPlot { width: 1fr; height: 12; }
    SeriesChart DataTable { width: 30; height: 12; }
    """

    def __init__(self, series: Series, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.series = series

    def compose(self) -> ComposeResult:
        yield PlotextPlot()
        table = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_columns(*self.series.columns)
        for row in self.series.rows:
            table.add_row(*row)
        yield table

    def on_mount(self) -> None:
        s = self.series
        plt = self.query_one(PlotextPlot).plt
        points = [(i, v) for i, v in enumerate(s.values) if v is not None]
        xs, ys = [i for i, _ in points], [v for _, v in points]
        if xs:
            if s.kind == "line":
                plt.plot(xs, ys, marker="braille")
            else:
                plt.bar(xs, ys, width=0.6)
        if s.reference is not None:
            plt.hline(s.reference)
        if s.y_range is not None:  # percentages: ticks at quarters, not 16.7, 33.3, …
            low, high = s.y_range
            plt.ylim(low, high)
            plt.yticks([round(low + (high - low) * i / 4) for i in range(5)])
        elif s.kind == "bar":  # counts: whole-number ticks (plotext would label 0.17, 0.33, … for a few)
            most = max((int(v) for v in ys), default=0)
            step = max(-(-most // 4), 1)
            plt.ylim(0, max(most, 1))
            plt.yticks(list(range(0, max(most, 1) + 1, step)))
        plt.xlim(-0.5, max(len(s.values) - 0.5, 0.5))
        step = max(len(s.labels) // 4, 1)
        ticks = list(range(0, len(s.labels), step))
        plt.xticks(ticks, [s.labels[i] for i in ticks])
