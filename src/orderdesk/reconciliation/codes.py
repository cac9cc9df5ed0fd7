"""Finding order codes in free text: SO-000123, so000123, SO 000123 — as whole tokens only.

Pure Python. A code is the configured prefix's letters, an optional dash or space, and the
number as codes are written (six digits, zero-padded; more digits only without a leading
zero). "SO-000123" inside "XSO-000123" or "SO-0001234" is not that order.
"""

import re
from functools import cache

from django.conf import settings


@cache
def _pattern(prefix: str) -> re.Pattern:
    letters = re.escape(prefix.rstrip("-_ "))
    # [^\W_] is a letter or digit: the code must not continue a longer word or number.
    return re.compile(
        rf"(?<![^\W_]){letters}[-\s]?(\d{{6}}|[1-9]\d{{6,}})(?![^\W_])", re.IGNORECASE
    )


def order_codes_in(*texts: str, prefix: str | None = None) -> list[str]:
    """The order codes the texts name, written the canonical way, each once, in order."""
    prefix = prefix if prefix is not None else settings.ORDERDESK_ORDER_CODE_PREFIX
    pattern = _pattern(prefix)
    found: dict[str, None] = {}
    for text in texts:
        for match in pattern.finditer(text or ""):
            found[f"{prefix}{match.group(1)}"] = None
    return list(found)
