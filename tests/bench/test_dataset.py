"""When a data set is reused, generated, generated again, or left alone."""

import pytest

from bench.config import parse_args
from bench.dataset import reuse_decision

CONFIG = parse_args(["--orders", "20000", "--seed", "7", "--data-dir", "/tmp/unused"])
OURS = {"orders": 20_000, "seed": 7, "consultations": 1_000}


@pytest.mark.parametrize(
    ("marker", "orders_now", "decision"),
    [
        (None, 0, "generate"),
        (None, 300, "refuse"),  # somebody's data: never emptied
        (OURS, 20_000, "reuse"),
        ({**OURS, "seed": 8}, 20_000, "regenerate"),
        ({**OURS, "orders": 200_000}, 200_000, "regenerate"),
    ],
)
def test_reuse_decision(marker, orders_now, decision):
    assert reuse_decision(CONFIG, marker, orders_now) == decision


def test_given_quick_then_the_defaults_are_20000_orders_and_fewer_repetitions():
    quick = parse_args(["--quick", "--data-dir", "/tmp/unused"])

    assert (quick.orders, quick.consultations, quick.reps) == (20_000, 1_000, 20)
    assert parse_args(["--data-dir", "/tmp/unused"]).orders == 1_000_000
