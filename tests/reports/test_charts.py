"""Chart geometry: round axis steps, bars as tall as their numbers, nothing divided by zero."""

from datetime import date, timedelta

import pytest

from orderdesk.reports.charts import HEIGHT, TOP, line_chart, nice_ceiling, stacked_bar_chart
from orderdesk.reports.period import Grain
from orderdesk.reports.tables import ReportTable, TableColumn

BOTTOM = HEIGHT - 28


def table(*rows) -> ReportTable:
    columns = [TableColumn("day", "Day", "day"), TableColumn("a", "A"), TableColumn("b", "B")]
    start = date(2026, 3, 1)
    return ReportTable("t", "T", columns, [[start + timedelta(days=i), *row] for i, row in
                                           enumerate(rows)])  # fmt: skip


@pytest.mark.parametrize(
    ("value", "ceiling"),
    [(0, 1), (0.3, 0.5), (1, 1), (1.2, 2), (2.2, 2.5), (3, 5), (1225, 2000), (5e6, 5e6)],
)
def test_given_a_value_then_the_next_round_number(value, ceiling):
    assert nice_ceiling(value) == pytest.approx(ceiling)


def test_given_stacked_bars_then_each_part_is_as_tall_as_its_number():
    chart = stacked_bar_chart(table([30, 10], [0, 40]), ["a", "b"], Grain.DAY)

    first_a, first_b = chart.series[0].marks[0], chart.series[1].marks[0]
    per_unit = (BOTTOM - TOP) / 40  # the axis tops out at 40: steps of 10
    assert first_a.height == pytest.approx(30 * per_unit, abs=0.1)
    assert first_b.height == pytest.approx(10 * per_unit, abs=0.1)
    assert first_b.y + first_b.height == pytest.approx(first_a.y, abs=0.1)  # b sits on a
    assert len(chart.series[0].marks) == 1  # a zero draws nothing
    assert [label for _y, label in chart.y_ticks] == ["0", "10", "20", "30", "40"]


def test_given_nothing_to_draw_then_a_flat_line_on_a_unit_axis():
    chart = line_chart(table([0, 0]), ["a"], Grain.DAY)

    assert chart.series[0].points == f"{chart.series[0].marks[0].x},{BOTTOM}.0"
    assert chart.y_ticks[0][1] == "0"
    assert "A: 0 in total" in chart.description


def test_given_many_points_then_few_labels_and_no_dots():
    chart = line_chart(table(*[[i, i] for i in range(365)]), ["a", "b"], Grain.WEEK)

    assert len(chart.x_ticks) <= 8
    assert chart.series[0].marks == []
    assert len(chart.series[0].points.split()) == 365


def test_given_few_things_counted_then_the_axis_steps_by_whole_things():
    chart = line_chart(table([2, 1]), ["a", "b"], Grain.DAY)

    assert [label for _y, label in chart.y_ticks] == ["0", "1", "2"]
