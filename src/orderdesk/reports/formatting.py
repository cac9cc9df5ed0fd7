"""Report figures as a reader sees them, in the reader's language: counts, money, rates, times."""

from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    format_decimal,
    format_percent,
    get_currency_precision,
    get_decimal_symbol,
    get_group_symbol,
)
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from orderdesk.core.money import format_money, to_money

EMPTY = "—"


def babel_locale() -> Locale:
    """The reader's language as a Babel locale (parsed once per language: parsing is slow)."""
    return _parsed(get_language() or "en")


@cache
def _parsed(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def _language() -> str:
    return str(babel_locale())


def duration(seconds: float | None) -> str:
    """45 s, 12 min, 5.2 h, 3.1 days."""
    if seconds is None:
        return EMPTY
    if seconds < 90:
        return _("%(n)s s") % {"n": format_decimal(round(seconds), locale=babel_locale())}
    if seconds < 90 * 60:
        return _("%(n)s min") % {"n": format_decimal(round(seconds / 60), locale=babel_locale())}
    if seconds < 48 * 3600:
        n = format_decimal(round(seconds / 3600, 1), format="#,##0.#", locale=babel_locale())
        return _("%(n)s h") % {"n": n}
    n = format_decimal(round(seconds / 86400, 1), format="#,##0.#", locale=babel_locale())
    return _("%(n)s days") % {"n": n}


def rate(value: float | None) -> str:
    if value is None:
        return EMPTY
    return format_percent(value, format="#,##0.0%", locale=babel_locale())


@cache
def _separators(locale: Locale) -> dict[int, str] | None:
    """How to turn Python's "1,234.5" into the locale's digits ("1.234,5" in Vietnamese), for
    locales that group by threes as Python does; None for the others, which Babel formats."""
    if locale.decimal_formats[None].grouping != (3, 3):
        return None
    return {ord(","): get_group_symbol(locale), ord("."): get_decimal_symbol(locale)}


def _grouped(value, places: int) -> str:
    """`value` with `places` decimals, grouped as the reader's language groups digits.

    A report's tables hold a thousand numbers; Babel takes a tenth of a millisecond for each,
    Python's own formatting a hundredth. tests/reports/test_formatting.py holds them equal.
    """
    locale = babel_locale()
    separators = _separators(locale)
    if separators is None:
        pattern = "#,##0" + ("." + "0" * places if places else "")
        return format_decimal(value, format=pattern, locale=locale)
    return f"{value:,.{places}f}".translate(separators)


def amount(value, currency: str) -> str:
    """core.money.format_amount (1,250.00 / 1.250.000), for tables of many amounts."""
    return _grouped(to_money(value, currency), get_currency_precision(currency))


def count(value: int | None) -> str:
    return EMPTY if value is None else _grouped(value, 0)


def figure(value, kind: str, currency: str = "", *, sign: bool = False) -> str:
    """One figure as text; `sign` puts the currency sign on money (headline figures)."""
    if value is None:
        return EMPTY
    if kind == "money" and sign:
        return format_money(Decimal(value), currency, _language())
    if kind == "money":
        return amount(value, currency)
    if kind == "rate":
        return rate(value)
    if kind == "seconds":
        return duration(value)
    if kind == "count":
        return count(value)
    if kind == "day":
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def change(current, previous, kind: str) -> tuple[str, str]:
    """(text, direction) of the change from `previous` to `current`: +12.5% / −3.0 pp / new."""
    if current is None or previous is None:
        return EMPTY, "same"
    if kind == "rate":
        points = (current - previous) * 100
        direction = "up" if points > 0.05 else "down" if points < -0.05 else "same"
        text = format_decimal(round(points, 1), format="+#,##0.0;−#,##0.0", locale=babel_locale())
        return _("%(n)s pp") % {"n": text}, direction
    if previous == 0:
        return (_("new"), "up") if current else (EMPTY, "same")
    relative = (Decimal(str(current)) - Decimal(str(previous))) / Decimal(str(previous))
    direction = "up" if relative > 0 else "down" if relative < 0 else "same"
    return format_percent(relative, format="+#,##0.0%;−#,##0.0%", locale=babel_locale()), direction
