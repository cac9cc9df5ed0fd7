"""Consultation requests over the API: a public intake endpoint and the staff's endpoints."""

from functools import wraps

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view
from pydantic import Field

from orderdesk.api.auth import public_actor
from orderdesk.api.fields import Date, one_of, query_values
from orderdesk.api.problems import problem, problems
from orderdesk.api.responses import etag, json_response, required_version
from orderdesk.consultations.listing import (
    DEFAULT_SORT,
    SORTS,
    consultation_list_page,
    consultation_query_parse,
)
from orderdesk.consultations.models import Source
from orderdesk.consultations.schemas import (
    ConvertIn,
    PublicRequestCreated,
    PublicRequestIn,
    RequestOut,
    RequestPage,
    RequestPatchIn,
    RequestTransitionIn,
    request_out,
)
from orderdesk.consultations.selectors import consultation_get, consultation_visible_queryset
from orderdesk.consultations.services import (
    ConsultationIn,
    consultation_convert,
    consultation_intake,
    consultation_note_add,
    consultation_transition,
    consultation_update,
)
from orderdesk.consultations.status import ConsultationStatus
from orderdesk.consultations.views.public import public_body_too_large, public_rate_limited
from orderdesk.exports.api import FILE_RESPONSE, ExportOptionsIn, export_answer
from orderdesk.orders.schemas import EventOut, NoteIn, OrderOut, order_out

router = Router(tags=["consultation requests"])
READ_ERRORS = problems(400, 401, 403, 404, 422)
WRITE_ERRORS = problems(400, 401, 403, 404, 409, 412, 422, 428)
MISMATCH = "consultation_request.version_mismatch"


class FilterParams(Schema):
    status: list[one_of(ConsultationStatus)] = Field([], description="repeatable")
    q: str = Field("", max_length=500, description="several words must all match")
    assigned_to: str = Field("", max_length=150, description='a username, or "none"')
    source: one_of(Source) | None = None
    created_from: Date | None = Field(None, description="inclusive, business time zone")
    created_to: Date | None = Field(None, description="inclusive, business time zone")
    overdue: bool = False


class ListParams(FilterParams):
    sort: one_of(SORTS) = DEFAULT_SORT
    limit: int = Field(50, ge=1, le=200)
    cursor: str = Field("", max_length=500, description="next_cursor of the previous page")


def _with_etag(item, status: int = 200) -> HttpResponse:
    return json_response(request_out(item), status=status, headers={"ETag": etag(item.version)})


def public_door(run):
    """The public endpoint's door, before its body is read or validated: an oversized body is
    413 and a flood from one address 429 whatever the body holds (checked after validation, a
    megabyte was parsed into a 422, and invalid requests were never counted)."""

    @wraps(run)
    def door(request, *args, **kwargs):
        if public_body_too_large(request):
            return problem(413, "request.too_large", _("The request body is larger than 16 KB."))
        if public_actor(request) is None and public_rate_limited(request):
            return problem(
                429, "rate_limited", _("Too many requests from your address; try again later.")
            )
        return run(request, *args, **kwargs)

    return door


@router.post(
    "",
    auth=None,
    response={201: PublicRequestCreated, **problems(400, 403, 413, 422, 429)},
    summary="Submit a consultation request (public; rate-limited unless a valid API key is sent)",
)
@decorate_view(public_door)
def submit_request(request, payload: PublicRequestIn):
    actor = public_actor(request)
    result = consultation_intake(
        actor=actor,
        data=ConsultationIn(
            name=payload.name,
            phone=payload.phone,
            email=payload.email,
            subject=payload.subject,
            message=payload.message,
            preferred_contact_time=payload.preferred_contact_time,
            source=payload.source,
        ),
    )
    return json_response({"code": result.request.code, "status": result.request.status}, status=201)


@router.get("", response={200: RequestPage, **READ_ERRORS}, summary="The queue, oldest first")
def list_requests(request, params: Query[ListParams]):
    data = query_values(params, exclude=("limit", "cursor"))
    data["overdue"] = "1" if params.overdue else ""
    query = consultation_query_parse(data)
    queryset = consultation_visible_queryset(request.actor).select_related("assigned_to", "order")
    rows, next_cursor = consultation_list_page(
        queryset, query, cursor=params.cursor or None, limit=params.limit
    )
    return json_response({"items": [request_out(r) for r in rows], "next_cursor": next_cursor})


class ExportParams(FilterParams, ExportOptionsIn):
    pass


@router.get(
    "/export",
    response=READ_ERRORS,
    openapi_extra=FILE_RESPONSE,
    summary="Export the requests that match the filters (CSV or XLSX)",
)
def export_requests(request, params: Query[ExportParams]):
    return export_answer(request, "consultations", params)


@router.get("/{code}", response={200: RequestOut, **READ_ERRORS}, summary="One request")
def get_request(request, code: str):
    return _with_etag(consultation_get(code=code, actor=request.actor))


@router.patch(
    "/{code}", response={200: RequestOut, **WRITE_ERRORS}, summary="Assign or schedule a follow-up"
)
def patch_request(request, code: str, payload: RequestPatchIn):
    consultation_get(code=code, actor=request.actor)  # an unknown request is 404 first
    version = required_version(request, MISMATCH)
    if isinstance(version, HttpResponse):
        return version
    changes = {name: getattr(payload, name) for name in payload.model_fields_set}
    item = consultation_update(
        code=code, actor=request.actor, expected_version=version, changes=changes
    )
    return _with_etag(item)


@router.post(
    "/{code}/transitions", response={200: RequestOut, **WRITE_ERRORS}, summary="Move a request"
)
def transition_request(request, code: str, payload: RequestTransitionIn):
    version = None
    if request.headers.get("If-Match") is not None:
        version = required_version(request, MISMATCH)
        if isinstance(version, HttpResponse):
            return version
    item = consultation_transition(
        code=code, actor=request.actor, to=payload.to, note=payload.note, expected_version=version
    )
    return _with_etag(item)


@router.post("/{code}/notes", response={201: EventOut, **WRITE_ERRORS}, summary="Add a note")
def add_note(request, code: str, payload: NoteIn):
    consultation_note_add(code=code, actor=request.actor, text=payload.text)
    event = consultation_get(code=code, actor=request.actor).events.order_by("-id").first()
    return json_response(
        {
            "type": event.type,
            "actor": event.actor_label,
            "created_at": event.created_at,
            "data": event.data,
        },
        status=201,
    )


@router.post(
    "/{code}/convert",
    response={201: OrderOut, **WRITE_ERRORS},
    summary="Make an order from a request",
)
def convert_request(request, code: str, payload: ConvertIn):
    order = consultation_convert(code=code, actor=request.actor, data=payload.to_domain())
    return json_response(order_out(order), status=201, headers={"ETag": etag(order.version)})
