"""The consultation queue's query: oldest waiting first, search, filters, keyset pages —
shared by the staff queue, the API and exports."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.consultations.models import ConsultationRequest, Source
from orderdesk.consultations.status import ConsultationStatus
from orderdesk.core.errors import Errors, ValidationFailed
from orderdesk.core.listing import (
    Params,
    SortKey,
    created_range,
    keyset_page,
    parse_date,
    parse_one_of,
    search_filter,
)
from orderdesk.orders.listing import UNASSIGNED

SORTS = {
    "created_at": SortKey("created_at", descending=False),  # oldest first: answer them early
    "-created_at": SortKey("created_at", descending=True),
}
DEFAULT_SORT = "created_at"
TRUE_WORDS = ("1", "true", "on", "yes")


@dataclass(frozen=True)
class ConsultationQuery:
    statuses: tuple[str, ...] = ()
    q: str = ""
    assigned_to: str = ""
    source: str = ""
    created_from: date | None = None
    created_to: date | None = None
    overdue: bool = False
    due_follow_ups: bool = False
    sort: str = DEFAULT_SORT


def sla() -> timedelta:
    return timedelta(minutes=settings.ORDERDESK_CONSULTATION_SLA_MINUTES)


def consultation_query_parse(params) -> ConsultationQuery:
    reader = Params(params)
    many, one = reader.many, reader.one
    errors = Errors(title=_("The filters are not valid"))
    statuses = [s for s in many("status") if s != "all"]
    query = ConsultationQuery(
        statuses=parse_one_of(statuses, [s.value for s in ConsultationStatus], "status", errors),
        q=one("q")[:500],
        assigned_to=one("assigned_to")[:150],
        source=(parse_one_of([one("source")], Source.values, "source", errors) or ("",))[0],
        created_from=parse_date(one("created_from"), "created_from", errors),
        created_to=parse_date(one("created_to"), "created_to", errors),
        overdue=one("overdue").lower() in TRUE_WORDS,
        due_follow_ups=one("due_follow_ups").lower() in TRUE_WORDS,
        sort=(
            parse_one_of([one("sort") or DEFAULT_SORT], list(SORTS), "sort", errors)
            or (DEFAULT_SORT,)
        )[0],
    )
    if query.created_from and query.created_to and query.created_from > query.created_to:
        errors.add("created_to", _("The end date is before the start date."))
    errors.raise_if_any()
    return query


def consultation_query_filter(
    queryset: QuerySet[ConsultationRequest], query: ConsultationQuery
) -> QuerySet[ConsultationRequest]:
    condition = Q()
    if query.statuses:
        condition &= Q(status__in=query.statuses)
    if query.assigned_to == UNASSIGNED:
        condition &= Q(assigned_to__isnull=True)
    elif query.assigned_to:
        condition &= Q(assigned_to__username=query.assigned_to)
    if query.source:
        condition &= Q(source=query.source)
    condition &= created_range(query.created_from, query.created_to)
    now = timezone.now()
    if query.overdue:
        condition &= Q(status=ConsultationStatus.PENDING_CONFIRMATION, created_at__lt=now - sla())
    if query.due_follow_ups:
        condition &= Q(follow_up_at__lte=now) & ~Q(status=ConsultationStatus.CONFIRMED)
    condition &= search_filter("search_text", query.q)
    return queryset.filter(condition)


def consultation_list_page(queryset, query: ConsultationQuery, *, cursor: str | None, limit: int):
    if not 1 <= limit <= 200:
        raise ValidationFailed.for_field("limit", _("The page size must be between 1 and 200."))
    return keyset_page(consultation_query_filter(queryset, query), SORTS[query.sort], cursor, limit)


def waiting_state(request: ConsultationRequest, now=None) -> str:
    """ "overdue", "near" (past three quarters of the target) or "" for a waiting request."""
    if request.status != ConsultationStatus.PENDING_CONFIRMATION:
        return ""
    waited = (now or timezone.now()) - request.created_at
    if waited >= sla():
        return "overdue"
    if waited >= sla() * 0.75:
        return "near"
    return ""
