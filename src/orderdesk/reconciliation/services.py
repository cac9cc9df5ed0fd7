"""Reconciliation commands: save a profile, import a statement, match it again, confirm it
(recording its matched payments through the payment service, all or none), or discard it."""

import hashlib
from datetime import datetime, time

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from orderdesk.core.actor import Actor
from orderdesk.core.errors import Conflict, DomainError, Errors, NotFound
from orderdesk.core.money import currency_codes, format_amount
from orderdesk.core.roles import Perm
from orderdesk.orders.models import Order, PaymentKind
from orderdesk.orders.services import payment_record
from orderdesk.orders.status import OrderStatus
from orderdesk.reconciliation.matching import (
    LineIn,
    LineMatch,
    chunked,
    match_lines,
    recorded_lines,
)
from orderdesk.reconciliation.models import Statement, StatementLine, StatementProfile
from orderdesk.reconciliation.outcomes import Outcome
from orderdesk.reconciliation.parsing import (
    StatementFormat,
    StatementRow,
    fingerprints,
    statement_parse,
)

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
FINISHED_FIELDS = ["status", "finished_by_label", "finished_at"]


class ConfirmRefused(Conflict):
    code = "reconciliation.confirm_refused"


def _require(actor: Actor) -> None:
    actor.require(Perm.RECONCILE_PAYMENTS, _("You may not reconcile payment statements."))


# --- Profiles ----------------------------------------------------------------------------------
def profile_save(
    *, actor: Actor, data: dict, profile: StatementProfile | None = None
) -> StatementProfile:
    """Create a profile, or change one; statements already imported keep what they copied."""
    _require(actor)
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


# --- Import and matching -----------------------------------------------------------------------
def _line_in(row: StatementRow, fingerprint: str) -> LineIn:
    return LineIn(row.date, row.amount, row.reference, row.description, row.order_code, fingerprint)


def _apply(line: StatementLine, match: LineMatch) -> StatementLine:
    line.outcome = match.outcome
    line.matched_by = match.matched_by
    line.order_id = match.order_id
    line.balance_due = match.balance_due
    line.reason = match.reason
    line.reason_data = match.reason_data
    return line


def _counts(matches: list[LineMatch]) -> dict[str, int]:
    counts = dict.fromkeys(Outcome, 0)
    for match in matches:
        counts[match.outcome] += 1
    return {str(outcome): n for outcome, n in counts.items()}


def statement_import(*, actor: Actor, profile_id: int, file_name: str, data: bytes) -> Statement:
    """Read the file with its profile, match every line, and keep statement and lines for
    review. A bad file raises StatementFileError naming the line and column; nothing is kept."""
    _require(actor)
    profile = StatementProfile.objects.filter(pk=profile_id).first()
    if profile is None:
        raise NotFound(_("No statement profile %s.") % profile_id, code="reconciliation.profile")
    rows = statement_parse(data, StatementFormat.of(profile), today=timezone.localdate())
    prints = fingerprints(profile.pk, rows)
    matches = match_lines(
        [_line_in(row, fp) for row, fp in zip(rows, prints, strict=True)],
        currency=profile.currency,
        window_days=profile.date_window_days,
    )
    now = timezone.now()
    with transaction.atomic():
        statement = Statement.objects.create(
            profile=profile,
            file_name=(file_name or "statement.csv")[:255],
            file_sha256=hashlib.sha256(data).hexdigest(),
            method=profile.method,
            currency=profile.currency,
            date_window_days=profile.date_window_days,
            first_date=min(row.date for row in rows),
            last_date=max(row.date for row in rows),
            line_count=len(rows),
            counts=_counts(matches),
            uploaded_by=actor.user,
            uploaded_by_label=actor.label,
            uploaded_at=now,
            matched_at=now,
        )
        StatementLine.objects.bulk_create(
            (
                _apply(
                    StatementLine(
                        statement=statement,
                        line_number=row.line,
                        date=row.date,
                        amount=row.amount,
                        reference=row.reference,
                        description=row.description,
                        order_code_text=row.order_code,
                        fingerprint=fp,
                    ),
                    match,
                )
                for row, fp, match in zip(rows, prints, matches, strict=True)
            ),
            batch_size=2000,
        )
    return statement


def _open_statement(statement_id: int, *, lock: bool) -> Statement:
    queryset = Statement.objects.all()
    if lock and connection.features.has_select_for_update:
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
    return statement


def statement_rematch(*, actor: Actor, statement_id: int) -> Statement:
    """Match an unconfirmed statement again against the orders as they are now (payments
    recorded, orders cancelled or created since the upload)."""
    _require(actor)
    with transaction.atomic():
        statement = _open_statement(statement_id, lock=True)
        lines = list(statement.lines.order_by("line_number"))
        matches = match_lines(
            [
                LineIn(
                    s.date, s.amount, s.reference, s.description, s.order_code_text, s.fingerprint
                )
                for s in lines
            ],
            currency=statement.currency,
            window_days=statement.date_window_days,
        )
        StatementLine.objects.bulk_update(
            [_apply(line, match) for line, match in zip(lines, matches, strict=True)],
            ["outcome", "matched_by", "order", "balance_due", "reason", "reason_data"],
            batch_size=1000,
        )
        statement.counts = _counts(matches)
        statement.matched_at = timezone.now()
        statement.save(update_fields=["counts", "matched_at"])
    return statement


def statement_discard(*, actor: Actor, statement_id: int) -> Statement:
    _require(actor)
    with transaction.atomic():
        statement = _open_statement(statement_id, lock=True)
        statement.status = Statement.Status.DISCARDED
        statement.finished_by_label = actor.label
        statement.finished_at = timezone.now()
        statement.save(update_fields=FINISHED_FIELDS)
    return statement


# --- Confirmation ------------------------------------------------------------------------------
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


def _problems(statement: Statement, lines: list[StatementLine], orders: dict[int, Order]):
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


def statement_confirm(*, actor: Actor, statement_id: int) -> Statement:
    """Record every matched line as a payment through payment_record, in one transaction.

    Before writing, each matched order is locked and checked again (not cancelled, balance
    still the line's amount, the line not recorded from another statement meanwhile); if any
    line fails, nothing is recorded and ConfirmRefused says which lines and why."""
    _require(actor)
    actor.require(Perm.RECORD_PAYMENTS, _("You may not record payments."))
    try:
        with transaction.atomic():
            statement = _open_statement(statement_id, lock=True)
            lines = list(statement.lines.filter(outcome=Outcome.MATCHED).order_by("line_number"))
            orders = _lock_orders([line.order_id for line in lines if line.order_id])
            problems = list(_problems(statement, lines, orders))
            if problems:
                raise ConfirmRefused(_confirm_refused_message(problems))
            total = 0
            for line in lines:
                order = orders[line.order_id]
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
                    raise ConfirmRefused(
                        _confirm_refused_message([f"{where}: {error.message}"])
                    ) from error
                line.payment_id = payment.pk
                total += line.amount
            StatementLine.objects.bulk_update(lines, ["payment"], batch_size=1000)
            statement.status = Statement.Status.CONFIRMED
            statement.finished_by_label = actor.label
            statement.finished_at = timezone.now()
            statement.recorded_count = len(lines)
            statement.recorded_total = total
            statement.save(update_fields=[*FINISHED_FIELDS, "recorded_count", "recorded_total"])
    except IntegrityError:
        # Two statements holding the same line confirmed at the same moment: the unique index
        # let one through; this one recorded nothing.
        raise ConfirmRefused(
            _confirm_refused_message(
                [_("Some of these lines were recorded from another statement at the same moment.")]
            )
        ) from None
    return statement


def _confirm_refused_message(problems: list[str]) -> str:
    shown = " ".join(problems[:10])
    more = _(" …and %d more.") % (len(problems) - 10) if len(problems) > 10 else ""
    return _(
        "Nothing was recorded. %(problems)s%(more)s Match again to see the statement "
        "as the orders are now."
    ) % {"problems": shown, "more": more}
