"""The result of a statement as rows: every line in file order, then the delivered COD orders
no statement has paid. CSV and XLSX come from core.exporting; columns: docs/reconciliation.md.
Results are the stable snake_case names, like statuses in every other export."""

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from orderdesk.core.exporting import Column, Exporter, keyset_chunks
from orderdesk.reconciliation.models import Statement
from orderdesk.reconciliation.selectors import statement_lines, statement_unpaid_deliveries

CHUNK = 2000
DELIVERED_UNPAID = "delivered_unpaid"  # the result of a delivered order no statement paid


class StatementExporter(Exporter):
    """One row per statement line, then one per delivered order without a payment."""

    columns = [
        Column("result", _("Result")),
        Column("line", _("Line")),
        Column("date", _("Date")),
        Column("amount", _("Amount")),
        Column("reference", _("Reference")),
        Column("description", _("Description")),
        Column("order", _("Order")),
        Column("matched_by", _("Matched by")),
        Column("balance_due", _("Balance due")),
        Column("difference", _("Difference")),
        Column("note", _("Note")),
        Column("payment", _("Payment id")),
    ]

    def __init__(self, statement: Statement):
        self.statement = statement
        self.name = f"statement-{statement.pk}"

    def rows(self) -> Iterator[list]:
        for chunk in keyset_chunks(statement_lines(self.statement), CHUNK):  # ids: file order
            for line in chunk:
                yield [
                    line.outcome,
                    line.line_number,
                    line.date,
                    line.amount,
                    line.reference,
                    line.description,
                    line.order.code if line.order else "",
                    line.matched_by,
                    line.balance_due,
                    line.difference,
                    line.note,
                    line.payment_id,
                ]
        for order in statement_unpaid_deliveries(self.statement).iterator(chunk_size=CHUNK):
            when = order.delivered_at
            yield [DELIVERED_UNPAID, None, when, None, "", "", order.code, "", order.balance_due]
