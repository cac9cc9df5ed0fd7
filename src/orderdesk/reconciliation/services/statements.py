"""Statements: import (read, match, keep for review), match again, discard."""

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.core.actor import Actor
from orderdesk.core.errors import NotFound
from orderdesk.reconciliation.lines import lines_read, lines_write
from orderdesk.reconciliation.matching import LineIn, LineMatch, match_lines
from orderdesk.reconciliation.models import Statement, StatementProfile
from orderdesk.reconciliation.outcomes import Outcome
from orderdesk.reconciliation.parsing import (
    StatementFormat,
    StatementRow,
    fingerprints,
    statement_parse,
)
from orderdesk.reconciliation.services.common import open_statement, require_reconcile

FINISHED_FIELDS = ["status", "finished_by_label", "finished_at"]


def _line_in(row: StatementRow, fingerprint: str) -> LineIn:
    return LineIn(
        line=row.line,
        date=row.date,
        amount=row.amount,
        reference=row.reference,
        description=row.description,
        order_code=row.order_code,
        fingerprint=fingerprint,
    )


def _counts(matches: list[LineMatch]) -> dict[str, int]:
    counts = dict.fromkeys(Outcome, 0)
    for match in matches:
        counts[match.outcome] += 1
    return {str(outcome): n for outcome, n in counts.items()}


def statement_import(*, actor: Actor, profile_id: int, file_name: str, data: bytes) -> Statement:
    """Read the file with its profile, match every line, and keep statement and lines for
    review. A bad file raises StatementFileError naming the line and column; nothing is kept."""
    require_reconcile(actor)
    profile = StatementProfile.objects.filter(pk=profile_id).first()
    if profile is None:
        raise NotFound(_("No statement profile %s.") % profile_id, code="reconciliation.profile")
    rows = statement_parse(data, StatementFormat.of(profile), today=timezone.localdate())
    lines = [
        _line_in(row, fp) for row, fp in zip(rows, fingerprints(profile.pk, rows), strict=True)
    ]
    matches = match_lines(
        lines,
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
        lines_write(statement.pk, lines, matches)
    return statement


def statement_rematch(*, actor: Actor, statement_id: int) -> Statement:
    """Match an unconfirmed statement again against the orders as they are now (payments
    recorded, orders cancelled or created since the upload)."""
    require_reconcile(actor)
    with transaction.atomic():
        statement = open_statement(statement_id)
        lines = lines_read(statement.pk)
        matches = match_lines(
            lines, currency=statement.currency, window_days=statement.date_window_days
        )
        # An open statement's lines carry no payment and nothing points at them: writing
        # them afresh is the fast way to change tens of thousands of rows.
        statement.lines.all().delete()
        lines_write(statement.pk, lines, matches)
        statement.counts = _counts(matches)
        statement.matched_at = timezone.now()
        statement.confirm_error = ""
        statement.save(update_fields=["counts", "matched_at", "confirm_error"])
    return statement


def statement_discard(*, actor: Actor, statement_id: int) -> Statement:
    require_reconcile(actor)
    with transaction.atomic():
        statement = open_statement(statement_id)
        statement.status = Statement.Status.DISCARDED
        statement.finished_by_label = actor.label
        statement.finished_at = timezone.now()
        statement.save(update_fields=FINISHED_FIELDS)
    return statement
