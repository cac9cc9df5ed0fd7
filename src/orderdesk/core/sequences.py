"""Human-friendly, increasing codes (SO-000123, CR-000045).

On PostgreSQL each series is a real sequence: handing out a number takes no row lock, so
concurrent order intake never queues on it. SQLite serialises writers anyway, so a counter row
updated in the caller's transaction does the same job there.
"""

from django.db import connection
from django.db.models import F

from orderdesk.core.models import CodeSequence

SERIES = ("order", "consultation")


def _pg_sequence(series: str) -> str:
    if series not in SERIES:
        raise ValueError(f"unknown code series {series!r}")
    return f"orderdesk_{series}_code_seq"


def next_numbers(series: str, count: int = 1) -> list[int]:
    """Reserve `count` new numbers of a series, increasing."""
    if count < 1:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)", [_pg_sequence(series), count]
            )
            return [row[0] for row in cursor.fetchall()]
    CodeSequence.objects.get_or_create(name=series)
    CodeSequence.objects.filter(name=series).update(last_value=F("last_value") + count)
    last = CodeSequence.objects.values_list("last_value", flat=True).get(name=series)
    return list(range(last - count + 1, last + 1))


def next_number(series: str) -> int:
    return next_numbers(series, 1)[0]


def make_code(prefix: str, number: int) -> str:
    return f"{prefix}{number:06d}"


def ensure_at_least(series: str, value: int) -> None:
    """Move a series past numbers that were written directly (demo data, restore)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(%s, GREATEST(%s, (SELECT last_value FROM "
                + _pg_sequence(series)
                + ")))",
                [_pg_sequence(series), value],
            )
        return
    CodeSequence.objects.get_or_create(name=series)
    CodeSequence.objects.filter(name=series, last_value__lt=value).update(last_value=value)


def current_value(series: str) -> int:
    """The last number handed out of a series (0 when none was)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT last_value, is_called FROM {_pg_sequence(series)}")
            last_value, is_called = cursor.fetchone()
            return last_value if is_called else last_value - 1
    return (
        CodeSequence.objects.filter(name=series).values_list("last_value", flat=True).first() or 0
    )
