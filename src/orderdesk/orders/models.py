"""Orders, their items, the payment ledger and the append-only timeline."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orderdesk.core.models import TimelineEvent
from orderdesk.orders.status import (
    ORDER_STATUS_LABELS,
    PAYMENT_STATUS_LABELS,
    OrderStatus,
    PaymentStatus,
    balance_due,
)

MONEY = {"max_digits": 15, "decimal_places": 3}


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    PHONE = "phone", _("Phone")
    STORE = "store", _("Store")
    MARKETPLACE = "marketplace", _("Marketplace")
    API = "api", _("API")
    OTHER = "other", _("Other")


class PaymentKind(models.TextChoices):
    PAYMENT = "payment", _("Payment")
    REFUND = "refund", _("Refund")


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    COD = "cod", _("Cash on delivery")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    CARD = "card", _("Card")
    E_WALLET = "e_wallet", _("E-wallet")
    OTHER = "other", _("Other")


class Order(models.Model):
    # Unique through Meta.constraints, not unique=True: that would add a second index on
    # PostgreSQL (varchar_pattern_ops, for LIKE 'prefix%'), which nothing reads and every
    # insert and status move would write (`make bench`: bulk_transition_orders_per_s).
    code = models.CharField(_("code"), max_length=20)

    customer_name = models.CharField(_("customer name"), max_length=200)
    customer_phone = models.CharField(_("customer phone"), max_length=40)
    # Not indexed: phone search goes through search_text's index (orders.search).
    customer_phone_normalized = models.CharField(max_length=40, editable=False)
    customer_email = models.EmailField(_("customer e-mail"), blank=True)

    ship_recipient = models.CharField(_("recipient"), max_length=200)
    ship_phone = models.CharField(_("recipient phone"), max_length=40)
    ship_line1 = models.CharField(_("address line 1"), max_length=255)
    ship_line2 = models.CharField(_("address line 2"), max_length=255, blank=True)
    ship_ward = models.CharField(_("ward"), max_length=120, blank=True)
    ship_district = models.CharField(_("district"), max_length=120, blank=True)
    ship_city = models.CharField(_("city"), max_length=120)
    ship_province = models.CharField(_("province"), max_length=120, blank=True)
    ship_postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    ship_country = models.CharField(_("country"), max_length=2)

    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    currency = models.CharField(_("currency"), max_length=3)
    subtotal = models.DecimalField(_("subtotal"), **MONEY)
    shipping_fee = models.DecimalField(_("shipping fee"), **MONEY)
    discount = models.DecimalField(_("discount"), **MONEY)
    total = models.DecimalField(_("total"), **MONEY)
    # Sums of the payment ledger, kept with every payment so lists and filters need no join.
    amount_paid = models.DecimalField(_("paid"), **MONEY)
    amount_refunded = models.DecimalField(_("refunded"), **MONEY)

    status = models.CharField(
        _("status"),
        max_length=30,
        choices=list(ORDER_STATUS_LABELS.items()),
        default=OrderStatus.PENDING_CONFIRMATION,
    )
    payment_status = models.CharField(
        _("payment status"),
        max_length=30,
        choices=list(PAYMENT_STATUS_LABELS.items()),
        default=PaymentStatus.UNPAID,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_orders",
        db_index=False,  # order_assignee_idx starts with it
    )
    note = models.TextField(_("customer note"), blank=True)
    carrier = models.CharField(_("carrier"), max_length=100, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=100, blank=True)
    cancel_reason = models.TextField(_("cancel reason"), blank=True)

    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))
    status_changed_at = models.DateTimeField(_("status changed"))
    confirmed_at = models.DateTimeField(null=True, blank=True)
    ready_to_ship_at = models.DateTimeField(null=True, blank=True)
    shipping_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="created_orders",
    )
    created_by_api_key = models.ForeignKey(
        "accounts.ApiKey",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="created_orders",
        db_index=False,  # order_api_key_idx starts with it
    )
    # Folded (lower case, no accents) code, names, e-mail, phone keys, tracking and SKUs.
    search_text = models.TextField(editable=False, default="")
    # "2 × Áo thun; 1 × Mũ" (domain.items_summary), written with the items: the exports'
    # Items column without reading every order's items again (a third of a full CSV export).
    items_summary = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        permissions = [
            ("view_own_order", "View orders created by the same API key"),
            ("edit_completed_order", "Edit delivered or cancelled orders, with a reason"),
            ("confirm_order", "Confirm orders"),
            ("fulfil_order", "Mark orders ready to ship, shipping and delivered"),
            ("cancel_order", "Cancel orders before shipping"),
            ("cancel_shipping_order", "Cancel shipping orders (failed or returned delivery)"),
            ("annotate_order", "Add notes, assign and tag orders"),
            ("record_payment", "Record payments"),
            ("record_refund", "Record refunds"),
            ("bulk_order", "Run bulk actions on orders"),
            ("export_order", "Export orders and see reports"),
            ("reconcile_payments", "Reconcile payment statements"),
        ]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="order_created_idx"),
            models.Index(fields=["status", "-created_at", "-id"], name="order_status_created_idx"),
            models.Index(fields=["-updated_at", "-id"], name="order_updated_idx"),
            models.Index(fields=["total", "id"], name="order_total_idx"),  # scanned both ways
            models.Index(fields=["payment_status", "-created_at"], name="order_payment_idx"),
            models.Index(fields=["assigned_to", "-created_at"], name="order_assignee_idx"),
            models.Index(fields=["created_by_api_key", "-created_at"], name="order_api_key_idx"),
        ]
        constraints = [models.UniqueConstraint(fields=["code"], name="order_code_unique")]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("orders:detail", kwargs={"code": self.code})

    @property
    def status_enum(self) -> OrderStatus:
        return OrderStatus(self.status)

    @property
    def payment_status_enum(self) -> PaymentStatus:
        return PaymentStatus(self.payment_status)

    @property
    def is_completed(self) -> bool:
        return self.status_enum.is_completed

    @property
    def balance_due(self):
        return balance_due(total=self.total, paid=self.amount_paid, refunded=self.amount_refunded)


class OrderItem(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    sku = models.CharField(_("SKU"), max_length=64, blank=True)
    name = models.CharField(_("name"), max_length=255)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price"), **MONEY)
    line_total = models.DecimalField(_("line total"), **MONEY)

    class Meta:
        ordering = ["order", "position", "id"]
        verbose_name = _("order item")
        verbose_name_plural = _("order items")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.name}"


class OrderTag(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="tag_rows")
    tag = models.CharField(_("tag"), max_length=50)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["order", "tag"], name="ordertag_unique")]
        indexes = [models.Index(fields=["tag", "order"], name="ordertag_tag_idx")]

    def __str__(self) -> str:
        return self.tag


class Payment(models.Model):
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(_("kind"), max_length=10, choices=PaymentKind.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    method = models.CharField(_("method"), max_length=20, choices=PaymentMethod.choices)
    reference = models.CharField(_("reference"), max_length=255, blank=True)
    paid_at = models.DateTimeField(_("paid at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    recorded_by_api_key = models.ForeignKey(
        "accounts.ApiKey", null=True, blank=True, on_delete=models.SET_NULL
    )
    recorded_by_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paid_at", "id"]
        verbose_name = pgettext_lazy("ledger entry", "payment")
        verbose_name_plural = pgettext_lazy("ledger entries", "payments")
        indexes = [models.Index(fields=["paid_at"], name="payment_paid_at_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} on {self.order_id}"


class OrderEvent(TimelineEvent):
    """One line of an order's timeline, written by orders.events."""

    # orderevent_order_idx starts with it; a second single-column index would only slow inserts.
    order = models.ForeignKey(
        Order, on_delete=models.PROTECT, related_name="events", db_index=False
    )

    class Meta:
        indexes = [
            models.Index(fields=["order", "-created_at", "-id"], name="orderevent_order_idx")
        ]

    def __str__(self) -> str:
        return f"{self.type} on {self.order_id}"


class SavedView(models.Model):
    """A named set of list filters; shared views appear as tabs for everyone."""

    name = models.CharField(_("name"), max_length=60)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_order_views"
    )
    shared = models.BooleanField(_("shared with everyone"), default=False)
    query = models.CharField(max_length=2000)  # the list's URL query string, without cursor
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="savedview_owner_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class BulkJob(models.Model):
    """A bulk action over many orders, run in the background when it is large.

    Progress is kept here so a page reload (or another tab) shows how far it got.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    action = models.CharField(max_length=30)
    params = models.JSONField(default=dict)
    codes = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    succeeded = models.PositiveIntegerField(default=0)
    skipped = models.JSONField(default=list)  # [{"code", "error_code", "detail"}]
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The run that holds the job, and when it last showed life: a run that stops beating (its
    # worker was killed) is taken over, and only the holder may write progress.
    runner = models.CharField(max_length=40, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.action} × {self.total} ({self.state})"

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(self.processed * 100 / self.total)
