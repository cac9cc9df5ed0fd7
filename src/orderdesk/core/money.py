"""Money: Decimal amounts rounded to the currency's minor unit, never floats.

VND has no minor unit, USD has cents, a few currencies have three decimals; Babel knows which.
"""

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
