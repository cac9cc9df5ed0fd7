"""Template filters for labels and money, so every page formats them one way."""

from django import template
from django.utils.translation import get_language

from orderdesk.accounts.preferences import LANGUAGE_NAMES
from orderdesk.core.money import (
    MoneyError,
    format_amount,
    format_money,
    input_amount,
    money_str,
)
from orderdesk.orders.status import ORDER_STATUS_LABELS, OrderStatus

register = template.Library()


@register.filter
def order_status_label(value: str) -> str:
    try:
        return ORDER_STATUS_LABELS[OrderStatus(value)]
    except ValueError:
        return value


@register.filter
def amount(value, currency: str) -> str:
    """`{{ order.total|amount:order.currency }}` → 1,250.00 (no sign; for tables of one currency)."""
    if value in (None, ""):
        return ""
    try:
        return format_amount(value, currency, get_language())
    except (MoneyError, ValueError):
        return str(value)


@register.filter
def money(value, currency: str) -> str:
    """`{{ order.total|money:order.currency }}` → $1,250.00 or 1.250.000 ₫."""
    if value in (None, ""):
        return ""
    try:
        return format_money(value, currency, get_language())
    except (MoneyError, ValueError):
        return str(value)


@register.filter
def plain_amount(value, currency: str) -> str:
    """The amount as a form field expects it back: 1250.00, 1250,00 in Vietnamese (no grouping)."""
    try:
        return input_amount(money_str(value, currency), get_language())
    except (MoneyError, ValueError):
        return ""


@register.filter
def language_name(code: str) -> str:
    """The language named in itself (Tiếng Việt, English), in composed (NFC) Unicode."""
    return LANGUAGE_NAMES.get(code, code)


@register.filter
def dict_items(value) -> list:
    """`d|dict_items`: a dict's pairs even when it has a key named "items" (an edit diff does)."""
    return list(value.items()) if isinstance(value, dict) else []
