"""order_transition: legal moves, refused moves, reasons, versions, counters and the timeline."""

import pytest

from orderdesk.core.errors import InvalidTransition, NotFound, ValidationFailed, VersionMismatch
from orderdesk.orders.selectors import order_status_counts
from orderdesk.orders.services import (
    order_cancel,
    order_confirm,
    order_deliver,
    order_mark_ready_to_ship,
    order_ship,
    order_transition,
)
from orderdesk.orders.status import REACHED_AT_FIELD, TRANSITIONS, OrderStatus, is_allowed
from tests.factories import (
    assert_counters_match,
    events,
    make_order,
    reload,
    snapshot,
)

pytestmark = pytest.mark.django_db

S = OrderStatus


@pytest.mark.parametrize("move", sorted(TRANSITIONS), ids=lambda m: f"{m[0]}->{m[1]}")
def test_given_a_legal_move_when_admin_moves_then_status_event_counters_and_version_follow(
    admin, move
):
    current, target = move
    order = make_order(admin, status=current)
    counts_before = order_status_counts()
    events_before = len(events(order))

    order_transition(code=order.code, actor=admin, to=target, reason="Because")

    stored = reload(order)
    assert stored.status == target
    assert stored.version == order.version + 1
    assert stored.status_changed_at >= order.status_changed_at
    assert getattr(stored, REACHED_AT_FIELD[target]) == stored.status_changed_at
    timeline = events(stored)
    assert len(timeline) == events_before + 1
    event = timeline[-1]
    assert event.type == "status_changed"
    assert event.data["from"] == current
    assert event.data["to"] == target
    assert event.actor_label == admin.user.get_username()
    counts_after = order_status_counts()
    assert counts_after[current] == counts_before[current] - 1
    assert counts_after[target] == counts_before[target] + 1
    assert counts_after["all"] == counts_before["all"]
    assert_counters_match()


def test_given_the_happy_path_then_the_timeline_tells_it_in_order(admin):
    order = make_order(admin)

    order_confirm(code=order.code, actor=admin)
    order_mark_ready_to_ship(code=order.code, actor=admin)
    order_ship(code=order.code, actor=admin, carrier="GHN", tracking_number="GHN123456VN")
    order_deliver(code=order.code, actor=admin)

    stored = reload(order)
    assert stored.status == S.DELIVERED
    assert stored.is_completed
    assert stored.carrier == "GHN"
    assert stored.tracking_number == "GHN123456VN"
    assert "ghn123456vn" in stored.search_text
    moves = [(e.data["from"], e.data["to"]) for e in events(stored, "status_changed")]
    assert moves == [
        (S.PENDING_CONFIRMATION, S.CONFIRMED),
        (S.CONFIRMED, S.READY_TO_SHIP),
        (S.READY_TO_SHIP, S.SHIPPING),
        (S.SHIPPING, S.DELIVERED),
    ]
    shipped = events(stored, "status_changed")[2]
    assert shipped.data["carrier"] == "GHN"
    assert shipped.data["tracking_number"] == "GHN123456VN"
    assert [e.type for e in events(stored)] == ["created"] + ["status_changed"] * 4


@pytest.mark.parametrize("reason", ["", "   "])
def test_given_no_reason_when_cancelled_then_refused_and_nothing_changes(admin, reason):
    order = make_order(admin)
    before = snapshot()

    with pytest.raises(ValidationFailed) as refused:
        order_cancel(code=order.code, actor=admin, reason=reason)

    assert [e["field"] for e in refused.value.errors] == ["reason"]
    assert snapshot() == before


def test_given_a_reason_when_cancelled_then_it_is_stored_and_in_the_event(admin):
    order = make_order(admin, status=S.CONFIRMED)

    order_cancel(code=order.code, actor=admin, reason="  Out of stock ")

    stored = reload(order)
    assert stored.status == S.CANCELLED
    assert stored.cancel_reason == "Out of stock"
    assert stored.cancelled_at is not None
    assert events(stored, "status_changed")[-1].data["reason"] == "Out of stock"


@pytest.mark.parametrize(
    ("current", "target"),
    [(c, t) for c in S for t in S if not is_allowed(c, t)],
    ids=lambda s: str(s),
)
def test_given_an_illegal_move_when_admin_moves_then_invalid_transition_and_nothing_changes(
    admin, current, target
):
    order = make_order(admin, status=current)
    before = snapshot()

    with pytest.raises(InvalidTransition) as refused:
        order_transition(code=order.code, actor=admin, to=target, reason="Because")

    assert refused.value.code == "order.invalid_transition"
    assert refused.value.http_status == 409
    assert order.code in refused.value.message
    assert current.label in refused.value.message
    assert target.label in refused.value.message
    assert snapshot() == before


def test_given_an_unknown_status_then_validation_error_on_to(admin):
    order = make_order(admin)
    with pytest.raises(ValidationFailed) as refused:
        order_transition(code=order.code, actor=admin, to="lost_in_space")
    assert [e["field"] for e in refused.value.errors] == ["to"]


def test_given_an_unknown_code_then_not_found(admin):
    with pytest.raises(NotFound) as refused:
        order_confirm(code="SO-999999", actor=admin)
    assert refused.value.code == "order.not_found"
    assert refused.value.http_status == 404


def test_given_a_lower_case_code_with_spaces_then_the_order_is_found(admin):
    order = make_order(admin)
    order_confirm(code=f"  {order.code.lower()} ", actor=admin)
    assert reload(order).status == S.CONFIRMED


def test_given_a_stale_version_when_moved_then_version_mismatch_and_nothing_changes(admin):
    order = make_order(admin)
    order_confirm(code=order.code, actor=admin)  # version 2
    before = snapshot()

    with pytest.raises(VersionMismatch) as refused:
        order_mark_ready_to_ship(code=order.code, actor=admin, expected_version=1)

    assert refused.value.http_status == 412
    assert snapshot() == before


def test_given_the_current_version_when_moved_then_accepted(admin):
    order = make_order(admin)
    order_confirm(code=order.code, actor=admin, expected_version=1)
    order_mark_ready_to_ship(code=order.code, actor=admin, expected_version=2)
    assert reload(order).status == S.READY_TO_SHIP
