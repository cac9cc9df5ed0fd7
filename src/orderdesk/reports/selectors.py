"""Report figures for a period, read from the daily rollups (orders, money) and from the
requests themselves (reports.requests). The page, the CSV downloads and the API all call
`report_get`; docs/reports.md defines every figure."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.utils.translation import gettext as _

from orderdesk.core.actor import Actor
from orderdesk.core.money import to_money
from orderdesk.core.roles import Perm
from orderdesk.orders.status import OrderStatus
from orderdesk.reports.models import (
    Activity,
    ActivityDay,
    CancelReasonDay,
    OrderAssigneeDay,
    OrderDay,
)
from orderdesk.reports.period import Period
from orderdesk.reports.requests import request_figures

TOP_REASONS = 10
CANCELLED = OrderStatus.CANCELLED.value
_STATUSES = tuple(s.value for s in OrderStatus)  # a year's report makes hundreds of _Cohorts


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _in(period: Period) -> dict:
    return {"day__gte": period.start, "day__lte": period.end}


class _Cohort:
    """Sums over orders created in the period, for one group (a day, a channel, everything)."""

    __slots__ = ("by_status", "kept_orders", "ordered", "outstanding")

    def __init__(self) -> None:
        self.by_status: dict[str, int] = dict.fromkeys(_STATUSES, 0)
        self.ordered: dict[str, Decimal] = defaultdict(Decimal)  # per currency, not cancelled
        self.kept_orders: dict[str, int] = defaultdict(int)  # per currency, not cancelled
        self.outstanding: dict[str, Decimal] = defaultdict(Decimal)

    def add(self, status: str, currency: str, orders: int, total, balance=None) -> None:
        self.by_status[status] = self.by_status.get(status, 0) + orders
        if status != CANCELLED:
            self.ordered[currency] += total or 0
            self.kept_orders[currency] += orders
            self.outstanding[currency] += balance or 0

    @property
    def created(self) -> int:
        return sum(self.by_status.values())

    @property
    def cancelled(self) -> int:
        return self.by_status.get(CANCELLED, 0)

    def summary(self, currency: str) -> dict:
        return {
            "created": self.created,
            "cancelled": self.cancelled,
            "cancellation_rate": _rate(self.cancelled, self.created),
            "ordered": to_money(self.ordered[currency], currency),
        }


def _cohorts(period: Period, group: str | None) -> dict:
    """{group value: _Cohort} from the rollup rows of the period (one _Cohort without group).

    By assignee the rows hold no balance: nothing reports what each assignee's orders owe."""
    fields = [group] if group else []
    by_assignee = group == "assignee_id"
    sums = {"n": Sum("orders"), "total": Sum("total")}
    if not by_assignee:
        sums["balance"] = Sum("balance_due")
    rows = (
        (OrderAssigneeDay if by_assignee else OrderDay)
        .objects.filter(**_in(period))
        .values_list(*fields, "status", "currency")
        .annotate(**sums)
        .order_by()
    )
    cohorts: dict = defaultdict(_Cohort)
    for row in rows:
        key, figures = (row[0], row[1:]) if group else (None, row)
        cohorts[key].add(*figures)
    return cohorts


def _activity(period: Period, *, per_day: bool) -> dict:
    """{(day or None, activity, currency): (count, amount)} from the ActivityDay rows."""
    fields = ["day"] if per_day else []
    rows = (
        ActivityDay.objects.filter(**_in(period))
        .values_list(*fields, "activity", "currency")
        .annotate(n=Sum("count"), amount=Sum("amount"))
        .order_by()
    )
    return {
        (row[0] if per_day else None, row[-4], row[-3]): (row[-2], row[-1] or Decimal(0))
        for row in rows
    }


def _revenue(cohort: _Cohort, activity: dict, currency: str) -> dict:
    def amount(kind: str) -> Decimal:
        return to_money(activity.get((None, kind, currency), (0, 0))[1], currency)

    kept = cohort.kept_orders[currency]
    ordered = to_money(cohort.ordered[currency], currency)
    return {
        "ordered": ordered,
        "delivered": amount(Activity.DELIVERED),
        "paid": amount(Activity.PAYMENT),
        "refunded": amount(Activity.REFUND),
        "outstanding": to_money(cohort.outstanding[currency], currency),
        "average_order_value": to_money(ordered / kept, currency) if kept else None,
    }


def _counts(activity: dict) -> dict:
    """{(day or None, activity): count} over every currency."""
    counts: dict = defaultdict(int)
    for (day, kind, _currency), (n, _amount) in activity.items():
        counts[(day, kind)] += n
    return counts


def _figures(period: Period, cohort: _Cohort, activity: dict) -> dict:
    currency = settings.ORDERDESK_CURRENCY
    counts = _counts(activity)
    others = sorted(
        {c for c, n in cohort.kept_orders.items() if n}
        | {c for (_d, _a, c) in activity}
        | {c for c, amount in cohort.outstanding.items() if amount}
    )
    return {
        "period": {"from": period.start, "to": period.end, "days": period.days},
        "orders": {
            "created": cohort.created,
            "by_status": cohort.by_status,
            "delivered": counts[(None, Activity.DELIVERED)],
            "cancelled": counts[(None, Activity.CANCELLED)],
            "cancellation_rate": _rate(cohort.cancelled, cohort.created),
        },
        "revenue": {
            "currency": currency,
            **_revenue(cohort, activity, currency),
            "other_currencies": {
                other: _revenue(cohort, activity, other) for other in others if other != currency
            },
        },
    }


def _usernames(ids) -> dict[int, str]:
    names = dict(get_user_model().objects.filter(id__in=ids).values_list("id", "username"))
    return {i: names.get(i, f"#{i}") if i else "" for i in ids}


def report_figures(period: Period) -> dict:
    """Every figure of the report for `period`, with the per-day series and the breakdowns."""
    currency = settings.ORDERDESK_CURRENCY
    by_day = _cohorts(period, "day")
    activity = _activity(period, per_day=True)
    total = _Cohort()
    for cohort in by_day.values():
        for status, n in cohort.by_status.items():
            total.by_status[status] += n
        for field in ("ordered", "kept_orders", "outstanding"):
            for c, value in getattr(cohort, field).items():
                getattr(total, field)[c] += value
    period_activity: dict = defaultdict(lambda: (0, Decimal(0)))
    for (_day, kind, c), (n, amount) in activity.items():
        old = period_activity[(None, kind, c)]
        period_activity[(None, kind, c)] = (old[0] + n, old[1] + amount)

    figures = _figures(period, total, dict(period_activity))
    by_channel = _cohorts(period, "channel")
    by_assignee = _cohorts(period, "assignee_id")
    names = _usernames(list(by_assignee))
    figures["orders"].update(
        by_channel={k: v.summary(currency) for k, v in sorted(by_channel.items())},
        by_assignee={
            names[k]: v.summary(currency)
            for k, v in sorted(by_assignee.items(), key=lambda i: (names[i[0]] == "", names[i[0]]))
        },
        top_cancel_reasons=[
            {"reason": reason, "orders": n}
            for reason, n in CancelReasonDay.objects.filter(**_in(period))
            .values_list("reason")
            .annotate(n=Sum("orders"))
            .filter(n__gt=0)
            .order_by("-n", "reason")[:TOP_REASONS]
        ],
    )
    consultations = request_figures(period)
    requests_per_day = consultations.pop("per_day")
    figures["consultations"] = consultations
    counts = _counts(activity)
    figures["per_day"] = [
        _day_figures(day, by_day.get(day) or _Cohort(), activity, counts, requests_per_day)
        for day in period.each_day()
    ]
    return figures


def _day_figures(day: date, cohort: _Cohort, activity: dict, counts: dict, requests: dict):
    """One day's numbers. Its amounts are sums of rounded amounts, left unrounded here: they are
    rounded when shown or sent, and a year has hundreds of them."""
    currency = settings.ORDERDESK_CURRENCY

    def amount(kind: str) -> Decimal:
        return activity.get((day, kind, currency), (0, Decimal(0)))[1]

    return {
        "day": day,
        "created": cohort.created,
        "by_status": cohort.by_status,
        "delivered": counts[(day, Activity.DELIVERED)],
        "cancelled": counts[(day, Activity.CANCELLED)],
        "ordered": cohort.ordered[currency],
        "delivered_revenue": amount(Activity.DELIVERED),
        "paid": amount(Activity.PAYMENT),
        "refunded": amount(Activity.REFUND),
        "requests": requests.get(day.isoformat(), 0),
    }


def report_headline(period: Period) -> dict:
    """The headline figures only (no series, no breakdowns): what a period is compared on."""
    cohort = _cohorts(period, None).get(None) or _Cohort()
    figures = _figures(period, cohort, _activity(period, per_day=False))
    figures["consultations"] = request_figures(period, detail=False)
    return figures


def report_get(*, actor: Actor, period: Period, compared: bool = True) -> dict:
    """The report for `period` and, when `compared`, the headline figures of the period it is
    compared with (under "previous")."""
    actor.require(Perm.EXPORT_AND_REPORTS, _("You may not see reports."))
    figures = report_figures(period)
    if compared:
        figures["previous"] = report_headline(period.previous())
    return figures
