"""Idempotency keys after their time: expired keys are free again, a claim left in flight by a
request that died is taken over, and the housekeeping purge removes only expired records."""

from datetime import timedelta

from django.utils import timezone

from orderdesk.api.idempotency import ABANDONED_AFTER, idempotency_records_purge
from orderdesk.api.models import IdempotencyRecord
from orderdesk.orders.models import Order
from tests.api.conftest import order_body


def post(api, key: str, **overrides):
    return api.post("/orders", order_body(**overrides), headers={"Idempotency-Key": key})


def test_given_an_expired_key_then_it_creates_a_new_order(api_for):
    api = api_for("intake")
    first = post(api, "k-expired")
    IdempotencyRecord.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    again = post(api, "k-expired")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["code"] != first.json()["code"]
    assert "Idempotent-Replayed" not in again
    assert Order.objects.count() == 2
    assert IdempotencyRecord.objects.get().expires_at > timezone.now()


def test_given_an_expired_key_with_another_body_then_it_is_free_not_key_reused(api_for):
    api = api_for("intake")
    post(api, "k-old")
    IdempotencyRecord.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert post(api, "k-old", note="a new order").status_code == 201
    assert Order.objects.count() == 2


def test_given_a_claim_in_flight_for_a_moment_then_a_retry_gets_409(api_for):
    api = api_for("intake")
    post(api, "k-busy")
    IdempotencyRecord.objects.update(state=IdempotencyRecord.State.IN_FLIGHT)

    response = post(api, "k-busy")

    assert response.status_code == 409
    assert response.json()["code"] == "idempotency.in_flight"
    assert response["Retry-After"] == "1"
    assert Order.objects.count() == 1


def test_given_a_claim_left_in_flight_by_a_dead_request_then_a_retry_runs(api_for):
    api = api_for("intake")
    post(api, "k-other")  # the same body under another key: its fingerprint and scope
    model = IdempotencyRecord.objects.get()
    # What a request killed between its claim and its answer leaves: the claim, no order.
    dead = IdempotencyRecord.objects.create(
        scope=model.scope,
        key="k-dead",
        fingerprint=model.fingerprint,
        expires_at=model.expires_at,
    )
    IdempotencyRecord.objects.filter(pk=dead.pk).update(
        created_at=timezone.now() - ABANDONED_AFTER - timedelta(seconds=1)
    )

    response = post(api, "k-dead")

    assert response.status_code == 201
    assert Order.objects.count() == 2
    assert IdempotencyRecord.objects.get(key="k-dead").state == IdempotencyRecord.State.DONE
    assert post(api, "k-dead")["Idempotent-Replayed"] == "true"


def test_given_expired_and_live_records_then_the_purge_deletes_only_the_expired(api_for):
    api = api_for("intake")
    for n in range(3):
        post(api, f"k-{n}")
    now = timezone.now()
    IdempotencyRecord.objects.filter(key__in=["k-0", "k-1"]).update(
        expires_at=now - timedelta(minutes=1)
    )

    assert idempotency_records_purge(now=now) == 2
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["k-2"]
    assert idempotency_records_purge(now=now) == 0
