"""Keeping the daily rollups right as orders and requests change, inside the caller's transaction.

Every order contributes a few numbers to a few rollup rows (its creation day by status and
channel, and by status and assignee; its cancel reason; the day it was delivered or cancelled),
and every consultation request one row (its day by source, assignee and status). When the
services save one they subtract what the stored row contributed and add what the saved one
contributes; a payment adds to the day it was paid. Deltas are added with one
upsert per row (`x = x + delta`), so concurrent transactions never overwrite each other, and
rows are touched in one global order, so two transactions cannot deadlock on them.
"""

from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.db import connection
from django.utils import timezone

from orderdesk.orders.status import OrderStatus

REASON_LENGTH = 200

# The order fields a contribution is made of; a save that touches none of them changes nothing.
FACT_FIELDS = (
    "created_at", "status", "channel", "assigned_to_id", "currency", "total", "amount_paid",
    "amount_refunded", "delivered_at", "cancelled_at", "cancel_reason",
)  # fmt: skip
_WATCHED = frozenset({*FACT_FIELDS, "assigned_to"})
REQUEST_FACT_FIELDS = (
    "created_at", "source", "assigned_to_id", "status", "first_response_at", "order_id",
)  # fmt: skip
_REQUEST_WATCHED = frozenset({*REQUEST_FACT_FIELDS, "assigned_to", "order"})


@dataclass(frozen=True)
class Rollup:
    """One rollup table: the columns that key a row and the columns that are summed."""

    table: str
    keys: tuple[str, ...]
    values: tuple[str, ...]

    @cached_property
    def upsert_sql(self) -> str:
        quote = connection.ops.quote_name
        columns = ", ".join(quote(c) for c in (*self.keys, *self.values))
        placeholders = ", ".join(["%s"] * (len(self.keys) + len(self.values)))
        additions = ", ".join(
            f"{quote(c)} = {quote(self.table)}.{quote(c)} + EXCLUDED.{quote(c)}"
            for c in self.values
        )
        return (
            f"INSERT INTO {quote(self.table)} ({columns}) VALUES ({placeholders}) "
            f"ON CONFLICT ({', '.join(quote(c) for c in self.keys)}) DO UPDATE SET {additions}"
        )


ORDER_DAY = Rollup(
    "reports_orderday", ("day", "status", "channel", "currency"), ("orders", "total", "balance_due")
)
ASSIGNEE_DAY = Rollup(
    "reports_orderassigneeday", ("day", "status", "assignee_id", "currency"), ("orders", "total")
)
REASON_DAY = Rollup("reports_cancelreasonday", ("day", "reason"), ("orders",))
ACTIVITY_DAY = Rollup("reports_activityday", ("day", "activity", "currency"), ("count", "amount"))
REQUEST_DAY = Rollup(
    "reports_requestday",
    ("day", "source", "assignee_id", "status"),
    ("requests", "answered", "within_target", "converted"),
)
ORDER_ROLLUPS = (ACTIVITY_DAY, REASON_DAY, ASSIGNEE_DAY, ORDER_DAY)
ROLLUPS = (*ORDER_ROLLUPS, REQUEST_DAY)

# {(rollup, key): summed values}
Contributions = dict[tuple[Rollup, tuple], tuple]


def business_day(moment: datetime) -> date:
    """The day `moment` falls on in the business time zone (ORDERDESK_TIME_ZONE)."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def reason_key(reason: str) -> str:
    return (reason or "")[:REASON_LENGTH]


def order_contributions(order: Mapping) -> Contributions:
    """What one order (its FACT_FIELDS) adds to the rollups."""
    created = business_day(order["created_at"])
    status, currency, total = order["status"], order["currency"], Decimal(order["total"])
    balance = total - Decimal(order["amount_paid"]) + Decimal(order["amount_refunded"])
    made: Contributions = {
        (ORDER_DAY, (created, status, order["channel"], currency)): (
            1,
            total,
            max(balance, Decimal(0)),
        ),
        (ASSIGNEE_DAY, (created, status, order["assigned_to_id"] or 0, currency)): (1, total),
    }
    if status == OrderStatus.CANCELLED:
        made[(REASON_DAY, (created, reason_key(order["cancel_reason"])))] = (1,)
        if order["cancelled_at"]:
            made[(ACTIVITY_DAY, (business_day(order["cancelled_at"]), "cancelled", currency))] = (
                1,
                total,
            )
    if status == OrderStatus.DELIVERED and order["delivered_at"]:
        made[(ACTIVITY_DAY, (business_day(order["delivered_at"]), "delivered", currency))] = (
            1,
            total,
        )
    return made


def contributions_minus(after: Contributions, before: Contributions) -> Contributions:
    """after − before, row by row, leaving out rows that do not change."""
    delta: Contributions = {}
    for row in after.keys() | before.keys():
        new, old = after.get(row), before.get(row)
        if new is None:
            values = tuple(-value for value in old)
        elif old is None:
            values = new
        else:
            values = tuple(a - b for a, b in zip(new, old, strict=True))
        if any(values):
            delta[row] = values
    return delta


def rollups_add(delta: Contributions) -> None:
    """Add `delta` to the stored rows (creating missing ones), in one global row order."""
    ops = connection.ops
    by_table: dict[Rollup, list] = {}
    for (rollup, key), values in sorted(delta.items(), key=lambda i: (i[0][0].table, i[0][1])):
        params = [ops.adapt_datefield_value(p) if isinstance(p, date) else p for p in key]
        params += [ops.adapt_decimalfield_value(v) if isinstance(v, Decimal) else v for v in values]
        by_table.setdefault(rollup, []).append(params)
    with connection.cursor() as cursor:
        for rollup, rows in by_table.items():
            cursor.executemany(rollup.upsert_sql, rows)


def _facts(instance, fields: Iterable[str]) -> dict:
    return {name: getattr(instance, name) for name in fields}


def order_facts(order) -> dict:
    """The FACT_FIELDS of an order instance, as order_contributions reads them."""
    return _facts(order, FACT_FIELDS)


def contributions_add(total: Contributions, delta: Contributions) -> None:
    """Add `delta` into `total` in place, row by row (many orders' changes, one upsert per row)."""
    for row, values in delta.items():
        old = total.get(row)
        total[row] = (
            values if old is None else tuple(a + b for a, b in zip(old, values, strict=True))
        )


def request_target_seconds() -> int:
    """The first-response target the request rows count "within_target" against."""
    return settings.ORDERDESK_CONSULTATION_SLA_MINUTES * 60


def request_contributions(request: Mapping) -> Contributions:
    """What one consultation request (its REQUEST_FACT_FIELDS) adds to the rollups."""
    created, responded = request["created_at"], request["first_response_at"]
    waited = None if responded is None else (responded - created).total_seconds()
    key = (business_day(created), request["source"], request["assigned_to_id"] or 0)
    return {
        (REQUEST_DAY, (*key, request["status"])): (
            1,
            int(waited is not None),
            int(waited is not None and waited <= request_target_seconds()),
            int(request["order_id"] is not None),
        )
    }


@contextmanager
def _rollups_kept(instance, update_fields, *, fields, watched, contributions):
    """Around saving `instance`: its contribution moves from what the database holds to what
    is saved. A new row (no pk yet) only adds; a save of fields no report reads costs nothing."""
    if instance.pk is None:
        before: Contributions = {}
    elif update_fields is not None and not watched.intersection(update_fields):
        yield
        return
    else:
        stored = type(instance).objects.filter(pk=instance.pk).values(*fields).first()
        before = contributions(stored) if stored else {}
    yield
    after = contributions(_facts(instance, fields))
    rollups_add(contributions_minus(after, before))


def order_rollups_kept(order, update_fields: Iterable[str] | None = None):
    return _rollups_kept(
        order,
        update_fields,
        fields=FACT_FIELDS,
        watched=_WATCHED,
        contributions=order_contributions,
    )


def request_rollups_kept(request, update_fields: Iterable[str] | None = None):
    return _rollups_kept(
        request,
        update_fields,
        fields=REQUEST_FACT_FIELDS,
        watched=_REQUEST_WATCHED,
        contributions=request_contributions,
    )


def payment_contributions(*, kind: str, amount: Decimal, paid_at: datetime, currency: str):
    return {(ACTIVITY_DAY, (business_day(paid_at), kind, currency)): (1, Decimal(amount))}


def rollups_payment_recorded(payment, *, currency: str) -> None:
    """A new ledger entry adds to the day it was paid (payments and refunds never change)."""
    rollups_add(
        payment_contributions(
            kind=payment.kind, amount=payment.amount, paid_at=payment.paid_at, currency=currency
        )
    )
