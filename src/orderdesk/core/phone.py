"""Phone numbers as people type them, and one normalised form for search and matching.

`0912 345 678`, `+84 912 345 678` and `84912345678` are the same Vietnamese number; all
normalise to `+84912345678`. The region for numbers typed without a country code comes from
ORDERDESK_PHONE_REGION (default VN).
"""

import re

import phonenumbers
from django.conf import settings

_NON_DIGITS = re.compile(r"[^0-9]+")  # ASCII digits, as the API schema says


def digits_only(text: str) -> str:
    return _NON_DIGITS.sub("", text or "")


def normalize_phone(raw: str, region: str | None = None) -> str:
    """E.164 (`+84912345678`) when the number parses, else its bare digits; '' for nothing."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    region = region or settings.ORDERDESK_PHONE_REGION
    digits = digits_only(raw)
    candidates = [raw]
    # `84912345678`: a country code typed without the plus sign.
    if not raw.startswith("+") and not digits.startswith("0"):
        candidates.append("+" + digits)
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return digits


def is_plausible_phone(raw: str) -> bool:
    """Enough digits to be a phone number anywhere in the world (7 to 15, as E.164 allows)."""
    return 7 <= len(digits_only(raw)) <= 15


def phone_search_keys(normalized: str) -> list[str]:
    """The digit strings under which a stored number can be found: E.164 and national form."""
    if not normalized:
        return []
    keys = [digits_only(normalized)]
    if normalized.startswith("+"):
        try:
            number = phonenumbers.parse(normalized, None)
        except phonenumbers.NumberParseException:
            return keys
        national = "0" + str(number.national_number)
        if national not in keys:
            keys.append(national)
    return keys
