"""Reconciliation commands: profiles, statements (import, match again, discard) and their
confirmation, which records the matched payments through the payment service, all or none."""

from orderdesk.reconciliation.services.confirmation import (
    ConfirmRefused,
    statement_confirm,
    statement_confirm_failed,
    statement_confirm_request,
)
from orderdesk.reconciliation.services.profiles import MAX_WINDOW_DAYS, PROFILE_FIELDS, profile_save
from orderdesk.reconciliation.services.statements import (
    statement_discard,
    statement_import,
    statement_rematch,
)

__all__ = [
    "MAX_WINDOW_DAYS",
    "PROFILE_FIELDS",
    "ConfirmRefused",
    "profile_save",
    "statement_confirm",
    "statement_confirm_failed",
    "statement_confirm_request",
    "statement_discard",
    "statement_import",
    "statement_rematch",
]
