"""Shared bookkeeping tables: code sequences and per-status counters."""

from django.db import models


class CodeSequence(models.Model):
    """The last number handed out for a code series (SQLite; PostgreSQL uses real sequences)."""

    name = models.CharField(max_length=40, primary_key=True)
    last_value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}={self.last_value}"


class StatusCount(models.Model):
    """How many orders (or consultation requests) are in each status, kept in the same
    transaction as every create and status move so the list's tabs cost O(1).

    Each (kind, status) is spread over a few shards: concurrent transactions then rarely wait
    on the same row; a count is the sum of its shards.
    """

    kind = models.CharField(max_length=20)
    status = models.CharField(max_length=30)
    shard = models.PositiveSmallIntegerField(default=0)
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "status", "shard"], name="statuscount_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}/{self.status}#{self.shard}={self.count}"
