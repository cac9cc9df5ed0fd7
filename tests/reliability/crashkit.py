"""The other side of tests/reliability/test_crash_safety.py, run in its own processes.

`python -m tests.reliability.crashkit COMMAND …` against the database of the environment
(DATABASE_URL or ORDERDESK_DATA_DIR); every command prints one JSON object.

- seed-bulk N: N demo orders (every status), a background "confirm" job over all of them, queued
- bulk-state JOB: what the job and the orders look like now, checked against the seed
- recover-bulk: queue again the jobs whose worker died (no waiting for the stale limit)
- seed-schedule FOLDER: demo orders and a daily schedule with yesterday's period due
- export-slowly: write due periods with a writer slowed down, so it can be killed mid-file
- export: write due periods, taking over a period whose writer died
"""

import io
import json
import os
import sys
import time
from datetime import timedelta


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orderdesk.settings")
    import django

    django.setup()


def seed_bulk(count: str) -> dict:
    from django.db import transaction

    from orderdesk.demo import generate_demo_data
    from orderdesk.orders.models import BulkJob, Order
    from orderdesk.orders.tasks import bulk_job_run
    from tests.factories import make_user

    generate_demo_data(orders=int(count), consultations=0, seed=11)
    admin = make_user("admin", "crash-admin")
    before = dict(Order.objects.order_by("id").values_list("code", "status"))
    with transaction.atomic():
        job = BulkJob.objects.create(
            created_by=admin, action="confirm", params={}, codes=list(before), total=len(before)
        )
        transaction.on_commit(lambda: bulk_job_run.enqueue(job.pk))
    return {"job": job.pk, "before": before}


def bulk_state(job_id: str, before_file: str) -> dict:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from orderdesk.core.counters_audit import counters_audit
    from orderdesk.orders.models import BulkJob, Order, OrderEvent

    with open(before_file) as handle:
        before = json.load(handle)
    job = BulkJob.objects.get(pk=int(job_id))
    now = dict(Order.objects.values_list("code", "status"))
    confirm_events: dict[str, int] = {}
    for code in OrderEvent.objects.filter(
        type="status_changed", data__to="confirmed", actor_label="crash-admin"
    ).values_list("order__code", flat=True):
        confirm_events[code] = confirm_events.get(code, 0) + 1
    skipped = {entry["code"] for entry in job.skipped}
    done, problems = job.codes[: job.processed], []
    for position, code in enumerate(job.codes):
        was, is_ = before[code], now[code]
        moved = was == "pending_confirmation" and is_ == "confirmed"
        if position < job.processed:
            expected_moved = was == "pending_confirmation"
            if moved != expected_moved or (not moved and is_ != was):
                problems.append(f"{code}: processed, {was} -> {is_}")
            if moved == (code in skipped):
                problems.append(f"{code}: moved={moved} but skipped={code in skipped}")
        elif is_ != was:
            problems.append(f"{code}: not processed yet but {was} -> {is_}")
        if confirm_events.get(code, 0) != (1 if moved else 0):
            problems.append(f"{code}: {confirm_events.get(code, 0)} confirm events, moved={moved}")
    try:
        call_command("rebuild_reports", "--check", stdout=io.StringIO())
        rollups = "match"
    except CommandError as error:
        rollups = str(error)
    return {
        "state": job.state,
        "processed": job.processed,
        "total": job.total,
        "succeeded": job.succeeded,
        "skipped": len(job.skipped),
        "moved": sum(1 for code in done if before[code] != now[code]),
        "problems": problems[:20],
        "counter_drift": bool(counters_audit()),
        "rollups": rollups,
    }


def recover_bulk() -> dict:
    from orderdesk.orders.tasks import bulk_jobs_recover

    return {"queued": bulk_jobs_recover(stale_after=timedelta(0))}


def seed_schedule(folder: str) -> dict:
    from datetime import time as clock

    from django.utils import timezone

    from orderdesk.demo import generate_demo_data
    from orderdesk.exports.models import ExportSchedule
    from orderdesk.orders.models import Order

    generate_demo_data(orders=200, consultations=0, seed=12)
    # Every order on yesterday's date, so yesterday's file has rows.
    yesterday = timezone.now() - timedelta(days=1)
    Order.objects.update(created_at=yesterday, updated_at=yesterday)
    schedule = ExportSchedule.objects.create(
        name="Daily", dataset="orders", frequency="daily", run_at=clock(0, 0), folder=folder
    )
    ExportSchedule.objects.filter(pk=schedule.pk).update(created_at=yesterday - timedelta(days=1))
    return {"schedule": schedule.pk}


def export_slowly() -> dict:
    from orderdesk.exports import files
    from orderdesk.exports.schedules import schedules_run_due

    real = files.csv_chunks

    def slow(*args, **kwargs):
        for chunk in real(*args, **kwargs):
            yield chunk
            time.sleep(60)  # the test kills this process while the file is half-written

    files.csv_chunks = slow
    runs = schedules_run_due()
    return {"runs": [run.state for run in runs]}


def export() -> dict:
    from orderdesk.exports.models import ExportRun
    from orderdesk.exports.schedules import schedules_run_due

    runs = schedules_run_due(stale_after=timedelta(0))
    return {
        "runs": [run.state for run in runs],
        "all": list(ExportRun.objects.values("state", "rows", "path", "period_start")),
    }


def run_state() -> dict:
    from orderdesk.exports.models import ExportRun

    return {"all": list(ExportRun.objects.values("state", "rows", "path"))}


COMMANDS = {
    "seed-bulk": seed_bulk,
    "bulk-state": bulk_state,
    "recover-bulk": recover_bulk,
    "seed-schedule": seed_schedule,
    "export-slowly": export_slowly,
    "export": export,
    "run-state": run_state,
}

if __name__ == "__main__":
    _setup()
    result = COMMANDS[sys.argv[1]](*sys.argv[2:])
    print(json.dumps(result, default=str))
