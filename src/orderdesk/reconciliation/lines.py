"""Writing a statement's lines: tens of thousands at once.

At that size bulk_create spends most of its time compiling SQL value by value; one prepared
INSERT run by executemany (each value still prepared by its model field) is several times
faster on SQLite and PostgreSQL alike, and the lines are written in the caller's transaction.
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


def _insert_sql(db) -> str:
    quote = db.ops.quote_name
    columns = ", ".join(quote(field.column) for field in _fields())
    marks = ", ".join(["%s"] * len(_fields()))
    return f"INSERT INTO {quote(StatementLine._meta.db_table)} ({columns}) VALUES ({marks})"


def lines_write(statement_id: int, lines: Sequence[LineIn], matches: Sequence[LineMatch]) -> None:
    """Store each line with what matching made of it (no payment yet)."""
    db = connections[DEFAULT_DB_ALIAS]  # the connection itself: the proxy costs per access
    fields = _fields()
    sql = _insert_sql(db)
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
    with db.cursor() as cursor:
        for chunk in chunked(list(values), BATCH):
            cursor.executemany(
                sql, [[f.get_db_prep_save(row[f.attname], db) for f in fields] for row in chunk]
            )


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
