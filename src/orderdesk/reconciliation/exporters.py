"""The result of a statement as rows: every line in file order, then the delivered COD orders
no statement has paid. CSV and XLSX come from core.exporting."""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orderdesk.core.exporting import Column, Exporter, keyset_chunks
from orderdesk.reconciliation.models import Statement, StatementLine
from orderdesk.reconciliation.outcomes import MatchedBy, Outcome
from orderdesk.reconciliation.selectors import statement_unpaid_deliveries

CHUNK = 2000


class StatementExporter(Exporter):
    """One row per statement line, then one per delivered order without a payment."""

    columns = [
        Column("result", gettext_lazy("Result")),
        Column("line", gettext_lazy("Line")),
        Column("date", gettext_lazy("Date")),
        Column("amount", gettext_lazy("Amount")),
        Column("reference", gettext_lazy("Reference")),
        Column("description", gettext_lazy("Description")),
        Column("order", gettext_lazy("Order")),
        Column("matched_by", gettext_lazy("Matched by")),
        Column("balance_due", gettext_lazy("Balance due")),
        Column("difference", gettext_lazy("Difference")),
        Column("note", gettext_lazy("Note")),
        Column("recorded", gettext_lazy("Payment recorded")),
    ]

    def __init__(self, statement: Statement):
        self.statement = statement
        self.name = f"statement-{statement.pk}"

    def rows(self) -> Iterator[list]:
        lines = StatementLine.objects.filter(statement=self.statement).select_related("order")
        for chunk in keyset_chunks(lines, CHUNK):  # ids follow the file's order
            for line in chunk:
                yield self.line_row(line)
        delivered = _("Delivered, no payment")
        for order in statement_unpaid_deliveries(self.statement).iterator(chunk_size=CHUNK):
            when = order.delivered_at
            yield [delivered, None, when, None, "", "", order.code, "", order.balance_due]

    @staticmethod
    def line_row(line: StatementLine) -> list:
        return [
            Outcome(line.outcome).label,
            line.line_number,
            line.date,
            line.amount,
            line.reference,
            line.description,
            line.order.code if line.order else "",
            MatchedBy(line.matched_by).label if line.matched_by else "",
            line.balance_due,
            line.difference,
            line.note,
            _("yes") if line.payment_id else "",
        ]
