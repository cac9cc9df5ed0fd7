"""Matching lines to orders: by code (any spelling), then by exact amount within the date
window; ambiguity, other orders' claims and differing amounts are shown, never guessed."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from orderdesk.orders.models import Order
from orderdesk.orders.services import payment_record
from orderdesk.orders.status import OrderStatus
from orderdesk.reconciliation.models import StatementLine
from tests.factories import item_in, make_order
from tests.reconciliation.factories import day, import_rows, make_profile, outcomes

pytestmark = pytest.mark.django_db


def order_of(admin, amount: str, **overrides) -> Order:
    """An order whose total is `amount` (no shipping fee)."""
    return make_order(admin, items=[item_in(unit_price=amount, quantity=1)], shipping_fee="0",
                      **overrides)  # fmt: skip


def dated(order: Order, *, created_days_ago: int = 0, delivered_days_ago: int | None = None):
    now = timezone.now()
    changes = {"created_at": now - timedelta(days=created_days_ago)}
    if delivered_days_ago is not None:
        changes["delivered_at"] = now - timedelta(days=delivered_days_ago)
    Order.objects.filter(pk=order.pk).update(**changes)


def only_line(statement) -> StatementLine:
    (line,) = statement.lines.select_related("order")
    return line


# --- By code -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("reference", "description"),
    [("{code}", ""), ("FT2611", "thanh toan {lower}"), ("", "CK {nodash} cam on")],
)
def test_given_a_code_in_reference_or_description_any_spelling_when_matched_then_that_order(
    admin, bank, reference, description
):
    order = order_of(admin, "330000")
    spell = {"code": order.code, "lower": order.code.lower(), "nodash": order.code.replace("-", "")}
    rows = [(day(), "330,000", reference.format(**spell), description.format(**spell))]

    line = only_line(import_rows(admin, bank, rows))

    assert (line.outcome, line.matched_by, line.order_id) == ("matched", "code", order.pk)
    assert line.balance_due == Decimal("330000")


def test_given_an_order_code_column_when_matched_then_it_names_the_order(admin):
    profile = make_profile(admin, order_code_column="Order")
    order = order_of(admin, "330000")
    header = ("Date", "Amount", "Reference", "Description", "Order")

    statement = import_rows(admin, profile, [(day(), "330000", "R", "", order.code)], header=header)

    assert outcomes(statement) == [(2, "matched", order.code)]


def test_given_the_order_code_column_and_another_code_in_the_text_then_the_column_wins(admin):
    profile = make_profile(admin, order_code_column="Order")
    order, other = order_of(admin, "330000"), order_of(admin, "120000")
    header = ("Date", "Amount", "Reference", "Description", "Order")
    row = (day(), "330000", f"refund of {other.code}", "", order.code.lower())

    statement = import_rows(admin, profile, [row], header=header)

    assert outcomes(statement) == [(2, "matched", order.code)]


def test_given_a_code_inside_a_longer_number_when_matched_then_not_that_order(admin, bank):
    order = order_of(admin, "330000")
    make_order(admin)  # another order of 330 000: the amount alone is ambiguous
    reference = "9" + order.code.replace("-", "")

    line = only_line(import_rows(admin, bank, [(day(), "330000", reference, "")]))

    assert line.outcome == "unmatched"
    assert line.reason == "ambiguous"


def test_given_an_amount_other_than_the_balance_when_matched_by_code_then_amount_differs(
    admin, bank
):
    order = order_of(admin, "330000")

    line = only_line(import_rows(admin, bank, [(day(), "300,000", order.code, "")]))

    assert (line.outcome, line.order_id) == ("amount_differs", order.pk)
    assert (line.balance_due, line.difference) == (Decimal("330000"), Decimal("-30000"))
    assert "not the balance due" in line.note


def test_given_a_partly_paid_order_when_the_rest_arrives_then_matched_against_the_balance(
    admin, bank
):
    order = order_of(admin, "330000")
    payment_record(code=order.code, actor=admin, kind="payment", amount="30000", method="cash")

    line = only_line(import_rows(admin, bank, [(day(), "300,000", order.code, "")]))

    assert (line.outcome, line.balance_due) == ("matched", Decimal("300000"))


def test_given_two_lines_paying_one_order_when_matched_then_the_second_differs(admin, bank):
    order = order_of(admin, "330000")
    rows = [(day(), "330000", order.code, ""), (day(), "330000", order.code, "again")]

    statement = import_rows(admin, bank, rows)

    assert outcomes(statement) == [(2, "matched", order.code), (3, "amount_differs", order.code)]
    assert statement.lines.get(line_number=3).balance_due == 0


def test_given_a_cancelled_order_when_named_then_unmatched_with_the_reason(admin, bank):
    order = order_of(admin, "330000", status=OrderStatus.CANCELLED)

    line = only_line(import_rows(admin, bank, [(day(), "330000", order.code, "")]))

    assert (line.outcome, line.order_id, line.reason) == ("unmatched", order.pk, "cancelled")
    assert line.note == f"{order.code} is cancelled."


def test_given_an_order_in_another_currency_when_named_then_unmatched(admin, bank):
    order = make_order(admin, currency="USD")

    line = only_line(import_rows(admin, bank, [(day(), "330000", order.code, "")]))

    assert (line.outcome, line.reason) == ("unmatched", "other_currency")


def test_given_a_line_naming_two_orders_when_matched_then_left_for_a_person(admin, bank):
    first, second = order_of(admin, "100000"), order_of(admin, "230000")

    line = only_line(
        import_rows(admin, bank, [(day(), "330000", f"{first.code} {second.code}", "")])
    )

    assert (line.outcome, line.reason) == ("unmatched", "several_codes")
    assert line.reason_data == {"codes": [first.code, second.code]}


# --- By amount and date ------------------------------------------------------------------------
def test_given_no_code_and_one_open_order_of_that_amount_today_then_matched_by_amount(admin, bank):
    order = order_of(admin, "412000")
    order_of(admin, "330000")

    line = only_line(import_rows(admin, bank, [(day(), "412,000", "FT99", "chuyen tien")]))

    assert (line.outcome, line.matched_by, line.order_id) == ("matched", "amount_date", order.pk)


def test_given_an_order_created_outside_the_window_then_not_matched_by_amount(admin, bank):
    order = order_of(admin, "412000")
    dated(order, created_days_ago=10)

    line = only_line(import_rows(admin, bank, [(day(), "412000", "FT99", "")]))

    assert (line.outcome, line.reason) == ("unmatched", "no_order")


def test_given_an_old_order_delivered_within_the_window_then_matched_by_amount(admin):
    courier = make_profile(admin, method="cod", date_window_days=2)
    order = order_of(admin, "412000", status=OrderStatus.DELIVERED)
    dated(order, created_days_ago=30, delivered_days_ago=2)

    line = only_line(import_rows(admin, courier, [(day(), "412000", "GHN-1", "")]))

    assert (line.outcome, line.order_id) == ("matched", order.pk)


def test_given_two_open_orders_of_the_amount_when_matched_then_ambiguous_not_guessed(admin, bank):
    first, second = order_of(admin, "412000"), order_of(admin, "412000")

    line = only_line(import_rows(admin, bank, [(day(), "412000", "FT99", "")]))

    assert (line.outcome, line.reason, line.order_id) == ("unmatched", "ambiguous", None)
    assert line.reason_data == {"codes": sorted([first.code, second.code])}


def test_given_two_lines_fitting_the_one_order_when_matched_then_neither_is_chosen(admin, bank):
    order = order_of(admin, "412000")

    statement = import_rows(admin, bank, [(day(), "412000", "A", ""), (day(), "412000", "B", "")])

    assert outcomes(statement) == [(2, "unmatched", None), (3, "unmatched", None)]
    assert {line.reason_data["code"] for line in statement.lines.all()} == {order.code}


def test_given_a_paid_or_cancelled_order_of_the_amount_then_it_is_no_candidate(admin, bank):
    paid = order_of(admin, "412000")
    payment_record(code=paid.code, actor=admin, kind="payment", amount="412000", method="cash")
    order_of(admin, "412000", status=OrderStatus.CANCELLED)

    line = only_line(import_rows(admin, bank, [(day(), "412000", "FT99", "")]))

    assert line.reason == "no_order"


def test_given_an_order_matched_by_code_then_another_line_cannot_take_it_by_amount(admin, bank):
    order = order_of(admin, "412000")
    rows = [(day(), "412000", order.code, ""), (day(), "412000", "no code", "")]

    statement = import_rows(admin, bank, rows)

    assert outcomes(statement) == [(2, "matched", order.code), (3, "unmatched", None)]


def test_given_an_unknown_code_when_one_order_fits_the_amount_then_matched_by_amount(admin, bank):
    order = order_of(admin, "412000")

    line = only_line(import_rows(admin, bank, [(day(), "412000", "SO-999999", "")]))

    assert (line.outcome, line.matched_by, line.order_id) == ("matched", "amount_date", order.pk)


def test_given_an_unknown_code_and_no_amount_match_then_the_code_is_named(admin, bank):
    line = only_line(import_rows(admin, bank, [(day(), "412000", "SO-999999", "")]))

    assert (line.outcome, line.reason) == ("unmatched", "code_not_found")
    assert "SO-999999" in line.note


@pytest.mark.parametrize("amount", ["0", "-412,000", "(412,000)"])
def test_given_money_going_out_when_matched_then_not_a_payment(admin, bank, amount):
    order = order_of(admin, "412000")

    line = only_line(import_rows(admin, bank, [(day(), amount, order.code, "")]))

    assert (line.outcome, line.reason, line.order_id) == ("unmatched", "not_a_payment", None)


# --- Batched -----------------------------------------------------------------------------------
def test_given_many_lines_when_imported_then_the_queries_do_not_grow_with_the_lines(admin, bank):
    orders = [order_of(admin, str(100000 + n)) for n in range(5)]

    def queries_for(count: int) -> int:
        rows = [(day(), str(100000 + n % 7), orders[n % 5].code if n % 2 else "x", "")
                for n in range(count)]  # fmt: skip
        with CaptureQueriesContext(connection) as captured:
            import_rows(admin, bank, rows)
        return len(captured)

    assert queries_for(1500) <= queries_for(30) + 6  # a few more IN-batches, never one per line
