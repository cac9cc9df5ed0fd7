"""Large statements are confirmed by the background worker: all or nothing just the same, the
statement says why when nothing was recorded, and nothing else may touch it meanwhile.
(Tests run tasks at once, inside the request: ORDERDESK_TASK_BACKEND=immediate.)"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from orderdesk.core.errors import Conflict
from orderdesk.orders.models import Payment
from orderdesk.orders.services import order_cancel
from orderdesk.reconciliation.models import Statement
from orderdesk.reconciliation.services import (
    confirmation,
    statement_confirm_request,
    statement_discard,
    statement_rematch,
)
from orderdesk.reconciliation.tasks import statement_confirm_run
from tests.factories import make_order, snapshot
from tests.reconciliation.factories import day, import_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_inline_limit(monkeypatch):
    monkeypatch.setattr(confirmation, "CONFIRM_INLINE_LIMIT", 1)


@pytest.fixture
def orders(admin):
    return [make_order(admin) for _ in range(3)]


@pytest.fixture
def statement(admin, bank, orders):
    return import_rows(admin, bank, [(day(), "330,000", order.code, "") for order in orders])


def reloaded(statement) -> Statement:
    return Statement.objects.get(pk=statement.pk)


def test_given_more_matches_than_the_inline_limit_when_confirmed_then_the_worker_records_all(
    admin, statement, small_inline_limit
):
    result = statement_confirm_request(actor=admin, statement_id=statement.pk)

    assert result.status == Statement.Status.CONFIRMED
    assert (result.recorded_count, result.confirm_queued_at, result.confirm_error) == (3, None, "")
    assert Payment.objects.count() == 3


def test_given_a_queued_confirmation_that_fails_then_the_statement_says_why_and_is_free(
    admin, statement, orders, small_inline_limit
):
    order_cancel(code=orders[2].code, actor=admin, reason="Gone")
    before = snapshot()

    result = statement_confirm_request(actor=admin, statement_id=statement.pk)

    assert result.status == Statement.Status.REVIEW
    assert result.confirm_queued_at is None
    assert f"Line 4: {orders[2].code} was cancelled meanwhile." in result.confirm_error
    assert snapshot() == before
    statement_rematch(actor=admin, statement_id=statement.pk)  # free again
    assert reloaded(statement).confirm_error == ""


def test_given_a_confirmation_on_its_way_then_nothing_else_may_change_the_statement(
    admin, statement
):
    Statement.objects.filter(pk=statement.pk).update(
        confirm_queued_at=timezone.now(), confirm_queued_by=admin.user
    )

    for command in (statement_confirm_request, statement_rematch, statement_discard):
        with pytest.raises(Conflict, match="being recorded in the background"):
            command(actor=admin, statement_id=statement.pk)

    statement_confirm_run.call(statement.pk)  # the worker's turn
    assert reloaded(statement).status == Statement.Status.CONFIRMED


def test_given_a_confirmation_queued_long_ago_and_lost_then_the_statement_is_free_again(
    admin, statement
):
    Statement.objects.filter(pk=statement.pk).update(
        confirm_queued_at=timezone.now() - timedelta(hours=1), confirm_queued_by=admin.user
    )

    statement_discard(actor=admin, statement_id=statement.pk)

    assert reloaded(statement).status == Statement.Status.DISCARDED
    statement_confirm_run.call(statement.pk)  # a late worker finds nothing to do
    assert not Payment.objects.exists()


def test_given_a_queued_failure_when_confirmed_from_the_page_then_the_reason_is_shown(
    client_for, admin, statement, orders, small_inline_limit
):
    order_cancel(code=orders[0].code, actor=admin, reason="Gone")
    url = reverse("reconciliation:confirm", kwargs={"statement_id": statement.pk})

    page = client_for("operations").post(url, follow=True).content.decode()

    assert "Nothing was recorded." in page
    assert f"{orders[0].code} was cancelled meanwhile." in page


def test_given_the_page_polling_while_recording_then_it_reloads_once_done(
    client_for, admin, statement
):
    client = client_for("operations")
    url = statement.get_absolute_url()
    Statement.objects.filter(pk=statement.pk).update(
        confirm_queued_at=timezone.now(), confirm_queued_by=admin.user
    )

    polling = client.get(url, headers={"HX-Request": "true"})
    statement_confirm_run.call(statement.pk)
    done = client.get(url, headers={"HX-Request": "true"})

    assert polling.status_code == 200
    assert "Recording 3 payments in the background" in polling.content.decode()
    assert 'hx-trigger="every 3s"' in polling.content.decode()
    assert done.headers.get("HX-Refresh") == "true"
