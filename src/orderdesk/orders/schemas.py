"""API shapes of orders: what comes in (unknown fields refused) and the representation out."""

from datetime import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from orderdesk.api.fields import (
    Amount,
    Country,
    DateTime,
    Email,
    Phone,
    PositiveAmount,
    one_of,
    optional_text,
    required_text,
)
from orderdesk.core.money import currency_codes, money_str
from orderdesk.orders import domain
from orderdesk.orders.models import Order, PaymentKind, PaymentMethod
from orderdesk.orders.services.bulk import MAX_BULK_CODES
from orderdesk.orders.status import OrderStatus


class StrictSchema(Schema):
    """Unknown fields, and fields the server owns (status, total, code…), are refused (422)."""

    model_config = ConfigDict(extra="forbid")


Channel = one_of(domain.CHANNELS)
Currency = Literal[("", *currency_codes())]
Status = one_of(OrderStatus)
Tag = Annotated[str, Field(pattern=domain.TAG_PATTERN.pattern)]
Tags = Annotated[list[Tag], Field(max_length=domain.MAX_TAGS)]


class CustomerIn(StrictSchema):
    name: required_text(200)
    phone: Phone
    email: Email = ""


class AddressIn(StrictSchema):
    recipient: required_text(200)
    phone: Phone
    line1: required_text(255)
    line2: optional_text(255) = ""
    ward: optional_text(120) = ""
    district: optional_text(120) = ""
    # Since July 2025 most Vietnamese addresses have two levels: a ward or commune, then a
    # province or a centrally-run city. Either top level will do (the services require one).
    city: optional_text(120) = ""
    province: optional_text(120) = ""
    postal_code: optional_text(20) = ""
    country: Country


class ItemIn(StrictSchema):
    sku: optional_text(64) = ""
    name: required_text(255)
    quantity: int = Field(ge=1, le=domain.MAX_QUANTITY)
    unit_price: Amount


Items = Annotated[list[ItemIn], Field(min_length=1, max_length=domain.MAX_ITEMS)]


class OrderFieldsIn(StrictSchema):
    """Everything of a new order but the customer (conversion takes it from the request)."""

    shipping_address: AddressIn
    items: Items
    shipping_fee: Amount = "0"
    discount: Amount = "0"
    currency: Currency = Field("", description="ISO 4217; the business currency when empty")
    channel: Channel = "api"
    note: optional_text(5000) = ""
    tags: Tags = []

    def to_domain(self, customer: "CustomerIn | None" = None) -> domain.OrderIn:
        return domain.OrderIn(
            customer=domain.CustomerIn(**customer.model_dump())
            if customer
            else domain.CustomerIn(),
            shipping_address=domain.AddressIn(**self.shipping_address.model_dump()),
            items=[domain.ItemIn(**item.model_dump()) for item in self.items],
            shipping_fee=self.shipping_fee,
            discount=self.discount,
            currency=self.currency,
            channel=self.channel,
            note=self.note,
            tags=self.tags,
        )


class OrderCreateIn(OrderFieldsIn):
    customer: CustomerIn

    def to_domain(self) -> domain.OrderIn:
        return super().to_domain(self.customer)


class OrderPatchIn(StrictSchema):
    customer: CustomerIn | None = None
    shipping_address: AddressIn | None = None
    items: Items | None = None
    shipping_fee: Amount | None = None
    discount: Amount | None = None
    note: optional_text(5000) | None = None
    tags: Tags | None = None
    assigned_to: str | None = Field(None, max_length=150, description="a username; null unassigns")
    carrier: optional_text(100) | None = None
    tracking_number: optional_text(100) | None = None
    reason: optional_text(1000) = ""


class TransitionIn(StrictSchema):
    to: Status
    reason: optional_text(1000) = Field("", description="required when cancelling")
    carrier: optional_text(100) = ""
    tracking_number: optional_text(100) = ""


class PaymentIn(StrictSchema):
    kind: one_of(PaymentKind)
    amount: PositiveAmount
    method: one_of(PaymentMethod)
    reference: optional_text(255) = ""
    paid_at: DateTime | None = Field(None, description="with its offset; now when absent")


class NoteIn(StrictSchema):
    text: required_text(5000)


class BulkTransitionIn(StrictSchema):
    codes: list[str] = Field(max_length=MAX_BULK_CODES)
    to: Status
    reason: optional_text(1000) = Field("", description="required when cancelling")


class CustomerOut(Schema):
    name: str
    phone: str
    email: str


class AddressOut(Schema):
    recipient: str
    phone: str
    line1: str
    line2: str
    ward: str
    district: str
    city: str
    province: str
    postal_code: str
    country: str


class ItemOut(Schema):
    sku: str
    name: str
    quantity: int
    unit_price: str
    line_total: str


class OrderOut(Schema):
    code: str
    status: str
    payment_status: str
    customer: CustomerOut
    shipping_address: AddressOut
    items: list[ItemOut]
    subtotal: str
    shipping_fee: str
    discount: str
    total: str
    amount_paid: str
    amount_refunded: str
    balance_due: str
    currency: str
    channel: str
    tags: list[str]
    assigned_to: str | None
    carrier: str
    tracking_number: str
    cancel_reason: str
    note: str
    consultation_request: str | None
    version: int
    created_at: datetime
    updated_at: datetime
    status_changed_at: datetime


class OrderPage(Schema):
    items: list[OrderOut]
    next_cursor: str | None


class EventOut(Schema):
    type: str
    actor: str
    created_at: datetime
    data: dict


class EventList(Schema):
    items: list[EventOut]


class PaymentOut(Schema):
    id: int
    kind: str
    amount: str
    method: str
    reference: str
    paid_at: datetime
    recorded_by: str


class PaymentCreated(Schema):
    payment: PaymentOut
    order: OrderOut


class BulkFailure(Schema):
    code: str
    error_code: str
    detail: str


class BulkResultOut(Schema):
    succeeded: list[str]
    failed: list[BulkFailure]


class CountsOut(Schema):
    all: int
    pending_confirmation: int
    confirmed: int
    ready_to_ship: int
    shipping: int
    delivered: int
    cancelled: int


def order_out(order: Order, *, items=None, tags=None) -> dict:
    """The representation of an order; `items`/`tags` may be passed in when prefetched."""
    currency = order.currency

    def money(value) -> str:
        return money_str(value, currency)

    # A new order carries its items and tags (services.creation); others are read here.
    items = items if items is not None else getattr(order, "item_rows", None)
    items = items if items is not None else list(order.items.all())
    tags = tags if tags is not None else getattr(order, "tag_list", None)
    tags = tags if tags is not None else sorted(order.tag_rows.values_list("tag", flat=True))
    consultation = getattr(order, "consultation_request", None)
    return {
        "code": order.code,
        "status": order.status,
        "payment_status": order.payment_status,
        "customer": {
            "name": order.customer_name,
            "phone": order.customer_phone,
            "email": order.customer_email,
        },
        "shipping_address": {key: getattr(order, f"ship_{key}") for key in domain.ADDRESS_KEYS},
        "items": [
            {
                "sku": i.sku,
                "name": i.name,
                "quantity": i.quantity,
                "unit_price": money(i.unit_price),
                "line_total": money(i.line_total),
            }
            for i in items
        ],
        "subtotal": money(order.subtotal),
        "shipping_fee": money(order.shipping_fee),
        "discount": money(order.discount),
        "total": money(order.total),
        "amount_paid": money(order.amount_paid),
        "amount_refunded": money(order.amount_refunded),
        "balance_due": money(order.balance_due),
        "currency": currency,
        "channel": order.channel,
        "tags": tags,
        "assigned_to": order.assigned_to.get_username() if order.assigned_to_id else None,
        "carrier": order.carrier,
        "tracking_number": order.tracking_number,
        "cancel_reason": order.cancel_reason,
        "note": order.note,
        "consultation_request": consultation.code if consultation else None,
        "version": order.version,
        "created_at": order.created_at,
        "updated_at": order.updated_at,
        "status_changed_at": order.status_changed_at,
    }
