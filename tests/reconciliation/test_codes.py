"""Order codes in free text: with or without the dash, any case, whole tokens only."""

import pytest

from orderdesk.reconciliation.codes import order_codes_in


@pytest.mark.parametrize(
    "text",
    [
        "SO-000123",
        "so-000123",
        "SO000123",
        "so000123",
        "So 000123",
        "Thanh toan don hang SO000123 cam on",
        "CK:SO-000123.",
        "(so000123)",
        "REF_SO000123",
        "SO-000123/GHN",
    ],
)
def test_given_a_code_written_any_way_when_searched_then_found_in_its_canonical_form(text):
    assert order_codes_in(text, prefix="SO-") == ["SO-000123"]


@pytest.mark.parametrize(
    "text",
    [
        "XSO000123",  # the end of a longer word
        "9SO-000123",  # the end of a longer number
        "SO-0001234",  # a longer number: SO-000123 is not in it
        "SO-000123456A",
        "SO-00012",  # too short
        "SO--000123",
        "ALSO 000123",
        "SO-000123x",
        "Số 000123",
    ],
)
def test_given_a_code_inside_a_longer_word_or_number_when_searched_then_not_found(text):
    assert order_codes_in(text, prefix="SO-") == []


def test_given_numbers_past_a_million_then_seven_digit_codes_are_found_zero_padded_ones_not():
    # 123456 is written SO-123456: a seventh, leading zero makes another number.
    assert order_codes_in("so1234567 and SO-0123456", prefix="SO-") == ["SO-1234567"]


def test_given_several_texts_and_repeats_then_each_code_once_in_order():
    found = order_codes_in("SO-000002 so000001", "SO 000002", prefix="SO-")

    assert found == ["SO-000002", "SO-000001"]


def test_given_another_prefix_when_configured_then_it_is_used(settings):
    settings.ORDERDESK_ORDER_CODE_PREFIX = "DH"

    assert order_codes_in("dh000123 and SO-000124") == ["DH000123"]
