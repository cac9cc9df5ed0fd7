"""Keyset pages over rows that tie on the sort column: every order once, in (sort, id) order."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orderdesk.orders.listing import SORTS, OrderQuery, order_list_page
from orderdesk.orders.models import Order
from tests.factories import make_order

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("sort", list(SORTS))
def test_walking_pages_of_two_through_ties_visits_every_order_once_in_order(admin, sort):
    moment = timezone.now().replace(microsecond=0)
    for index in range(7):
        order = make_order(admin, shipping_fee=str(index % 2))  # totals tie in pairs
        # Three orders share each creation and update time: ties on every date sort.
        at = moment - timedelta(minutes=index // 3)
        Order.objects.filter(pk=order.pk).update(created_at=at, updated_at=at)
    key = SORTS[sort]
    expected = list(Order.objects.order_by(*key.order_by).values_list("code", flat=True))
    seen, cursor = [], None
    while True:
        page, cursor = order_list_page(
            Order.objects.all(), OrderQuery(sort=sort), cursor=cursor, limit=2
        )
        seen += [order.code for order in page]
        if cursor is None:
            break
    assert seen == expected
