"""The `Orderdesk-Signature` header: `t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.

The key is the webhook's secret (UTF-8). Receivers recompute the HMAC over the raw body they
received, compare in constant time, and refuse old timestamps (see docs/api.md, "Webhooks").
"""

import hashlib
import hmac
import secrets
import time

SIGNATURE_HEADER = "Orderdesk-Signature"
SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """Hex HMAC-SHA256 of `b"<timestamp>." + body` keyed with the secret."""
    message = str(int(timestamp)).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, timestamp: int | None = None) -> str:
    when = int(time.time()) if timestamp is None else int(timestamp)
    return f"t={when},v1={signature(secret, when, body)}"
