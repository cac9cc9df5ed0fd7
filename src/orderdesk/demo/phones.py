"""Phone numbers as customers type them, with their normalised form and search keys.

Parsing a million numbers with `phonenumbers` would take minutes, so Vietnamese mobiles are
built from digits: the E.164 form and the search keys follow from those digits directly. The
tests check on a sample that this equals what core.phone.normalize_phone returns. Foreign
numbers are few, so a small pool of them goes through the real functions once.
"""

import random

from orderdesk.core.phone import normalize_phone, phone_search_keys
from orderdesk.demo.vocab_places import INTL_PHONE_PATTERNS

# Mobile prefixes whose every 7-digit continuation is a valid number (Viettel, Vinaphone,
# MobiFone, Vietnamobile, Gmobile).
VN_MOBILE_PREFIXES = (
    "086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039",
    "088", "091", "094", "081", "082", "083", "084", "085",
    "090", "093", "070", "076", "077", "078", "079",
    "092", "056", "058", "059",
)  # fmt: skip

INTERNATIONAL_POOL_SIZE = 400


class Phone:
    """A number as typed, normalised, and the digit strings it is found under."""

    __slots__ = ("keys", "normalized", "typed")

    def __init__(self, typed: str, normalized: str, keys: list[str]):
        self.typed = typed
        self.normalized = normalized
        self.keys = keys


class PhoneMaker:
    """`local_forms`: numbers may be typed without +84 (0912 345 678) only when the configured
    phone region is Vietnam; elsewhere such a number would not normalise to +84."""

    def __init__(self, rng: random.Random, *, local_forms: bool = True):
        self._rng = rng
        self._local_forms = local_forms
        self._international = [_international_phone(rng) for _ in range(INTERNATIONAL_POOL_SIZE)]

    def vietnamese(self) -> Phone:
        rng = self._rng
        prefix = VN_MOBILE_PREFIXES[int(rng.random() * len(VN_MOBILE_PREFIXES))]
        rest = f"{int(rng.random() * 10_000_000):07d}"
        national = prefix + rest  # 0912345678
        subscriber = national[1:]  # 912345678
        style = rng.random() if self._local_forms else 0.8
        if style < 0.40:
            typed = f"{national[:4]} {national[4:7]} {national[7:]}"
        elif style < 0.75:
            typed = national
        elif style < 0.90:
            typed = f"+84 {subscriber[:3]} {subscriber[3:6]} {subscriber[6:]}"
        elif style < 0.97:
            typed = f"{national[:4]}.{national[4:7]}.{national[7:]}"
        else:
            typed = "84" + subscriber
        return Phone(typed, "+84" + subscriber, ["84" + subscriber, national])

    def international(self) -> Phone:
        return self._international[int(self._rng.random() * len(self._international))]


def _international_phone(rng: random.Random) -> Phone:
    country, pattern = INTL_PHONE_PATTERNS[rng.randrange(len(INTL_PHONE_PATTERNS))]
    national = "".join(str(rng.randrange(10)) if ch == "#" else ch for ch in pattern)
    typed = f"+{country} {national}"
    normalized = normalize_phone(typed)
    return Phone(typed, normalized, phone_search_keys(normalized))
