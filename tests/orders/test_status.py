"""The order workflow and payment status, as pure functions: no database."""

from decimal import Decimal
from itertools import product

import pytest

from orderdesk.core.errors import Conflict, InvalidTransition
from orderdesk.core.roles import Perm
from orderdesk.orders.status import (
    COMPLETED_STATUSES,
    PaymentStatus,
    allowed_targets,
    check_transition,
    derive_payment_status,
    is_allowed,
    is_overpaid,
    required_permission,
)
from orderdesk.orders.status import OrderStatus as S

ALLOWED = {
    (S.PENDING_CONFIRMATION, S.CONFIRMED),
    (S.PENDING_CONFIRMATION, S.CANCELLED),
    (S.CONFIRMED, S.READY_TO_SHIP),
    (S.CONFIRMED, S.CANCELLED),
    (S.READY_TO_SHIP, S.SHIPPING),
    (S.READY_TO_SHIP, S.CANCELLED),
    (S.SHIPPING, S.DELIVERED),
    (S.SHIPPING, S.CANCELLED),
}
ALL_PAIRS = list(product(S, S))

LABELS = {
    S.PENDING_CONFIRMATION: "Pending Confirmation",
    S.CONFIRMED: "Confirmed",
    S.READY_TO_SHIP: "Ready to Ship",
    S.SHIPPING: "Shipping",
    S.DELIVERED: "Delivered",
    S.CANCELLED: "Cancelled",
}


def pair_id(pair) -> str:
    return f"{pair[0]}->{pair[1]}"


def test_given_the_workflow_then_there_are_six_statuses_with_their_labels():
    assert [s.value for s in S] == [
        "pending_confirmation",
        "confirmed",
        "ready_to_ship",
        "shipping",
        "delivered",
        "cancelled",
    ]
    assert {s: s.label for s in S} == LABELS


@pytest.mark.parametrize("pair", sorted(ALLOWED), ids=pair_id)
def test_given_a_legal_move_when_checked_then_it_is_allowed(pair):
    current, target = pair

    assert is_allowed(current, target)
    assert target in allowed_targets(current)
    check_transition("SO-000001", current, target)  # does not raise


@pytest.mark.parametrize("pair", [p for p in ALL_PAIRS if p not in ALLOWED], ids=pair_id)
def test_given_an_illegal_move_when_checked_then_it_is_refused_naming_order_status_and_target(
    pair,
):
    current, target = pair

    assert not is_allowed(current, target)
    assert target not in allowed_targets(current)
    with pytest.raises(InvalidTransition) as refused:
        check_transition("SO-000042", current, target)

    error = refused.value
    assert isinstance(error, Conflict)
    assert error.code == "order.invalid_transition"
    assert error.http_status == 409
    assert "SO-000042" in error.message
    assert LABELS[current] in error.message
    assert LABELS[target] in error.message
    assert str(error) == error.message


def test_given_the_matrix_then_exactly_eight_of_thirty_six_moves_exist():
    allowed = {pair for pair in ALL_PAIRS if is_allowed(*pair)}
    assert allowed == ALLOWED
    assert len(ALL_PAIRS) == 36


@pytest.mark.parametrize("status", sorted(COMPLETED_STATUSES))
def test_given_a_completed_order_then_it_has_no_way_out(status):
    assert status.is_completed
    assert allowed_targets(status) == []
    for target in S:
        with pytest.raises(InvalidTransition):
            check_transition("SO-000001", status, target)


def test_given_the_statuses_then_only_delivered_and_cancelled_are_completed():
    assert {s for s in S if s.is_completed} == {S.DELIVERED, S.CANCELLED}


def test_given_any_status_then_it_cannot_move_to_itself():
    for status in S:
        assert not is_allowed(status, status)


def expected_permission(current: S, target: S) -> Perm:
    if target == S.CANCELLED:
        return Perm.CANCEL_SHIPPING_ORDERS if current == S.SHIPPING else Perm.CANCEL_ORDERS
    if target == S.CONFIRMED:
        return Perm.CONFIRM_ORDERS
    if target in (S.READY_TO_SHIP, S.SHIPPING, S.DELIVERED):
        return Perm.FULFIL_ORDERS
    # Nothing moves back to Pending Confirmation; asking for it is an edit-level action.
    return Perm.EDIT_ORDERS


@pytest.mark.parametrize("pair", ALL_PAIRS, ids=pair_id)
def test_given_any_pair_then_required_permission_follows_the_action(pair):
    current, target = pair
    assert required_permission(current, target) == expected_permission(current, target)


def test_given_a_shipping_order_then_cancelling_needs_the_shipping_cancel_permission():
    assert required_permission(S.SHIPPING, S.CANCELLED) == Perm.CANCEL_SHIPPING_ORDERS
    for current in (S.PENDING_CONFIRMATION, S.CONFIRMED, S.READY_TO_SHIP):
        assert required_permission(current, S.CANCELLED) == Perm.CANCEL_ORDERS


# --- Payment status ---------------------------------------------------------------------------
D = Decimal


@pytest.mark.parametrize(
    ("total", "paid", "refunded", "expected", "overpaid"),
    [
        (D("330000"), D("0"), D("0"), PaymentStatus.UNPAID, False),
        (D("330000"), D("1"), D("0"), PaymentStatus.PARTIALLY_PAID, False),
        (D("330000"), D("329999"), D("0"), PaymentStatus.PARTIALLY_PAID, False),
        (D("330000"), D("330000"), D("0"), PaymentStatus.PAID, False),
        (D("330000"), D("330001"), D("0"), PaymentStatus.PAID, True),
        (D("330000"), D("660000"), D("0"), PaymentStatus.PAID, True),
        (D("330000"), D("330000"), D("30000"), PaymentStatus.PARTIALLY_REFUNDED, False),
        (D("330000"), D("100000"), D("50000"), PaymentStatus.PARTIALLY_REFUNDED, False),
        (D("330000"), D("330000"), D("330000"), PaymentStatus.REFUNDED, False),
        (D("330000"), D("660000"), D("300000"), PaymentStatus.PARTIALLY_REFUNDED, True),
        (D("19.99"), D("19.98"), D("0"), PaymentStatus.PARTIALLY_PAID, False),
        (D("19.99"), D("19.99"), D("0"), PaymentStatus.PAID, False),
        (D("19.99"), D("20.00"), D("0"), PaymentStatus.PAID, True),
        (D("19.99"), D("19.99"), D("0.01"), PaymentStatus.PARTIALLY_REFUNDED, False),
        (D("19.99"), D("19.99"), D("19.99"), PaymentStatus.REFUNDED, False),
    ],
)
def test_given_a_ledger_then_payment_status_and_overpaid_flag_follow(
    total, paid, refunded, expected, overpaid
):
    assert derive_payment_status(total=total, paid=paid, refunded=refunded) == expected
    assert is_overpaid(total=total, paid=paid, refunded=refunded) is overpaid


def test_given_payment_statuses_then_each_has_a_label():
    assert {s.value: s.label for s in PaymentStatus} == {
        "unpaid": "Unpaid",
        "partially_paid": "Partially paid",
        "paid": "Paid",
        "partially_refunded": "Partially refunded",
        "refunded": "Refunded",
    }
