"""Background bulk jobs: one run holds a job; a dead run's job is taken over and resumed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orderdesk.orders.models import BulkJob, Order
from orderdesk.orders.status import OrderStatus
from orderdesk.orders.tasks import bulk_job_process, bulk_jobs_recover
from tests.factories import assert_counters_match, events, make_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(admin):
    codes = [make_order(admin).code for _ in range(3)]
    return BulkJob.objects.create(
        created_by=admin.user, action="confirm", codes=codes, total=len(codes)
    )


def held_by_another_run(job, *, beat_ago: timedelta, processed: int = 0):
    BulkJob.objects.filter(pk=job.pk).update(
        state=BulkJob.State.RUNNING,
        runner="another-run",
        heartbeat_at=timezone.now() - beat_ago,
        processed=processed,
    )


def test_given_a_queued_job_when_processed_then_each_order_moves_once_and_it_is_done(job):
    assert bulk_job_process(job.pk) is True
    job.refresh_from_db()
    assert (job.state, job.processed, job.succeeded, job.skipped) == ("done", 3, 3, [])
    assert set(Order.objects.values_list("status", flat=True)) == {OrderStatus.CONFIRMED}
    assert_counters_match()


def test_given_a_job_held_by_a_live_run_then_a_second_run_changes_nothing(job):
    held_by_another_run(job, beat_ago=timedelta(seconds=5))

    assert bulk_job_process(job.pk) is False

    assert set(Order.objects.values_list("status", flat=True)) == {OrderStatus.PENDING_CONFIRMATION}
    job.refresh_from_db()
    assert (job.runner, job.processed) == ("another-run", 0)


def test_given_a_run_that_stopped_beating_when_recovered_then_the_job_resumes_where_it_stopped(
    job, admin
):
    # The dead run had confirmed the first order and recorded it, in one transaction.
    from orderdesk.orders.services import order_transition

    order_transition(code=job.codes[0], actor=admin, to=OrderStatus.CONFIRMED)
    held_by_another_run(job, beat_ago=timedelta(minutes=10), processed=1)

    assert bulk_jobs_recover() == [job.pk]  # the test suite's task backend runs it at once

    job.refresh_from_db()
    assert (job.state, job.processed, job.succeeded, job.skipped) == ("done", 3, 2, [])
    for code in job.codes:
        order = Order.objects.get(code=code)
        assert order.status == OrderStatus.CONFIRMED
        assert len(events(order, "status_changed")) == 1
    assert_counters_match()


def test_given_a_live_run_then_recovery_leaves_its_job_alone(job):
    held_by_another_run(job, beat_ago=timedelta(seconds=5))
    assert bulk_jobs_recover() == []
    job.refresh_from_db()
    assert job.runner == "another-run"
