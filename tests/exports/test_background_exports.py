"""Large exports: written by the task worker to a file, with progress, listed until they expire."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from orderdesk.accounts.preferences import user_language_set
from orderdesk.core.actor import Actor
from orderdesk.exports.models import ExportJob, State
from orderdesk.exports.services import (
    ExportOptions,
    export_job_create,
    export_job_execute,
    export_jobs_purge,
)
from orderdesk.orders.exporters import OrderExporter
from tests import factories


@pytest.fixture
def three_orders(admin):
    return [factories.make_order(admin) for _ in range(3)]


def test_given_more_rows_than_the_threshold_then_a_job_writes_the_file_for_download(
    settings, export_dir, login, three_orders, django_capture_on_commit_callbacks
):
    settings.ORDERDESK_EXPORT_DIRECT_MAX_ROWS = 2
    client, user = login("sales")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("orders:export"), {"format": "csv", "bom": "1"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("exports:list"))
    job = ExportJob.objects.get()
    assert (job.state, job.rows_done, job.requested_by) == (State.DONE, 3, user)
    assert job.expires_at - job.finished_at == timedelta(days=settings.ORDERDESK_EXPORT_KEEP_DAYS)
    page = client.get(reverse("exports:list"))
    assert reverse("exports:download", args=[job.pk]).encode() in page.content
    download = client.get(reverse("exports:download", args=[job.pk]))
    text = b"".join(download.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == [str(c.label) for c in OrderExporter.columns]
    assert sorted(row[0] for row in rows[1:]) == sorted(o.code for o in three_orders)


def test_given_a_small_export_then_it_downloads_at_once_without_a_job(
    export_dir, login, three_orders
):
    client, _user = login("sales")
    response = client.get(reverse("orders:export"), {"format": "xlsx", "dataset": "items"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="order-items-')
    assert not ExportJob.objects.exists()


def test_given_someone_elses_export_then_it_is_not_listed_nor_downloadable(
    settings, export_dir, login, three_orders, django_capture_on_commit_callbacks
):
    settings.ORDERDESK_EXPORT_DIRECT_MAX_ROWS = 0
    owner, _user = login("sales")
    with django_capture_on_commit_callbacks(execute=True):
        owner.get(reverse("orders:export"), {"format": "csv"})
    job = ExportJob.objects.get()
    other, _user = login("operations")
    assert other.get(reverse("exports:download", args=[job.pk])).status_code == 404
    assert other.post(reverse("exports:delete", args=[job.pk])).status_code == 404
    assert ExportJob.objects.filter(pk=job.pk).exists()
    admin, _user = login("admin")
    assert admin.get(reverse("exports:download", args=[job.pk])).status_code == 200


def test_given_an_expired_export_then_the_purge_removes_it_and_its_file(
    settings, export_dir, login, three_orders, django_capture_on_commit_callbacks
):
    settings.ORDERDESK_EXPORT_DIRECT_MAX_ROWS = 0
    client, _user = login("sales")
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("orders:export"), {"format": "xlsx"})
    job = ExportJob.objects.get()
    path = export_dir / job.file_name
    assert path.exists()
    assert export_jobs_purge(now=timezone.now()) == 0
    assert export_jobs_purge(now=job.expires_at + timedelta(seconds=1)) == 1
    assert not path.exists() and not ExportJob.objects.exists()


def test_given_filters_that_no_longer_parse_then_the_job_is_marked_failed(
    export_dir, sales, django_capture_on_commit_callbacks
):
    from orderdesk.exports.services import ExportOptions, export_job_create

    with django_capture_on_commit_callbacks(execute=True):
        job = export_job_create(
            actor=sales, dataset="orders", params={"status": ["shipped"]},
            options=ExportOptions(), rows_total=10,
        )  # fmt: skip
    job.refresh_from_db()
    assert job.state == State.FAILED and "shipped" in job.error
    assert not any(export_dir.glob("*.csv")) if export_dir.exists() else True


def test_given_a_role_without_export_then_the_exports_page_is_403(login):
    client, _user = login("customer_care")
    assert client.get(reverse("exports:list")).status_code == 403


def test_given_a_bad_format_then_400_and_no_job(login, three_orders):
    client, _user = login("sales")
    response = client.get(reverse("orders:export"), {"format": "pdf"})
    assert response.status_code == 400
    assert not ExportJob.objects.exists()


def test_given_a_user_who_works_in_vietnamese_then_the_worker_writes_their_headers_in_it(
    export_dir, three_orders, django_capture_on_commit_callbacks
):
    user = factories.make_user("sales")
    user_language_set(user=user, language="vi")
    with django_capture_on_commit_callbacks(execute=False):  # the worker runs it later
        job = export_job_create(
            actor=Actor.for_user(user),
            dataset="orders",
            params={},
            options=ExportOptions(),
            rows_total=3,
        )

    export_job_execute(job.pk)  # as the worker does: no request, the default language active

    job.refresh_from_db()
    with (export_dir / job.file_name).open(encoding="utf-8") as written:
        headers = next(csv.reader(written))
    assert headers[:4] == ["Đơn hàng", "Tạo lúc", "Cập nhật lúc", "Trạng thái"]
    assert translation.get_language() == "en"  # and the worker's own language is untouched
