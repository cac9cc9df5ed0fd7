"""Delivery end to end: announced events → a signed POST to a real receiver, logged and retried."""

import shutil
import socket
import ssl
import subprocess
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from orderdesk.webhooks import delivery as delivery_module
from orderdesk.webhooks import destinations, tasks
from orderdesk.webhooks.delivery import MAX_ATTEMPTS
from orderdesk.webhooks.models import Webhook, WebhookAttempt, WebhookDelivery
from tests import factories
from tests.api.conftest import order_body
from tests.webhooks.conftest import verify


@pytest.fixture
def retries(monkeypatch):
    """The retries the task asks for, as (delivery id, run_after), instead of queueing them."""
    asked: list[tuple[int, object]] = []
    monkeypatch.setattr(tasks, "enqueue_retry", lambda d, run_after: asked.append((d, run_after)))
    return asked


def create_order(api, capture) -> str:
    with capture(execute=True):
        response = api.post("/orders", order_body())
    assert response.status_code == 201
    return response.json()["code"]


def test_given_a_subscribed_receiver_when_an_order_is_created_then_one_signed_post_of_it(
    receiver, subscribe, api_for, django_capture_on_commit_callbacks
):
    webhook = subscribe(receiver, ["order.created"])
    code = create_order(api_for("sales"), django_capture_on_commit_callbacks)

    assert len(receiver.received) == 1
    request = receiver.received[0]
    assert request.path == "/hooks/orderdesk"
    assert request.headers["Content-Type"] == "application/json"
    assert request.signature_valid is True
    payload = request.json()
    assert set(payload) == {"id", "type", "created_at", "data"}
    assert payload["type"] == "order.created"
    assert payload["data"]["code"] == code
    assert len(payload["id"]) == 32

    attempt = WebhookAttempt.objects.select_related("delivery").get()
    assert (attempt.number, attempt.status_code, attempt.succeeded) == (1, 200, True)
    assert attempt.delivery.event_id == payload["id"]
    assert attempt.delivery.state == WebhookDelivery.State.SUCCEEDED
    listed = api_for("admin").get(f"/webhooks/{webhook['id']}/deliveries").json()["items"]
    assert [(i["event_type"], i["attempt"], i["status_code"], i["succeeded"]) for i in listed] == [
        ("order.created", 1, 200, True)
    ]


def test_given_a_tampered_body_then_the_receivers_check_fails(
    receiver, subscribe, api_for, django_capture_on_commit_callbacks
):
    """The receiver's own check is real: the same signature over another body does not verify."""
    subscribe(receiver, ["order.created"])
    create_order(api_for("sales"), django_capture_on_commit_callbacks)
    request = receiver.received[0]
    header = request.headers["Orderdesk-Signature"]
    assert verify(header, request.body, receiver.secret)
    assert not verify(header, request.body.replace(b"SO-", b"SX-"), receiver.secret)
    assert not verify(header, request.body, receiver.secret + "x")


def test_given_the_order_is_created_without_running_commit_hooks_then_nothing_is_sent(
    receiver, subscribe, api_for, django_capture_on_commit_callbacks
):
    subscribe(receiver, ["order.created"])
    with django_capture_on_commit_callbacks(execute=False):
        api_for("sales").post("/orders", order_body())
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_given_webhooks_for_other_events_then_only_the_subscribed_ones_receive(
    receiver, subscribe, api_for, admin, django_capture_on_commit_callbacks
):
    subscribe(receiver, ["order.status_changed"])
    code = create_order(api_for("sales"), django_capture_on_commit_callbacks)
    assert receiver.received == []

    with django_capture_on_commit_callbacks(execute=True):
        response = api_for("admin").post(f"/orders/{code}/transitions", {"to": "confirmed"})
    assert response.status_code == 200
    assert [r.json()["type"] for r in receiver.received] == ["order.status_changed"]
    assert receiver.received[0].json()["data"] == {
        "code": code,
        "from": "pending_confirmation",
        "to": "confirmed",
    }


def test_given_two_webhooks_then_each_gets_the_same_event_signed_with_its_own_secret(
    receiver, subscribe, admin, django_capture_on_commit_callbacks
):
    first = subscribe(receiver, ["consultation_request.created"])
    second = subscribe(receiver, ["consultation_request.created", "order.created"])
    receiver.secret = None  # two secrets: checked below, one request each
    with django_capture_on_commit_callbacks(execute=True):
        request = factories.make_consultation(admin)

    assert len(receiver.received) == 2
    a, b = receiver.received
    assert a.body == b.body
    assert a.json()["type"] == "consultation_request.created"
    assert a.json()["data"]["code"] == request.code
    assert verify(a.headers["Orderdesk-Signature"], a.body, first["secret"])
    assert verify(b.headers["Orderdesk-Signature"], b.body, second["secret"])


def test_given_a_receiver_answering_500_then_attempt_1_is_logged_failed_and_a_retry_is_asked(
    receiver, subscribe, api_for, retries, django_capture_on_commit_callbacks
):
    receiver.status = 500
    webhook = subscribe(receiver, ["order.created"])
    before = timezone.now()
    create_order(api_for("sales"), django_capture_on_commit_callbacks)

    assert len(receiver.received) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == WebhookDelivery.State.PENDING
    assert delivery.attempts == 1
    assert retries == [(delivery.pk, delivery.next_attempt_at)]
    run_after = retries[0][1]
    assert before + timedelta(minutes=1) <= run_after <= timezone.now() + timedelta(minutes=1)

    items = api_for("admin").get(f"/webhooks/{webhook['id']}/deliveries").json()["items"]
    assert len(items) == 1
    assert items[0]["attempt"] == 1
    assert items[0]["status_code"] == 500
    assert items[0]["succeeded"] is False
    assert "500" in items[0]["error"]


def test_given_the_immediate_backend_then_a_failed_attempt_is_not_retried_in_a_loop(
    receiver, subscribe, admin, django_capture_on_commit_callbacks
):
    """The immediate backend cannot defer: the retry is left due, not run at once."""
    receiver.status = 500
    subscribe(receiver, ["order.created"])
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_order(admin)
    assert len(receiver.received) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == (WebhookDelivery.State.PENDING, 1)
    assert delivery.next_attempt_at > timezone.now()


def test_given_a_real_queue_then_retries_are_enqueued_with_run_after_backing_off(
    receiver, subscribe, api_for, queue, django_capture_on_commit_callbacks
):
    receiver.status = 503
    webhook = subscribe(receiver, ["order.created"])
    create_order(api_for("sales"), django_capture_on_commit_callbacks)

    # After commit, the request only queued the task: nothing was sent yet.
    assert receiver.received == []
    [first] = queue.results
    assert first.task.name == "deliver_webhook" and first.task.run_after is None
    delivery_id = first.args[0]

    for attempt in (1, 2, 3):
        started = timezone.now()
        tasks.deliver_webhook.call(*queue.results[-1].args)
        retry = queue.results[-1]
        assert list(retry.args) == [delivery_id]
        delay = retry.task.run_after - started
        expected = timedelta(minutes=2 ** (attempt - 1))
        assert expected <= delay <= expected + timedelta(seconds=30)
        delivery = WebhookDelivery.objects.get(pk=delivery_id)
        assert delivery.next_attempt_at == retry.task.run_after
    assert len(queue.results) == 4
    assert len(receiver.received) == 3
    assert len({r.json()["id"] for r in receiver.received}) == 1  # one event id on every retry

    items = api_for("admin").get(f"/webhooks/{webhook['id']}/deliveries").json()["items"]
    assert [(i["attempt"], i["status_code"], i["succeeded"]) for i in items] == [
        (3, 503, False),
        (2, 503, False),
        (1, 503, False),
    ]

    receiver.status = 204
    tasks.deliver_webhook.call(delivery_id)
    assert len(queue.results) == 4  # succeeded: no further retry
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert (delivery.state, delivery.attempts) == (WebhookDelivery.State.SUCCEEDED, 4)
    assert delivery.next_attempt_at is None and delivery.finished_at is not None

    tasks.deliver_webhook.call(delivery_id)  # run again by mistake: nothing more is sent
    assert len(receiver.received) == 4


def test_given_the_last_attempt_fails_then_the_delivery_is_given_up_without_retry(
    receiver, subscribe, queue, django_capture_on_commit_callbacks, admin
):
    receiver.status = 500
    subscribe(receiver, ["order.created"])
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_order(admin)
    delivery = WebhookDelivery.objects.get()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=MAX_ATTEMPTS - 1)

    tasks.deliver_webhook.call(delivery.pk)

    delivery.refresh_from_db()
    assert delivery.state == WebhookDelivery.State.FAILED
    assert delivery.attempts == MAX_ATTEMPTS and delivery.finished_at is not None
    assert len(queue.results) == 1  # only the first enqueue; no retry
    assert WebhookAttempt.objects.get().number == MAX_ATTEMPTS


def test_given_a_dead_receiver_then_the_attempt_is_logged_without_status_and_retried(
    subscribe, receiver, retries, admin, django_capture_on_commit_callbacks
):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    receiver.url = f"http://127.0.0.1:{port}/gone"
    subscribe(receiver, ["order.created"])
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_order(admin)
    attempt = WebhookAttempt.objects.get()
    assert attempt.status_code is None and attempt.succeeded is False
    assert attempt.error
    assert len(retries) == 1


def test_given_a_slow_receiver_then_the_attempt_times_out_and_fails(
    receiver, subscribe, retries, admin, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(delivery_module, "TIMEOUT_SECONDS", 0.1)
    receiver.delay = 0.3
    subscribe(receiver, ["order.created"])
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_order(admin)
    attempt = WebhookAttempt.objects.get()
    assert (attempt.status_code, attempt.succeeded) == (None, False)
    assert "timed out" in attempt.error
    assert len(retries) == 1


def test_given_a_redirect_then_it_is_not_followed_and_counts_as_a_failure(
    receiver, subscribe, retries, admin, django_capture_on_commit_callbacks
):
    receiver.status = 302
    subscribe(receiver, ["order.created"])
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_order(admin)
    attempt = WebhookAttempt.objects.get()
    assert (attempt.status_code, attempt.succeeded) == (302, False)
    assert len(receiver.received) == 1


def test_given_private_addresses_are_no_longer_allowed_then_the_attempt_is_refused_unsent(
    receiver, subscribe, retries, admin, settings, django_capture_on_commit_callbacks
):
    subscribe(receiver, ["order.created"])
    settings.ORDERDESK_WEBHOOK_ALLOW_PRIVATE = False
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_order(admin)
    assert receiver.received == []
    attempt = WebhookAttempt.objects.get()
    assert attempt.status_code is None and attempt.error.startswith("refused:")
    assert "127.0.0.1" in attempt.error


def test_given_the_webhook_is_deleted_before_the_task_runs_then_nothing_is_sent(
    receiver, subscribe, queue, admin, django_capture_on_commit_callbacks
):
    subscribe(receiver, ["order.created"])
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_order(admin)
    [queued] = queue.results
    Webhook.objects.all().delete()
    tasks.deliver_webhook.call(*queued.args)
    assert receiver.received == []
    assert len(queue.results) == 1


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_given_an_https_url_then_it_connects_to_the_checked_address_and_verifies_the_name(
    tmp_path, monkeypatch, settings
):
    """The attempt goes to the address that was checked, not to a second DNS answer, while TLS
    still checks the certificate against the URL's host name (sent as SNI)."""
    settings.ORDERDESK_WEBHOOK_ALLOW_PRIVATE = True
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-days", "1", "-subj", "/CN=hooks.example.test",
            "-addext", "subjectAltName=DNS:hooks.example.test",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(202)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server_names = []
    context.sni_callback = lambda sock, name, ctx: server_names.append(name)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    monkeypatch.setattr(destinations, "resolve", lambda host, port: ("127.0.0.1",))
    port = server.server_port
    try:
        untrusted = delivery_module.send(f"https://hooks.example.test:{port}/h", "s", b"{}")
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        trusted = delivery_module.send(f"https://hooks.example.test:{port}/h", "s", b"{}")
        other_name = delivery_module.send(f"https://other.example.test:{port}/h", "s", b"{}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert untrusted.status_code is None and "CERTIFICATE_VERIFY_FAILED" in untrusted.error
    assert (trusted.status_code, trusted.succeeded) == (202, True)
    assert received == [b"{}"]
    assert "hooks.example.test" in server_names
    assert other_name.status_code is None and "other.example.test" in other_name.error


def test_given_the_webhook_is_deleted_during_the_attempt_then_the_task_ends_quietly(
    receiver, subscribe, queue, admin, monkeypatch, django_capture_on_commit_callbacks
):
    subscribe(receiver, ["order.created"])
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_order(admin)
    [queued] = queue.results
    real_send = delivery_module.send

    def send_then_delete(*args):
        outcome = real_send(*args)
        Webhook.objects.all().delete()
        return outcome

    monkeypatch.setattr(delivery_module, "send", send_then_delete)
    tasks.deliver_webhook.call(*queued.args)
    assert len(receiver.received) == 1
    assert not WebhookAttempt.objects.exists()
