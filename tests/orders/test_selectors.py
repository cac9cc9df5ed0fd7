"""Who sees which orders, and the status counters."""

import pytest

from orderdesk.core.actor import Actor
from orderdesk.core.errors import NotFound
from orderdesk.orders.selectors import order_get, order_status_counts, order_visible_queryset
from orderdesk.orders.status import OrderStatus
from tests.factories import actor_for, make_order, real_order_counts

pytestmark = pytest.mark.django_db


def test_given_an_intake_key_then_it_sees_only_the_orders_it_created(admin, intake):
    other_key = actor_for("intake")
    own = make_order(intake)
    foreign = make_order(other_key)
    staff_made = make_order(admin)

    visible = set(order_visible_queryset(intake).values_list("code", flat=True))

    assert visible == {own.code}
    assert order_get(code=own.code, actor=intake) == own
    for hidden in (foreign, staff_made):
        with pytest.raises(NotFound) as refused:
            order_get(code=hidden.code, actor=intake)
        assert refused.value.code == "order.not_found"
        assert refused.value.http_status == 404


@pytest.mark.parametrize("role", ["admin", "operations", "sales", "customer_care"])
def test_given_a_staff_role_then_it_sees_every_order(admin, intake, role):
    orders = [make_order(admin), make_order(intake)]
    actor = actor_for(role)

    visible = set(order_visible_queryset(actor).values_list("code", flat=True))

    assert {order.code for order in orders} <= visible
    for order in orders:
        assert order_get(code=order.code, actor=actor) == order


def test_given_a_hidden_and_a_missing_order_then_the_errors_are_alike(admin, intake):
    hidden = make_order(admin)

    with pytest.raises(NotFound) as hidden_error:
        order_get(code=hidden.code, actor=intake)
    with pytest.raises(NotFound) as missing_error:
        order_get(code="SO-999999", actor=intake)

    assert hidden_error.value.code == missing_error.value.code
    assert hidden_error.value.http_status == missing_error.value.http_status


def test_given_an_anonymous_actor_then_nothing_is_visible(admin):
    make_order(admin)
    assert not order_visible_queryset(Actor()).exists()


def test_given_orders_in_several_statuses_then_counts_equal_real_counts(admin):
    for status in OrderStatus:
        make_order(admin, status=status)
    make_order(admin, status=OrderStatus.CONFIRMED)

    counts = order_status_counts()

    assert counts == real_order_counts()
    assert counts["confirmed"] >= 2
    assert counts["all"] == sum(counts[s] for s in OrderStatus)


S = OrderStatus
AVAILABLE = {
    # (role, status): the moves that role may make from that status, in the matrix's terms.
    ("admin", S.PENDING_CONFIRMATION): [S.CONFIRMED, S.CANCELLED],
    ("admin", S.SHIPPING): [S.DELIVERED, S.CANCELLED],
    ("operations", S.CONFIRMED): [S.READY_TO_SHIP, S.CANCELLED],
    ("operations", S.SHIPPING): [S.DELIVERED, S.CANCELLED],
    ("sales", S.PENDING_CONFIRMATION): [S.CONFIRMED, S.CANCELLED],
    ("sales", S.CONFIRMED): [S.CANCELLED],
    ("sales", S.READY_TO_SHIP): [S.CANCELLED],
    ("sales", S.SHIPPING): [],
    ("customer_care", S.PENDING_CONFIRMATION): [S.CANCELLED],
    ("customer_care", S.READY_TO_SHIP): [S.CANCELLED],
    ("customer_care", S.SHIPPING): [],
    ("intake", S.PENDING_CONFIRMATION): [],
    ("admin", S.DELIVERED): [],
    ("admin", S.CANCELLED): [],
}


@pytest.mark.parametrize(("role", "status"), list(AVAILABLE), ids=str)
def test_given_a_role_and_a_status_then_available_moves_are_legal_and_permitted(
    admin, role, status
):
    from orderdesk.orders.selectors import order_available_moves

    order = make_order(admin, status=status)

    moves = order_available_moves(order, actor_for(role))

    assert sorted(moves) == sorted(AVAILABLE[(role, status)])
