"""Housekeeping: expired records go, exports whose worker died stop showing as running."""

from datetime import timedelta

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from orderdesk.core.actor import Actor
from orderdesk.core.housekeeping import housekeeping_run
from orderdesk.core.models import RateLimitBucket
from orderdesk.exports.models import ExportJob, State
from orderdesk.exports.services import (
    JOB_STALE_AFTER,
    ExportOptions,
    export_job_create,
    export_job_execute,
    export_jobs_recover,
)


def queued_job(actor: Actor) -> ExportJob:
    return export_job_create(
        actor=actor,
        dataset="orders",
        params={},
        options=ExportOptions(),
        rows_total=0,
    )


def test_given_a_running_job_silent_past_the_limit_then_it_is_marked_failed(admin):
    job = queued_job(admin)
    long_ago = timezone.now() - JOB_STALE_AFTER - timedelta(seconds=1)
    ExportJob.objects.filter(pk=job.pk).update(state=State.RUNNING, heartbeat_at=long_ago)

    assert export_jobs_recover() == 1

    job.refresh_from_db()
    assert job.state == State.FAILED
    assert "Start it again" in job.error and job.finished_at is not None


def test_given_a_job_running_since_before_jobs_beat_then_it_is_marked_failed_too(admin):
    job = queued_job(admin)
    long_ago = timezone.now() - JOB_STALE_AFTER - timedelta(seconds=1)
    ExportJob.objects.filter(pk=job.pk).update(
        state=State.RUNNING, heartbeat_at=None, created_at=long_ago
    )

    assert export_jobs_recover() == 1
    assert ExportJob.objects.get(pk=job.pk).state == State.FAILED


def test_given_a_running_job_with_recent_progress_then_it_is_left_running(admin):
    job = queued_job(admin)
    ExportJob.objects.filter(pk=job.pk).update(state=State.RUNNING, heartbeat_at=timezone.now())

    assert export_jobs_recover() == 0
    assert ExportJob.objects.get(pk=job.pk).state == State.RUNNING


def test_given_a_job_run_then_its_heartbeat_is_written(admin, export_dir):
    job = queued_job(admin)
    export_job_execute(job.pk)
    job.refresh_from_db()
    assert job.state == State.DONE and job.heartbeat_at is not None


def test_given_an_expired_session_then_housekeeping_deletes_it_and_keeps_the_live_one(db):
    live, old = SessionStore(), SessionStore()
    live.create()
    old.create()
    Session.objects.filter(session_key=old.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    done = housekeeping_run()

    assert done["sessions_purged"] == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_given_an_ended_rate_limit_window_then_housekeeping_deletes_only_it(db):
    now = timezone.now()
    RateLimitBucket.objects.create(key="form:a:60", window=1, count=3, expires_at=now)
    RateLimitBucket.objects.create(
        key="form:a:60", window=2, count=1, expires_at=now + timedelta(minutes=2)
    )

    assert housekeeping_run()["rate_limit_windows_purged"] == 1
    assert list(RateLimitBucket.objects.values_list("window", flat=True)) == [2]
