"""Recomputing the rollups from the orders, the ledger and the consultation requests:
`orderdesk rebuild-reports`.

The same GROUP BY queries serve the rebuild (after the demo generator's bulk load, after a change
of ORDERDESK_TIME_ZONE, in the migration that creates the tables) and the audit that proves the
incrementally kept rows equal a recomputation (`rebuild-reports --check`, and the tests).
"""

from datetime import timedelta
from decimal import Decimal

from django.apps import apps as django_apps
from django.db import connection, models
from django.db.models import Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Greatest, Substr, TruncDate
from django.utils import timezone

from orderdesk.orders.status import OrderStatus
from orderdesk.reports.rollups import (
    ACTIVITY_DAY,
    ASSIGNEE_DAY,
    ORDER_DAY,
    ORDER_ROLLUPS,
    REASON_DAY,
    REASON_LENGTH,
    REQUEST_DAY,
    ROLLUPS,
    Contributions,
    request_target_seconds,
    rollups_add,
)

_SUM = models.DecimalField(max_digits=24, decimal_places=3)
_ZERO = Value(Decimal(0), output_field=_SUM)


def _day(field: str):
    return TruncDate(field, tzinfo=timezone.get_default_timezone())


def rollups_recompute(apps=django_apps, rollups=ROLLUPS) -> Contributions:
    """Every row of `rollups` as the orders, payments and requests imply it now:
    {(rollup, key): values}."""
    rows = _order_rows(apps) if set(ORDER_ROLLUPS) & set(rollups) else {}
    if REQUEST_DAY in rollups:
        rows.update(_request_rows(apps))
    return rows


def request_counts(requests: QuerySet):
    """(day, source, assignee or 0, status, requests, answered, within the target, converted)
    rows counted from `requests`: the RequestDay rows they imply."""
    target = timedelta(seconds=request_target_seconds())
    return (
        requests.annotate(day=_day("created_at"), assignee=Coalesce("assigned_to_id", 0))
        .values_list("day", "source", "assignee", "status")
        .annotate(
            n=Count("id"),
            answered=Count("id", filter=Q(first_response_at__isnull=False)),
            within_target=Count("id", filter=Q(first_response_at__lte=F("created_at") + target)),
            converted=Count("id", filter=Q(order__isnull=False)),
        )
        .order_by()
    )


def _request_rows(apps) -> Contributions:
    Request = apps.get_model("consultations", "ConsultationRequest")
    counted = request_counts(Request.objects.all())
    return {(REQUEST_DAY, tuple(row[:4])): tuple(row[4:]) for row in counted}


def _order_rows(apps) -> Contributions:
    Order = apps.get_model("orders", "Order")
    Payment = apps.get_model("orders", "Payment")
    rows: Contributions = {}

    by_channel = (
        Order.objects.annotate(
            day=_day("created_at"),
            balance=Greatest(
                F("total") - F("amount_paid") + F("amount_refunded"), _ZERO, output_field=_SUM
            ),
        )
        .values_list("day", "status", "channel", "currency")
        .annotate(n=Count("id"), total_sum=Sum("total"), balance_sum=Sum("balance"))
        .order_by()
    )
    for day, status, channel, currency, n, total, balance in by_channel:
        rows[(ORDER_DAY, (day, status, channel, currency))] = (n, total, balance)

    by_assignee = (
        Order.objects.annotate(day=_day("created_at"), assignee=Coalesce("assigned_to_id", 0))
        .values_list("day", "status", "assignee", "currency")
        .annotate(n=Count("id"), total_sum=Sum("total"))
        .order_by()
    )
    for day, status, assignee, currency, n, total in by_assignee:
        rows[(ASSIGNEE_DAY, (day, status, assignee, currency))] = (n, total)

    reasons = (
        Order.objects.filter(status=OrderStatus.CANCELLED)
        .annotate(day=_day("created_at"), reason=Substr("cancel_reason", 1, REASON_LENGTH))
        .values_list("day", "reason")
        .annotate(n=Count("id"))
        .order_by()
    )
    for day, reason, n in reasons:
        rows[(REASON_DAY, (day, reason))] = (n,)

    for activity, field in (
        (OrderStatus.DELIVERED, "delivered_at"),
        (OrderStatus.CANCELLED, "cancelled_at"),
    ):
        moved = (
            Order.objects.filter(status=activity, **{f"{field}__isnull": False})
            .annotate(day=_day(field))
            .values_list("day", "currency")
            .annotate(n=Count("id"), amount=Sum("total"))
            .order_by()
        )
        for day, currency, n, amount in moved:
            rows[(ACTIVITY_DAY, (day, str(activity), currency))] = (n, amount)

    ledger = (
        Payment.objects.annotate(day=_day("paid_at"), currency=F("order__currency"))
        .values_list("day", "kind", "currency")
        .annotate(n=Count("id"), amount=Sum("amount"))
        .order_by()
    )
    for day, kind, currency, n, amount in ledger:
        rows[(ACTIVITY_DAY, (day, kind, currency))] = (n, amount)
    return rows


def rollups_stored() -> Contributions:
    """Every stored rollup row that holds something."""
    from orderdesk.reports.models import (
        ActivityDay,
        CancelReasonDay,
        OrderAssigneeDay,
        OrderDay,
        RequestDay,
    )

    rows: Contributions = {}
    for model, rollup in ((OrderDay, ORDER_DAY), (OrderAssigneeDay, ASSIGNEE_DAY),
                          (CancelReasonDay, REASON_DAY), (ActivityDay, ACTIVITY_DAY),
                          (RequestDay, REQUEST_DAY)):  # fmt: skip
        width = len(rollup.keys)
        for row in model.objects.values_list(*rollup.keys, *rollup.values).order_by():
            if any(row[width:]):
                rows[(rollup, tuple(row[:width]))] = tuple(row[width:])
    return rows


def rollups_drift() -> list[tuple[str, tuple, tuple | None, tuple | None]]:
    """[(table, key, stored, recomputed)] for every row where the two disagree."""
    stored, real = rollups_stored(), rollups_recompute()
    drift = []
    for row in sorted(stored.keys() | real.keys(), key=lambda r: (r[0].table, str(r[1]))):
        if stored.get(row) != real.get(row):
            drift.append((row[0].table, row[1], stored.get(row), real.get(row)))
    return drift


def rollups_rebuild(apps=django_apps, rollups=ROLLUPS) -> int:
    """Replace every row of `rollups` by a recomputation; returns the number of rows written.

    Call it in a transaction. On PostgreSQL it first waits for writers of orders, payments and
    requests to finish and holds new ones off until it commits (SHARE lock), so no change is
    lost between reading them and replacing the rows; SQLite's single writer gives the same.
    (A migration that predates a rollup table passes the rollups that exist at that point.)
    """
    sources = ["orders_order", "orders_payment"] if set(ORDER_ROLLUPS) & set(rollups) else []
    if REQUEST_DAY in rollups:
        sources.append("consultations_consultationrequest")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {', '.join(sources)} IN SHARE MODE")
    rows = rollups_recompute(apps, rollups)
    with connection.cursor() as cursor:
        for rollup in rollups:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(rollup.table)}")
    rollups_add(rows)
    if connection.vendor == "postgresql":
        # Fresh statistics, or the planner takes 37,000 new rows for a few dozen.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(rollup.table for rollup in rollups)}")
    State = apps.get_model("reports", "RollupState")
    State.objects.all().delete()
    state = {"time_zone": timezone.get_default_timezone_name(), "rebuilt_at": timezone.now()}
    if REQUEST_DAY in rollups:
        state["consultation_sla_minutes"] = request_target_seconds() // 60
    State.objects.create(**state)
    return len(rows)


def request_rollups_current() -> bool:
    """Whether the request rows were counted against today's response target: after a change
    of ORDERDESK_CONSULTATION_SLA_MINUTES their "within target" is stale until the next rebuild,
    and the reports count from the requests themselves instead."""
    State = django_apps.get_model("reports", "RollupState")
    built = State.objects.values_list("consultation_sla_minutes", flat=True).first()
    return built is not None and built * 60 == request_target_seconds()


def rollups_time_zone_stale() -> str | None:
    """The time zone the rollups' days were counted in, when it is no longer the business one."""
    State = django_apps.get_model("reports", "RollupState")
    built = State.objects.values_list("time_zone", flat=True).first()
    current = timezone.get_default_timezone_name()
    return built if built and built != current else None
