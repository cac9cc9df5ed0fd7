"""Consultation request figures for a period: the definitions of consultations.stats, computed
by the database so they stay fast at tens of thousands of requests.

consultations.stats reads every request and converts its times to the business time zone in
Python: about half a second at 20,000 requests. Here the counts (per business day, source,
assignee and status) come from the daily rollup RequestDay, kept by the consultation services,
and the database hands over each answered request's response time as a number of seconds,
which stats' own median and percentile order and pick from (a median needs every value). On
PostgreSQL the index consult_answered_idx holds every column this reads, so a year of answered
requests is an index-only scan.
tests/reports/test_requests.py holds the two to the same figures.
"""

from collections import defaultdict
from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connection
from django.db.models import FloatField, Func, Sum
from django.db.models.functions import Coalesce

from orderdesk.consultations.models import ConsultationRequest
from orderdesk.consultations.stats import median, percentile
from orderdesk.consultations.status import ConsultationStatus
from orderdesk.core.listing import created_range
from orderdesk.reports.models import RequestDay
from orderdesk.reports.period import Period
from orderdesk.reports.rebuild import request_counts, request_rollups_current
from orderdesk.reports.rollups import request_target_seconds

COUNTED = ("created", "answered", "within_target", "converted")


class SecondsBetween(Func):
    """later − earlier in seconds, exact to the microsecond; NULL when either is NULL."""

    arity = 2
    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            # EXTRACT, not date_part: date_part works in floating point and gives
            # 99999.99999899999 for an interval of 99999.999999 s, where Python's
            # total_seconds() (consultations.stats) and EXTRACT's numeric give the exact value.
            template="EXTRACT(EPOCH FROM (%(expressions)s))::double precision",
            arg_joiner=" - ",
            **extra,
        )

    def as_sqlite(self, compiler, connection, **extra):
        # Django's own SQLite function for datetime subtraction (whole microseconds).
        return super().as_sql(
            compiler,
            connection,
            template="django_timestamp_diff(%(expressions)s) / 1000000.0",
            **extra,
        )


class _Group:
    __slots__ = ("answered", "converted", "created", "median", "p90", "within_target")

    def __init__(self) -> None:
        self.created = self.answered = self.within_target = self.converted = 0
        self.median = self.p90 = None

    def summary(self) -> dict:
        return {
            "created": self.created,
            "answered": self.answered,
            "median_first_response_seconds": self.median,
            "p90_first_response_seconds": self.p90,
            # Of all requests in the period, the share answered within the target.
            "within_target_rate": self.within_target / self.created if self.created else None,
            "conversion_rate": self.converted / self.created if self.created else None,
        }


def _response_times(requests, groupings: dict[str | None, dict]) -> None:
    """Set the median and 90th percentile of first-response times of every group.

    `groupings` maps a field (None: all requests together) to its groups by value. The database
    computes each answered request's time in seconds; ordering them and picking the middle and
    the 90th percentile is left to consultations.stats, so the definitions stay in one place.
    """
    fields = [field for field in groupings if field]
    merged = {field: defaultdict(list) for field in groupings}
    # Each run (the times of one combination of the fields' values) is sorted on its own, then
    # runs are joined per group: sorting a join of sorted runs only merges them, where sorting
    # every group's times from scratch cost a year's report three full sorts of 45,000 times.
    for key, times in _runs(requests.filter(first_response_at__isnull=False), fields):
        times.sort()
        merged[None][""] += times
        for field, value in zip(fields, key, strict=True):
            merged[field][value] += times
    for field, groups in groupings.items():
        for key, values in merged[field].items():
            values.sort()  # a merge (see above); median() and percentile() then only check it
            groups[key].median = median(values)
            groups[key].p90 = percentile(values, 0.9)


def _runs(answered, fields: list[str]) -> Iterator[tuple[tuple, list[float]]]:
    """(values of `fields`, response times in seconds) of each combination of the fields'
    values among the answered requests."""
    seconds = SecondsBetween("first_response_at", "created_at")
    if connection.vendor == "postgresql":
        # One array per combination (a dozen rows, not one per request): PostgreSQL hands a
        # year's 45,000 times over in about two thirds of the time.
        if not fields:
            yield (), answered.aggregate(times=ArrayAgg(seconds))["times"] or []  # None: no rows
            return
        rows = answered.values_list(*fields).annotate(times=ArrayAgg(seconds)).order_by()
        for *key, times in rows:
            yield tuple(key), times
        return
    # SQLite: a row per request, straight from the cursor — tens of thousands of plain numbers
    # and short strings need none of the ORM's per-row conversions.
    with connection.cursor() as cursor:
        cursor.execute(*answered.values_list(seconds, *fields).query.sql_with_params())
        runs = defaultdict(list)
        for time, *key in cursor.fetchall():
            runs[tuple(key)].append(time)
    yield from runs.items()


def request_figures(period: Period, *, detail: bool = True) -> dict:
    """Figures for requests received in the period, in the shape of
    consultations.stats.consultation_stats, with every status in `by_status`. Without
    `detail`, only the figures over all requests (no per_day, by_source, by_assignee)."""
    target = request_target_seconds()
    received = ConsultationRequest.objects.filter(created_range(period.start, period.end))
    requests = received.annotate(assignee=Coalesce("assigned_to_id", 0))  # 0: unassigned

    everything, by_source, by_assignee = _Group(), defaultdict(_Group), defaultdict(_Group)
    by_status = {status.value: 0 for status in ConsultationStatus}
    per_day = {day.isoformat(): 0 for day in period.each_day()}
    for day, source, assignee, status, *numbers in _counts(received, period):
        by_status[status] = by_status.get(status, 0) + numbers[0]
        per_day[day.isoformat()] += numbers[0]
        for group in (everything, by_source[source], by_assignee[assignee]):
            for name, n in zip(COUNTED, numbers, strict=True):
                setattr(group, name, getattr(group, name) + n)
    groupings = {None: {"": everything}}
    if detail:
        groupings.update(source=by_source, assignee=by_assignee)
    _response_times(requests, groupings)
    figures = {**everything.summary(), "by_status": by_status, "target_seconds": target}
    if not detail:
        return figures

    names = dict(
        get_user_model()
        .objects.filter(id__in=[i for i in by_assignee if i])
        .values_list("id", "username")
    )
    by_name = {(names.get(i, f"#{i}") if i else ""): group for i, group in by_assignee.items()}
    return {
        **figures,
        "per_day": per_day,
        "by_source": {key: group.summary() for key, group in sorted(by_source.items())},
        "by_assignee": {key: group.summary() for key, group in sorted(by_name.items())},
    }


def _counts(received, period: Period):
    """(day, source, assignee, status, created, answered, within target, converted) rows: from
    the daily rollup, or counted from the requests while the rollup holds another target."""
    if not request_rollups_current():
        return request_counts(received)
    return (
        RequestDay.objects.filter(day__gte=period.start, day__lte=period.end)
        .values_list("day", "source", "assignee_id", "status")
        .annotate(Sum("requests"), Sum("answered"), Sum("within_target"), Sum("converted"))
        .order_by()
    )
