"""Two retries of the same order arriving at the same moment (PostgreSQL, real transactions).

Each thread has its own test client and database connection; a Barrier releases them together.
The key's row decides: exactly one order is created, and the other request gets either the
first answer replayed or 409 `idempotency.in_flight` — never a 500, never a second order.
"""

import json
import threading
from unittest import mock

import pytest
from django.db import connection
from django.test import Client

from orderdesk.accounts.services import apikey_create
from orderdesk.api.models import IdempotencyRecord
from orderdesk.orders import api as orders_api
from orderdesk.orders.models import Order
from tests.api.conftest import order_body

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def key(transactional_db):
    _api_key, plain = apikey_create(name="shop-concurrency", role="intake")
    return plain


def post_together(key: str, idempotency_key: str, body: dict, n: int = 2) -> list:
    """POST /api/v1/orders from `n` threads released at once; their responses (or exceptions)."""
    barrier = threading.Barrier(n)
    results: list = [None] * n
    data = json.dumps(body)

    def worker(index: int) -> None:
        client = Client()
        try:
            barrier.wait(timeout=10)
            results[index] = client.post(
                "/api/v1/orders",
                data=data,
                content_type="application/json",
                headers={"Authorization": f"Bearer {key}", "Idempotency-Key": idempotency_key},
            )
        except BaseException as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    for result in results:
        assert not isinstance(result, BaseException), f"a request raised {result!r}"
    return results


def assert_one_created_and_the_other_replayed_or_in_flight(responses) -> dict:
    statuses = sorted(response.status_code for response in responses)
    assert 500 not in statuses and all(s < 500 for s in statuses), statuses
    firsts = [r for r in responses if r.status_code == 201 and "Idempotent-Replayed" not in r]
    assert len(firsts) == 1, [(r.status_code, r.content[:200]) for r in responses]
    first = firsts[0]
    for other in responses:
        if other is first:
            continue
        if other.status_code == 201:
            assert other["Idempotent-Replayed"] == "true"
            assert other.json() == first.json()
            assert other["Location"] == first["Location"]
        else:
            assert other.status_code == 409, (other.status_code, other.content[:300])
            assert other["Content-Type"] == "application/problem+json"
            assert other.json()["code"] == "idempotency.in_flight"
            assert other["Retry-After"] == "1"
    return first.json()


@pytest.mark.parametrize("round_", range(5))
def test_given_two_identical_requests_at_once_then_exactly_one_order(key, round_):
    responses = post_together(key, f"race-{round_}", order_body())
    created = assert_one_created_and_the_other_replayed_or_in_flight(responses)
    assert list(Order.objects.values_list("code", flat=True)) == [created["code"]]
    assert IdempotencyRecord.objects.get(key=f"race-{round_}").state == "done"


def test_given_a_slow_first_request_then_the_second_is_in_flight_and_a_retry_replays(key):
    """The winner's work takes a while, so the loser surely arrives while it is in flight."""
    real_create = orders_api.order_create

    def slow_create(**kwargs):
        threading.Event().wait(0.5)
        return real_create(**kwargs)

    with mock.patch.object(orders_api, "order_create", slow_create):
        responses = post_together(key, "slow-1", order_body())
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201, 409], statuses
    created = assert_one_created_and_the_other_replayed_or_in_flight(responses)

    retry = Client().post(
        "/api/v1/orders",
        data=json.dumps(order_body()),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}", "Idempotency-Key": "slow-1"},
    )
    assert retry.status_code == 201 and retry["Idempotent-Replayed"] == "true"
    assert retry.json() == created
    assert Order.objects.count() == 1


def test_given_many_identical_requests_at_once_then_still_exactly_one_order(key):
    responses = post_together(key, "crowd-1", order_body(), n=6)
    assert_one_created_and_the_other_replayed_or_in_flight(responses)
    assert Order.objects.count() == 1
