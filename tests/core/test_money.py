"""Money: Decimal amounts rounded to the currency's minor unit, never floats."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderdesk.core.money import (
    MAX_AMOUNT,
    MoneyError,
    minor_unit_exponent,
    money_str,
    to_money,
    zero,
)


def test_given_vnd_then_there_is_no_minor_unit():
    assert minor_unit_exponent("VND") == Decimal("1")
    assert to_money("150000.4", "VND") == Decimal("150000")
    assert to_money("150000.5", "VND") == Decimal("150001")
    assert to_money("150000", "VND") == Decimal("150000")
    assert money_str(Decimal("150000.000"), "VND") == "150000"


def test_given_usd_then_it_rounds_half_up_to_cents():
    assert minor_unit_exponent("USD") == Decimal("0.01")
    assert to_money("19.994", "USD") == Decimal("19.99")
    assert to_money("19.995", "USD") == Decimal("20.00")
    assert to_money("0.005", "USD") == Decimal("0.01")
    assert to_money("19.9", "USD") == Decimal("19.90")
    assert money_str(Decimal("19.990"), "USD") == "19.99"


def test_given_a_three_decimal_currency_then_it_keeps_three_places():
    assert to_money("1.2345", "KWD") == Decimal("1.235")


def test_given_a_decimal_or_int_then_it_is_accepted():
    assert to_money(Decimal("12.345"), "USD") == Decimal("12.35")
    assert to_money(150000, "VND") == Decimal("150000")
    assert to_money(" 42 ", "VND") == Decimal("42")


def test_given_zero_then_it_has_the_currency_exponent():
    assert str(zero("VND")) == "0"
    assert str(zero("USD")) == "0.00"


@pytest.mark.parametrize("value", [19.99, 150000.0])
def test_given_a_float_when_parsed_then_it_is_refused(value):
    with pytest.raises(MoneyError):
        to_money(value, "USD")


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        float("inf"),
        float("-inf"),
        "NaN",
        "sNaN",
        "Infinity",
        "-Infinity",
        Decimal("NaN"),
        Decimal("Infinity"),
    ],
)
def test_given_nan_or_infinity_when_parsed_then_it_is_refused(value):
    with pytest.raises(MoneyError):
        to_money(value, "USD")


@pytest.mark.parametrize(
    "value", ["", "abc", "1,000", "12.3.4", "$5", None, True, object(), [1], "0x10"]
)
def test_given_garbage_when_parsed_then_it_is_refused(value):
    with pytest.raises(MoneyError):
        to_money(value, "VND")


@pytest.mark.parametrize(
    ("value", "currency"),
    [
        ("1000000000000", "VND"),
        ("-1000000000000", "VND"),
        ("1e13", "VND"),
        ("1e30", "VND"),
        ("1e100", "VND"),
        ("1e100", "USD"),
        ("9" * 40, "USD"),
    ],
)
def test_given_a_huge_amount_when_parsed_then_it_is_refused_as_money_error(value, currency):
    with pytest.raises(MoneyError):
        to_money(value, currency)


def test_given_the_largest_storable_amount_then_it_is_accepted():
    assert to_money("999999999999", "VND") == Decimal("999999999999")
    assert to_money(str(MAX_AMOUNT), "KWD") == MAX_AMOUNT


@given(st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=4))
def test_given_any_decimal_then_the_result_has_the_currency_exponent_and_is_close(value):
    for currency, unit in (("VND", Decimal("1")), ("USD", Decimal("0.01"))):
        amount = to_money(value, currency)
        assert amount.as_tuple().exponent == unit.as_tuple().exponent
        assert abs(amount - value) <= unit / 2
        assert to_money(str(amount), currency) == amount
