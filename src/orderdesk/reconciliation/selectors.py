"""Reading reconciliation data: statement history, one statement's sections, and delivered
cash-on-delivery orders that no statement has paid."""

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from orderdesk.core.errors import NotFound
from orderdesk.orders.models import Order, PaymentMethod
from orderdesk.orders.status import OrderStatus
from orderdesk.reconciliation.matching import OPEN_PAYMENT_STATUSES, day_start
from orderdesk.reconciliation.models import Statement, StatementLine, StatementProfile

HISTORY_LIMIT = 100


def profile_list() -> QuerySet[StatementProfile]:
    return StatementProfile.objects.order_by("name")


def statement_history(limit: int = HISTORY_LIMIT) -> QuerySet[Statement]:
    return Statement.objects.select_related("profile").order_by("-uploaded_at", "-id")[:limit]


def statement_get(*, statement_id: int) -> Statement:
    statement = Statement.objects.select_related("profile").filter(pk=statement_id).first()
    if statement is None:
        raise NotFound(_("No statement %s.") % statement_id, code="reconciliation.not_found")
    return statement


def statement_lines(statement: Statement, outcome: str | None = None) -> QuerySet[StatementLine]:
    """The lines in file order, with their order's code (and no more of the order: a statement
    may have tens of thousands of lines)."""
    line_fields = [field.name for field in StatementLine._meta.concrete_fields]
    queryset = (
        StatementLine.objects.filter(statement=statement)
        .select_related("order")
        .only(*line_fields, "order__code")
    )
    if outcome is not None:
        queryset = queryset.filter(outcome=outcome)
    return queryset.order_by("line_number")


def statement_unpaid_deliveries(statement: Statement) -> QuerySet[Order]:
    """Delivered orders the courier should have paid for, and no statement has.

    For cash-on-delivery statements only (orders carry no payment method; a courier's
    statement is where their money shows up): orders delivered from the window before the
    statement's first day to its last day, by the profile's carrier if it names one, with a
    balance due, that no line of this statement nor of any confirmed statement names."""
    if statement.method != PaymentMethod.COD:
        return Order.objects.none()
    start = day_start(statement.first_date - timedelta(days=statement.date_window_days))
    end = day_start(statement.last_date + timedelta(days=1))
    queryset = Order.objects.filter(
        status=OrderStatus.DELIVERED,
        payment_status__in=OPEN_PAYMENT_STATUSES,
        currency=statement.currency,
        delivered_at__gte=start,
        delivered_at__lt=end,
    )
    if statement.profile.carrier:
        queryset = queryset.filter(carrier__iexact=statement.profile.carrier)
    on_statements = StatementLine.objects.filter(order__isnull=False).filter(
        Q(statement=statement) | Q(statement__status=Statement.Status.CONFIRMED)
    )
    return queryset.exclude(pk__in=on_statements.values("order_id")).order_by("delivered_at", "id")
