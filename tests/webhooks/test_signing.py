"""The signature, the address check and the retry schedule, without a database."""

from datetime import timedelta

import pytest

from orderdesk.webhooks.delivery import MAX_ATTEMPTS, RETRY_WINDOW, retry_delay
from orderdesk.webhooks.destinations import is_public
from orderdesk.webhooks.signing import new_secret, signature, signature_header

BODY = b'{"id":"evt_1","type":"order.created"}'
# printf '1700000000.{"id":"evt_1","type":"order.created"}' | openssl dgst -sha256 -hmac whsec_test
EXPECTED = "b4299661e5387b192e6a17c961991dce11e3adb10aabc368d96f3b7a148387e3"


def test_given_a_secret_timestamp_and_body_then_the_signature_is_the_hand_computed_hmac():
    assert signature("whsec_test", 1700000000, BODY) == EXPECTED


def test_given_a_timestamp_then_the_header_is_t_and_v1():
    assert signature_header("whsec_test", BODY, 1700000000) == f"t=1700000000,v1={EXPECTED}"


def test_given_another_body_or_secret_then_the_signature_differs():
    assert signature("whsec_test", 1700000000, BODY + b" ") != EXPECTED
    assert signature("whsec_tesT", 1700000000, BODY) != EXPECTED
    assert signature("whsec_test", 1700000001, BODY) != EXPECTED


def test_given_two_new_secrets_then_they_differ():
    assert new_secret() != new_secret()


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.31.255.255", False),
        ("192.168.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.251", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("::", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("ff02::1", False),
        ("::ffff:10.0.0.1", False),
        ("::ffff:93.184.215.14", True),
    ],
)
def test_given_an_address_then_only_public_ones_pass(address, public):
    assert is_public(address) is public


def test_given_the_backoff_then_it_doubles_from_one_minute_to_at_most_an_hour():
    delays = [retry_delay(n) for n in range(1, 10)]
    minutes = [d // timedelta(minutes=1) for d in delays]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_given_the_schedule_then_retries_span_at_least_24_hours_and_no_more_than_needed():
    waits = [retry_delay(n) for n in range(1, MAX_ATTEMPTS)]
    assert sum(waits, timedelta(0)) >= RETRY_WINDOW >= timedelta(hours=24)
    assert sum(waits[:-1], timedelta(0)) < RETRY_WINDOW
