"""Values every staff page shows in its shell: the user's role and the waiting-request badge."""

from orderdesk.accounts.services import user_role
from orderdesk.consultations.selectors import consultation_status_counts
from orderdesk.consultations.status import ConsultationStatus
from orderdesk.core.roles import ROLE_LABELS


def shell(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    role = user_role(user)

    def waiting() -> int:  # lazy: only pages that render the badge pay for it
        return consultation_status_counts()[ConsultationStatus.PENDING_CONFIRMATION]

    return {
        "user_role": role,
        "user_role_label": ROLE_LABELS.get(role, ""),
        "waiting_requests": waiting,
    }
