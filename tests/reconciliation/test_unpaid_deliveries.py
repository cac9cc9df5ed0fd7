"""Delivered COD orders with no payment on any statement (docs/reconciliation.md)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orderdesk.orders.models import Order
from orderdesk.orders.services import payment_record
from orderdesk.orders.status import OrderStatus
from orderdesk.reconciliation.selectors import statement_unpaid_deliveries
from orderdesk.reconciliation.services import statement_confirm
from tests.factories import make_order
from tests.reconciliation.factories import day, import_rows, make_profile

pytestmark = pytest.mark.django_db


def delivered(admin, *, carrier="GHN", days_ago=0, **overrides) -> Order:
    order = make_order(admin, status=OrderStatus.DELIVERED, **overrides)
    when = timezone.now() - timedelta(days=days_ago)
    Order.objects.filter(pk=order.pk).update(carrier=carrier, delivered_at=when)
    return Order.objects.get(pk=order.pk)


def codes(statement) -> list[str]:
    return [order.code for order in statement_unpaid_deliveries(statement)]


def test_given_a_courier_statement_then_delivered_unpaid_orders_it_does_not_name_are_listed(
    admin,
):
    courier = make_profile(admin, method="cod", carrier="ghn", date_window_days=3)
    on_statement = delivered(admin, shipping_fee="1000")  # 301 000
    missing = delivered(admin, days_ago=2)
    delivered(admin, days_ago=6)  # before the statement's period and window
    delivered(admin, carrier="Viettel Post")  # another courier's
    paid = delivered(admin)
    payment_record(code=paid.code, actor=admin, kind="payment", amount="330000", method="cod")
    make_order(admin, status=OrderStatus.SHIPPING)  # not delivered yet

    statement = import_rows(admin, courier, [(day(), "301,000", on_statement.code, "")])

    assert codes(statement) == [missing.code]


def test_given_an_order_on_a_confirmed_statement_with_another_amount_then_not_listed_again(admin):
    courier = make_profile(admin, method="cod")
    short = delivered(admin)
    first = import_rows(admin, courier, [(day(), "300,000", short.code, "short by 30k")])
    statement_confirm(actor=admin, statement_id=first.pk)  # amount differs: nothing recorded

    later = import_rows(admin, courier, [(day(), "5", "other", "")])

    assert codes(later) == []  # it is on a statement, under "amount differs"


def test_given_a_discarded_or_unconfirmed_statement_naming_an_order_then_still_listed(admin):
    courier = make_profile(admin, method="cod")
    order = delivered(admin)
    import_rows(admin, courier, [(day(), "330,000", order.code, "")])  # never confirmed

    later = import_rows(admin, courier, [(day(), "5", "other", "")])

    assert codes(later) == [order.code]


def test_given_a_bank_statement_then_no_delivered_orders_are_listed(admin):
    bank = make_profile(admin, method="bank_transfer")
    delivered(admin)

    statement = import_rows(admin, bank, [(day(), "5", "other", "")])

    assert codes(statement) == []
