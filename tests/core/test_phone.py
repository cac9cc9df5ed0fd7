"""Phone numbers as people type them, normalised for search and matching."""

import pytest

from orderdesk.core.phone import (
    digits_only,
    is_plausible_phone,
    normalize_phone,
    phone_search_keys,
)


@pytest.mark.parametrize(
    "typed",
    [
        "0912 345 678",
        "+84 912 345 678",
        "84912345678",
        "0912345678",
        "+84912345678",
        "091-234-5678",
        "(091) 234 5678",
        " 0912 345 678 ",
    ],
)
def test_given_one_vietnamese_number_typed_many_ways_when_normalised_then_all_are_e164(typed):
    assert normalize_phone(typed) == "+84912345678"


def test_given_a_number_without_country_code_then_the_region_argument_decides():
    assert normalize_phone("(415) 555-2671", region="US") == "+14155552671"


def test_given_a_foreign_number_with_its_country_code_then_it_keeps_it():
    assert normalize_phone("+1 415 555 2671") == "+14155552671"


def test_given_nothing_when_normalised_then_empty():
    assert normalize_phone("") == ""
    assert normalize_phone("   ") == ""
    assert normalize_phone(None) == ""


def test_given_an_unparseable_number_when_normalised_then_its_bare_digits():
    assert normalize_phone("12-345") == "12345"


def test_given_a_normalised_vietnamese_number_then_search_keys_are_e164_and_national_digits():
    assert phone_search_keys("+84912345678") == ["84912345678", "0912345678"]


def test_given_bare_digits_then_the_only_search_key_is_the_digits():
    assert phone_search_keys("12345") == ["12345"]


def test_given_nothing_then_there_are_no_search_keys():
    assert phone_search_keys("") == []


@pytest.mark.parametrize("typed", ["0912 345 678", "+84 912 345 678", "84912345678"])
def test_given_any_typed_form_then_its_national_digits_find_the_stored_number(typed):
    keys = phone_search_keys(normalize_phone(typed))
    assert digits_only("0912 345 678") in keys
    assert digits_only("+84 912 345 678") in keys


@pytest.mark.parametrize(
    ("typed", "plausible"),
    [
        ("123456", False),
        ("1234567", True),
        ("0912 345 678", True),
        ("1" * 15, True),
        ("1" * 16, False),
    ],
)
def test_given_digit_counts_then_plausibility_follows_e164_lengths(typed, plausible):
    assert is_plausible_phone(typed) is plausible
