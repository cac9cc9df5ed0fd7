"""API shapes of consultation requests."""

from datetime import datetime

from ninja import Schema
from pydantic import Field

from orderdesk.api.fields import DateTime, Email, Phone, one_of, optional_text, required_text
from orderdesk.consultations.models import ConsultationRequest, Source
from orderdesk.consultations.status import ConsultationStatus
from orderdesk.orders import domain
from orderdesk.orders.schemas import Channel, CustomerIn, OrderFieldsIn, StrictSchema


class PublicRequestIn(StrictSchema):
    name: required_text(200)
    phone: Phone
    email: Email = ""
    subject: optional_text(255) = ""
    message: required_text(5000)
    preferred_contact_time: optional_text(120) = ""
    source: one_of(Source) = "api"


class PublicRequestCreated(Schema):
    code: str
    status: str


class RequestOut(Schema):
    code: str
    status: str
    name: str
    phone: str
    email: str
    subject: str
    message: str
    preferred_contact_time: str
    source: str
    assigned_to: str | None
    first_response_at: datetime | None
    follow_up_at: datetime | None
    order: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class RequestPage(Schema):
    items: list[RequestOut]
    next_cursor: str | None


class RequestPatchIn(StrictSchema):
    assigned_to: str | None = Field(None, max_length=150, description="a username; null unassigns")
    follow_up_at: DateTime | None = Field(None, description="with its offset; null clears it")


class RequestTransitionIn(StrictSchema):
    to: one_of(ConsultationStatus)
    note: optional_text(5000) = ""


class ConvertIn(OrderFieldsIn):
    """As for order creation; the customer comes from the request unless given."""

    customer: CustomerIn | None = None
    channel: Channel = "phone"

    def to_domain(self) -> domain.OrderIn:
        return super().to_domain(self.customer)


def request_out(item: ConsultationRequest) -> dict:
    return {
        "code": item.code,
        "status": item.status,
        "name": item.name,
        "phone": item.phone,
        "email": item.email,
        "subject": item.subject,
        "message": item.message,
        "preferred_contact_time": item.preferred_contact_time,
        "source": item.source,
        "assigned_to": item.assigned_to.get_username() if item.assigned_to_id else None,
        "first_response_at": item.first_response_at,
        "follow_up_at": item.follow_up_at,
        "order": item.order.code if item.order_id else None,
        "version": item.version,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }
