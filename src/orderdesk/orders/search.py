"""What an order can be found by: one folded text column, built whenever the order changes."""

from orderdesk.core.phone import phone_search_keys
from orderdesk.core.text import fold


def order_search_text(
    *,
    code: str,
    customer_name: str,
    customer_email: str,
    phones_normalized: list[str],
    recipient: str,
    tracking_number: str,
    skus: list[str],
) -> str:
    parts = [code, customer_name, customer_email, recipient, tracking_number, *skus]
    for phone in dict.fromkeys(phones_normalized):  # the same number twice adds nothing
        parts.extend(phone_search_keys(phone))
    # A separator that no search term contains keeps one field from matching into the next.
    return " | ".join(fold(part) for part in parts if part)
