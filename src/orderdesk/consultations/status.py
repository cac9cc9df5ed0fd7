"""The consultation request workflow: pure Python, no ORM."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orderdesk.core.errors import InvalidTransition


class ConsultationStatus(StrEnum):
    PENDING_CONFIRMATION = "pending_confirmation"  # new request, nobody has answered yet
    PROCESSING = "processing"  # a consultant is talking to the customer
    CONFIRMED = "confirmed"  # processed: the customer was answered

    @property
    def label(self) -> str:
        return str(CONSULTATION_STATUS_LABELS[self])


CONSULTATION_STATUS_LABELS = {
    ConsultationStatus.PENDING_CONFIRMATION: pgettext_lazy(
        "consultation status", "Pending Confirmation"
    ),
    ConsultationStatus.PROCESSING: pgettext_lazy("consultation status", "Processing"),
    ConsultationStatus.CONFIRMED: pgettext_lazy("consultation status", "Confirmed"),
}

TRANSITIONS = frozenset(
    {
        (ConsultationStatus.PENDING_CONFIRMATION, ConsultationStatus.PROCESSING),
        (ConsultationStatus.PROCESSING, ConsultationStatus.CONFIRMED),
        (ConsultationStatus.PENDING_CONFIRMATION, ConsultationStatus.CONFIRMED),
    }
)

WAITING_STATUSES = frozenset({ConsultationStatus.PENDING_CONFIRMATION})
OPEN_STATUSES = frozenset({ConsultationStatus.PENDING_CONFIRMATION, ConsultationStatus.PROCESSING})


def allowed_targets(current: ConsultationStatus) -> list[ConsultationStatus]:
    return [to for (frm, to) in sorted(TRANSITIONS) if frm == current]


def is_allowed(current: ConsultationStatus, target: ConsultationStatus) -> bool:
    return (current, target) in TRANSITIONS


def check_transition(code: str, current: ConsultationStatus, target: ConsultationStatus) -> None:
    if not is_allowed(current, target):
        raise InvalidTransition(
            _("%(code)s is %(status)s and cannot be moved to %(target)s.")
            % {"code": code, "status": current.label, "target": target.label},
            code="consultation_request.invalid_transition",
        )
