"""PostgreSQL sequences for order and consultation codes (SQLite uses core.CodeSequence)."""

from django.db import migrations

SERIES = ("order", "consultation")


def create_sequences(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for series in SERIES:
        schema_editor.execute(f"CREATE SEQUENCE IF NOT EXISTS orderdesk_{series}_code_seq")


def drop_sequences(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for series in SERIES:
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS orderdesk_{series}_code_seq")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create_sequences, drop_sequences)]
