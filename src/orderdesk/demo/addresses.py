"""Shipping addresses: Vietnamese street addresses and a few foreign ones."""

import random

from orderdesk.demo import vocab_places as places
from orderdesk.demo.pools import assert_copy_safe, expand, pick

# (line1, line2, ward, district, city, province, postal code, country)
Address = tuple[str, str, str, str, str, str, str, str]


class AddressMaker:
    def __init__(self, rng: random.Random):
        self._random = rng.random
        self._cities = expand((spec[2], city) for city, spec in places.VN_CITIES.items())
        self._districts = {
            city: [(district, wards) for district, wards in spec[3].items()]
            for city, spec in places.VN_CITIES.items()
        }
        texts = [places.VN_LINE2, *(spec[4] for spec in places.VN_CITIES.values())]
        assert_copy_safe([t for group in texts for t in group])
        assert_copy_safe(
            [part for address in places.INTL_ADDRESSES for part in address]
            + [w for d in self._districts.values() for _, wards in d for w in wards]
            + [name for d in self._districts.values() for name, _ in d]
            + list(places.VN_CITIES)
        )

    def vietnamese(self) -> Address:
        r = self._random
        city = pick(r, self._cities)
        province, postal, _, _, streets = places.VN_CITIES[city]
        district, wards = pick(r, self._districts[city])
        ward = pick(r, wards)
        if r() < 0.4:
            district = ""  # written the post-2025 way: ward and province only
        street = pick(r, streets)
        number = 1 + int(r() * 300)
        style = r()
        if style < 0.55:
            line1 = f"{number} {street}"
        elif style < 0.75:
            line1 = f"Số {number} ngõ {2 + int(r() * 200)} {street}"
        elif style < 0.92:
            line1 = f"{number}/{1 + int(r() * 80)} {street}"
        else:
            line1 = f"Hẻm {2 + int(r() * 400)} {street}"
        line2 = pick(r, places.VN_LINE2) if r() < 0.12 else ""
        postal = postal if r() < 0.3 else ""
        return (line1, line2, ward, district, city, province, postal, "VN")

    def international(self) -> Address:
        line1, line2, city, province, postal, country = pick(self._random, places.INTL_ADDRESSES)
        return (line1, line2, "", "", city, province, postal, country)
