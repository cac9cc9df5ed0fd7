"""Template filters for labels and money, so every page formats them one way."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from orderdesk.accounts.preferences import LANGUAGE_NAMES
from orderdesk.consultations.status import CONSULTATION_STATUS_LABELS
from orderdesk.core.money import (
    MoneyError,
    format_amount,
    format_money,
    input_amount,
    money_str,
)
from orderdesk.orders.models import Order, PaymentMethod
from orderdesk.orders.status import ORDER_STATUS_LABELS

register = template.Library()


def _label(labels: dict, value: str) -> str:
    """A stored code's label (Đã giao for delivered); an unknown code as it is."""
    return labels.get(value, value)


@register.filter
def order_status_label(value: str) -> str:
    return _label(ORDER_STATUS_LABELS, value)


@register.filter
def consultation_status_label(value: str) -> str:
    return _label(CONSULTATION_STATUS_LABELS, value)


@register.filter
def actor_name(label: str) -> str:
    """Who did something, as stored (a username, api:<key name>, or system)."""
    return str(_("system")) if label == "system" else label


@register.filter
def payment_method_label(value: str) -> str:
    return _label(dict(PaymentMethod.choices), value)


@register.filter
def order_field_label(name: str) -> str:
    """What a timeline's edit diff calls a field: its label, not its column name."""
    if name in ("items", "tags"):
        return str(_("Items") if name == "items" else _("Tags"))
    try:
        return capfirst(Order._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


@register.filter
def moment(value) -> str:
    """An ISO 8601 time kept in an event's data, shown as the page's language writes it."""
    parsed = parse_datetime(value) if isinstance(value, str) else value
    if parsed is None:
        return value or ""
    if timezone.is_aware(parsed):
        parsed = timezone.localtime(parsed)
    return date_format(parsed, "SHORT_DATETIME_FORMAT")


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
