"""Confirming at the same moment as someone else (PostgreSQL row locks): two uploads of one
file, one statement twice, a cancel racing a confirm. Never a payment twice, never half a
statement, never a database error."""

import pytest
from django.contrib.auth import get_user_model

from orderdesk.core.actor import Actor
from orderdesk.orders.models import Payment
from orderdesk.orders.services import order_cancel
from orderdesk.reconciliation.models import Statement, StatementLine
from orderdesk.reconciliation.services import statement_confirm
from tests.factories import make_order, make_user
from tests.orders.services.test_concurrency import outcome, run_together
from tests.reconciliation.factories import day, import_rows, make_profile

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def admin_id(transactional_db, django_db_serialized_rollback):
    return make_user("admin").pk


def actor_in_thread(user_id: int) -> Actor:
    return Actor.for_user(get_user_model().objects.get(pk=user_id))


def confirm_as(user_id: int, statement_id: int):
    return lambda: statement_confirm(actor=actor_in_thread(user_id), statement_id=statement_id)


def statement_of_orders(actor, profile, orders):
    return import_rows(actor, profile, [(day(), "330,000", order.code, "") for order in orders])


def test_given_two_uploads_of_one_file_when_confirmed_at_once_then_each_line_paid_once(admin_id):
    actor = actor_in_thread(admin_id)
    profile = make_profile(actor)
    orders = [make_order(actor) for _ in range(5)]
    first = statement_of_orders(actor, profile, orders)
    second = statement_of_orders(actor, profile, orders)

    wins, errors = outcome(
        run_together(confirm_as(admin_id, first.pk), confirm_as(admin_id, second.pk))
    )

    assert (len(wins), len(errors)) == (1, 1)
    assert errors[0].message.startswith("Nothing was recorded.")
    assert Payment.objects.count() == 5
    assert StatementLine.objects.filter(payment__isnull=False).count() == 5
    statuses = sorted(Statement.objects.values_list("status", flat=True))
    assert statuses == ["confirmed", "review"]


def test_given_one_statement_when_confirmed_twice_at_once_then_recorded_once(admin_id):
    actor = actor_in_thread(admin_id)
    statement = statement_of_orders(actor, make_profile(actor), [make_order(actor)])

    wins, errors = outcome(
        run_together(confirm_as(admin_id, statement.pk), confirm_as(admin_id, statement.pk))
    )

    assert (len(wins), len(errors)) == (1, 1)
    assert "already confirmed" in errors[0].message
    assert Payment.objects.count() == 1


def test_given_a_cancel_racing_a_confirm_then_either_paid_then_cancelled_or_nothing_recorded(
    admin_id,
):
    actor = actor_in_thread(admin_id)
    orders = [make_order(actor) for _ in range(3)]
    statement = statement_of_orders(actor, make_profile(actor), orders)

    def cancel():
        return order_cancel(code=orders[1].code, actor=actor_in_thread(admin_id), reason="Gone")

    results = run_together(confirm_as(admin_id, statement.pk), cancel)

    (confirm_kind, confirm_result), (cancel_kind, _cancelled) = results
    assert cancel_kind == "ok", cancel_kind
    if confirm_kind == "ok":
        assert Payment.objects.count() == 3
    else:
        assert "was cancelled meanwhile" in confirm_result.message
        assert Payment.objects.count() == 0
        assert Statement.objects.get(pk=statement.pk).status == "review"
