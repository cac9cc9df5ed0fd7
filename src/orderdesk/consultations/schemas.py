"""API shapes of consultation requests."""

from datetime import datetime

from ninja import Schema
from pydantic import Field

from orderdesk.consultations.models import ConsultationRequest
from orderdesk.orders import domain
from orderdesk.orders.schemas import CustomerIn, OrderFieldsIn, StrictSchema


class PublicRequestIn(StrictSchema):
    name: str = Field(max_length=200)
    phone: str = Field(max_length=40)
    email: str = Field("", max_length=254)
    subject: str = Field("", max_length=255)
    message: str = Field(max_length=5000)
    preferred_contact_time: str = Field("", max_length=120)
    source: str = Field("api", max_length=20)


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
    assigned_to: str | None = None
    follow_up_at: datetime | None = None


class RequestTransitionIn(StrictSchema):
    to: str = Field(max_length=40)
    note: str = Field("", max_length=5000)


class ConvertIn(OrderFieldsIn):
    """As for order creation; the customer comes from the request unless given."""

    customer: CustomerIn | None = None
    channel: str = "phone"

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
