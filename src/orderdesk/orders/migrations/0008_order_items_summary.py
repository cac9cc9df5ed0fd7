"""Order.items_summary, filled for the orders that exist, in the format of
orders.domain.items_summary ("2 × Áo thun; 1 × Mũ", items by position then id).

On SQLite a new column may remake the table, which drops the search index's triggers (0005):
they are created again at the end, as in 0007.
"""

import importlib

from django.db import migrations, models

POSTGRESQL_FILL = """
UPDATE orders_order o SET items_summary = s.summary
FROM (
    SELECT order_id,
           string_agg(quantity || ' × ' || name, '; ' ORDER BY position, id) AS summary
    FROM orders_orderitem GROUP BY order_id
) s
WHERE s.order_id = o.id
"""
SQLITE_FILL = """
UPDATE orders_order SET items_summary = coalesce((
    SELECT group_concat(line, '; ') FROM (
        SELECT quantity || ' × ' || name AS line FROM orders_orderitem
        WHERE order_id = orders_order.id ORDER BY position, id
    )
), '')
"""


def fill(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(POSTGRESQL_FILL if vendor == "postgresql" else SQLITE_FILL)
    importlib.import_module("orderdesk.orders.migrations.0005_sqlite_search_index").create(
        apps, schema_editor
    )


class Migration(migrations.Migration):
    dependencies = [("orders", "0007_lean_order_indexes")]

    operations = [
        migrations.AddField(
            model_name="order",
            name="items_summary",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
