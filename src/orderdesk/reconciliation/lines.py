"""Writing a statement's lines: tens of thousands at once.

At that size bulk_create spends most of its time compiling SQL value by value. Here each value
is still prepared by its model field, then the rows go in by COPY on PostgreSQL (three times
faster than executemany there) and by one prepared INSERT run by executemany on SQLite, in the
caller's transaction.
"""

from collections.abc import Sequence
from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections

from orderdesk.reconciliation.matching import LineIn, LineMatch, chunked
from orderdesk.reconciliation.models import StatementLine

BATCH = 5000


@cache
def _fields() -> tuple:
    return tuple(f for f in StatementLine._meta.concrete_fields if not f.primary_key)


def _columns(db) -> str:
    return ", ".join(db.ops.quote_name(field.column) for field in _fields())


def _table(db) -> str:
    return db.ops.quote_name(StatementLine._meta.db_table)


def lines_write(statement_id: int, lines: Sequence[LineIn], matches: Sequence[LineMatch]) -> None:
    """Store each line with what matching made of it (no payment yet)."""
    db = connections[DEFAULT_DB_ALIAS]  # the connection itself: the proxy costs per access
    fields = _fields()
    values = (
        {
            "statement_id": statement_id,
            "line_number": line.line,
            "date": line.date,
            "amount": line.amount,
            "reference": line.reference,
            "description": line.description,
            "order_code_text": line.order_code,
            "fingerprint": line.fingerprint,
            "outcome": str(match.outcome),
            "matched_by": str(match.matched_by),
            "order_id": match.order_id,
            "balance_due": match.balance_due,
            "reason": str(match.reason),
            "reason_data": match.reason_data,
            "payment_id": None,
        }
        for line, match in zip(lines, matches, strict=True)
    )
    rows = [[f.get_db_prep_save(row[f.attname], db) for f in fields] for row in values]
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            sql = f"COPY {_table(db)} ({_columns(db)}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {_table(db)} ({_columns(db)}) VALUES ({marks})"
        for chunk in chunked(rows, BATCH):
            cursor.executemany(sql, chunk)


def lines_read(statement_id: int) -> list[LineIn]:
    """A statement's lines as matching reads them, in file order."""
    rows = (
        StatementLine.objects.filter(statement_id=statement_id)
        .order_by("line_number")
        .values_list(
            "line_number", "date", "amount", "reference", "description", "order_code_text",
            "fingerprint",
        )
    )  # fmt: skip
    return [LineIn(*row) for row in rows]
