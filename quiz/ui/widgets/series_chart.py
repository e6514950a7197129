"""A chart of one series with the same figures in a table beside it: the table is what a screen reader reads.

textual-plotext is imported with this module, which only the stats screen imports, when it opens. A
plot is built only when it is painted, so a chart on a tab not shown costs next to nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static
from textual_plotext import PlotextPlot

from quiz.ui.widgets.figures_table import figures_table


@dataclass(frozen=True)
class Series:
    """What a chart draws: labelled values, how to draw them, and the table's rows."""

    labels: Sequence[str]  # one per value, for the x axis
    values: Sequence[float | None]  # None: nothing to draw there (no answers that day)
    kind: str = "bar"  # "bar" or "line"
    y_range: tuple[float, float] | None = None  # None: counts, from 0 to past the largest
    reference: float | None = None  # a horizontal line, such as the desired retention
    columns: Sequence[str] = ()
    rows: Sequence[Sequence[str]] = field(default_factory=list)


def whole_ticks(top: float, most: int = 4) -> list[int]:
    """At most `most` + 1 whole-number ticks from 0 past `top`, a step of 1, 2 or 5 times a power of ten."""
    rough = max(top, 1) / most
    power = 10 ** max(math.floor(math.log10(rough)), 0)
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    return list(range(0, int(step * math.ceil(max(top, 1) / step)) + 1, int(step)))


class SeriesChart(Horizontal):
    """A plotext chart of a Series and its table, side by side."""

    DEFAULT_CSS = """
    SeriesChart { height: 1fr; min-height: 6; }
    SeriesChart PlotextPlot { width: 1fr; height: 1fr; }
    SeriesChart .chart-figures { width: 32; height: 1fr; }
    """

    def __init__(self, series: Series, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.series = series

    def compose(self) -> ComposeResult:
        yield PlotextPlot()
        with VerticalScroll(classes="chart-figures"):
            yield Static(figures_table(self.series.columns, self.series.rows, "No answers yet"))

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
        # Whole numbers on the axis: plotext's own ticks put 0.33 between 0 and 1 answer, 83.3 between 0 and 100%.
        ticks = whole_ticks(s.y_range[1], 5) if s.y_range else whole_ticks(max(ys, default=0))
        plt.ylim(*(s.y_range or (0, ticks[-1])))
        plt.yticks(ticks, [str(t) for t in ticks])
        plt.xlim(-0.5, max(len(s.values) - 0.5, 0.5))
        step = max(len(s.labels) // 4, 1)
        ticks = list(range(0, len(s.labels), step))
        plt.xticks(ticks, [s.labels[i] for i in ticks])
