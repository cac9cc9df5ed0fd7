"""Confirming a statement: every matched line becomes a payment through payment_record, all
in one transaction or none. Small statements are confirmed at once; larger ones by the
background worker (a web request would time out), with the same guarantees."""

from datetime import datetime, time

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from orderdesk.core.actor import Actor
from orderdesk.core.errors import Conflict, DomainError
from orderdesk.core.money import format_amount
from orderdesk.core.roles import Perm
from orderdesk.orders.models import Order, PaymentKind
from orderdesk.orders.services import payment_record
from orderdesk.orders.status import OrderStatus
from orderdesk.reconciliation.matching import chunked, recorded_lines
from orderdesk.reconciliation.models import Statement, StatementLine
from orderdesk.reconciliation.outcomes import Outcome
from orderdesk.reconciliation.services.common import open_statement, require_reconcile
from orderdesk.reconciliation.services.statements import FINISHED_FIELDS

CONFIRM_INLINE_LIMIT = 200  # payments recorded within the request; more go to the worker
QUEUE_FIELDS = ["confirm_queued_at", "confirm_queued_by", "confirm_error"]


class ConfirmRefused(Conflict):
    code = "reconciliation.confirm_refused"


def payment_reference(statement: Statement, line: StatementLine) -> str:
    """The statement line's own reference, then where it came from, within the 255 allowed."""
    origin = _(" (statement %(id)s, line %(line)s)") % {
        "id": statement.pk,
        "line": line.line_number,
    }
    text = " ".join((line.reference or line.description).split())
    return text[: 255 - len(origin)] + origin


def paid_at(day) -> datetime:
    """The start of the statement's day in the business time zone (never in the future)."""
    return min(timezone.make_aware(datetime.combine(day, time.min)), timezone.now())


def _lock_orders(order_ids: list[int]) -> dict[int, Order]:
    """Lock every matched order up front, in id order, so two confirms cannot deadlock."""
    orders: dict[int, Order] = {}
    for chunk in chunked(sorted(order_ids)):
        queryset = Order.objects.filter(pk__in=chunk).order_by("pk")
        if connection.features.has_select_for_update:
            queryset = queryset.select_for_update()
        orders.update((order.pk, order) for order in queryset)
    return orders


def _problems(lines: list[StatementLine], orders: dict[int, Order]):
    """Why each matched line can no longer be recorded as it was matched."""
    recorded = recorded_lines(line.fingerprint for line in lines)
    for line in lines:
        order = orders.get(line.order_id)
        where = _("Line %(line)s") % {"line": line.line_number}
        if order is None:
            yield _("%(where)s: the order is gone.") % {"where": where}
        elif line.fingerprint in recorded:
            other, other_line = recorded[line.fingerprint]
            yield _("%(where)s: recorded meanwhile from statement %(id)s, line %(other)s.") % {
                "where": where,
                "id": other,
                "other": other_line,
            }
        elif order.status == OrderStatus.CANCELLED:
            yield _("%(where)s: %(code)s was cancelled meanwhile.") % {
                "where": where,
                "code": order.code,
            }
        elif order.balance_due != line.amount:
            yield _(
                "%(where)s: the balance due of %(code)s is now %(balance)s, not %(amount)s."
            ) % {
                "where": where,
                "code": order.code,
                "balance": format_amount(order.balance_due, order.currency, get_language()),
                "amount": format_amount(line.amount, order.currency, get_language()),
            }


def statement_confirm(*, actor: Actor, statement_id: int, queued: bool = False) -> Statement:
    """Record every matched line as a payment through payment_record, in one transaction.

    Before writing, each matched order is locked and checked again (not cancelled, balance
    still the line's amount, the line not recorded from another statement meanwhile); if any
    line fails, nothing is recorded and ConfirmRefused says which lines and why. `queued` is
    for the background task that a request queued (statement_confirm_request)."""
    require_reconcile(actor)
    actor.require(Perm.RECORD_PAYMENTS, _("You may not record payments."))
    try:
        with transaction.atomic():
            statement = open_statement(statement_id, queued_ok=queued)
            lines = list(statement.lines.filter(outcome=Outcome.MATCHED).order_by("line_number"))
            orders = _lock_orders([line.order_id for line in lines if line.order_id])
            problems = list(_problems(lines, orders))
            if problems:
                raise ConfirmRefused(_confirm_refused_message(problems))
            recorded = [_record(statement, line, orders[line.order_id], actor) for line in lines]
            _link_payments(recorded)
            statement.status = Statement.Status.CONFIRMED
            statement.finished_by_label = actor.label
            statement.finished_at = timezone.now()
            statement.recorded_count = len(lines)
            statement.recorded_total = sum((line.amount for line in lines), start=0)
            statement.confirm_queued_at = statement.confirm_queued_by = None
            statement.confirm_error = ""
            statement.save(
                update_fields=[*FINISHED_FIELDS, *QUEUE_FIELDS, "recorded_count", "recorded_total"]
            )
    except IntegrityError:
        # Two statements holding the same line confirmed at the same moment: the unique index
        # let one through; this one recorded nothing.
        raise ConfirmRefused(
            _confirm_refused_message(
                [_("Some of these lines were recorded from another statement at the same moment.")]
            )
        ) from None
    return statement


def _record(statement: Statement, line: StatementLine, order: Order, actor: Actor):
    try:
        payment = payment_record(
            code=order.code,
            actor=actor,
            kind=PaymentKind.PAYMENT,
            amount=line.amount,
            method=statement.method,
            reference=payment_reference(statement, line),
            paid_at=paid_at(line.date),
        )
    except DomainError as error:
        where = _("Line %(line)s") % {"line": line.line_number}
        raise ConfirmRefused(_confirm_refused_message([f"{where}: {error.message}"])) from error
    return line.pk, payment.pk


def _link_payments(pairs: list[tuple[int, int]]) -> None:
    """Each line keeps its payment (one executemany: bulk_update's CASE is slow at this size)."""
    db = connections[DEFAULT_DB_ALIAS]
    quote = db.ops.quote_name
    sql = (
        f"UPDATE {quote(StatementLine._meta.db_table)} SET {quote('payment_id')} = %s "
        f"WHERE {quote('id')} = %s"
    )
    with db.cursor() as cursor:
        for chunk in chunked(pairs, 5000):
            cursor.executemany(sql, [(payment_id, line_id) for line_id, payment_id in chunk])


def statement_confirm_request(*, actor: Actor, statement_id: int) -> Statement:
    """Confirm now when the statement is small; otherwise queue the confirmation for the
    background worker and return the statement marked as queued. The worker records all or
    nothing just the same; a refusal is kept on the statement (confirm_error)."""
    from orderdesk.reconciliation.tasks import statement_confirm_run

    require_reconcile(actor)
    actor.require(Perm.RECORD_PAYMENTS, _("You may not record payments."))
    with transaction.atomic():
        statement = open_statement(statement_id)
        if actor.user is None or statement.counts.get(Outcome.MATCHED, 0) <= CONFIRM_INLINE_LIMIT:
            return statement_confirm(actor=actor, statement_id=statement_id)
        statement.confirm_queued_at = timezone.now()
        statement.confirm_queued_by = actor.user
        statement.confirm_error = ""
        statement.save(update_fields=QUEUE_FIELDS)
        # In the same transaction: the worker sees the task only once the mark is committed.
        statement_confirm_run.enqueue(statement.pk)
    return Statement.objects.get(pk=statement.pk)


def statement_confirm_failed(*, statement_id: int, message: str) -> None:
    """A queued confirmation recorded nothing: say why on the statement, and free it."""
    Statement.objects.filter(pk=statement_id, status=Statement.Status.REVIEW).update(
        confirm_queued_at=None, confirm_queued_by=None, confirm_error=message
    )


def _confirm_refused_message(problems: list[str]) -> str:
    shown = " ".join(problems[:10])
    more = _(" …and %d more.") % (len(problems) - 10) if len(problems) > 10 else ""
    return _(
        "Nothing was recorded. %(problems)s%(more)s Match again to see the statement "
        "as the orders are now."
    ) % {"problems": shown, "more": more}
