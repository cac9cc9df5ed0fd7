"""API keys for integrations. The key itself is shown once; only its SHA-256 is stored."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from orderdesk.core.roles import ROLE_LABELS


class ApiKey(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    role = models.CharField(_("role"), max_length=20, choices=list(ROLE_LABELS.items()))
    # The first characters of the key, stored plainly so a presented key is found by index.
    prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        permissions = [("manage_system", "Manage users, API keys, webhooks and export schedules")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class StaffPreference(models.Model):
    """A staff user's own settings. A missing row or an empty language means the default
    (ORDERDESK_LANGUAGE)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preference"
    )
    language = models.CharField(_("language"), max_length=8, blank=True, default="")

    class Meta:
        verbose_name = _("staff preference")
        verbose_name_plural = _("staff preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language or '-'}"
