"""Webhooks: where to send which events, each event sent to each webhook, and every attempt."""

from django.db import models
from django.utils import timezone


class Webhook(models.Model):
    url = models.CharField(max_length=2000)
    events = models.JSONField(default=list)  # event type names, e.g. ["order.created"]
    # Kept as is: the signer needs it for the HMAC. Shown once, in the answer to the creation.
    secret = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_label = models.CharField(max_length=150, blank=True)

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event for one webhook: the exact body sent on every attempt, and where it stands."""

    class State(models.TextChoices):
        PENDING = "pending"  # an attempt is queued
        SUCCEEDED = "succeeded"
        FAILED = "failed"  # every attempt of the retry window failed; given up

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.CharField(max_length=32)  # the payload's "id"; the same on every retry
    event_type = models.CharField(max_length=60)
    body = models.TextField()  # the JSON sent, byte for byte, so every retry signs the same
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["webhook", "event_id"], name="webhook_delivery_event_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id} → {self.webhook_id} ({self.state})"


class WebhookAttempt(models.Model):
    """One POST of a delivery: its answer's status, or why there was none."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveIntegerField()  # 1 for the first try
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    succeeded = models.BooleanField()
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "number"], name="webhook_attempt_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"attempt {self.number} of delivery {self.delivery_id}"
