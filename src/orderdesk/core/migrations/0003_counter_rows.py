"""Zero counters for every status and shard, so counting is always a plain UPDATE."""

from django.db import migrations

from orderdesk.consultations.status import ConsultationStatus
from orderdesk.core.counters import SHARDS
from orderdesk.orders.status import OrderStatus

KINDS = {"order": OrderStatus, "consultation": ConsultationStatus}


def create_rows(apps, schema_editor):
    StatusCount = apps.get_model("core", "StatusCount")
    StatusCount.objects.bulk_create(
        [
            StatusCount(kind=kind, status=status.value, shard=shard, count=0)
            for kind, statuses in KINDS.items()
            for status in statuses
            for shard in range(SHARDS)
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_code_sequences")]
    operations = [migrations.RunPython(create_rows, migrations.RunPython.noop)]
