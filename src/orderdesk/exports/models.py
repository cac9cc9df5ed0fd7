"""Export jobs (large downloads made in the background) and scheduled exports with their runs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Format(models.TextChoices):
    CSV = "csv", _("CSV")
    XLSX = "xlsx", _("Excel (XLSX)")


class State(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ExportJob(models.Model):
    """One export too large to download directly; written to a file by the task worker."""

    dataset = models.CharField(max_length=20)
    format = models.CharField(max_length=4, choices=Format.choices)
    delimiter = models.CharField(max_length=1, default=",")
    bom = models.BooleanField(default=False)
    params = models.JSONField(default=dict)  # the list's filters, as request parameters
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)  # estimated when queued
    rows_done = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=255, blank=True)  # inside the exports folder
    size = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)  # written with the progress

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="exportjob_user_idx")]

    def __str__(self) -> str:
        return f"{self.dataset} export #{self.pk}"

    @property
    def percent(self) -> int:
        if self.state == State.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly (periods start on Monday)")
    MONTHLY = "monthly", _("Monthly")


class ExportSchedule(models.Model):
    """An admin's standing order: this data set, these filters, every period, into a folder."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    dataset = models.CharField(_("data set"), max_length=20)
    params = models.JSONField(_("filters"), default=dict, blank=True)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices, default="csv")
    delimiter = models.CharField(_("delimiter"), max_length=1, default=",")
    bom = models.BooleanField(_("BOM for Excel"), default=False)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    run_at = models.TimeField(
        _("run at"), help_text=_("Business time zone; after the period ends.")
    )
    folder = models.CharField(_("folder"), max_length=500)
    only_changed = models.BooleanField(
        _("only what changed"),
        default=False,
        help_text=_("Rows changed during the period, instead of rows created in it."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ExportRun(models.Model):
    """One period of one schedule: at most one, so a period is never written twice."""

    schedule = models.ForeignKey(ExportSchedule, on_delete=models.CASCADE, related_name="runs")
    period_start = models.DateField()
    period_end = models.DateField()  # exclusive
    state = models.CharField(max_length=10, choices=State.choices, default=State.RUNNING)
    path = models.CharField(max_length=1000, blank=True)
    rows = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Renewed while the file is written; a running period that stops beating (its worker was
    # killed) may be taken over by another worker.
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "period_start"], name="exportrun_one_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.schedule_id}: {self.period_start}"
