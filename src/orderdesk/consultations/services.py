"""Consultation request commands: create, assign, move, note, convert to an order."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.consultations.events import ConsultationEventType, consultation_event
from orderdesk.consultations.models import ConsultationRequest, Source
from orderdesk.consultations.selectors import COUNTER_KIND, consultation_visible_queryset
from orderdesk.consultations.status import OPEN_STATUSES, ConsultationStatus, check_transition
from orderdesk.core import sequences
from orderdesk.core.actor import Actor
from orderdesk.core.counters import counter_move
from orderdesk.core.errors import (
    Conflict,
    DomainError,
    NotFound,
    ValidationFailed,
    VersionMismatch,
)
from orderdesk.core.outbox import announce
from orderdesk.core.phone import is_plausible_phone, normalize_phone, phone_search_keys
from orderdesk.core.roles import Perm
from orderdesk.core.text import fold
from orderdesk.orders import domain
from orderdesk.orders.models import Order
from orderdesk.orders.services.common import resolve_assignee
from orderdesk.orders.services.creation import order_create_unchecked
from orderdesk.reports.rollups import request_rollups_kept


@dataclass
class ConsultationIn:
    name: str = ""
    phone: str = ""
    email: str = ""
    subject: str = ""
    message: str = ""
    preferred_contact_time: str = ""
    source: str = Source.WEB_FORM
    origin: str = ""  # where a public request came from (?source= of an embedded form)


def _search_text(request: ConsultationRequest) -> str:
    parts = [request.code, request.name, request.email, request.subject, request.message[:500]]
    parts += phone_search_keys(request.phone_normalized)
    return " | ".join(fold(part) for part in parts if part)


def consultation_create(*, actor: Actor | None, data: ConsultationIn) -> ConsultationRequest:
    """Record a request. `actor` None is the public (the request form and the public API)."""
    actor = actor or Actor.system_actor()
    if not actor.system:
        actor.require(Perm.CREATE_CONSULTATIONS, _("You may not create consultation requests."))
    errors = domain.Errors(title=_("The request is not valid"))
    name = domain.clean_required(data.name, "name", errors, 200)
    phone = domain.clean_phone(data.phone, "phone", errors)
    email = domain.clean_email(data.email, "email", errors)
    subject = domain.clean_optional(data.subject, "subject", errors, 255)
    message = domain.clean_required(data.message, "message", errors, 5000)
    preferred = domain.clean_optional(
        data.preferred_contact_time, "preferred_contact_time", errors, 120
    )
    origin = domain.clean_optional(data.origin, "origin", errors, 100)
    source = data.source or Source.WEB_FORM
    if source not in Source.values:
        errors.add("source", _("Choose one of: %s.") % ", ".join(Source.values))
    errors.raise_if_any()

    now = timezone.now()
    with transaction.atomic():
        number = sequences.next_number("consultation")
        request = ConsultationRequest(
            code=sequences.make_code(settings.ORDERDESK_CONSULTATION_CODE_PREFIX, number),
            name=name,
            phone=phone,
            phone_normalized=normalize_phone(phone),
            email=email,
            subject=subject,
            message=message,
            preferred_contact_time=preferred,
            source=source,
            status=ConsultationStatus.PENDING_CONFIRMATION,
            created_at=now,
            updated_at=now,
            status_changed_at=now,
            created_by=actor.user,
            created_by_api_key=actor.api_key,
        )
        request.search_text = _search_text(request)
        with request_rollups_kept(request):
            request.save(force_insert=True)
        counter_move(kind=COUNTER_KIND, old=None, new=request.status)
        consultation_event(
            request=request,
            actor=actor,
            at=now,
            event_type=ConsultationEventType.CREATED,
            data={"source": source, **({"origin": origin} if origin else {})},
        )
        announce("consultation_request.created", {"code": request.code})
    return request


def _lock(code: str, actor: Actor, expected_version: int | None) -> ConsultationRequest:
    queryset = consultation_visible_queryset(actor)
    if connection.features.has_select_for_update:
        queryset = queryset.select_for_update(of=("self",))
    request = queryset.filter(code=(code or "").strip().upper()).first()
    if request is None:
        raise NotFound(
            _("No consultation request %(code)s.") % {"code": code},
            code="consultation_request.not_found",
        )
    actor.require(Perm.PROCESS_CONSULTATIONS, _("You may not process consultation requests."))
    if expected_version is not None and request.version != expected_version:
        raise VersionMismatch(
            _(
                "%(code)s was changed by someone else (version %(version)s, you had "
                "%(expected)s). Reload it and apply your change again."
            )
            % {"code": request.code, "version": request.version, "expected": expected_version},
            code="consultation_request.version_mismatch",
        )
    return request


def _touch(request: ConsultationRequest, at, fields: list[str], *, responded: bool) -> None:
    """Save with the bookkeeping; `responded` marks the first response time once."""
    if responded and request.first_response_at is None:
        request.first_response_at = at
        fields = [*fields, "first_response_at"]
    request.version += 1
    request.updated_at = at
    with request_rollups_kept(request, fields):
        request.save(update_fields=[*fields, "version", "updated_at"])


def consultation_transition(
    *, code: str, actor: Actor, to: object, note: str = "", expected_version: int | None = None
) -> ConsultationRequest:
    try:
        target = ConsultationStatus(str(to))
    except ValueError:
        raise ValidationFailed.for_field(
            "to",
            _("Unknown status %(value)s; use one of: %(choices)s.")
            % {"value": to, "choices": ", ".join(ConsultationStatus)},
        ) from None
    errors = domain.Errors()
    note = domain.clean_optional(note, "note", errors, 5000)
    errors.raise_if_any()
    with transaction.atomic():
        request = _lock(code, actor, expected_version)
        current = request.status_enum
        check_transition(request.code, current, target)
        now = timezone.now()
        request.status = target
        request.status_changed_at = now
        _touch(request, now, ["status", "status_changed_at"], responded=True)
        counter_move(kind=COUNTER_KIND, old=current, new=target)
        data = {"from": current, "to": target}
        if note:
            data["note"] = note
        consultation_event(
            request=request,
            actor=actor,
            at=now,
            event_type=ConsultationEventType.STATUS_CHANGED,
            data=data,
        )
        announce(
            "consultation_request.status_changed",
            {"code": request.code, "from": current, "to": target},
        )
    return request


def consultation_note_add(*, code: str, actor: Actor, text: str) -> ConsultationRequest:
    errors = domain.Errors()
    text = domain.clean_required(text, "text", errors, 5000)
    errors.raise_if_any()
    with transaction.atomic():
        request = _lock(code, actor, None)
        now = timezone.now()
        _touch(request, now, [], responded=True)
        consultation_event(
            request=request,
            actor=actor,
            at=now,
            event_type=ConsultationEventType.NOTE_ADDED,
            data={"text": text},
        )
    return request


def consultation_assign(*, code: str, actor: Actor, username: str | None) -> ConsultationRequest:
    errors = domain.Errors()
    with transaction.atomic():
        request = _lock(code, actor, None)
        assignee = resolve_assignee(username, errors)
        errors.raise_if_any()
        before = request.assigned_to.get_username() if request.assigned_to_id else None
        after = assignee.get_username() if assignee else None
        if before == after:
            return request
        request.assigned_to = assignee
        now = timezone.now()
        _touch(request, now, ["assigned_to"], responded=False)
        consultation_event(
            request=request,
            actor=actor,
            at=now,
            event_type=ConsultationEventType.ASSIGNED,
            data={"from": before, "to": after},
        )
    return request


def consultation_convert(
    *, code: str, actor: Actor, data: domain.OrderIn, expected_version: int | None = None
) -> Order:
    """Make an order from a request; the customer comes from the request unless given.

    Both link to each other. Converting is part of processing a request, so it needs the
    consultation permission, not the create-order one.
    """
    with transaction.atomic():
        request = _lock(code, actor, expected_version)
        if request.order_id is not None:
            raise Conflict(
                _("%(code)s was already converted to %(order)s.")
                % {"code": request.code, "order": request.order.code},
                code="consultation_request.already_converted",
            )
        customer = data.customer
        data.customer = domain.CustomerIn(
            name=customer.name or request.name,
            phone=customer.phone or request.phone,
            email=customer.email or request.email,
        )
        if not data.note and request.message:
            data.note = request.message[:5000]
        order = order_create_unchecked(
            actor=actor, data=data, assigned_to=request.assigned_to, source=request.code
        )
        now = timezone.now()
        request.order = order
        _touch(request, now, ["order"], responded=True)
        consultation_event(
            request=request,
            actor=actor,
            at=now,
            event_type=ConsultationEventType.CONVERTED,
            data={"order": order.code},
        )
        announce("consultation_request.converted", {"code": request.code, "order": order.code})
    return order


@dataclass
class IntakeResult:
    request: ConsultationRequest
    folded: bool  # True when the message was added to the customer's open request


def consultation_intake(*, actor: Actor | None, data: ConsultationIn) -> IntakeResult:
    """A request from outside (the public form, the public API, an intake key).

    The same phone number writing again within ORDERDESK_DUPLICATE_WINDOW_MINUTES adds the new
    message to that customer's open request instead of opening a second one.
    """
    actor = actor or Actor.system_actor()
    phone = normalize_phone(data.phone or "")
    if phone and is_plausible_phone(data.phone or ""):
        since = timezone.now() - timedelta(minutes=settings.ORDERDESK_DUPLICATE_WINDOW_MINUTES)
        with transaction.atomic():
            queryset = ConsultationRequest.objects.filter(
                phone_normalized=phone, status__in=list(OPEN_STATUSES), created_at__gte=since
            )
            if connection.features.has_select_for_update:
                queryset = queryset.select_for_update()
            existing = queryset.order_by("-created_at", "-id").first()
            if existing is not None:
                errors = domain.Errors()
                message = domain.clean_required(data.message, "message", errors, 5000)
                subject = domain.clean_optional(data.subject, "subject", errors, 255)
                errors.raise_if_any()
                now = timezone.now()
                existing.version += 1
                existing.updated_at = now
                existing.save(update_fields=["version", "updated_at"])
                consultation_event(
                    request=existing,
                    actor=actor,
                    at=now,
                    event_type=ConsultationEventType.MESSAGE_ADDED,
                    data={"text": message, "subject": subject, "source": data.source or ""},
                )
                return IntakeResult(existing, folded=True)
    return IntakeResult(consultation_create(actor=actor, data=data), folded=False)


def consultation_take(*, code: str, actor: Actor) -> ConsultationRequest:
    """ "Take it": assign the request to the acting user."""
    return consultation_assign(code=code, actor=actor, username=actor.user.get_username())


def consultation_schedule_follow_up(
    *, code: str, actor: Actor, at: datetime | None, note: str = ""
) -> ConsultationRequest:
    """Set (or clear, with None) when to contact the customer again."""
    errors = domain.Errors()
    note = domain.clean_optional(note, "note", errors, 1000)
    at = domain.clean_moment(at, "follow_up_at", errors)
    errors.raise_if_any()
    with transaction.atomic():
        request = _lock(code, actor, None)
        now = timezone.now()
        request.follow_up_at = at
        _touch(request, now, ["follow_up_at"], responded=False)
        consultation_event(
            request=request,
            actor=actor,
            at=now,
            event_type=ConsultationEventType.FOLLOW_UP_SCHEDULED,
            data={"at": at.isoformat() if at else None, "note": note},
        )
    return request


BULK_ACTIONS = ("assign", "move")


def consultation_bulk_apply(*, codes: list[str], actor: Actor, action: str, params: dict):
    """Assign or move each request on its own, exactly as one at a time; returns
    (succeeded codes, [{"code", "error_code", "detail"}])."""
    actor.require(Perm.PROCESS_CONSULTATIONS, _("You may not process consultation requests."))
    errors = domain.Errors()
    if action not in BULK_ACTIONS:
        errors.add("action", _("Unknown action %s.") % action[:40])
    if not codes:
        errors.add("codes", _("Select at least one request."))
    if len(codes) > 10_000:
        errors.add("codes", _("At most 10,000 requests at once."))
    if action == "move" and params.get("to") not in [s.value for s in ConsultationStatus]:
        errors.add("to", _("Choose the status to move to."))
    username = (params.get("assigned_to") or "").strip() or None
    if action == "assign" and username:
        resolve_assignee(username, errors)
    errors.raise_if_any()
    succeeded, failed = [], []
    for code in dict.fromkeys(codes):
        try:
            if action == "assign":
                consultation_assign(code=code, actor=actor, username=username)
            else:
                consultation_transition(code=code, actor=actor, to=params["to"])
        except DomainError as error:
            failed.append({"code": code, "error_code": error.code, "detail": error.message})
        else:
            succeeded.append(code)
    return succeeded, failed


def consultation_update(
    *, code: str, actor: Actor, expected_version: int | None, changes: dict
) -> ConsultationRequest:
    """Apply `changes` ({"assigned_to": …, "follow_up_at": …}, either or both) as one change
    made from the version the caller read: the version is checked under the row lock."""
    with transaction.atomic():
        _lock(code, actor, expected_version)
        if "assigned_to" in changes:
            consultation_assign(code=code, actor=actor, username=changes["assigned_to"])
        if "follow_up_at" in changes:
            consultation_schedule_follow_up(code=code, actor=actor, at=changes["follow_up_at"])
        return _lock(code, actor, None)
