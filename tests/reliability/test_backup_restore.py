"""Issue #8, point 14: `orderdesk backup` and `orderdesk restore` give back exactly the same data.

Given a database with orders, items, tags, payments and refunds, timelines, consultation
requests, users in their groups, API keys, saved views, webhooks, export schedules, statement
profiles and the counters and report rollups, when it is backed up and restored into an empty
database, then every row of every backed-up table is equal, column by column; and the same from
SQLite into PostgreSQL.
"""

import gzip
import io
import json
import os
import subprocess
import sys
from datetime import time
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from orderdesk.accounts.models import ApiKey
from orderdesk.core import backup
from orderdesk.core.backup import BackupRefused, backed_up_models, backup_restore, backup_write
from orderdesk.demo import generate_demo_data
from orderdesk.exports.models import ExportSchedule
from orderdesk.orders.models import Order, SavedView
from orderdesk.orders.services import payment_record
from orderdesk.orders.status import OrderStatus
from orderdesk.webhooks.models import Webhook
from tests.factories import actor_for, assert_counters_match, make_order, snapshot

pytestmark = pytest.mark.django_db


def every_row() -> dict[str, list]:
    """Each backed-up table as a list of rows (all columns), plus each many-to-many link."""
    rows = {}
    for model in backed_up_models():
        label = model._meta.label_lower
        rows[label] = list(model._base_manager.order_by("pk").values())
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            rows[f"{label}.{field.name}"] = sorted(
                through.objects.values_list(field.m2m_field_name(), field.m2m_reverse_name())
            )
    return rows


@pytest.fixture
def business(admin):
    """A little of everything the backup must carry."""
    generate_demo_data(orders=30, consultations=8, seed=5)
    order = make_order(admin, status=OrderStatus.DELIVERED, currency="VND")
    payment_record(code=order.code, actor=admin, kind="payment", amount=order.total, method="cash")
    payment_record(code=order.code, actor=admin, kind="refund", amount=Decimal(1000), method="cash")
    SavedView.objects.create(
        name="Late COD", owner=admin.user, shared=True, query="status=shipping"
    )
    ApiKey.objects.create(name="shop", role="intake", prefix="abcd1234", key_hash="x" * 64)
    Webhook.objects.create(url="https://shop.example/hook", events=["order.created"], secret="s")
    ExportSchedule.objects.create(
        name="Daily", dataset="orders", frequency="daily", run_at=time(1, 0), folder="/srv/out"
    )
    return order


def backup_bytes() -> bytes:
    output = io.BytesIO()
    backup_write(output=output)
    return output.getvalue()


def test_given_a_backup_when_restored_into_an_empty_database_then_every_row_is_the_same(business):
    before = every_row()
    data = backup_bytes()
    backup._wipe()  # what a freshly migrated database holds of these tables: nothing that counts
    assert not Order.objects.exists()

    result = backup_restore(source=io.BytesIO(data))

    assert every_row() == before
    assert sum(result.rows.values()) == sum(len(v) for k, v in before.items() if k.count(".") == 1)
    assert_counters_match()


def test_given_a_restored_database_then_new_orders_get_new_ids_and_codes(business, admin):
    codes = set(Order.objects.values_list("code", flat=True))
    highest_id = Order.objects.order_by("-id").values_list("id", flat=True).first()
    data = backup_bytes()
    backup._wipe()
    backup_restore(source=io.BytesIO(data))

    order = make_order(admin)

    assert order.code not in codes
    assert order.id > highest_id


def test_given_a_database_with_orders_then_restore_is_refused_and_changes_nothing(business):
    data = backup_bytes()
    make_order(actor_for("admin"))
    before = snapshot()

    with pytest.raises(BackupRefused, match=r"already holds 32 orders .* --force"):
        backup_restore(source=io.BytesIO(data))

    assert snapshot() == before


def test_given_force_when_restoring_over_other_data_then_the_backup_replaces_it(business):
    before = every_row()
    data = backup_bytes()
    extra = make_order(actor_for("admin"))

    backup_restore(source=io.BytesIO(data), force=True)

    assert every_row() == before
    assert not Order.objects.filter(code=extra.code).exists()


def test_given_a_cut_short_backup_then_restore_refuses_it_and_changes_nothing(business):
    plain = gzip.decompress(backup_bytes()).splitlines(keepends=True)
    truncated = gzip.compress(b"".join(plain[: len(plain) // 2]))
    backup._wipe()
    before = every_row()

    with pytest.raises(BackupRefused, match="incomplete"):
        backup_restore(source=io.BytesIO(truncated))

    assert every_row() == before


def test_given_a_backup_of_another_schema_then_restore_refuses_it(db):
    lines = gzip.decompress(backup_bytes()).splitlines(keepends=True)
    header = json.loads(lines[0])
    header["schema"]["orders"].append("9999_future")
    forged = gzip.compress(json.dumps(header).encode() + b"\n" + b"".join(lines[1:]))

    with pytest.raises(BackupRefused, match=r"another database schema .*orders"):
        backup_restore(source=io.BytesIO(forged))


def test_given_a_file_that_is_not_a_backup_then_restore_says_so(tmp_path):
    path = tmp_path / "notes.gz"
    path.write_bytes(gzip.compress(b'{"hello": 1}\n'))
    with pytest.raises(CommandError, match="not an Orderdesk backup"):
        call_command("restore", str(path))
    path.write_bytes(b"plain text")
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("restore", str(path))


def test_given_the_commands_then_backup_writes_the_file_and_restore_refuses_without_force(
    business, tmp_path
):
    path = tmp_path / "orderdesk.backup.gz"
    out = io.StringIO()
    call_command("backup", "--output", str(path), stdout=out)
    assert "Backed up" in out.getvalue()
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no partial file left behind

    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(path))
    call_command("restore", str(path), "--force", stdout=io.StringIO())


# --- SQLite → PostgreSQL ----------------------------------------------------------------------
def records_of(data: bytes) -> list[dict]:
    return [json.loads(line) for line in gzip.decompress(data).splitlines()[1:-1]]


def orderdesk(*args: str, data_dir) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "ORDERDESK_DATA_DIR": str(data_dir),
        "ORDERDESK_DEMO_ORDERS": "40",
        "ORDERDESK_DEMO_CONSULTATIONS": "10",
    }
    subprocess.run(
        [sys.executable, "-m", "orderdesk.cli", *args], env=env, check=True, capture_output=True
    )


@pytest.mark.postgres_only
def test_given_a_sqlite_backup_when_restored_into_postgresql_then_every_row_is_the_same(
    tmp_path,
):
    orderdesk("setup", data_dir=tmp_path)
    orderdesk("backup", "--output", str(tmp_path / "sqlite.gz"), data_dir=tmp_path)
    from_sqlite = (tmp_path / "sqlite.gz").read_bytes()

    backup_restore(source=io.BytesIO(from_sqlite))

    # Re-read from PostgreSQL, row by row, in the same serialisation.
    assert records_of(backup_bytes()) == records_of(from_sqlite)
    assert Order.objects.count() == 40
    assert_counters_match()
    new = make_order(actor_for("admin"))
    assert new.code not in {record["fields"].get("code") for record in records_of(from_sqlite)}


# --- one snapshot while others write ----------------------------------------------------------
@pytest.mark.postgres_only
def test_given_orders_written_during_the_backup_then_the_file_holds_none_of_their_rows(
    transactional_db, django_db_serialized_rollback, monkeypatch
):
    """Items are read before orders: read committed, an order made meanwhile would be in the
    file without its items. One REPEATABLE READ snapshot keeps every table at the same moment."""
    import threading

    from django.db import connection

    admin = actor_for("admin")
    make_order(admin)
    first_table_read, order_written = threading.Event(), threading.Event()
    real_rows = backup._rows

    def rows_then_pause(model):
        yield from real_rows(model)
        if not first_table_read.is_set():
            first_table_read.set()
            assert order_written.wait(timeout=20)

    monkeypatch.setattr(backup, "_rows", rows_then_pause)
    output = io.BytesIO()

    def take_backup():
        try:
            backup_write(output=output)
        finally:
            connection.close()

    reader = threading.Thread(target=take_backup)
    reader.start()
    assert first_table_read.wait(timeout=20)
    late = make_order(admin)  # committed while the backup is half-way
    order_written.set()
    reader.join(timeout=60)

    records = records_of(output.getvalue())
    codes = {r["fields"]["code"] for r in records if r["model"] == "orders.order"}
    late_rows = [r for r in records if r["fields"].get("order") == late.pk]  # items, events…
    assert late.code not in codes and late_rows == []
    assert len(codes) == 1
