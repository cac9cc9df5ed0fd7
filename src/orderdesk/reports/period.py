"""The period a report covers: presets or a custom range of business days, the period it is
compared with, and how a chart groups its days. No ORM: tested without a database."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orderdesk.core.errors import Errors
from orderdesk.core.listing import Params, parse_date

MAX_DAYS = 3 * 365 + 1  # three years, one of them a leap year


class Preset(StrEnum):
    TODAY = "today"
    LAST_7_DAYS = "last_7_days"  # today and the six days before it
    THIS_MONTH = "this_month"  # the first of this month to today
    LAST_MONTH = "last_month"  # the whole of last month
    CUSTOM = "custom"  # from and to, inclusive

    @property
    def label(self) -> str:
        return str(PRESET_LABELS[self])


PRESET_LABELS = {
    Preset.TODAY: gettext_lazy("Today"),
    Preset.LAST_7_DAYS: gettext_lazy("Last 7 days"),
    Preset.THIS_MONTH: gettext_lazy("This month"),
    Preset.LAST_MONTH: gettext_lazy("Last month"),
    Preset.CUSTOM: gettext_lazy("Custom"),
}
DEFAULT_PRESET = Preset.THIS_MONTH


class Grain(StrEnum):
    DAY = "day"
    WEEK = "week"  # Monday to Sunday, cut at the period's ends
    MONTH = "month"  # cut at the period's ends


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    preset: Preset = Preset.CUSTOM

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def each_day(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]

    def previous(self) -> "Period":
        """What this period is compared with.

        Last month: the month before it. This month (to date): the same days of last month, cut
        at its end. Any other period: as many days, ending the day before it starts.
        """
        if self.preset == Preset.LAST_MONTH:
            start = _month_start(self.start - timedelta(days=1))
            return Period(start, _month_end(start), Preset.CUSTOM)
        if self.preset == Preset.THIS_MONTH:
            start = _month_start(self.start - timedelta(days=1))
            return Period(start, min(start + (self.end - self.start), _month_end(start)))
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    @property
    def grain(self) -> Grain:
        """How charts group days: days up to three months, weeks up to a year, then months."""
        if self.days <= 92:
            return Grain.DAY
        if self.days <= 366:
            return Grain.WEEK
        return Grain.MONTH

    def buckets(self) -> list[tuple[date, date]]:
        """(first, last) day of each chart bucket, in order, covering the period exactly."""
        grain, buckets, first = self.grain, [], self.start
        while first <= self.end:
            if grain == Grain.DAY:
                last = first
            elif grain == Grain.WEEK:
                last = first + timedelta(days=6 - first.weekday())
            else:
                last = _month_end(first)
            last = min(last, self.end)
            buckets.append((first, last))
            first = last + timedelta(days=1)
        return buckets


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def preset_period(preset: Preset, today: date) -> Period:
    if preset == Preset.TODAY:
        return Period(today, today, preset)
    if preset == Preset.LAST_7_DAYS:
        return Period(today - timedelta(days=6), today, preset)
    if preset == Preset.THIS_MONTH:
        return Period(_month_start(today), today, preset)
    if preset == Preset.LAST_MONTH:
        end = _month_start(today) - timedelta(days=1)
        return Period(_month_start(end), end, preset)
    raise ValueError(f"{preset} has no fixed days")


def period_parse(params, *, today: date | None = None) -> tuple[Period | None, Errors]:
    """The period asked for by `preset`, or by `from` and `to` (YYYY-MM-DD, inclusive).

    With neither, this month. Returns (None, errors) when the input cannot make a period:
    an unknown preset, a date that is not one, the end before the start, more than three years.
    """
    params = Params(params)
    errors = Errors(title=_("The period is not valid"))
    raw_preset = params.one("preset")
    if not raw_preset:
        raw_preset = Preset.CUSTOM if params.one("from") or params.one("to") else DEFAULT_PRESET
    try:
        preset = Preset(raw_preset)
    except ValueError:
        errors.add(
            "preset",
            _("Unknown period %(value)s; use one of: %(choices)s.")
            % {"value": raw_preset[:40], "choices": ", ".join(Preset)},
        )
        return None, errors
    if preset != Preset.CUSTOM:
        return preset_period(preset, today or timezone.localdate()), errors
    start = parse_date(params.one("from"), "from", errors)
    end = parse_date(params.one("to"), "to", errors)
    if not params.one("from"):
        errors.add("from", _("Enter the first day of the period."))
    if not params.one("to"):
        errors.add("to", _("Enter the last day of the period."))
    if start and end and end < start:
        errors.add("to", _("The last day must be on or after the first day."))
    elif start and end and (end - start).days + 1 > MAX_DAYS:
        errors.add(
            "to", _("Choose at most three years (%(days)s days).") % {"days": f"{MAX_DAYS:,}"}
        )
    if errors.items:
        return None, errors
    return Period(start, end, preset), errors
