"""Shared bookkeeping tables: code sequences and per-status counters."""

from django.conf import settings
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


class AppendOnlyError(RuntimeError):
    """Someone tried to change or remove a timeline event."""


class AppendOnlyQuerySet(models.QuerySet):
    """Timeline rows are written once: bulk updates and deletes are refused like single ones."""

    def update(self, **kwargs):
        raise AppendOnlyError("Timeline events are append-only.")

    def delete(self):
        raise AppendOnlyError("Timeline events are append-only.")


class TimelineEvent(models.Model):
    """One line of a timeline: what happened (type, data), who did it and when.

    Written once by the events modules; never changed or removed. Subclasses add the foreign
    key to what the timeline belongs to.
    """

    type = models.CharField(max_length=40)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_api_key = models.ForeignKey(
        "accounts.ApiKey", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200)
    created_at = models.DateTimeField()
    data = models.JSONField(default=dict)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("Timeline events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Timeline events are append-only.")


class RateLimitBucket(models.Model):
    """Hits of one key (e.g. "request-form:203.0.113.7:60") in one fixed time window."""

    key = models.CharField(max_length=200)
    window = models.BigIntegerField()  # unix time // period
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="ratelimit_unique")]

    def __str__(self) -> str:
        return f"{self.key}@{self.window}={self.count}"
