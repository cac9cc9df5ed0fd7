"""Amounts written the local way: 1.250.000 ₫ in Vietnamese, $1,250.00 in English, read back
exactly, and refused rather than guessed at when the grouping is wrong."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderdesk.core.money import (
    MoneyError,
    format_amount,
    format_money,
    input_amount,
    money_str,
    parse_local_amount,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "currency", "language", "shown"),
    [
        ("1250000", "VND", "vi", f"1.250.000{NBSP}₫"),
        ("1250", "USD", "en", "$1,250.00"),
        ("19.99", "USD", "vi", f"19,99{NBSP}US$"),
        ("1250000", "VND", "en", "₫1,250,000"),
    ],
)
def test_given_an_amount_then_it_is_shown_as_the_language_writes_money(
    amount, currency, language, shown
):
    assert format_money(Decimal(amount), currency, language) == shown


@pytest.mark.parametrize(
    ("typed", "language", "read"),
    [
        ("1.250.000", "vi", "1250000"),
        ("1250000", "vi", "1250000"),
        ("1 250 000", "vi", "1250000"),
        ("1.250.000,50", "vi", "1250000.50"),
        ("19,99", "vi", "19.99"),
        ("19.99", "vi", "19.99"),  # a single point that cannot group thousands: a decimal point
        ("1.250", "vi", "1250"),
        ("1,250,000", "en", "1250000"),
        ("1250000", "en", "1250000"),
        ("19.99", "en", "19.99"),
        ("1.250", "en", "1.250"),
    ],
)
def test_given_an_amount_typed_the_local_way_then_it_is_read_exactly(typed, language, read):
    assert parse_local_amount(typed, language) == read


@pytest.mark.parametrize(
    ("typed", "language"),
    [
        ("1.2.3", "vi"),
        ("12.50.000", "vi"),
        ("1.250.00", "vi"),
        ("1,25", "en"),
        ("1,250.000,5", "en"),
        ("", "vi"),
        ("abc", "en"),
        ("1e6", "en"),
        ("--5", "vi"),
    ],
)
def test_given_a_badly_grouped_amount_then_it_is_refused_rather_than_guessed(typed, language):
    with pytest.raises(MoneyError):
        parse_local_amount(typed, language)


def test_given_an_amount_that_rounds_past_the_largest_storable_then_it_is_refused():
    # 999,999,999,999.50 VND rounds up to a thirteenth digit the columns cannot hold.
    with pytest.raises(MoneyError):
        money_str(Decimal("999999999999.50"), "VND")


@given(
    # One below the limit: the largest whole amount plus cents may round past it (above).
    whole=st.integers(min_value=0, max_value=999_999_999_998),
    cents=st.integers(min_value=0, max_value=99),
    currency=st.sampled_from(["VND", "USD", "KWD"]),
    language=st.sampled_from(["vi", "en"]),
)
def test_given_any_amount_then_what_is_shown_or_prefilled_reads_back_to_the_same_value(
    whole, cents, currency, language
):
    amount = Decimal(f"{whole}.{cents:02d}")
    exact = money_str(amount, currency)

    assert Decimal(parse_local_amount(format_amount(amount, currency, language), language)) == (
        Decimal(exact)
    )
    assert parse_local_amount(input_amount(exact, language), language) == exact
