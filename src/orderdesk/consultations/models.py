"""Consultation requests: a customer's contact and question, and the staff's timeline of it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from orderdesk.consultations.status import CONSULTATION_STATUS_LABELS, ConsultationStatus
from orderdesk.core.models import TimelineEvent


class Source(models.TextChoices):
    WEB_FORM = "web_form", _("Web form")
    PHONE = "phone", _("Phone")
    CHAT = "chat", _("Chat")
    API = "api", _("API")
    OTHER = "other", _("Other")


class ConsultationRequest(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40)
    phone_normalized = models.CharField(max_length=40, db_index=True, editable=False)
    email = models.EmailField(_("e-mail"), blank=True)
    subject = models.CharField(_("subject or product of interest"), max_length=255, blank=True)
    message = models.TextField(_("message"))
    preferred_contact_time = models.CharField(
        _("preferred contact time"), max_length=120, blank=True
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=list(CONSULTATION_STATUS_LABELS.items()),
        default=ConsultationStatus.PENDING_CONFIRMATION,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_consultations",
    )
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    follow_up_at = models.DateTimeField(_("follow-up"), null=True, blank=True)
    # After conversion: the order made from this request (and order.consultation_request back).
    order = models.OneToOneField(
        "orders.Order",
        verbose_name=_("order"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_request",
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))
    status_changed_at = models.DateTimeField(_("status changed"))
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="created_consultations",
    )
    created_by_api_key = models.ForeignKey(
        "accounts.ApiKey", null=True, blank=True, on_delete=models.SET_NULL
    )
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        permissions = [
            ("process_consultationrequest", "Assign, move, note and convert consultation requests")
        ]
        indexes = [
            models.Index(fields=["status", "created_at", "id"], name="consult_status_created_idx"),
            models.Index(fields=["created_at", "id"], name="consult_created_idx"),
            models.Index(fields=["phone_normalized", "-created_at"], name="consult_phone_idx"),
            # The reports' response times read every answered request of a period: this index
            # holds every column they read, so it answers them without the table (key columns,
            # not INCLUDE, which SQLite does not have).
            models.Index(
                fields=["created_at", "first_response_at", "source", "assigned_to"],
                condition=models.Q(first_response_at__isnull=False),
                name="consult_answered_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", kwargs={"code": self.code})

    @property
    def status_enum(self) -> ConsultationStatus:
        return ConsultationStatus(self.status)


class ConsultationEvent(TimelineEvent):
    """One line of a request's timeline, written by consultations.events."""

    request = models.ForeignKey(
        ConsultationRequest, on_delete=models.PROTECT, related_name="events", db_index=False
    )  # consultevent_request_idx starts with it

    class Meta:
        indexes = [
            models.Index(fields=["request", "-created_at", "-id"], name="consultevent_request_idx")
        ]

    def __str__(self) -> str:
        return f"{self.type} on {self.request_id}"
