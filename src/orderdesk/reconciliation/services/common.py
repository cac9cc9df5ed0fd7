"""What every reconciliation command shares: the permission check and the open statement."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.core.actor import Actor
from orderdesk.core.errors import Conflict, NotFound
from orderdesk.core.roles import Perm
from orderdesk.reconciliation.models import Statement

# A confirmation queued this long ago without an end is taken for lost (a worker that died):
# the statement may be confirmed, matched again or discarded once more.
QUEUE_STALE_AFTER = timedelta(minutes=30)


def require_reconcile(actor: Actor) -> None:
    actor.require(Perm.RECONCILE_PAYMENTS, _("You may not reconcile payment statements."))


def confirmation_pending(statement: Statement) -> bool:
    queued = statement.confirm_queued_at
    return queued is not None and timezone.now() - queued < QUEUE_STALE_AFTER


def open_statement(statement_id: int, *, queued_ok: bool = False) -> Statement:
    """The statement, locked, still to confirm, and (unless the caller is its queued
    confirmation) not waiting for a confirmation already on its way."""
    queryset = Statement.objects.all()
    if connection.features.has_select_for_update:
        queryset = queryset.select_for_update()
    statement = queryset.filter(pk=statement_id).first()
    if statement is None:
        raise NotFound(_("No statement %s.") % statement_id, code="reconciliation.not_found")
    if not statement.is_open:
        raise Conflict(
            _("Statement %(id)s is already %(status)s.")
            % {"id": statement.pk, "status": statement.get_status_display().lower()},
            code="reconciliation.closed",
        )
    if not queued_ok and confirmation_pending(statement):
        raise Conflict(
            _("Statement %s is being recorded in the background; wait for it to finish.")
            % statement.pk,
            code="reconciliation.busy",
        )
    return statement
