"""The order export as one PostgreSQL `COPY … TO STDOUT (FORMAT csv)`: the fast path of
OrderExporter on PostgreSQL, writing the very same CSV as the Python writer.

A million orders leave the database as CSV text without becoming Python objects. Every rule of
the Python path is restated here in SQL, and tests/orders/test_export_sql.py compares the two
outputs byte for byte on awkward data: formula neutralising, empty strings, money rounded to
each currency's minor unit, times in the business time zone, items and tags summaries.
"""

from django.conf import settings
from django.db.models import QuerySet

from orderdesk.core.exporting import FORMULA_PREFIXES
from orderdesk.core.money import currency_codes, minor_unit_exponent
from orderdesk.orders.exporters import ADDRESS_PARTS
from orderdesk.orders.models import Order, OrderTag

# COPY writes NULL as an empty field and '' as "" (quoted); the Python writer writes both as an
# empty field, so empty text becomes NULL. Text starting like a formula gets a leading quote,
# found by the first character's code rather than a regular expression (~10 % of the whole
# COPY at 1M orders). PostgreSQL text cannot hold NUL, the one prefix left out.
_PREFIX_CODES = ", ".join(str(ord(c)) for c in FORMULA_PREFIXES if c != "\x00")


def _text(expression: str) -> str:
    return (
        f"CASE WHEN ascii({expression}) IN ({_PREFIX_CODES}) THEN '''' || {expression} "
        f"ELSE NULLIF({expression}, '') END"
    )


def _time(expression: str) -> str:
    return f"to_char({expression} AT TIME ZONE %s, 'YYYY-MM-DD HH24:MI:SS')"


def _money(expression: str) -> str:
    # round() on numeric rounds half away from zero, as ROUND_HALF_UP does in Python.
    return f"round({expression}, cur.digits)::text"


def order_copy_query(queryset: QuerySet[Order], *, delimiter: str) -> tuple[str, list]:
    """(sql, params) of a COPY that writes OrderExporter's rows (without the header)."""
    order, tag = Order._meta.db_table, OrderTag._meta.db_table
    user = Order._meta.get_field("assigned_to").related_model._meta.db_table
    # Every order: no filter at all, so the rows come in id order from the primary key. An
    # `id IN (SELECT id FROM orders_order)` made a hash join and a sort spilled to disk (~8 %).
    if queryset.query.has_filters():
        ids_sql, ids_params = queryset.values("id").query.sql_with_params()
        where = f"WHERE o.id IN ({ids_sql}) "
    else:
        where, ids_params = "", []
    codes = list(currency_codes())
    digits = [-minor_unit_exponent(code).as_tuple().exponent for code in codes]
    tz = settings.TIME_ZONE
    address = "concat_ws(', ', " + ", ".join(f"NULLIF(o.ship_{p}, '')" for p in ADDRESS_PARTS) + ")"
    columns = [
        _text("o.code"),
        _time("o.created_at"),
        _time("o.updated_at"),
        _text("o.status"),
        _text("o.payment_status"),
        _text("o.customer_name"),
        _text("o.customer_phone"),
        _text("o.customer_email"),
        _text("o.ship_recipient"),
        _text(address),
        _text("o.channel"),
        "NULLIF(o.items_summary, '')",  # starts with a quantity: never a formula
        _money("o.subtotal"),
        _money("o.shipping_fee"),
        _money("o.discount"),
        _money("o.total"),
        _money("o.amount_paid"),
        _money("o.amount_refunded"),
        _money("o.total - (o.amount_paid - o.amount_refunded)"),
        _text("o.currency"),
        _text("o.carrier"),
        _text("o.tracking_number"),
        _text("u.username"),
        f"(SELECT string_agg(t.tag, ', ' ORDER BY t.tag COLLATE \"C\") "
        f"FROM {tag} t WHERE t.order_id = o.id)",
        _text("o.cancel_reason"),
    ]
    time_params = [tz, tz]
    sql = (
        f"COPY (SELECT {', '.join(columns)} FROM {order} o "
        f"JOIN unnest(%s::text[], %s::int[]) AS cur(code, digits) ON cur.code = o.currency "
        f"LEFT JOIN {user} u ON u.id = o.assigned_to_id "
        f"{where}ORDER BY o.id) "
        f"TO STDOUT WITH (FORMAT csv, DELIMITER %s)"
    )
    return sql, [*time_params, codes, digits, *ids_params, delimiter]
