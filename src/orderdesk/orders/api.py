"""Orders over the API: schemas in, one service call, the representation out.

Every business rule is in the services; this module only maps HTTP onto them.
"""

from typing import Literal

from django.http import HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field

from orderdesk.api.fields import Date, QueryAmount, one_of, query_values
from orderdesk.api.idempotency import idempotent
from orderdesk.api.problems import problem, problems
from orderdesk.api.responses import etag, json_response, required_version
from orderdesk.core.errors import DomainError
from orderdesk.exports.api import FILE_RESPONSE, ExportOptionsIn, export_answer
from orderdesk.orders import domain
from orderdesk.orders.listing import (
    DEFAULT_SORT,
    SORTS,
    OrderQuery,
    order_list_page,
    order_query_parse,
)
from orderdesk.orders.models import OrderItem, OrderTag
from orderdesk.orders.schemas import (
    BulkResultOut,
    BulkTransitionIn,
    CountsOut,
    EventList,
    EventOut,
    NoteIn,
    OrderCreateIn,
    OrderOut,
    OrderPage,
    OrderPatchIn,
    PaymentCreated,
    PaymentIn,
    TransitionIn,
    order_out,
)
from orderdesk.orders.selectors import order_counts_matching, order_get, order_visible_queryset
from orderdesk.orders.services import (
    order_create,
    order_edit,
    order_note_add,
    order_transition,
    payment_record,
)
from orderdesk.orders.services.bulk import order_bulk_transition
from orderdesk.orders.services.editing import OrderChanges
from orderdesk.orders.status import OrderStatus, PaymentStatus

router = Router(tags=["orders"])

READ_ERRORS = problems(400, 401, 403, 404, 422, 429)
WRITE_ERRORS = problems(400, 401, 403, 404, 409, 412, 422, 428, 429)


class FilterParams(Schema):
    payment_status: one_of(PaymentStatus) | None = None
    q: str = Field("", max_length=500, description="several words must all match")
    channel: one_of(domain.CHANNELS) | None = None
    assigned_to: str = Field("", max_length=150, description='a username, or "none"')
    tag: str = Field("", max_length=50)
    created_from: Date | None = Field(None, description="inclusive, business time zone")
    created_to: Date | None = Field(None, description="inclusive, business time zone")
    total_min: QueryAmount | None = None
    total_max: QueryAmount | None = None


class ListParams(FilterParams):
    status: list[one_of(OrderStatus)] = Field([], description="repeatable")
    sort: one_of(SORTS) = DEFAULT_SORT
    limit: int = Field(50, ge=1, le=200)
    cursor: str = Field("", max_length=500, description="next_cursor of the previous page")


def _query(params: FilterParams) -> OrderQuery:
    return order_query_parse(query_values(params, exclude=("limit", "cursor")))


def _with_etag(order, status: int = 200, headers: dict | None = None) -> HttpResponse:
    return json_response(
        order_out(order), status=status, headers={"ETag": etag(order.version), **(headers or {})}
    )


@router.post("", response={201: OrderOut, **WRITE_ERRORS}, summary="Create an order")
def create_order(request, payload: OrderCreateIn):
    def work() -> HttpResponse:
        try:
            order = order_create(actor=request.actor, data=payload.to_domain())
        except DomainError as error:
            return problem(error.http_status, error.code, error.message, errors=error.errors)
        location = reverse("api-v1:get_order", kwargs={"code": order.code})
        return _with_etag(order, 201, {"Location": location})

    return idempotent(request, work)


@router.get("", response={200: OrderPage, **READ_ERRORS}, summary="List and search orders")
def list_orders(request, params: Query[ListParams]):
    query = _query(params)
    queryset = order_visible_queryset(request.actor).select_related(
        "assigned_to", "consultation_request"
    )
    orders, next_cursor = order_list_page(
        queryset, query, cursor=params.cursor or None, limit=params.limit
    )
    ids = [order.pk for order in orders]
    items: dict[int, list] = {}
    for item in OrderItem.objects.filter(order_id__in=ids).order_by("order_id", "position", "id"):
        items.setdefault(item.order_id, []).append(item)
    tags: dict[int, list] = {}
    for order_id, tag in OrderTag.objects.filter(order_id__in=ids).values_list("order_id", "tag"):
        tags.setdefault(order_id, []).append(tag)
    return json_response(
        {
            "items": [
                order_out(o, items=items.get(o.pk, []), tags=sorted(tags.get(o.pk, [])))
                for o in orders
            ],
            "next_cursor": next_cursor,
        }
    )


@router.get("/counts", response={200: CountsOut, **READ_ERRORS}, summary="Order counts per status")
def order_counts(request, params: Query[FilterParams]):
    return json_response(order_counts_matching(actor=request.actor, query=_query(params)))


class ExportParams(FilterParams, ExportOptionsIn):
    status: list[one_of(OrderStatus)] = Field([], description="repeatable")
    dataset: Literal["orders", "items", "payments"] = Field(
        "orders", description="one row per order, per item, or per payment/refund"
    )


@router.get(
    "/export",
    response=READ_ERRORS,
    openapi_extra=FILE_RESPONSE,
    summary="Export the orders that match the filters (CSV or XLSX)",
)
def export_orders(request, params: Query[ExportParams]):
    return export_answer(request, params.dataset, params)


@router.post(
    "/bulk/transitions", response={200: BulkResultOut, **WRITE_ERRORS}, summary="Move many orders"
)
def bulk_transitions(request, payload: BulkTransitionIn):
    """Each order changes atomically on its own, exactly as a single transition."""
    result = order_bulk_transition(
        codes=payload.codes, actor=request.actor, to=payload.to, reason=payload.reason
    )
    return json_response({"succeeded": result.succeeded, "failed": result.failed})


@router.get(
    "/{code}", response={200: OrderOut, **READ_ERRORS}, url_name="get_order", summary="One order"
)
def get_order(request, code: str):
    return _with_etag(order_get(code=code, actor=request.actor))


@router.get(
    "/{code}/events", response={200: EventList, **READ_ERRORS}, summary="The order's timeline"
)
def order_events(request, code: str):
    order = order_get(code=code, actor=request.actor)
    events = order.events.order_by("-created_at", "-id")[:1000]
    return json_response(
        {
            "items": [
                {"type": e.type, "actor": e.actor_label, "created_at": e.created_at, "data": e.data}
                for e in events
            ]
        }
    )


@router.patch("/{code}", response={200: OrderOut, **WRITE_ERRORS}, summary="Edit an order")
def patch_order(request, code: str, payload: OrderPatchIn):
    version = required_version(request)
    if isinstance(version, HttpResponse):
        order_get(code=code, actor=request.actor)  # an unknown order is 404 before anything else
        return version
    fields = payload.model_fields_set
    changes = OrderChanges()
    if "customer" in fields and payload.customer is not None:
        changes.customer = domain.CustomerIn(**payload.customer.model_dump())
    if "shipping_address" in fields and payload.shipping_address is not None:
        changes.shipping_address = domain.AddressIn(**payload.shipping_address.model_dump())
    if "items" in fields and payload.items is not None:
        changes.items = [domain.ItemIn(**item.model_dump()) for item in payload.items]
    for name in ("shipping_fee", "discount", "note", "tags", "carrier", "tracking_number"):
        if name in fields and getattr(payload, name) is not None:
            setattr(changes, name, getattr(payload, name))
    if "assigned_to" in fields:
        changes.assigned_to = payload.assigned_to
    order = order_edit(
        code=code,
        actor=request.actor,
        changes=changes,
        expected_version=version,
        reason=payload.reason,
    )
    return _with_etag(order)


@router.post(
    "/{code}/transitions", response={200: OrderOut, **WRITE_ERRORS}, summary="Move an order"
)
def transition_order(request, code: str, payload: TransitionIn):
    if_match = request.headers.get("If-Match")
    version = required_version(request) if if_match is not None else None
    if isinstance(version, HttpResponse):
        return version
    order = order_transition(
        code=code,
        actor=request.actor,
        to=payload.to,
        reason=payload.reason,
        carrier=payload.carrier,
        tracking_number=payload.tracking_number,
        expected_version=version,
    )
    return _with_etag(order)


@router.post(
    "/{code}/payments",
    response={201: PaymentCreated, **WRITE_ERRORS},
    summary="Record a payment or refund",
)
def record_payment(request, code: str, payload: PaymentIn):
    payment = payment_record(
        code=code,
        actor=request.actor,
        kind=payload.kind,
        amount=payload.amount,
        method=payload.method,
        reference=payload.reference,
        paid_at=payload.paid_at,
    )
    order = order_get(code=code, actor=request.actor)
    body = {
        "payment": {
            "id": payment.pk,
            "kind": payment.kind,
            "amount": str(payment.amount),
            "method": payment.method,
            "reference": payment.reference,
            "paid_at": payment.paid_at,
            "recorded_by": payment.recorded_by_label,
        },
        "order": order_out(order),
    }
    return json_response(body, status=201, headers={"ETag": etag(order.version)})


@router.post("/{code}/notes", response={201: EventOut, **WRITE_ERRORS}, summary="Add a note")
def add_note(request, code: str, payload: NoteIn):
    event = order_note_add(code=code, actor=request.actor, text=payload.text)
    return json_response(
        {
            "type": event.type,
            "actor": event.actor_label,
            "created_at": event.created_at,
            "data": event.data,
        },
        status=201,
    )
