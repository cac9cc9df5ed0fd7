"""API test helpers: a client that sends an API key of a given role."""

import json

import pytest
from django.test import Client

from orderdesk.accounts.services import apikey_create
from tests import factories


class ApiClient:
    def __init__(self, key: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {key}"} if key else {}

    def _send(self, method: str, path: str, body=None, headers=None, raw: bytes | None = None):
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        kwargs = {"headers": {**self.headers, **(headers or {})}}
        if data is not None:
            kwargs.update(data=data, content_type="application/json")
        return getattr(self.client, method)(f"/api/v1{path}", **kwargs)

    def get(self, path, **kw):
        return self._send("get", path, **kw)

    def post(self, path, body=None, **kw):
        return self._send("post", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self._send("patch", path, body, **kw)

    def delete(self, path, **kw):
        return self._send("delete", path, **kw)


@pytest.fixture
def api_for(db):
    """api_for("admin") → an ApiClient with a new key of that role; api_for(None) → no key."""

    def make(role: str | None) -> ApiClient:
        if role is None:
            return ApiClient(None)
        _key, plain = apikey_create(name=factories.unique(f"{role}-"), role=role)
        return ApiClient(plain)

    return make


def order_body(**overrides) -> dict:
    body = {
        "customer": {"name": "Nguyễn Văn An", "phone": "0912 345 678", "email": "an@example.com"},
        "shipping_address": {
            "recipient": "Nguyễn Văn An",
            "phone": "0912 345 678",
            "line1": "12 Lý Thường Kiệt",
            "city": "Hà Nội",
            "country": "VN",
        },
        "items": [{"sku": "AT-01", "name": "Áo thun", "quantity": 2, "unit_price": "150000"}],
        "shipping_fee": "30000",
        "currency": "VND",
    }
    body.update(overrides)
    return body
