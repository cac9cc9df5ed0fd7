"""Order input as plain data, its validation and the totals: no ORM, tested without a database.

Every surface (web form, API, CLI, demo data, consultation conversion) builds an OrderInput and
hands it to the services, so the same rules apply whatever the door.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from orderdesk.core.errors import Errors, ValidationFailed
from orderdesk.core.money import MoneyError, currency_codes, to_money
from orderdesk.core.phone import is_plausible_phone

CHANNELS = ("web", "phone", "store", "marketplace", "api", "other")
MAX_ITEMS = 500
MAX_QUANTITY = 1_000_000
MAX_TAGS = 20
TAG_PATTERN = re.compile(r"^[\w][\w .:/-]{0,49}$", re.UNICODE)


@dataclass
class CustomerIn:
    name: str = ""
    phone: str = ""
    email: str = ""


# The parts of a shipping address, in the order people write them; Order stores each as ship_<key>.
ADDRESS_KEYS = ("recipient", "phone", "line1", "line2", "ward", "district", "city", "province",
                "postal_code", "country")  # fmt: skip


@dataclass
class AddressIn:
    recipient: str = ""
    phone: str = ""
    line1: str = ""
    line2: str = ""
    ward: str = ""
    district: str = ""
    city: str = ""
    province: str = ""
    postal_code: str = ""
    country: str = ""


@dataclass
class ItemIn:
    name: str = ""
    quantity: object = 1
    unit_price: object = "0"
    sku: str = ""


@dataclass
class ValidItem:
    sku: str
    name: str
    quantity: int
    unit_price: Decimal
    line_total: Decimal


def items_summary(lines) -> str:
    """(quantity, name) of each item, in their order, as one line: "2 × Áo thun; 1 × Mũ"
    (Order.items_summary, which the exports show)."""
    return "; ".join(f"{quantity} × {name}" for quantity, name in lines)


@dataclass
class OrderIn:
    customer: CustomerIn = field(default_factory=CustomerIn)
    shipping_address: AddressIn = field(default_factory=AddressIn)
    items: list[ItemIn] = field(default_factory=list)
    shipping_fee: object = "0"
    discount: object = "0"
    currency: str = ""
    channel: str = "other"
    note: str = ""
    tags: list[str] = field(default_factory=list)
    assigned_to: str | None = None  # a staff username


@dataclass
class Totals:
    subtotal: Decimal
    shipping_fee: Decimal
    discount: Decimal
    total: Decimal


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def clean_money(value: object, currency: str, field_name: str, errors: Errors, *, allow_zero=True):
    try:
        amount = to_money(value if value not in (None, "") else "0", currency)
    except MoneyError:
        errors.add(field_name, _("Enter an amount such as 150000 or 19.99."))
        return None
    if amount < 0 or (amount == 0 and not allow_zero):
        errors.add(field_name, _("The amount must be positive."))
        return None
    return amount


def clean_quantity(value: object, field_name: str, errors: Errors) -> int | None:
    try:
        quantity = int(str(value).strip())
        if str(value).strip() != str(quantity) and Decimal(str(value)) != quantity:
            raise ValueError
    except (ValueError, ArithmeticError):
        errors.add(field_name, _("Enter a whole number of at least 1."))
        return None
    if not 1 <= quantity <= MAX_QUANTITY:
        errors.add(field_name, _("The quantity must be between 1 and %s.") % f"{MAX_QUANTITY:,}")
        return None
    return quantity


def clean_required(value: object, field_name: str, errors: Errors, max_length: int) -> str:
    text = _text(value)
    if not text:
        errors.add(field_name, _("This field is required."))
    elif len(text) > max_length:
        errors.add(field_name, _("At most %d characters.") % max_length)
    return text


def clean_optional(value: object, field_name: str, errors: Errors, max_length: int) -> str:
    text = _text(value)
    if len(text) > max_length:
        errors.add(field_name, _("At most %d characters.") % max_length)
    return text


def clean_phone(value: object, field_name: str, errors: Errors) -> str:
    text = clean_required(value, field_name, errors, 40)
    if text and not is_plausible_phone(text):
        errors.add(field_name, _("Enter a phone number with 7 to 15 digits."))
    return text


def clean_email(value: object, field_name: str, errors: Errors) -> str:
    text = clean_optional(value, field_name, errors, 254)
    if text:
        try:
            validate_email(text)
        except DjangoValidationError:
            errors.add(field_name, _("Enter a valid e-mail address."))
    return text


def clean_customer(customer: CustomerIn, errors: Errors) -> CustomerIn:
    return CustomerIn(
        name=clean_required(customer.name, "customer.name", errors, 200),
        phone=clean_phone(customer.phone, "customer.phone", errors),
        email=clean_email(customer.email, "customer.email", errors),
    )


def clean_address(address: AddressIn, errors: Errors) -> AddressIn:
    """Vietnamese addresses have had two levels since July 2025 (ward or commune, then province
    or centrally-run city) and older ones three (with a district): either is accepted, so the
    district is never required, and a city or a province is enough for the top level."""
    country = _text(address.country).upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        errors.add("shipping_address.country", _("Enter a two-letter country code such as VN."))
    if not _text(address.city) and not _text(address.province):
        errors.add("shipping_address.city", _("Enter the city or the province."))
    return AddressIn(
        recipient=clean_required(address.recipient, "shipping_address.recipient", errors, 200),
        phone=clean_phone(address.phone, "shipping_address.phone", errors),
        line1=clean_required(address.line1, "shipping_address.line1", errors, 255),
        line2=clean_optional(address.line2, "shipping_address.line2", errors, 255),
        ward=clean_optional(address.ward, "shipping_address.ward", errors, 120),
        district=clean_optional(address.district, "shipping_address.district", errors, 120),
        city=clean_optional(address.city, "shipping_address.city", errors, 120),
        province=clean_optional(address.province, "shipping_address.province", errors, 120),
        postal_code=clean_optional(address.postal_code, "shipping_address.postal_code", errors, 20),
        country=country,
    )


def clean_items(items: list[ItemIn], currency: str, errors: Errors) -> list[ValidItem]:
    if not items:
        errors.add("items", _("Add at least one item."))
        return []
    if len(items) > MAX_ITEMS:
        errors.add("items", _("At most %d items in one order.") % MAX_ITEMS)
        return []
    cleaned = []
    for index, item in enumerate(items):
        prefix = f"items.{index}"
        name = clean_required(item.name, f"{prefix}.name", errors, 255)
        sku = clean_optional(item.sku, f"{prefix}.sku", errors, 64)
        quantity = clean_quantity(item.quantity, f"{prefix}.quantity", errors)
        unit_price = clean_money(item.unit_price, currency, f"{prefix}.unit_price", errors)
        if quantity is not None and unit_price is not None:
            try:
                line_total = to_money(unit_price * quantity, currency)
            except MoneyError:
                errors.add(
                    f"{prefix}.quantity", _("This line's total is larger than an order can hold.")
                )
                continue
            cleaned.append(ValidItem(sku, name, quantity, unit_price, line_total))
    return cleaned


def clean_tags(tags: list[str], errors: Errors, field_name: str = "tags") -> list[str]:
    cleaned: list[str] = []
    for tag in tags or []:
        text = " ".join(_text(tag).split()).lower()
        if not text:
            continue
        if not TAG_PATTERN.match(text):
            errors.add(field_name, _("A tag is 1 to 50 letters, digits, spaces or - _ . : /"))
            continue
        if text not in cleaned:
            cleaned.append(text)
    if len(cleaned) > MAX_TAGS:
        errors.add(field_name, _("At most %d tags.") % MAX_TAGS)
    return cleaned


def clean_moment(value, field_name: str, errors: Errors):
    """A point in time given with its offset, within the years Orderdesk can store."""
    if value is None:
        return None
    if getattr(value, "tzinfo", None) is None or value.utcoffset() is None:
        errors.add(field_name, _("Give the time with its offset, e.g. 2026-11-27T14:05:00+07:00."))
        return None
    if not 1900 <= value.year <= 2999 or not 1900 <= (value - value.utcoffset()).year <= 2999:
        errors.add(field_name, _("Give a time between the years 1900 and 2999."))
        return None
    return value


def clean_currency(value: str, default: str, errors: Errors) -> str:
    code = _text(value).upper() or default
    if code not in currency_codes():
        errors.add("currency", _("Enter an ISO 4217 currency code such as VND or USD."))
        return default
    return code


def compute_totals(items: list[ValidItem], shipping_fee, discount, currency: str) -> Totals:
    """Subtotal and total from the lines; ValidationFailed when they outgrow what is stored."""
    try:
        subtotal = to_money(sum((item.line_total for item in items), Decimal(0)), currency)
        total = to_money(subtotal + shipping_fee - discount, currency)
    except MoneyError:
        raise ValidationFailed.for_field(
            "items", _("The order's total is larger than an order can hold.")
        ) from None
    return Totals(subtotal=subtotal, shipping_fee=shipping_fee, discount=discount, total=total)


def check_discount(totals: Totals, errors: Errors) -> None:
    if totals.total < 0:
        errors.add("discount", _("The discount cannot be larger than the items and shipping."))
