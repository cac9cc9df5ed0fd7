"""Charts drawn on the server as SVG: the geometry here, the markup in
templates/reports/chart.html. Every chart is drawn from a ReportTable, so its numbers are the
table's numbers (shown under it and downloadable as CSV)."""

import math
from dataclasses import dataclass, field

from babel.dates import format_skeleton
from babel.numbers import format_compact_decimal
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from orderdesk.reports.formatting import babel_locale, figure
from orderdesk.reports.period import Grain
from orderdesk.reports.tables import ReportTable

WIDTH, HEIGHT = 760, 240
LEFT, RIGHT, TOP, BOTTOM = 60, 12, 12, 28
MAX_X_LABELS = 8
MAX_DOTS = 31  # up to this many points a line gets dots, each with its value as a tooltip


@dataclass
class Mark:
    x: float
    y: float
    title: str
    width: float = 0
    height: float = 0


@dataclass
class Series:
    key: str  # CSS class suffix: the colour
    label: str
    points: str = ""  # "x,y x,y …" of a line
    marks: list[Mark] = field(default_factory=list)  # dots of a line, rectangles of bars

    def svg(self) -> SafeString:
        """The series' SVG elements: written here, not in the template, because a chart holds
        hundreds of them and the template engine would spend longer on them than the report
        (and with f-strings, not format_html_join: a year of weeks took 6 ms that way).
        Coordinates are numbers; every title is escaped."""
        if self.points:
            dots = "".join(
                [
                    f'<circle cx="{m.x}" cy="{m.y}" r="3"><title>{conditional_escape(m.title)}'
                    "</title></circle>"
                    for m in self.marks
                ]
            )
            return mark_safe(f'<polyline points="{conditional_escape(self.points)}"/>{dots}')
        return mark_safe(
            "".join(
                [
                    f'<rect x="{m.x}" y="{m.y}" width="{m.width}" height="{m.height}">'
                    f"<title>{conditional_escape(m.title)}</title></rect>"
                    for m in self.marks
                ]
            )
        )


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    kind: str  # line | bars
    series: list[Series]
    y_ticks: list[tuple[float, str]]
    x_ticks: list[tuple[float, str]]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value` (1 for nothing)."""
    if value <= 0:
        return 1
    base = 10 ** math.floor(math.log10(value))
    return next(m * base for m in (1, 2, 2.5, 5, 10) if m * base >= value * (1 - 1e-12))


def _number(table: ReportTable, key: str, value) -> str:
    kind = next(c.kind for c in table.columns if c.key == key)
    return figure(value or 0, kind, table.currency)


def _x_label(day, grain: Grain) -> str:
    return format_skeleton("yMMM" if grain == Grain.MONTH else "MMMd", day, locale=babel_locale())


def _frame(table: ReportTable, keys: list[str], top_value: float, labels: list[str]):
    """(slot width, y of a value, y ticks, x ticks) for `table`'s rows on the plot.

    The y axis steps by a round number (1, 2, 2.5 or 5 × 10ⁿ), three to five steps high; by
    whole numbers when it counts things."""
    n = len(table.rows)
    slot = (WIDTH - LEFT - RIGHT) / max(n, 1)
    step = nice_ceiling(top_value / 4)
    if all(c.kind == "count" for c in table.columns if c.key in keys):
        step = max(round(step), 1)
    steps = max(math.ceil(top_value / step), 1)
    top_value = step * steps
    plot_height = HEIGHT - TOP - BOTTOM

    def y_of(value) -> float:
        return round(HEIGHT - BOTTOM - float(value or 0) / top_value * plot_height, 1)

    y_ticks = [
        (y_of(step * i), format_compact_decimal(step * i, locale=babel_locale(), fraction_digits=1))
        for i in range(steps + 1)
    ]
    every = math.ceil(n / MAX_X_LABELS)
    x_ticks = [(round(LEFT + (i + 0.5) * slot, 1), labels[i]) for i in range(0, n, every)]
    return slot, y_of, y_ticks, x_ticks


def _description(table: ReportTable, keys: list[str]) -> str:
    labels = {c.key: str(c.label) for c in table.columns}
    totals = [
        _("%(series)s: %(total)s in total")
        % {"series": labels[key], "total": _number(table, key, sum(table.column(key), 0))}
        for key in keys
    ]
    return "; ".join(totals) + "."


def line_chart(table: ReportTable, keys: list[str], grain: Grain) -> Chart:
    """One line per column in `keys`, a point per row of the table."""
    top_value = max((float(v or 0) for key in keys for v in table.column(key)), default=0)
    when = [_x_label(row[0], grain) for row in table.rows]
    slot, y_of, y_ticks, x_ticks = _frame(table, keys, top_value, when)
    labels = {c.key: str(c.label) for c in table.columns}
    series = []
    for key in keys:
        xs = [round(LEFT + (i + 0.5) * slot, 1) for i in range(len(table.rows))]
        ys = [y_of(v) for v in table.column(key)]
        marks = []
        if len(xs) <= MAX_DOTS:
            marks = [
                Mark(x, y, f"{label} · {labels[key]}: {_number(table, key, value)}")
                for x, y, label, value in zip(xs, ys, when, table.column(key), strict=True)
            ]
        points = " ".join(f"{x},{y}" for x, y in zip(xs, ys, strict=True))
        series.append(Series(key, labels[key], points, marks))
    return Chart(
        table.slug, table.title, _description(table, keys), "line", series, y_ticks, x_ticks
    )


def stacked_bar_chart(table: ReportTable, keys: list[str], grain: Grain) -> Chart:
    """One bar per row, stacked from the columns in `keys` (the first at the bottom)."""
    stacks = zip(*(table.column(key) for key in keys), strict=True)
    top_value = max((sum(float(v or 0) for v in stack) for stack in stacks), default=0)
    when = [_x_label(row[0], grain) for row in table.rows]
    slot, y_of, y_ticks, x_ticks = _frame(table, keys, top_value, when)
    labels = {c.key: str(c.label) for c in table.columns}
    columns = {key: table.column(key) for key in keys}
    width = round(max(slot * 0.7, 1), 1)
    series = {key: Series(key, labels[key]) for key in keys}
    for i, label in enumerate(when):
        x = round(LEFT + i * slot + (slot - width) / 2, 1)
        below = 0.0
        for key in keys:
            value = float(columns[key][i] or 0)
            if value:
                top, bottom = y_of(below + value), y_of(below)
                series[key].marks.append(
                    Mark(
                        x,
                        top,
                        f"{label} · {labels[key]}: {_number(table, key, columns[key][i])}",
                        width,
                        round(bottom - top, 1),
                    )
                )
            below += value
    return Chart(
        table.slug,
        table.title,
        _description(table, keys),
        "bars",
        list(series.values()),
        y_ticks,
        x_ticks,
    )
