"""What the API must remember between requests: idempotency keys and their responses."""

from django.db import models


class IdempotencyRecord(models.Model):
    """One `Idempotency-Key` of one caller: in flight, or done with the response to replay."""

    class State(models.TextChoices):
        IN_FLIGHT = "in_flight"
        DONE = "done"

    scope = models.CharField(max_length=60)  # "key:<api key id>" or "user:<user id>"
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # SHA-256 of method, path and body
    state = models.CharField(max_length=10, choices=State.choices, default=State.IN_FLIGHT)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(default=b"")
    headers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="idempotency_scope_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scope}/{self.key} ({self.state})"
