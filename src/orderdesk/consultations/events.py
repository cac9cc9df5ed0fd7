"""Timeline writers for consultation requests."""

from enum import StrEnum

from orderdesk.consultations.models import ConsultationEvent, ConsultationRequest
from orderdesk.core.actor import Actor


class ConsultationEventType(StrEnum):
    CREATED = "created"
    STATUS_CHANGED = "status_changed"
    NOTE_ADDED = "note_added"
    ASSIGNED = "assigned"
    CONVERTED = "converted"
    MESSAGE_ADDED = "message_added"  # the same customer wrote again within minutes
    FOLLOW_UP_SCHEDULED = "follow_up_scheduled"


def consultation_event(
    *, request: ConsultationRequest, actor: Actor, at, event_type: ConsultationEventType, data: dict
) -> ConsultationEvent:
    return ConsultationEvent.objects.create(
        request=request,
        type=event_type,
        actor_user=actor.user,
        actor_api_key=actor.api_key,
        actor_label=actor.label,
        created_at=at,
        data=data,
    )
