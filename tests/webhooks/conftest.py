"""Webhook test helpers: a real HTTP receiver on 127.0.0.1 that checks signatures itself."""

import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.tasks import task_backends
from django.tasks.backends.dummy import DummyBackend

from tests.api.conftest import api_for  # noqa: F401  (the fixture, shared with the API tests)


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    signature_valid: bool | None  # None: the receiver was not told the secret

    def json(self) -> dict:
        return json.loads(self.body)


def verify(header: str, body: bytes, secret: str, *, tolerance: int = 300) -> bool:
    """What a receiver does, written here without Orderdesk's code: parse, recompute, compare."""
    parts = dict(item.split("=", 1) for item in header.split(","))
    timestamp = parts["t"]
    if abs(time.time() - int(timestamp)) > tolerance:
        return False
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


@dataclass
class Receiver:
    url: str
    status: int = 200
    delay: float = 0.0
    secret: str | None = None
    received: list[Received] = field(default_factory=list)


def _handler_for(receiver: Receiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            header = self.headers.get("Orderdesk-Signature", "")
            valid = None if receiver.secret is None else verify(header, body, receiver.secret)
            receiver.received.append(Received(self.path, dict(self.headers), body, valid))
            if receiver.delay:
                time.sleep(receiver.delay)
            self.send_response(receiver.status)
            if 300 <= receiver.status < 400:
                self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format, *args):
            pass

    return Handler


@pytest.fixture
def receiver():
    """An HTTP server on 127.0.0.1 in a thread; set .status, .secret; read .received."""
    box = Receiver(url="")
    server = HTTPServer(("127.0.0.1", 0), _handler_for(box))
    box.url = f"http://127.0.0.1:{server.server_port}/hooks/orderdesk"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield box
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def allow_private(settings):
    settings.ORDERDESK_WEBHOOK_ALLOW_PRIVATE = True


@pytest.fixture
def admin_api(api_for):  # noqa: F811  (the imported fixture)
    return api_for("admin")


@pytest.fixture
def subscribe(admin_api, allow_private):
    """subscribe(receiver, events) → the created webhook (with its secret, told to the receiver)."""

    def make(receiver: Receiver, events: list[str]) -> dict:
        response = admin_api.post("/webhooks", {"url": receiver.url, "events": events})
        assert response.status_code == 201, response.content
        webhook = response.json()
        receiver.secret = webhook["secret"]
        return webhook

    return make


@pytest.fixture
def queue():
    """The default task backend swapped for Django's DummyBackend: tasks are queued, not run."""
    original = task_backends["default"]
    dummy = DummyBackend(alias="default", params={})
    task_backends["default"] = dummy
    try:
        yield dummy
    finally:
        task_backends["default"] = original
