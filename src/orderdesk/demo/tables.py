"""The tables the generator fills and the columns it writes, in row order.

Rows travel as PostgreSQL COPY text lines (tab-separated, NULL as \\N) for both databases;
ids the generator does not need to know are left to the database.
"""

from dataclasses import dataclass

NULL = "\\N"


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]


ORDER = Table(
    "orders_order",
    (
        "id", "code", "customer_name", "customer_phone", "customer_phone_normalized",
        "customer_email", "ship_recipient", "ship_phone", "ship_line1", "ship_line2",
        "ship_ward", "ship_district", "ship_city", "ship_province", "ship_postal_code",
        "ship_country", "channel", "currency", "subtotal", "shipping_fee", "discount", "total",
        "amount_paid", "amount_refunded", "status", "payment_status", "note", "carrier",
        "tracking_number", "cancel_reason", "created_at", "updated_at", "status_changed_at",
        "confirmed_at", "ready_to_ship_at", "shipping_at", "delivered_at", "cancelled_at",
        "version", "search_text", "assigned_to_id", "created_by_id", "created_by_api_key_id",
        "items_summary",
    ),
)  # fmt: skip
ORDER_ITEM = Table(
    "orders_orderitem",
    ("order_id", "position", "sku", "name", "quantity", "unit_price", "line_total"),
)
ORDER_TAG = Table("orders_ordertag", ("order_id", "tag"))
PAYMENT = Table(
    "orders_payment",
    (
        "id", "order_id", "kind", "amount", "method", "reference", "paid_at", "recorded_by_id",
        "recorded_by_api_key_id", "recorded_by_label", "created_at",
    ),
)  # fmt: skip
ORDER_EVENT = Table(
    "orders_orderevent",
    ("order_id", "type", "actor_user_id", "actor_api_key_id", "actor_label", "created_at", "data"),
)
CONSULTATION = Table(
    "consultations_consultationrequest",
    (
        "id", "code", "name", "phone", "phone_normalized", "email", "subject", "message",
        "preferred_contact_time", "source", "status", "assigned_to_id", "first_response_at",
        "follow_up_at", "order_id", "created_at", "updated_at", "status_changed_at", "version",
        "created_by_id", "created_by_api_key_id", "search_text",
    ),
)  # fmt: skip
CONSULTATION_EVENT = Table(
    "consultations_consultationevent",
    (
        "request_id",
        "type",
        "actor_user_id",
        "actor_api_key_id",
        "actor_label",
        "created_at",
        "data",
    ),
)

# Parents first: the order in which a batch is written.
ORDER_TABLES = (ORDER, ORDER_ITEM, ORDER_TAG, PAYMENT, ORDER_EVENT)
CONSULTATION_TABLES = (CONSULTATION, CONSULTATION_EVENT)
