"""Importing, confirming, re-importing: payments go through payment_record with the line as
reference, all or none, and no statement line is ever recorded twice."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from orderdesk.core.errors import Conflict, PermissionDenied
from orderdesk.orders.models import Payment
from orderdesk.orders.services import order_transition, payment_record
from orderdesk.orders.status import OrderStatus, PaymentStatus
from orderdesk.reconciliation.models import Statement, StatementLine
from orderdesk.reconciliation.parsing import StatementFileError
from orderdesk.reconciliation.services import (
    ConfirmRefused,
    statement_confirm,
    statement_discard,
    statement_import,
    statement_rematch,
)
from tests.factories import actor_for, events, make_order, reload, snapshot
from tests.reconciliation.factories import day, import_rows, outcomes

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_orders(admin):
    """Two orders of 330 000 VND: only codes tell them apart."""
    return make_order(admin), make_order(admin)


def rows_for(first, second):
    yesterday = day(timezone.localdate() - timedelta(days=1))
    return [
        (yesterday, "330,000", f"FT1 {first.code}", "Nguyen Van An"),
        (day(), "330,000", "FT2", f"thanh toan {second.code.lower().replace('-', '')}"),
        (day(), "99,000", "FT3", "unknown"),
    ]


def test_given_matched_lines_when_confirmed_then_payments_through_the_service(
    admin, bank, two_orders
):
    first, second = two_orders
    statement = import_rows(admin, bank, rows_for(first, second))

    confirmed = statement_confirm(actor=admin, statement_id=statement.pk)

    assert confirmed.status == Statement.Status.CONFIRMED
    assert (confirmed.recorded_count, confirmed.recorded_total) == (2, Decimal("660000"))
    payments = list(Payment.objects.order_by("id"))
    assert [(p.order_id, p.amount, p.method, p.kind) for p in payments] == [
        (first.pk, Decimal("330000"), "bank_transfer", "payment"),
        (second.pk, Decimal("330000"), "bank_transfer", "payment"),
    ]
    assert payments[0].reference == f"FT1 {first.code} (statement {statement.pk}, line 2)"
    assert payments[1].reference == f"FT2 (statement {statement.pk}, line 3)"
    assert timezone.localtime(payments[0].paid_at).date() == timezone.localdate() - timedelta(1)
    assert payments[0].recorded_by == admin.user
    assert reload(first).payment_status == PaymentStatus.PAID
    assert len(events(first, "payment_recorded")) == 1
    assert [line.payment_id for line in statement.lines.order_by("line_number")] == [
        payments[0].pk,
        payments[1].pk,
        None,
    ]


def test_given_the_same_file_imported_again_then_every_line_is_already_recorded(
    admin, bank, two_orders
):
    rows = rows_for(*two_orders)
    statement_confirm(actor=admin, statement_id=import_rows(admin, bank, rows).pk)
    before = snapshot()

    again = import_rows(admin, bank, rows)
    statement_confirm(actor=admin, statement_id=again.pk)

    assert [outcome for _line, outcome, _code in outcomes(again)] == [
        "already_recorded",
        "already_recorded",
        "unmatched",
    ]
    assert again.lines.get(line_number=2).note == f"Recorded from statement {again.pk - 1}, line 2."
    assert again.recorded_count == 0
    assert snapshot() == before


def test_given_an_overlapping_file_when_imported_then_only_new_lines_are_recorded(
    admin, bank, two_orders
):
    first, second = two_orders
    third = make_order(admin, shipping_fee="45000")  # 345 000
    rows = rows_for(first, second)
    statement_confirm(actor=admin, statement_id=import_rows(admin, bank, rows[:2]).pk)

    # The bank's next export starts a day earlier; its row numbers and order differ.
    overlapping = [(day(), "345,000", third.code, ""), *reversed(rows)]
    statement = import_rows(admin, bank, overlapping)
    statement_confirm(actor=admin, statement_id=statement.pk)

    assert outcomes(statement) == [
        (2, "matched", third.code),
        (3, "unmatched", None),
        (4, "already_recorded", None),
        (5, "already_recorded", None),
    ]
    assert Payment.objects.count() == 3
    assert reload(third).payment_status == PaymentStatus.PAID


def test_given_two_equal_transfers_in_one_file_then_both_count_and_neither_twice(admin, bank):
    order = make_order(admin, shipping_fee="0")  # 300 000, paid in two halves
    half = (day(), "150,000", order.code, "")
    statement = import_rows(admin, bank, [half, half])

    assert outcomes(statement) == [
        (2, "amount_differs", order.code),
        (3, "amount_differs", order.code),
    ]
    payment_record(code=order.code, actor=admin, kind="payment", amount="150000", method="cash")
    statement_rematch(actor=admin, statement_id=statement.pk)

    assert outcomes(statement)[0] == (2, "matched", order.code)
    assert len(set(statement.lines.values_list("fingerprint", flat=True))) == 2


def test_given_an_order_cancelled_after_matching_when_confirmed_then_nothing_is_recorded(
    admin, bank, two_orders
):
    first, second = two_orders
    statement = import_rows(admin, bank, rows_for(first, second))
    order_transition(code=second.code, actor=admin, to=OrderStatus.CANCELLED, reason="Gone")
    before = snapshot()

    with pytest.raises(ConfirmRefused) as refused:
        statement_confirm(actor=admin, statement_id=statement.pk)

    assert refused.value.message.startswith("Nothing was recorded.")
    assert f"Line 3: {second.code} was cancelled meanwhile." in refused.value.message
    assert snapshot() == before
    assert Statement.objects.get(pk=statement.pk).status == Statement.Status.REVIEW
    assert not StatementLine.objects.filter(payment__isnull=False).exists()


def test_given_a_payment_recorded_by_hand_after_matching_when_confirmed_then_refused(
    admin, bank, two_orders
):
    first, second = two_orders
    statement = import_rows(admin, bank, rows_for(first, second))
    payment_record(code=first.code, actor=admin, kind="payment", amount="330000", method="cash")
    before = snapshot()

    with pytest.raises(ConfirmRefused, match=r"balance due of SO-\d+ is now 0, not 330,000\."):
        statement_confirm(actor=admin, statement_id=statement.pk)

    assert snapshot() == before
    statement_rematch(actor=admin, statement_id=statement.pk)
    assert outcomes(statement)[0] == (2, "amount_differs", first.code)
    statement_confirm(actor=admin, statement_id=statement.pk)
    assert Payment.objects.filter(order=second).count() == 1


def test_given_a_statement_confirmed_or_discarded_when_confirmed_again_then_conflict(
    admin, bank, two_orders
):
    statement = import_rows(admin, bank, rows_for(*two_orders))
    statement_confirm(actor=admin, statement_id=statement.pk)
    other = import_rows(admin, bank, [(day(), "1", "x", "")])
    statement_discard(actor=admin, statement_id=other.pk)

    for statement_id in (statement.pk, other.pk):
        with pytest.raises(Conflict, match="is already"):
            statement_confirm(actor=admin, statement_id=statement_id)
        with pytest.raises(Conflict):
            statement_rematch(actor=admin, statement_id=statement_id)
    assert Payment.objects.count() == 2


def test_given_two_uploads_of_one_file_when_both_confirmed_then_the_second_is_refused(
    admin, bank, two_orders
):
    rows = rows_for(*two_orders)
    first, second = import_rows(admin, bank, rows), import_rows(admin, bank, rows)
    statement_confirm(actor=admin, statement_id=first.pk)

    with pytest.raises(ConfirmRefused, match=f"recorded meanwhile from statement {first.pk}"):
        statement_confirm(actor=admin, statement_id=second.pk)

    assert Payment.objects.count() == 2


@pytest.mark.parametrize("role", ["sales", "customer_care"])
def test_given_a_role_without_reconciliation_then_every_command_is_refused(
    admin, bank, two_orders, role
):
    actor = actor_for(role)
    statement = import_rows(admin, bank, rows_for(*two_orders))
    data = b"Date,Amount,Reference\r\n01/01/2026,1,x\r\n"

    with pytest.raises(PermissionDenied):
        statement_import(actor=actor, profile_id=bank.pk, file_name="x.csv", data=data)
    for command in (statement_confirm, statement_rematch, statement_discard):
        with pytest.raises(PermissionDenied):
            command(actor=actor, statement_id=statement.pk)
    assert not Payment.objects.exists()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"Date,Amount,Reference,Description\r\n26/11/2026,12;5,SO-000001,\r\n", "Amount"),
        (b"Date,Amount,Reference,Description\r\n2026-11-26,100,SO-000001,\r\n", "Date"),
        (b"Date,Total,Reference,Description\r\n26/11/2026,100,SO-000001,\r\n", "Amount"),
        (
            "Date,Amount,Reference,Description\r\n26/11/2026,100,x,Thanh toán\r\n".encode("cp1258"),
            "Description",
        ),
    ],
)
def test_given_a_bad_file_when_imported_then_refused_and_nothing_is_kept(
    admin, bank, data, problem
):
    make_order(admin)
    before = snapshot()

    with pytest.raises(StatementFileError, match=f"Line [12], column {problem}:"):
        statement_import(actor=admin, profile_id=bank.pk, file_name="bad.csv", data=data)

    assert snapshot() == before
    assert not Statement.objects.exists()
    assert not StatementLine.objects.exists()
