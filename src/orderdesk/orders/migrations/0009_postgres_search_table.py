"""PostgreSQL's trigram index moves off the order table, into a table of its own beside it.

A GIN index takes new entries for every new version of a row, and a row gets a new version
whenever an order changes: a status move, a payment, an assignment — although the search text
changed only when the customer, address, tracking number or items did. At a million orders
that index was half the time of a bulk move's UPDATE (48 → 22 ms per 500 orders without it)
and, when its pending list filled, a 150–200 ms pause in an ordinary one.

So, as SQLite's search index does (0005), the index lives beside the orders, kept in step by
triggers that fire only when the search text is written: orders_order_search (order_id,
search_text), filled from the orders that exist. orders/search.py asks it.

* Insert: one statement-level trigger per INSERT or COPY, with the new rows as a transition
  table. It is ENABLE ALWAYS because the demo generator writes its COPY batches with
  session_replication_role = replica (to skip the foreign-key checks); the other triggers are
  not needed there.
* Update: a row trigger on UPDATE OF search_text, only when the text differs.
* Delete and TRUNCATE empty the matching rows (Django's test flush truncates orders_order;
  the table has no foreign key so that TRUNCATE needs no CASCADE).
"""

from django.db import migrations

TABLE = "orders_order_search"

CREATE = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} (order_id bigint PRIMARY KEY, search_text text NOT NULL)",
    f"""CREATE OR REPLACE FUNCTION {TABLE}_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (order_id, search_text) SELECT id, search_text FROM inserted;
    RETURN NULL;
END $$""",
    f"""CREATE OR REPLACE FUNCTION {TABLE}_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {TABLE} SET search_text = NEW.search_text WHERE order_id = NEW.id;
    RETURN NULL;
END $$""",
    f"""CREATE OR REPLACE FUNCTION {TABLE}_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {TABLE} WHERE order_id IN (SELECT id FROM deleted);
    RETURN NULL;
END $$""",
    f"""CREATE OR REPLACE FUNCTION {TABLE}_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE {TABLE};
    RETURN NULL;
END $$""",
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON orders_order "
    f"REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_insert()",
    f"ALTER TABLE orders_order ENABLE ALWAYS TRIGGER {TABLE}_insert",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF search_text ON orders_order FOR EACH ROW "
    f"WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text) EXECUTE FUNCTION {TABLE}_update()",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON orders_order "
    f"REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_delete()",
    f"CREATE TRIGGER {TABLE}_truncate AFTER TRUNCATE ON orders_order "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_truncate()",
    f"INSERT INTO {TABLE} (order_id, search_text) SELECT id, search_text FROM orders_order",
    f"CREATE INDEX {TABLE}_trgm ON {TABLE} USING gin (search_text gin_trgm_ops)",
    "DROP INDEX IF EXISTS order_search_trgm",
    f"ANALYZE {TABLE}",
]

TRIGGERS = ("insert", "update", "delete", "truncate")
DROP = [
    "CREATE INDEX IF NOT EXISTS order_search_trgm ON orders_order "
    "USING gin (search_text gin_trgm_ops)",
    *(f"DROP TRIGGER IF EXISTS {TABLE}_{name} ON orders_order" for name in TRIGGERS),
    *(f"DROP FUNCTION IF EXISTS {TABLE}_{name}()" for name in TRIGGERS),
    f"DROP TABLE IF EXISTS {TABLE}",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("orders", "0008_order_items_summary")]
    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
