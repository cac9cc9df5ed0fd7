"""Scheduled exports: one immutable file per period, with a manifest; failures recorded."""

import csv
import hashlib
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from orderdesk.exports.models import ExportRun, ExportSchedule, State
from orderdesk.exports.schedules import (
    due_periods,
    period_containing,
    period_label,
    schedule_run_period,
    schedules_run_due,
)
from orderdesk.orders.models import Order
from orderdesk.orders.status import OrderStatus
from tests import factories


def local(day: date, hour: int = 0, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def make_schedule(tmp_path, **overrides) -> ExportSchedule:
    values = {
        "name": factories.unique("daily-"),
        "dataset": "orders",
        "params": {},
        "format": "csv",
        "frequency": "daily",
        "run_at": time(1, 0),
        "folder": str(tmp_path / "reconciliation"),
    }
    values.update(overrides)
    schedule = ExportSchedule.objects.create(**values)
    ExportSchedule.objects.filter(pk=schedule.pk).update(created_at=local(date(2026, 11, 1), 9))
    schedule.refresh_from_db()
    return schedule


def place_order(actor, day: date, hour: int = 12, **overrides) -> Order:
    order = factories.make_order(actor, **overrides)
    moment = local(day, hour)
    Order.objects.filter(pk=order.pk).update(created_at=moment, updated_at=moment)
    return Order.objects.get(pk=order.pk)


@pytest.mark.parametrize(
    ("frequency", "day", "start", "end", "label"),
    [
        ("daily", date(2026, 11, 26), date(2026, 11, 26), date(2026, 11, 27), "2026-11-26"),
        ("weekly", date(2026, 11, 26), date(2026, 11, 23), date(2026, 11, 30), "2026-W48"),
        ("weekly", date(2027, 1, 1), date(2026, 12, 28), date(2027, 1, 4), "2026-W53"),
        ("monthly", date(2026, 12, 31), date(2026, 12, 1), date(2027, 1, 1), "2026-12"),
    ],
)
def test_periods_are_calendar_days_iso_weeks_and_months(frequency, day, start, end, label):
    assert period_containing(frequency, day) == (start, end)
    assert period_label(frequency, start) == label


def test_given_a_daily_schedule_then_periods_are_due_after_their_end_and_run_time(db, tmp_path):
    schedule = make_schedule(tmp_path)
    assert due_periods(schedule, local(date(2026, 11, 2), 0, 59)) == []
    assert due_periods(schedule, local(date(2026, 11, 3), 1, 0)) == [
        (date(2026, 11, 1), date(2026, 11, 2)),
        (date(2026, 11, 2), date(2026, 11, 3)),
    ]


def test_given_a_due_period_then_its_file_holds_the_periods_orders_and_a_manifest(tmp_path, admin):
    inside = place_order(admin, date(2026, 11, 2), 23)
    place_order(admin, date(2026, 11, 3), 0)  # the next day in the business time zone
    schedule = make_schedule(tmp_path, params={"status": ["pending_confirmation"]})
    run = schedule_run_period(schedule, date(2026, 11, 2), date(2026, 11, 3))
    assert (run.state, run.rows) == (State.DONE, 1)
    path = tmp_path / "reconciliation" / "orders-2026-11-02.csv"
    assert run.path == str(path)
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    assert [row[0] for row in rows[1:]] == [inside.code]
    manifest = json.loads(path.with_name(path.name + ".manifest.json").read_text())
    assert manifest["period"]["start"] == "2026-11-02" and manifest["period"]["end"] == "2026-11-03"
    assert manifest["filters"] == {"status": ["pending_confirmation"]}
    assert manifest["rows"] == 1
    assert manifest["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest() == run.sha256


def test_given_a_period_already_written_then_running_it_again_changes_nothing(tmp_path, admin):
    place_order(admin, date(2026, 11, 2))
    schedule = make_schedule(tmp_path)
    first = schedule_run_period(schedule, date(2026, 11, 2), date(2026, 11, 3))
    content = Path(first.path).read_bytes()
    place_order(admin, date(2026, 11, 2))  # a late change to the same day
    assert schedule_run_period(schedule, date(2026, 11, 2), date(2026, 11, 3)) is None
    ExportRun.objects.all().delete()  # even with its history gone (a restored database)…
    again = schedule_run_period(schedule, date(2026, 11, 2), date(2026, 11, 3))
    assert Path(again.path).read_bytes() == content  # …the file is never rewritten
    assert (again.rows, again.sha256) == (first.rows, first.sha256)


def test_given_only_changed_then_the_file_holds_orders_changed_in_the_period(tmp_path, admin):
    old = place_order(admin, date(2026, 10, 1))
    place_order(admin, date(2026, 10, 2))
    Order.objects.filter(pk=old.pk).update(updated_at=local(date(2026, 11, 2), 10))
    schedule = make_schedule(tmp_path, only_changed=True)
    run = schedule_run_period(schedule, date(2026, 11, 2), date(2026, 11, 3))
    assert run.rows == 1 and run.path.endswith("orders-2026-11-02-changes.csv")


def test_given_an_unwritable_folder_then_the_failure_is_recorded_and_retried_later(tmp_path, admin):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    schedule = make_schedule(tmp_path, folder=str(blocker / "sub"))
    run = schedule_run_period(schedule, date(2026, 11, 2), date(2026, 11, 3))
    assert run.state == State.FAILED and run.error
    schedule.folder = str(tmp_path / "fixed")
    schedule.save()
    retried = schedule_run_period(schedule, date(2026, 11, 2), date(2026, 11, 3))
    assert retried.pk == run.pk and retried.state == State.DONE


def test_given_due_schedules_then_run_schedules_writes_each_period_once(tmp_path, admin, capsys):
    place_order(admin, date(2026, 11, 1), status=OrderStatus.DELIVERED)
    make_schedule(tmp_path, frequency="weekly")
    now = local(date(2026, 11, 10), 2)
    first = schedules_run_due(now=now)
    assert [(run.period_start, run.state) for run in first] == [
        (date(2026, 10, 26), State.DONE),
        (date(2026, 11, 2), State.DONE),
    ]
    assert schedules_run_due(now=now) == []
    call_command("run_schedules")
    assert "2026-11-" in capsys.readouterr().out  # the periods since, written by the command


def test_given_an_admin_then_a_schedule_is_created_from_the_page_with_checked_filters(db, tmp_path):
    from django.test import Client

    client = Client()
    client.force_login(factories.make_user("admin"))
    form = {
        "name": "Delivered, daily", "dataset": "orders", "filters": "status=shipped",
        "format": "csv", "delimiter": ",", "frequency": "daily", "run_at": "01:00",
        "folder": str(tmp_path),
    }  # fmt: skip
    refused = client.post(reverse("exports:schedules"), form)
    assert refused.status_code == 400 and not ExportSchedule.objects.exists()
    created = client.post(reverse("exports:schedules"), {**form, "filters": "status=delivered"})
    schedule = ExportSchedule.objects.get()
    assert created["Location"] == reverse("exports:schedule", args=[schedule.pk])
    assert schedule.params == {"status": ["delivered"]}
    other = Client()
    other.force_login(factories.make_user("operations"))
    assert other.get(reverse("exports:schedules")).status_code == 403


def test_the_history_page_lists_runs_and_failures(tmp_path, admin):
    from django.test import Client

    (tmp_path / "x").write_text("a file where the folder should be")
    schedule = make_schedule(tmp_path, folder=str(tmp_path / "x" / "sub"))
    schedule_run_period(schedule, date(2026, 11, 2), date(2026, 11, 3))
    client = Client()
    client.force_login(factories.make_user("admin"))
    page = client.get(reverse("exports:schedule", args=[schedule.pk]))
    assert page.status_code == 200 and b"2026-11-02" in page.content and b"Failed" in page.content
    assert timedelta(0) <= timezone.now() - ExportRun.objects.get().started_at
