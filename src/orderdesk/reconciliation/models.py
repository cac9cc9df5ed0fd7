"""Statement profiles (how to read one source's CSV), imported statements and their lines.

A line keeps its fingerprint; a line that led to a payment keeps the payment, and a partial
unique index lets each fingerprint lead to one payment only, whatever happens at once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from orderdesk.orders.models import MONEY, Order, Payment, PaymentMethod
from orderdesk.reconciliation.outcomes import (
    MATCHED_BY_LABELS,
    OUTCOME_LABELS,
    Outcome,
    reason_text,
)

ENCODINGS = [
    ("utf-8", _("UTF-8 (with or without BOM)")),
    ("cp1258", _("Windows-1258 (Vietnamese)")),
    ("cp1252", _("Windows-1252 (Western European)")),
]
# Stored by name: a tab or a space is invisible in a form and easily lost on the way.
DELIMITERS = [
    ("comma", _("Comma ,")),
    ("semicolon", _("Semicolon ;")),
    ("tab", _("Tab")),
    ("pipe", _("Bar |")),
]
DECIMAL_SEPARATORS = [("point", _("Point: 1250.50")), ("comma", _("Comma: 1250,50"))]
THOUSANDS_SEPARATORS = [
    ("none", _("None: 1250000")),
    ("comma", _("Comma: 1,250,000")),
    ("point", _("Point: 1.250.000")),
    ("space", _("Space: 1 250 000")),
    ("apostrophe", _("Apostrophe: 1'250'000")),
]
DATE_FORMATS = [
    ("%Y-%m-%d", "2026-11-27 (ISO)"),
    ("%d/%m/%Y", "27/11/2026"),
    ("%d-%m-%Y", "27-11-2026"),
    ("%d.%m.%Y", "27.11.2026"),
    ("%m/%d/%Y", "11/27/2026"),
    ("%Y/%m/%d", "2026/11/27"),
    ("%d/%m/%y", "27/11/26"),
]


class StatementProfile(models.Model):
    """One source of statements (a bank account, a gateway, a courier) and how its CSV reads."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    method = models.CharField(
        _("payment method"),
        max_length=20,
        choices=PaymentMethod.choices,
        help_text=_("Recorded on every payment from these statements; a courier's is COD."),
    )
    currency = models.CharField(_("currency"), max_length=3)
    encoding = models.CharField(_("encoding"), max_length=20, choices=ENCODINGS, default="utf-8")
    delimiter = models.CharField(_("delimiter"), max_length=10, choices=DELIMITERS, default="comma")
    decimal_separator = models.CharField(
        _("decimal separator"), max_length=10, choices=DECIMAL_SEPARATORS, default="point"
    )
    thousands_separator = models.CharField(
        _("thousands separator"), max_length=10, choices=THOUSANDS_SEPARATORS, default="none"
    )
    date_format = models.CharField(
        _("date format"), max_length=20, choices=DATE_FORMATS, default="%Y-%m-%d"
    )
    date_column = models.CharField(_("date column"), max_length=100)
    amount_column = models.CharField(_("amount column"), max_length=100)
    reference_column = models.CharField(_("reference column"), max_length=100)
    description_column = models.CharField(_("description column"), max_length=100, blank=True)
    order_code_column = models.CharField(_("order code column"), max_length=100, blank=True)
    date_window_days = models.PositiveSmallIntegerField(
        _("date window (days)"),
        default=3,
        help_text=_(
            "A line without an order code matches the only open order with that balance "
            "created or delivered this many days before or after the line's date."
        ),
    )
    carrier = models.CharField(
        _("carrier"),
        max_length=100,
        blank=True,
        help_text=_("For a courier's COD statements: the carrier name on its orders."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("statement profile")
        verbose_name_plural = _("statement profiles")

    def __str__(self) -> str:
        return self.name


class Statement(models.Model):
    """One uploaded file, matched and waiting for confirmation, confirmed, or discarded."""

    class Status(models.TextChoices):
        REVIEW = "review", _("To confirm")
        CONFIRMED = "confirmed", _("Confirmed")
        DISCARDED = "discarded", _("Discarded")

    profile = models.ForeignKey(
        StatementProfile, on_delete=models.PROTECT, related_name="statements"
    )
    file_name = models.CharField(_("file"), max_length=255)
    file_sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REVIEW
    )
    # Copied from the profile at upload, so a later edit of the profile does not change it.
    method = models.CharField(max_length=20, choices=PaymentMethod.choices)
    currency = models.CharField(max_length=3)
    date_window_days = models.PositiveSmallIntegerField()
    first_date = models.DateField(_("from"))
    last_date = models.DateField(_("to"))
    line_count = models.PositiveIntegerField(_("lines"))
    counts = models.JSONField(default=dict)  # {outcome: number of lines}, kept by matching
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_by_label = models.CharField(max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded"))
    matched_at = models.DateTimeField()
    finished_by_label = models.CharField(max_length=200, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # A confirmation too large for one request waits for the worker (services.confirmation).
    confirm_queued_at = models.DateTimeField(null=True, blank=True)
    confirm_queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirm_error = models.TextField(blank=True)  # why the last queued confirmation refused
    recorded_count = models.PositiveIntegerField(default=0)
    recorded_total = models.DecimalField(default=0, **MONEY)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return f"#{self.pk} {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse("reconciliation:statement", kwargs={"statement_id": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.REVIEW


class StatementLine(models.Model):
    """One line of a statement as read, and what matching made of it."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="lines")
    line_number = models.PositiveIntegerField(_("line"))
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), **MONEY)
    reference = models.TextField(_("reference"), blank=True)
    description = models.TextField(_("description"), blank=True)
    order_code_text = models.TextField(_("order code"), blank=True)
    # sha256 of profile, date, amount, reference, description, order code and the occurrence of
    # that same content in the file (two equal transfers on one day are two payments).
    fingerprint = models.CharField(max_length=64)
    outcome = models.CharField(
        _("result"),
        max_length=20,
        choices=[(o.value, label) for o, label in OUTCOME_LABELS.items()],
    )
    matched_by = models.CharField(
        max_length=20,
        choices=[(m.value, label) for m, label in MATCHED_BY_LABELS.items()],
        blank=True,
    )
    order = models.ForeignKey(
        Order, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    balance_due = models.DecimalField(null=True, blank=True, **MONEY)  # when matched
    reason = models.CharField(max_length=30, blank=True)
    reason_data = models.JSONField(default=dict, blank=True)
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["statement", "line_number"]
        constraints = [
            # The idempotency guard: one payment per fingerprint, even for two confirms at once.
            models.UniqueConstraint(
                fields=["fingerprint"],
                condition=Q(payment__isnull=False),
                name="statementline_recorded_once",
            )
        ]
        indexes = [
            models.Index(fields=["statement", "outcome", "line_number"], name="stline_outcome_idx")
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}:{self.line_number}"

    @property
    def outcome_enum(self) -> Outcome:
        return Outcome(self.outcome)

    @property
    def note(self) -> str:
        return reason_text(self.reason, self.reason_data)

    @property
    def difference(self):
        if self.balance_due is None:
            return None
        return self.amount - self.balance_due
