"""Reconciliation test data: profiles through the real service, statement files as bytes."""

import codecs
import csv
import io
from datetime import date

from django.utils import timezone

from orderdesk.core.actor import Actor
from orderdesk.reconciliation.models import StatementProfile
from orderdesk.reconciliation.services import profile_save, statement_import
from tests.factories import unique

HEADER = ("Date", "Amount", "Reference", "Description")


def profile_data(**overrides) -> dict:
    """A bank profile for VND statements: 27/11/2026, 1,250,000, comma-separated, UTF-8."""
    values = {
        "name": unique("Bank "),
        "method": "bank_transfer",
        "currency": "VND",
        "encoding": "utf-8",
        "delimiter": "comma",
        "decimal_separator": "point",
        "thousands_separator": "comma",
        "date_format": "%d/%m/%Y",
        "date_column": "Date",
        "amount_column": "Amount",
        "reference_column": "Reference",
        "description_column": "Description",
        "order_code_column": "",
        "date_window_days": 3,
        "carrier": "",
    }
    return {**values, **overrides}


def make_profile(actor: Actor, **overrides) -> StatementProfile:
    return profile_save(actor=actor, data=profile_data(**overrides))


def day(value: date | None = None) -> str:
    return (value or timezone.localdate()).strftime("%d/%m/%Y")


def statement_csv(
    rows, *, header=HEADER, delimiter=",", encoding="utf-8", bom=False, preamble=()
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(preamble)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return codecs.BOM_UTF8 + data if bom else data


def import_rows(actor: Actor, profile: StatementProfile, rows, name="statement.csv", **options):
    data = statement_csv(rows, **options)
    return statement_import(actor=actor, profile_id=profile.pk, file_name=name, data=data)


def outcomes(statement) -> list[tuple[int, str, str | None]]:
    """(line number, outcome, order code) per line, in file order."""
    return [
        (line.line_number, line.outcome, line.order.code if line.order else None)
        for line in statement.lines.select_related("order").order_by("line_number")
    ]
