"""The staff list's queryset is set up once per process and cloned per page: every page still
sees the orders as they are now, and the shared setup never holds rows."""

import pytest

from orderdesk.orders.selectors import _every_order_listed, order_list_queryset
from tests.factories import make_order

pytestmark = pytest.mark.django_db


def test_given_orders_added_between_two_reads_then_the_second_read_sees_them(admin):
    first = make_order(admin)
    assert [row["code"] for row in order_list_queryset(admin)] == [first.code]

    second = make_order(admin)

    assert {row["code"] for row in order_list_queryset(admin)} == {first.code, second.code}
    assert _every_order_listed()._result_cache is None


def test_given_an_intake_key_then_it_lists_only_its_own_orders(admin, intake):
    make_order(admin)
    own = make_order(intake)

    assert [row["code"] for row in order_list_queryset(intake)] == [own.code]
