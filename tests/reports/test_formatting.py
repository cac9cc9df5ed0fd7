"""Figures as readers see them: the quick number formatting equals Babel's, in both languages."""

from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from orderdesk.core.money import format_amount
from orderdesk.reports.formatting import amount, change, count, duration, figure


@pytest.mark.parametrize("language", ["en", "vi"])
@given(value=st.integers(-(10**15), 10**15))
def test_given_any_count_then_the_same_text_as_babel(language, value):
    with translation.override(language):
        assert count(value) == format_decimal(value, locale=language)


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("currency", ["VND", "USD", "KWD"])
@given(value=st.decimals(min_value=-(10**11), max_value=10**11, places=3))
def test_given_any_amount_then_the_same_text_as_format_amount(language, currency, value):
    with translation.override(language):
        assert amount(value, currency) == format_amount(value, currency, language)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(None, "—"), (45, "45 s"), (600, "10 min"), (5400, "1.5 h"), (3 * 86400, "3 days")],
)
def test_given_a_response_time_then_a_readable_duration(seconds, text):
    with translation.override("en"):
        assert duration(seconds) == text


@pytest.mark.parametrize(
    ("current", "previous", "kind", "text", "direction"),
    [
        (110, 100, "count", "+10.0%", "up"),
        (90, 100, "count", "−10.0%", "down"),
        (5, 0, "count", "new", "up"),
        (0, 0, "count", "—", "same"),
        (0.25, 0.2, "rate", "+5.0 pp", "up"),
        (None, 0.2, "rate", "—", "same"),
        (Decimal("330000"), Decimal("300000"), "money", "+10.0%", "up"),
    ],
)
def test_given_two_figures_then_the_change_between_them(current, previous, kind, text, direction):
    with translation.override("en"):
        assert change(current, previous, kind) == (text, direction)


def test_given_money_for_the_headline_then_with_the_currency_sign():
    with translation.override("en"):
        assert figure(Decimal("330000"), "money", "VND", sign=True) == "₫330,000"
        assert figure(Decimal("19.989"), "money", "USD") == "19.99"
