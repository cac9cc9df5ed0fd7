"""Daily rollups the reports read instead of the order and request tables.

Each row sums what a set of orders (or consultation requests) contributes to one business day
(ORDERDESK_TIME_ZONE). The order and consultation services change them in the same transaction
as the rows they save (reports.rollups), and `orderdesk rebuild-reports` recomputes them from
the orders, the ledger and the requests (reports.rebuild).
"""

from django.db import models

SUM = {"max_digits": 24, "decimal_places": 3}  # a day's sum of DECIMAL(15, 3) amounts


class CreatedDay(models.Model):
    """Orders created on `day` that are in `status` now, in one currency."""

    day = models.DateField()
    status = models.CharField(max_length=30)
    currency = models.CharField(max_length=3)
    orders = models.BigIntegerField(default=0)
    total = models.DecimalField(default=0, **SUM)

    class Meta:
        abstract = True


class OrderDay(CreatedDay):
    """… by channel."""

    channel = models.CharField(max_length=20)
    # Sum of each order's balance due, counted only when positive: an overpaid order owes
    # nothing and must not hide what another still owes.
    balance_due = models.DecimalField(default=0, **SUM)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "status", "channel", "currency"], name="orderday_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.status}/{self.channel} {self.orders}"


class OrderAssigneeDay(CreatedDay):
    """… by assignee: apart from OrderDay, not one more column of it, because a row per channel
    × assignee would make a year three times as many rows to add up for every view."""

    # The assignee's user id, 0 when unassigned: a plain number, so the unique key below holds
    # (NULLs are never equal in a unique index) and a removed user keeps their history.
    assignee_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "status", "assignee_id", "currency"],
                name="orderassigneeday_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.status}/{self.assignee_id} {self.orders}"


class CancelReasonDay(models.Model):
    """Orders created on `day` and now cancelled, by the reason given (first 200 characters)."""

    day = models.DateField()
    reason = models.CharField(max_length=200)
    orders = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "reason"], name="cancelreasonday_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.reason[:30]} {self.orders}"


class Activity(models.TextChoices):
    DELIVERED = "delivered"  # orders moved to Delivered on the day; amount: their totals
    CANCELLED = "cancelled"  # orders moved to Cancelled on the day; amount: their totals
    PAYMENT = "payment"  # payment entries paid on the day; amount: what was paid
    REFUND = "refund"  # refund entries paid on the day; amount: what was given back


class ActivityDay(models.Model):
    """What happened on `day`: deliveries, cancellations, payments and refunds."""

    day = models.DateField()
    activity = models.CharField(max_length=10, choices=Activity.choices)
    currency = models.CharField(max_length=3)
    count = models.BigIntegerField(default=0)
    amount = models.DecimalField(default=0, **SUM)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "activity", "currency"], name="activityday_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.activity} {self.count}"


class RequestDay(models.Model):
    """Consultation requests received on `day` from one source, assigned to one person (0: nobody),
    in `status` now: how many, how many were answered, answered within the response target
    (ORDERDESK_CONSULTATION_SLA_MINUTES, recorded in RollupState) and turned into an order."""

    day = models.DateField()
    source = models.CharField(max_length=20)
    assignee_id = models.BigIntegerField(default=0)  # as in OrderAssigneeDay
    status = models.CharField(max_length=30)
    requests = models.BigIntegerField(default=0)
    answered = models.BigIntegerField(default=0)
    within_target = models.BigIntegerField(default=0)
    converted = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "source", "assignee_id", "status"], name="requestday_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.source}/{self.status} {self.requests}"


class RollupState(models.Model):
    """One row: the time zone the rollups' days are in, the response target the request rows
    were counted against, and when they were last rebuilt."""

    time_zone = models.CharField(max_length=64)
    consultation_sla_minutes = models.PositiveIntegerField(null=True)  # None: before RequestDay
    rebuilt_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.time_zone} @ {self.rebuilt_at}"
