"""A logical backup of everything Orderdesk holds, and its restore — on SQLite or PostgreSQL.

The file is gzip-compressed JSON lines: a header (format, schema state, code sequences), one line
per row in dependency order (Django's "python" serialisation: model, pk, fields), and a footer
with the number of rows of each model. A file without its footer was cut short and is refused.

The snapshot is read in one transaction: REPEATABLE READ on PostgreSQL (one snapshot for every
table, writers are not blocked); on SQLite the transaction holds the write lock, so nothing
changes while it is read. Restore replaces the whole content of the database in one transaction:
either every row of the file is in, or nothing changed.

Left out on purpose, because they describe a moment and not the business: sessions (they are
removed on restore, so nobody stays signed in as a user id that now means someone else),
login-failure records, rate-limit windows, content types and permissions (every migrated
database makes its own; rows refer to them by natural key).
"""

import gzip
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, time
from itertools import groupby
from typing import IO

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone

from orderdesk.core import sequences
from orderdesk.core.errors import DomainError

FORMAT = "orderdesk-backup"
VERSION = 1
BATCH = 500
# Apps whose every model is backed up, and models of other apps that are.
APPS = (
    "accounts",
    "orders",
    "consultations",
    "core",
    "api",
    "webhooks",
    "exports",
    "reconciliation",
    "reports",
)
EXTRA_MODELS = ("auth.group", "auth.user", "django_tasks_database.dbtaskresult")
LEFT_OUT = ("core.ratelimitbucket",)
# Wiped on restore, never written back: see the module docstring.
WIPED_ONLY = ("sessions.session", "axes.accessattempt", "axes.accessfailurelog")
# Users and groups point at permissions, which differ in id from one database to the next.
NATURAL_KEY_MODELS = ("auth.group", "auth.user")


class BackupRefused(DomainError):
    code = "backup.refused"
    http_status = 409


@dataclass(frozen=True)
class RestoreResult:
    rows: dict[str, int]


def backed_up_models() -> list[type[Model]]:
    """Every model in the backup, in dumpdata's order: groups and users (found by natural key
    when rows name them) first. Foreign keys are checked at commit, so the rest may come in any
    order."""
    chosen = [
        model
        for app_label in APPS
        for model in apps.get_app_config(app_label).get_models()
        if model._meta.label_lower not in LEFT_OUT
    ]
    chosen += [apps.get_model(label) for label in EXTRA_MODELS]
    app_list = {}
    for model in chosen:
        app_list.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def schema_state() -> dict[str, list[str]]:
    """The applied migrations of every app: a backup restores only into the same schema."""
    applied = MigrationRecorder(connection).applied_migrations()
    state: dict[str, list[str]] = {}
    for app_label, name in sorted(applied):
        state.setdefault(app_label, []).append(name)
    return state


def _rows(model: type[Model]) -> Iterator[dict]:
    queryset = model._base_manager.order_by("pk")
    # The python serializer builds one list; a chunk at a time keeps memory flat.
    chunk: list[Model] = []
    natural = model._meta.label_lower in NATURAL_KEY_MODELS
    for instance in queryset.iterator(chunk_size=2000):
        chunk.append(instance)
        if len(chunk) >= 2000:
            yield from serializers.serialize("python", chunk, use_natural_foreign_keys=natural)
            chunk = []
    if chunk:
        yield from serializers.serialize("python", chunk, use_natural_foreign_keys=natural)


class _Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def _line(record: dict) -> bytes:
    return json.dumps(record, cls=_Encoder, ensure_ascii=False).encode() + b"\n"


def backup_write(*, output: IO[bytes]) -> dict[str, int]:
    """Write a consistent snapshot to `output` (a binary file); returns rows per model."""
    counts: Counter[str] = Counter()
    with gzip.GzipFile(fileobj=output, mode="wb", compresslevel=6) as stream:
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    # Must be the transaction's first statement: one snapshot for all tables.
                    # (Called inside a transaction, as the tests do, the caller's is used.)
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            header = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": timezone.now().isoformat(),
                "vendor": connection.vendor,
                "schema": schema_state(),
                "sequences": {
                    series: sequences.current_value(series) for series in sequences.SERIES
                },
            }
            stream.write(_line(header))
            for model in backed_up_models():
                for record in _rows(model):
                    counts[model._meta.label_lower] += 1
                    stream.write(_line(record))
        stream.write(_line({"end": True, "rows": dict(counts)}))
    return dict(counts)


def _records(stream: Iterable[bytes]) -> Iterator[dict]:
    for number, raw in enumerate(stream, start=1):
        try:
            yield json.loads(raw)
        except ValueError as error:
            raise BackupRefused(
                f"Line {number} of the backup is not valid JSON: {error}."
            ) from None


def _read_header(header: dict | None) -> dict:
    if not header or header.get("format") != FORMAT:
        raise BackupRefused("This is not an Orderdesk backup file.")
    if header.get("version") != VERSION:
        raise BackupRefused(
            f"This backup has format version {header.get('version')}; this Orderdesk reads "
            f"version {VERSION}."
        )
    mine = schema_state()
    theirs = header.get("schema", {})
    differ = sorted(
        label for label in set(mine) | set(theirs) if mine.get(label) != theirs.get(label)
    )
    if differ:
        raise BackupRefused(
            "The backup was made with another database schema (apps "
            + ", ".join(differ)
            + "). Restore it with the Orderdesk version that made it, into a database migrated "
            "by that version."
        )
    return header


def _held_data() -> str | None:
    order = apps.get_model("orders.order")
    request = apps.get_model("consultations.consultationrequest")
    orders, requests = order.objects.count(), request.objects.count()
    if not orders and not requests:
        return None
    return f"{orders} orders and {requests} consultation requests"


def _wipe() -> None:
    """Remove every row a restore replaces, and the sessions."""
    models = backed_up_models() + [apps.get_model(label) for label in WIPED_ONLY]
    tables = []
    for model in models:
        tables.append(model._meta.db_table)
        tables += [
            field.remote_field.through._meta.db_table
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        ]
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=False, allow_cascade=True
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses tables with deferred checks pending from earlier in the same
            # transaction; run them now, then defer again for the rows about to be inserted.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in statements:
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _insert(model: type[Model], records: list[dict]) -> None:
    """Insert rows exactly as they were: `raw` keeps auto_now values and skips save()."""
    objects = list(serializers.deserialize("python", records))
    fields = list(model._meta.local_concrete_fields)
    instances = [item.object for item in objects]
    # Model._do_insert's own path; the public bulk_create would overwrite auto_now(_add) values.
    model._base_manager._insert(instances, fields=fields, using=DEFAULT_DB_ALIAS, raw=True)
    for item in objects:
        for name, values in (item.m2m_data or {}).items():
            if values:
                getattr(item.object, name).set(values)


def _restart_sequences(header: dict) -> None:
    """Ids and codes handed out after a restore continue past every restored one.

    The header's code numbers were read with the snapshot, so they are at least every code in
    the file (on PostgreSQL a sequence only moves forward)."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), backed_up_models()):
            cursor.execute(statement)
    for series, value in header.get("sequences", {}).items():
        if series in sequences.SERIES and value:
            sequences.ensure_at_least(series, int(value))


def backup_restore(*, source: IO[bytes], force: bool = False) -> RestoreResult:
    """Replace the database's content with a backup's; refuses a database holding orders
    or consultation requests unless `force`. All or nothing."""
    counts: Counter[str] = Counter()
    with gzip.GzipFile(fileobj=source, mode="rb") as stream:
        records = _records(stream)
        try:
            header = _read_header(next(records, None))
        except (OSError, EOFError) as error:
            raise BackupRefused(f"The backup file cannot be read: {error}.") from None
        footer = None
        with transaction.atomic():
            held = _held_data()
            if held and not force:
                raise BackupRefused(
                    f"The database already holds {held}; restoring replaces all of it. "
                    "Restore into a freshly migrated, empty database, or add --force to "
                    "replace the data."
                )
            _wipe()
            try:
                for model_label, group in groupby(records, key=lambda r: r.get("model")):
                    if model_label is None:
                        footer = next(group)
                        break
                    model = apps.get_model(model_label)
                    batch: list[dict] = []
                    for record in group:
                        batch.append(record)
                        if len(batch) >= BATCH:
                            _insert(model, batch)
                            counts[model_label] += len(batch)
                            batch = []
                    if batch:
                        _insert(model, batch)
                        counts[model_label] += len(batch)
            except (OSError, EOFError) as error:
                raise BackupRefused(f"The backup file is damaged: {error}.") from None
            if not footer or not footer.get("end"):
                raise BackupRefused(
                    "The backup file is incomplete (no end marker); nothing restored."
                )
            if footer.get("rows", {}) != dict(counts):
                raise BackupRefused(
                    "The backup's row counts do not match its rows; nothing restored."
                )
            _restart_sequences(header)
    return RestoreResult(rows=dict(counts))
