"""Money while generating: whole minor units (đồng, cents) as ints, and their decimal text.

Integers add exactly and fast; the text is what str(to_money(...)) gives, so event data and
columns read the same as when the services write them.
"""

from orderdesk.core.money import minor_unit_exponent

# Rough value of one US dollar, to price the catalogue in the configured currency.
USD_RATES = {
    "USD": 1,
    "EUR": 0.92,
    "GBP": 0.79,
    "SGD": 1.35,
    "AUD": 1.5,
    "JPY": 150,
    "KRW": 1_350,
    "THB": 36,
    "IDR": 16_000,
    "CNY": 7.2,
}


class Money:
    """Amounts of one currency: conversion of catalogue prices and formatting."""

    def __init__(self, currency: str):
        self.currency = currency
        self.places = -minor_unit_exponent(currency).as_tuple().exponent
        self.unit = 10**self.places
        self.is_vnd = currency == "VND"

    def text(self, minor: int) -> str:
        """'150000' for VND, '19.99' for USD: str() of the rounded Decimal."""
        if not self.places:
            return str(minor)
        whole, part = divmod(minor, self.unit)
        return f"{whole}.{part:0{self.places}d}"

    def from_catalogue(self, vnd: int, usd_cents: int) -> int:
        """A catalogue price in this currency's minor units."""
        if self.is_vnd:
            return vnd
        minor = usd_cents * USD_RATES.get(self.currency, 1) * self.unit / 100
        return max(_round_nicely(minor), 1)

    def shipping_fees(self) -> list[int]:
        """The flat fees a shop charges, by distance band."""
        if self.is_vnd:
            return [15_000, 18_000, 22_000, 25_000, 30_000, 35_000, 45_000]
        return [self.from_catalogue(0, cents) for cents in (399, 499, 599, 799, 999)]

    def international_shipping_fees(self) -> list[int]:
        if self.is_vnd:
            return [350_000, 450_000, 600_000]
        return [self.from_catalogue(0, cents) for cents in (1999, 2499, 3499)]

    def free_shipping_from(self) -> int:
        return 500_000 if self.is_vnd else self.from_catalogue(0, 5000)

    def voucher_amounts(self) -> list[int]:
        """Fixed-amount vouchers; percentage discounts are computed from the subtotal."""
        if self.is_vnd:
            return [10_000, 20_000, 30_000, 50_000, 100_000]
        return [self.from_catalogue(0, cents) for cents in (200, 500, 1000)]

    def round_discount(self, minor: int) -> int:
        """A percentage discount rounded down to a figure a shop would print."""
        step = 1_000 if self.is_vnd else max(self.unit // 100, 1)
        return minor - minor % step


def _round_nicely(value: float) -> int:
    """Keep three significant digits: 1234567.8 → 1230000, 1999 → 1999."""
    whole = round(value)
    if whole < 10_000:
        return whole
    step = 10 ** (len(str(whole)) - 3)
    return round(whole / step) * step
