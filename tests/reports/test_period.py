"""The report period: presets, custom ranges, what a period is compared with, chart buckets,
and refusing input that makes no period. Pure Python: no database."""

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderdesk.reports.period import (
    MAX_DAYS,
    Grain,
    Period,
    Preset,
    period_parse,
    preset_period,
)

TODAY = date(2026, 3, 15)  # a Sunday


def parse(**params):
    return period_parse(params, today=TODAY)


@pytest.mark.parametrize(
    ("preset", "start", "end"),
    [
        ("today", date(2026, 3, 15), date(2026, 3, 15)),
        ("last_7_days", date(2026, 3, 9), date(2026, 3, 15)),
        ("this_month", date(2026, 3, 1), date(2026, 3, 15)),
        ("last_month", date(2026, 2, 1), date(2026, 2, 28)),
    ],
)
def test_given_a_preset_then_its_days_end_today_or_with_last_month(preset, start, end):
    period, errors = parse(preset=preset)

    assert not errors.items
    assert (period.start, period.end, period.preset) == (start, end, Preset(preset))


def test_given_nothing_then_this_month_and_given_dates_alone_then_a_custom_range():
    assert parse()[0] == Period(date(2026, 3, 1), TODAY, Preset.THIS_MONTH)
    assert parse(**{"from": "2026-01-05", "to": "2026-01-09"})[0] == Period(
        date(2026, 1, 5), date(2026, 1, 9), Preset.CUSTOM
    )


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        # A custom range: as many days, ending the day before.
        (Period(date(2026, 3, 1), date(2026, 3, 3)), Period(date(2026, 2, 26), date(2026, 2, 28))),
        (Period(date(2026, 3, 15), date(2026, 3, 15), Preset.TODAY),
         Period(date(2026, 3, 14), date(2026, 3, 14))),
        # Last month: the month before it, whole.
        (Period(date(2026, 2, 1), date(2026, 2, 28), Preset.LAST_MONTH),
         Period(date(2026, 1, 1), date(2026, 1, 31))),
        (Period(date(2026, 3, 1), date(2026, 3, 31), Preset.LAST_MONTH),
         Period(date(2026, 2, 1), date(2026, 2, 28))),
        # This month so far: the same days of last month, cut at its end.
        (Period(date(2026, 3, 1), date(2026, 3, 15), Preset.THIS_MONTH),
         Period(date(2026, 2, 1), date(2026, 2, 15))),
        (Period(date(2026, 3, 1), date(2026, 3, 31), Preset.THIS_MONTH),
         Period(date(2026, 2, 1), date(2026, 2, 28))),
        (Period(date(2024, 3, 1), date(2024, 3, 30), Preset.THIS_MONTH),
         Period(date(2024, 2, 1), date(2024, 2, 29))),
        (Period(date(2026, 1, 1), date(2026, 1, 10), Preset.THIS_MONTH),
         Period(date(2025, 12, 1), date(2025, 12, 10))),
    ],
)  # fmt: skip
def test_given_a_period_then_it_is_compared_with_the_one_before(period, previous):
    assert period.previous() == previous


@pytest.mark.parametrize(
    ("days", "grain"),
    [(1, Grain.DAY), (92, Grain.DAY), (93, Grain.WEEK), (366, Grain.WEEK), (367, Grain.MONTH)],
)
def test_given_a_length_then_charts_group_by_day_week_or_month(days, grain):
    assert Period(TODAY, TODAY + timedelta(days=days - 1)).grain == grain


def test_given_weeks_then_buckets_run_monday_to_sunday_cut_at_the_ends():
    period = Period(date(2026, 1, 1), date(2026, 4, 30))  # a Thursday to a Thursday

    buckets = period.buckets()

    assert buckets[0] == (date(2026, 1, 1), date(2026, 1, 4))
    assert buckets[1] == (date(2026, 1, 5), date(2026, 1, 11))
    assert buckets[-1] == (date(2026, 4, 27), date(2026, 4, 30))


def test_given_months_then_buckets_are_calendar_months_cut_at_the_ends():
    buckets = Period(date(2025, 1, 15), date(2026, 2, 10)).buckets()

    assert buckets[0] == (date(2025, 1, 15), date(2025, 1, 31))
    assert buckets[1] == (date(2025, 2, 1), date(2025, 2, 28))
    assert buckets[-1] == (date(2026, 2, 1), date(2026, 2, 10))
    assert len(buckets) == 14


@given(
    start=st.dates(date(1900, 1, 1), date(2999, 1, 1)),
    length=st.integers(1, MAX_DAYS),
    preset=st.sampled_from(list(Preset)),
)
def test_given_any_period_then_buckets_cover_it_exactly_and_the_previous_comes_before(
    start, length, preset
):
    if preset == Preset.CUSTOM:
        period = Period(start, start + timedelta(days=length - 1))
    else:
        period = preset_period(preset, today=start)

    buckets = period.buckets()
    previous = period.previous()

    assert buckets[0][0] == period.start and buckets[-1][1] == period.end
    assert all(first <= last for first, last in buckets)
    assert all(a[1] + timedelta(days=1) == b[0] for a, b in itertools.pairwise(buckets))
    assert previous.end < period.start
    # As long, or shorter when last month is; the month before last month is whole.
    assert previous.days <= period.days or preset == Preset.LAST_MONTH


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "yesterday", "to": "2026-01-01"}, "from"),
        ({"from": "2026-02-30", "to": "2026-03-01"}, "from"),
        ({"from": "1899-12-31", "to": "1900-01-05"}, "from"),
        ({"from": "2999-12-01", "to": "3000-01-01"}, "to"),
        ({"from": "2026-01-01", "to": "9999-12-31"}, "to"),
        ({"from": "2026-03-02", "to": "2026-03-01"}, "to"),
        ({"from": "2020-01-01", "to": "2023-01-02"}, "to"),  # 1,098 days
        ({"from": "2026-03-01"}, "to"),
        ({"to": "2026-03-01", "preset": "custom"}, "from"),
        ({"preset": "yesteryear"}, "preset"),
        ({"from": "2026-03-01\x00", "to": "2026-03-02"}, "from"),
    ],
)
def test_given_input_that_makes_no_period_then_an_error_names_the_field(params, field):
    period, errors = parse(**params)

    assert period is None
    assert field in [e["field"] for e in errors.items]


def test_given_exactly_three_years_then_accepted():
    period, errors = parse(**{"from": "2020-01-01", "to": "2022-12-31"})

    assert not errors.items and period.days == MAX_DAYS
