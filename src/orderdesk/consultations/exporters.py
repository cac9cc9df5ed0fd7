"""Consultation request exports: one row per request, with first-response time and order."""

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from orderdesk.consultations.models import ConsultationRequest
from orderdesk.core.exporting import Column, Exporter, keyset_chunks

CHUNK = 2000


class ConsultationExporter(Exporter):
    name = "consultation-requests"
    columns = [
        Column("code", _("Request")),
        Column("created_at", _("Received")),
        Column("status", _("Status")),
        Column("name", _("Name")),
        Column("phone", _("Phone")),
        Column("email", _("E-mail")),
        Column("subject", _("Subject")),
        Column("message", _("Message")),
        Column("preferred_contact_time", _("Preferred contact time")),
        Column("source", _("Source")),
        Column("assignee", _("Assignee")),
        Column("first_response_at", _("First response")),
        Column("first_response_minutes", _("Minutes to first response")),
        Column("follow_up_at", _("Follow-up")),
        Column("order", _("Order")),
    ]

    def __init__(self, queryset: QuerySet[ConsultationRequest]):
        self.queryset = queryset.select_related("assigned_to", "order")

    def rows(self) -> Iterator[list]:
        for chunk in keyset_chunks(self.queryset, CHUNK):
            for item in chunk:
                minutes = None
                if item.first_response_at:
                    minutes = round(
                        (item.first_response_at - item.created_at).total_seconds() / 60, 1
                    )
                yield [
                    item.code,
                    item.created_at,
                    item.status,
                    item.name,
                    item.phone,
                    item.email,
                    item.subject,
                    item.message,
                    item.preferred_contact_time,
                    item.source,
                    item.assigned_to.username if item.assigned_to else "",
                    item.first_response_at,
                    minutes,
                    item.follow_up_at,
                    item.order.code if item.order else "",
                ]
