"""Per-status counters for the list tabs; see core.models.StatusCount for why they exist."""

import random
from collections import Counter
from collections.abc import Iterable

from django.db import connection
from django.db.models import F

from orderdesk.core.models import StatusCount

SHARDS = 8


def counter_move(*, kind: str, old: str | None, new: str | None) -> None:
    """Within the caller's transaction: one item leaves `old` (None on create) for `new`."""
    shard = random.randrange(SHARDS)
    if old:
        _add(kind, old, shard, -1)
    if new:
        _add(kind, new, shard, 1)


def counter_add_many(*, kind: str, deltas: dict[str, int]) -> None:
    for status, delta in deltas.items():
        if delta:
            _add(kind, status, random.randrange(SHARDS), delta)


def _add(kind: str, status: str, shard: int, delta: int) -> None:
    # Every order written runs this; a fixed statement skips building and compiling a queryset.
    with connection.cursor() as cursor:
        cursor.execute(_ADD_SQL, [delta, kind, status, shard])
        updated = cursor.rowcount
    if not updated:
        # First item of this status in this shard; the shard rows are normally made by
        # counters_reset, so this happens only on a database filled by hand.
        obj, _ = StatusCount.objects.get_or_create(kind=kind, status=status, shard=shard)
        StatusCount.objects.filter(pk=obj.pk).update(count=F("count") + delta)


def counter_totals(kind: str) -> dict[str, int]:
    # Every list page and the counts endpoint read this; one fixed statement skips building and
    # compiling a queryset each time (a third of the endpoint's time, `make bench`: counts).
    with connection.cursor() as cursor:
        cursor.execute(_TOTALS_SQL, [kind])
        return {status: int(total) for status, total in cursor.fetchall()}


_TABLE = StatusCount._meta.db_table
_ADD_SQL = (
    f'UPDATE {_TABLE} SET "count" = "count" + %s WHERE kind = %s AND status = %s AND shard = %s'
)
_TOTALS_SQL = f"SELECT status, SUM(count) FROM {_TABLE} WHERE kind = %s GROUP BY status"


def counters_reset(*, kind: str, real_counts: dict[str, int], statuses: Iterable[str]) -> None:
    """Replace a kind's counters with real counts, one row per shard (shard 0 holds the count)."""
    StatusCount.objects.filter(kind=kind).delete()
    StatusCount.objects.bulk_create(
        StatusCount(
            kind=kind,
            status=status,
            shard=shard,
            count=real_counts.get(status, 0) if shard == 0 else 0,
        )
        for status in statuses
        for shard in range(SHARDS)
    )


def counter_drift(*, stored: dict[str, int], real: dict[str, int]) -> dict[str, tuple[int, int]]:
    """{status: (stored, real)} for every status where the two disagree."""
    statuses = set(stored) | set(real)
    return {
        status: (stored.get(status, 0), real.get(status, 0))
        for status in sorted(statuses)
        if stored.get(status, 0) != real.get(status, 0)
    }


def tally(values: Iterable[str]) -> dict[str, int]:
    return dict(Counter(values))
