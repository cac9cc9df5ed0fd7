"""Reading consultation requests."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from orderdesk.consultations.models import ConsultationRequest
from orderdesk.consultations.status import ConsultationStatus
from orderdesk.core.actor import Actor
from orderdesk.core.counters import counter_totals
from orderdesk.core.errors import NotFound
from orderdesk.core.roles import Perm

COUNTER_KIND = "consultation"


def consultation_visible_queryset(actor: Actor) -> QuerySet[ConsultationRequest]:
    if actor.has_perm(Perm.VIEW_CONSULTATIONS):
        return ConsultationRequest.objects.all()
    return ConsultationRequest.objects.none()


def consultation_get(*, code: str, actor: Actor) -> ConsultationRequest:
    found = consultation_visible_queryset(actor).filter(code=(code or "").strip().upper()).first()
    if found is None:
        raise NotFound(
            _("No consultation request %(code)s.") % {"code": code},
            code="consultation_request.not_found",
        )
    return found


def consultation_status_counts() -> dict[str, int]:
    totals = counter_totals(COUNTER_KIND)
    counts = {status.value: totals.get(status.value, 0) for status in ConsultationStatus}
    return {"all": sum(counts.values()), **counts}
