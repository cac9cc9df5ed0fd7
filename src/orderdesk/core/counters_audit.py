"""Checking the status counters against real COUNT(*) per status, and repairing them."""

from django.db import connection
from django.db.models import Count

from orderdesk.consultations.models import ConsultationRequest
from orderdesk.consultations.selectors import COUNTER_KIND as CONSULTATION_KIND
from orderdesk.consultations.status import ConsultationStatus
from orderdesk.core.counters import counter_drift, counter_totals, counters_reset
from orderdesk.orders.models import Order
from orderdesk.orders.selectors import COUNTER_KIND as ORDER_KIND
from orderdesk.orders.status import OrderStatus

COUNTED = {
    ORDER_KIND: (Order, OrderStatus),
    CONSULTATION_KIND: (ConsultationRequest, ConsultationStatus),
}
COUNTED_KINDS = tuple(COUNTED)


def real_counts(kind: str) -> dict[str, int]:
    model, _ = COUNTED[kind]
    rows = model.objects.values("status").annotate(n=Count("id")).values_list("status", "n")
    return dict(rows)


def counters_audit() -> dict[str, dict[str, tuple[int, int]]]:
    """{kind: {status: (counter, real)}} for every disagreement; empty when all is right."""
    drift = {}
    for kind in COUNTED:
        found = counter_drift(stored=counter_totals(kind), real=real_counts(kind))
        if found:
            drift[kind] = found
    return drift


def counters_repair(*, kinds: list[str]) -> None:
    """Within the caller's transaction. On PostgreSQL the counted tables are locked against
    writes meanwhile, so no create or move slips between the count and the new counters."""
    if connection.vendor == "postgresql":
        tables = ", ".join(COUNTED[kind][0]._meta.db_table for kind in kinds)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {tables} IN SHARE MODE")
    for kind in kinds:
        _, statuses = COUNTED[kind]
        counters_reset(kind=kind, real_counts=real_counts(kind), statuses=list(statuses))
