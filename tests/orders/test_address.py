"""Vietnamese shipping addresses: two levels since July 2025, three (with a district) before;
both are accepted and a district is never required."""

import pytest
from django.utils import translation

from orderdesk.core.errors import Errors
from orderdesk.orders.domain import clean_address
from tests import factories


def _errors_of(**parts) -> list[dict]:
    errors = Errors()
    clean_address(factories.address_in(**parts), errors)
    return errors.items


@pytest.mark.parametrize(
    "parts",
    [
        # New form: ward or commune, then province or centrally-run city.
        {"ward": "Phường Ba Đình", "district": "", "city": "Hà Nội", "province": ""},
        {"ward": "Xã Tân Hà", "district": "", "city": "", "province": "Lâm Đồng"},
        # Old form, with a district.
        {"ward": "Phường 4", "district": "Quận 3", "city": "TP Hồ Chí Minh", "province": ""},
        {
            "ward": "Xã Lộc Thanh",
            "district": "Thành phố Bảo Lộc",
            "city": "",
            "province": "Lâm Đồng",
        },
        # No ward at all (an address abroad).
        {"ward": "", "district": "", "city": "Singapore", "province": "", "country": "SG"},
    ],
)
def test_given_an_address_of_either_form_then_it_is_valid_without_a_district(parts):
    assert _errors_of(**parts) == []


def test_given_neither_a_city_nor_a_province_then_the_city_is_asked_for():
    errors = _errors_of(ward="Phường Ba Đình", district="Quận Ba Đình", city="", province="")

    assert errors == [
        {"field": "shipping_address.city", "message": "Enter the city or the province."}
    ]


def test_given_vietnamese_then_the_same_error_is_in_vietnamese():
    with translation.override("vi"):
        errors = _errors_of(city="", province="")

    assert errors[0]["message"] == "Nhập thành phố hoặc tỉnh."
