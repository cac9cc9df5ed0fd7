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
def minor_unit_exponent(currency: str) -> Decimal:
    """Decimal('1') for VND, Decimal('0.01') for USD, Decimal('0.001') for KWD."""
    return Decimal(1).scaleb(-get_currency_precision(currency))


def to_money(value: object, currency: str) -> Decimal:
    """Parse and round to the currency's minor unit (half up, as cashiers round)."""
    if isinstance(value, float):
        # A float has already lost the exact value; go through its shortest repr, not its binary.
        value = repr(value)
    try:
        amount = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError):
        raise MoneyError(f"{value!r} is not an amount") from None
    if not amount.is_finite():
        raise MoneyError(f"{value!r} is not an amount")
    rounded = amount.quantize(minor_unit_exponent(currency), rounding=ROUND_HALF_UP)
    if abs(rounded) > MAX_AMOUNT:
        raise MoneyError(f"{value!r} is larger than Orderdesk can store")
    return rounded


def zero(currency: str) -> Decimal:
    return Decimal(0).quantize(minor_unit_exponent(currency))


def money_str(amount: Decimal, currency: str) -> str:
    """The plain decimal string used in the API and exports: '150000', '19.99'."""
    return str(to_money(amount, currency))
