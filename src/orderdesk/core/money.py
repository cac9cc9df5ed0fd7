"""Money: Decimal amounts rounded to the currency's minor unit, never floats.

VND has no minor unit, USD has cents, a few currencies have three decimals; Babel knows which.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

from babel.numbers import get_currency_precision

MAX_AMOUNT = Decimal("999999999999.999")  # what the database columns hold (max_digits=15, 3 places)


class MoneyError(ValueError):
    """An amount that is not a usable money value (not a number, too many digits, infinite)."""


@cache
def currency_codes() -> tuple[str, ...]:
    """The ISO 4217 codes Orderdesk accepts: those Babel knows by name."""
    from babel.numbers import get_currency_name, list_currencies

    return tuple(sorted(c for c in list_currencies() if get_currency_name(c, locale="en") != c))


@cache
def minor_unit_exponent(currency: str) -> Decimal:
    """Decimal('1') for VND, Decimal('0.01') for USD, Decimal('0.001') for KWD."""
    return Decimal(1).scaleb(-get_currency_precision(currency))


def to_money(value: object, currency: str) -> Decimal:
    """Parse and round to the currency's minor unit (half up, as cashiers round)."""
    if isinstance(value, float | bool):
        # A float has already lost the exact value; money arrives as text or Decimal.
        raise MoneyError(f"{value!r} is a float; send amounts as decimal strings")
    try:
        amount = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError):
        raise MoneyError(f"{value!r} is not an amount") from None
    if not amount.is_finite():
        raise MoneyError(f"{value!r} is not an amount")
    # Checked before rounding: quantize itself fails on numbers beyond Decimal's precision.
    if abs(amount) > MAX_AMOUNT:
        raise MoneyError(f"{value!r} is larger than Orderdesk can store")
    rounded = amount.quantize(minor_unit_exponent(currency), rounding=ROUND_HALF_UP)
    if abs(rounded) > MAX_AMOUNT:
        raise MoneyError(f"{value!r} is larger than Orderdesk can store")
    return rounded


@cache
def money_quantizer(currency: str):
    """A fast to_money for amounts read from the database (already within bounds)."""
    exponent = minor_unit_exponent(currency)

    def quantize(amount: Decimal) -> Decimal:
        return amount.quantize(exponent, rounding=ROUND_HALF_UP)

    return quantize


def zero(currency: str) -> Decimal:
    return Decimal(0).quantize(minor_unit_exponent(currency))


def money_str(amount: Decimal, currency: str) -> str:
    """The plain decimal string used in the API and exports: '150000', '19.99'."""
    return str(to_money(amount, currency))


def _babel_locale(language: str | None) -> str:
    return (language or "en").replace("-", "_")


def format_amount(amount: Decimal, currency: str, language: str | None = None) -> str:
    """The amount in the reader's language, with the currency's own decimals: 1,250.00 / 1.250.000."""
    from babel.numbers import format_decimal

    digits = get_currency_precision(currency)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(
        to_money(amount, currency), format=pattern, locale=_babel_locale(language)
    )


def format_money(amount: Decimal, currency: str, language: str | None = None) -> str:
    """With the currency sign placed as the language places it: $1,250.00, 1.250.000 ₫."""
    from babel.numbers import format_currency

    return format_currency(to_money(amount, currency), currency, locale=_babel_locale(language))


@cache
def _separators(language: str | None) -> tuple[str, str]:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = _babel_locale(language)
    return get_decimal_symbol(locale), get_group_symbol(locale)


_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_local_amount(text: str, language: str | None) -> str:
    """An amount typed as the language writes it → the plain decimal string the services read.

    Vietnamese: 1.250.000, 1250000 and 19,99; English: 1,250,000, 1250000 and 19.99. The group
    separator counts only between groups of three digits: "1.250" in Vietnamese is 1250, and
    "1.250.00" is refused rather than guessed at. A single "." that cannot be a group separator
    (19.99, 1250.500: what a machine or a pasted figure writes) is a decimal point.
    """
    decimal, group = _separators(language)
    compact = _SPACES.sub("", text or "")
    grouped = rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+|\d+"
    found = re.fullmatch(rf"(-?)({grouped})(?:{re.escape(decimal)}(\d+))?", compact)
    if found is None and decimal != ".":
        found = re.fullmatch(r"(-?)(\d+)(?:\.(\d+))?", compact)
    if found is None:
        raise MoneyError(f"{text!r} is not an amount in {language}")
    sign, whole, fraction = found.groups()
    whole = whole.replace(group, "")
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


def input_amount(value: object, language: str | None) -> str:
    """A plain decimal (150000, 19.99) as a person types it back in the language: 19,99."""
    decimal, _group = _separators(language)
    return str(value).replace(".", decimal)
