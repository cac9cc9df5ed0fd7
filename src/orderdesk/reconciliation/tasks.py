"""Background work for reconciliation: confirming a statement too large for one request."""

from django.contrib.auth import get_user_model
from django.tasks import task
from django.utils.translation import gettext as _

from orderdesk.accounts.preferences import in_language_of
from orderdesk.core.actor import Actor
from orderdesk.core.errors import DomainError
from orderdesk.reconciliation.models import Statement
from orderdesk.reconciliation.services import statement_confirm, statement_confirm_failed


@task
def statement_confirm_run(statement_id: int) -> None:
    """Run a queued confirmation as the person who asked for it; whatever stops it, the
    statement says so and is free again (its transaction recorded nothing)."""
    statement = Statement.objects.filter(pk=statement_id).values("confirm_queued_by").first()
    if statement is None or statement["confirm_queued_by"] is None:
        return  # confirmed, discarded or freed meanwhile
    user = get_user_model().objects.get(pk=statement["confirm_queued_by"])
    with in_language_of(user):  # why nothing was recorded is for them to read
        _confirm(statement_id, user)


def _confirm(statement_id: int, user) -> None:
    try:
        statement_confirm(actor=Actor.for_user(user), statement_id=statement_id, queued=True)
    except DomainError as error:
        statement_confirm_failed(statement_id=statement_id, message=error.message)
    except Exception:
        statement_confirm_failed(
            statement_id=statement_id,
            message=_("Nothing was recorded: the confirmation stopped on an unexpected error."),
        )
        raise
