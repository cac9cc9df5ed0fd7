"""Telling the team about new requests, by e-mail, outside the customer's request."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from orderdesk.consultations.models import ConsultationRequest
from orderdesk.core.outbox import domain_events


@task
def notify_new_request(code: str) -> None:
    request = ConsultationRequest.objects.filter(code=code).first()
    if request is None or not settings.ORDERDESK_NOTIFY_EMAILS:
        return
    # The team reads its mail in the installation's language, not in the customer's.
    with translation.override(settings.LANGUAGE_CODE):
        _send_notification(request)


def _send_notification(request: ConsultationRequest) -> None:
    subject = _("New consultation request %(code)s from %(name)s") % {
        "code": request.code,
        "name": request.name,
    }
    body = "\n".join(
        [
            f"{request.name} · {request.phone} · {request.email}",
            request.subject,
            "",
            request.message,
            "",
            reverse("consultations:detail", kwargs={"code": request.code}),
        ]
    )
    send_mail(subject, body, None, settings.ORDERDESK_NOTIFY_EMAILS)


def on_domain_events(sender, event_type: str, items: list[dict], **kwargs) -> None:
    """Runs after commit (see core.outbox); the e-mail itself goes through the task queue."""
    if event_type == "consultation_request.created" and settings.ORDERDESK_NOTIFY_EMAILS:
        for data in items:
            notify_new_request.enqueue(data["code"])


def connect() -> None:
    domain_events.connect(on_domain_events, dispatch_uid="consultations.notify_new_request")
