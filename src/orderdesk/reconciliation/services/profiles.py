"""Statement profiles: how one source's files read, checked before they are saved."""

from django.utils.translation import gettext as _

from orderdesk.core.actor import Actor
from orderdesk.core.errors import Errors
from orderdesk.core.money import currency_codes
from orderdesk.reconciliation.models import StatementProfile
from orderdesk.reconciliation.services.common import require_reconcile

MAX_WINDOW_DAYS = 60
PROFILE_FIELDS = (
    "name", "method", "currency", "encoding", "delimiter", "decimal_separator",
    "thousands_separator", "date_format", "date_column", "amount_column", "reference_column",
    "description_column", "order_code_column", "date_window_days", "carrier",
)  # fmt: skip
COLUMN_FIELDS = (
    "date_column", "amount_column", "reference_column", "description_column", "order_code_column",
)  # fmt: skip


CHOICE_FIELDS = (
    "method", "encoding", "delimiter", "decimal_separator", "thousands_separator", "date_format",
)  # fmt: skip


def profile_save(
    *, actor: Actor, data: dict, profile: StatementProfile | None = None
) -> StatementProfile:
    """Create a profile, or change one; statements already imported keep what they copied."""
    require_reconcile(actor)
    errors = Errors(title=_("The profile is not valid"))
    values = {name: data.get(name, "") for name in PROFILE_FIELDS}
    for name in ("name", *COLUMN_FIELDS, "carrier"):
        values[name] = " ".join(str(values[name] or "").split())
    values["currency"] = str(values["currency"] or "").strip().upper()
    if values["currency"] not in currency_codes():
        errors.add("currency", _("Give an ISO 4217 currency code such as VND or USD."))
    if values["decimal_separator"] == values["thousands_separator"]:
        errors.add("thousands_separator", _("The thousands and decimal separators must differ."))
    for name in CHOICE_FIELDS:
        if values[name] not in dict(StatementProfile._meta.get_field(name).choices):
            errors.add(name, _("Choose one of the options."))
    window = values["date_window_days"]
    if not isinstance(window, int) or not 0 <= window <= MAX_WINDOW_DAYS:
        errors.add("date_window_days", _("Give 0 to %d days.") % MAX_WINDOW_DAYS)
    named = [values[f].casefold() for f in COLUMN_FIELDS if values[f]]
    if len(named) != len(set(named)):
        errors.add("amount_column", _("Each column may be mapped once only."))
    duplicate = StatementProfile.objects.filter(name__iexact=values["name"])
    if profile is not None:
        duplicate = duplicate.exclude(pk=profile.pk)
    if duplicate.exists():
        errors.add("name", _("Another profile has this name."))
    errors.raise_if_any()
    profile = profile or StatementProfile()
    for name, value in values.items():
        setattr(profile, name, value)
    profile.save()
    return profile
