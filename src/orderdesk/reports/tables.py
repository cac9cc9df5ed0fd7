"""The report's tables: the numbers behind each chart and each breakdown, shown on the page
and downloadable as CSV (core.exporting writes the file)."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from orderdesk.consultations.models import Source
from orderdesk.consultations.status import CONSULTATION_STATUS_LABELS, ConsultationStatus
from orderdesk.core.exporting import Column, Exporter
from orderdesk.core.money import to_money
from orderdesk.orders.models import Channel
from orderdesk.orders.status import ORDER_STATUS_LABELS, OrderStatus
from orderdesk.reports.formatting import figure
from orderdesk.reports.period import Grain, Period


@dataclass(frozen=True)
class TableColumn:
    key: str
    label: str
    kind: str = "count"  # count | money | rate | seconds | text | day


@dataclass
class ReportTable:
    slug: str  # the CSV is /reports/<slug>.csv
    title: str
    columns: list[TableColumn]
    rows: list[list] = field(default_factory=list)
    currency: str = ""

    def column(self, key: str) -> list:
        index = next(i for i, c in enumerate(self.columns) if c.key == key)
        return [row[index] for row in self.rows]

    @cached_property
    def headers(self) -> list[tuple[str, bool]]:
        """(label, is a number) of each column, as the page shows them."""
        return [
            (f"{c.label} ({self.currency})" if c.kind == "money" else str(c.label), _numeric(c))
            for c in self.columns
        ]

    @cached_property
    def cells(self) -> list[list[tuple[str, bool]]]:
        """(text, is a number) of each cell, as the page shows them."""
        return [
            [
                (figure(v, c.kind, self.currency), _numeric(c))
                for c, v in zip(self.columns, row, strict=True)
            ]
            for row in self.rows
        ]

    @cached_property
    def body_html(self) -> SafeString:
        """The table's <tr> rows, escaped: built here rather than by template loops, which
        spent ~40 ms on the cells of a year's report (`make bench`: report_page_p95_ms), and
        with f-strings rather than format_html_join, which took 8 ms of it on its own."""
        return mark_safe("".join([_row_html(row) for row in self.cells]))


def _row_html(cells: list[tuple[str, bool]]) -> str:
    """One row; every text is escaped (conditional_escape, as format_html does)."""
    (first, _numeric_first), *rest = cells
    data = "".join(
        [
            f'<td class="num">{conditional_escape(text)}</td>'
            if num
            else f"<td>{conditional_escape(text)}</td>"
            for text, num in rest
        ]
    )
    return f'<tr><th scope="row">{conditional_escape(first)}</th>{data}</tr>'


def _numeric(column: TableColumn) -> bool:
    return column.kind not in ("text", "day")


class TableExporter(Exporter):
    """A report table as CSV: rates as percentages, times in seconds, money as plain decimals."""

    def __init__(self, table: ReportTable):
        self.table = table
        self.name = table.slug
        self.columns = [Column(c.key, _csv_label(c, table.currency)) for c in table.columns]

    def rows(self) -> Iterator[list]:
        for row in self.table.rows:
            yield [_csv_value(c, value) for c, value in zip(self.table.columns, row, strict=True)]


def _csv_label(column: TableColumn, currency: str) -> str:
    if column.kind == "money":
        return f"{column.label} ({currency})"
    if column.kind == "rate":
        return f"{column.label} (%)"
    if column.kind == "seconds":
        unit = _("seconds")  # outside the f-string, where makemessages can see it
        return f"{column.label} ({unit})"
    return str(column.label)


def _csv_value(column: TableColumn, value):
    if column.kind == "rate" and value is not None:
        return round(Decimal(value) * 100, 1)
    if column.kind == "seconds" and value is not None:
        return round(value)
    return value


def _bucketed(buckets, per_day: list[dict], columns: list[TableColumn], currency) -> list[list]:
    """One row per chart bucket: its first day, then each column summed over the bucket's days
    (money rounded to the currency's minor unit)."""
    by_day = {row["day"]: row for row in per_day}
    rows = []
    for first, last in buckets:
        days = [by_day[d] for d in Period(first, last).each_day()]
        row = [first]
        for column in columns:
            total = sum((day[column.key] for day in days), start=0)
            row.append(to_money(total, currency) if column.kind == "money" else total)
        rows.append(row)
    return rows


def _bucket_column(period: Period) -> TableColumn:
    labels = {Grain.DAY: _("Day"), Grain.WEEK: _("Week from"), Grain.MONTH: _("Month")}
    return TableColumn("day", labels[period.grain], "day")


def series_tables(figures: dict, period: Period) -> dict[str, ReportTable]:
    """The tables behind the charts, grouped as the charts group days (period.grain)."""
    currency = figures["revenue"]["currency"]
    per_day = [
        {**day, **{f"status_{s}": n for s, n in day["by_status"].items()}}
        for day in figures["per_day"]
    ]
    statuses = [s.value for s in OrderStatus]
    grain = period.grain
    specs = [
        (
            "orders-per-day",
            {
                Grain.DAY: _("Orders per day"),
                Grain.WEEK: _("Orders per week"),
                Grain.MONTH: _("Orders per month"),
            }[grain],
            [
                TableColumn("created", pgettext("report figure", "Created")),
                TableColumn("delivered", _("Delivered")),
                TableColumn("cancelled", _("Cancelled")),
            ],
        ),
        (
            "orders-by-status",
            {
                Grain.DAY: _("Orders created per day, by status now"),
                Grain.WEEK: _("Orders created per week, by status now"),
                Grain.MONTH: _("Orders created per month, by status now"),
            }[grain],
            [
                TableColumn(f"status_{s}", str(ORDER_STATUS_LABELS[OrderStatus(s)]))
                for s in statuses
            ],
        ),
        (
            "revenue-per-day",
            {
                Grain.DAY: _("Revenue per day"),
                Grain.WEEK: _("Revenue per week"),
                Grain.MONTH: _("Revenue per month"),
            }[grain],
            [
                TableColumn("ordered", _("Ordered"), "money"),
                TableColumn("paid", _("Paid"), "money"),
                TableColumn("refunded", _("Refunded"), "money"),
                TableColumn("delivered_revenue", _("Delivered"), "money"),
            ],
        ),
        (
            "requests-per-day",
            {
                Grain.DAY: _("Consultation requests per day"),
                Grain.WEEK: _("Consultation requests per week"),
                Grain.MONTH: _("Consultation requests per month"),
            }[grain],
            [
                TableColumn("requests", _("Requests")),
            ],
        ),
    ]
    tables, buckets = {}, period.buckets()
    for slug, title, columns in specs:
        rows = _bucketed(buckets, per_day, columns, currency)
        tables[slug] = ReportTable(slug, title, [_bucket_column(period), *columns], rows, currency)
    return tables


def _group_table(slug, title, first: TableColumn, groups: dict, labels, currency):
    columns = [
        first,
        TableColumn("created", _("Orders created")),
        TableColumn("cancelled", _("Cancelled since")),
        TableColumn("cancellation_rate", _("Cancellation rate"), "rate"),
        TableColumn("ordered", _("Ordered"), "money"),
    ]
    rows = [
        [labels(key), g["created"], g["cancelled"], g["cancellation_rate"], g["ordered"]]
        for key, g in groups.items()
    ]
    return ReportTable(slug, title, columns, rows, currency)


def _response_table(slug, title, first: TableColumn, groups: dict, labels):
    columns = [
        first,
        TableColumn("created", _("Requests")),
        TableColumn("answered", _("Answered")),
        TableColumn("median", _("Median first response"), "seconds"),
        TableColumn("p90", _("90th percentile"), "seconds"),
        TableColumn("within_target_rate", _("Answered within target"), "rate"),
        TableColumn("conversion_rate", _("Became an order"), "rate"),
    ]
    rows = [
        [
            labels(key),
            g["created"],
            g["answered"],
            g["median_first_response_seconds"],
            g["p90_first_response_seconds"],
            g["within_target_rate"],
            g["conversion_rate"],
        ]
        for key, g in groups.items()
    ]
    return ReportTable(slug, title, columns, rows)


def _label_of(choices):
    labels = dict(choices)
    return lambda key: str(labels.get(key, key))


def _assignee(username: str) -> str:
    return username or pgettext("assignee", "Unassigned")


def breakdown_tables(figures: dict) -> dict[str, ReportTable]:
    """Orders by status, channel and assignee; cancel reasons; requests by status, source and
    assignee — for the whole period."""
    orders, requests = figures["orders"], figures["consultations"]
    currency = figures["revenue"]["currency"]
    created, cancelled = orders["created"], orders["by_status"][OrderStatus.CANCELLED]
    tables = [
        ReportTable(
            "orders-status",
            _("Orders created in the period, by status now"),
            [
                TableColumn("status", _("Status"), "text"),
                TableColumn("orders", _("Orders")),
                TableColumn("share", _("Share"), "rate"),
            ],
            [
                [str(ORDER_STATUS_LABELS[OrderStatus(s)]), n, n / created if created else None]
                for s, n in orders["by_status"].items()
            ],
        ),
        _group_table(
            "orders-channel",
            _("Orders by channel"),
            TableColumn("channel", _("Channel"), "text"),
            orders["by_channel"],
            _label_of(Channel.choices),
            currency,
        ),
        _group_table(
            "orders-assignee",
            _("Orders by assignee"),
            TableColumn("assignee", _("Assignee"), "text"),
            orders["by_assignee"],
            _assignee,
            currency,
        ),
        ReportTable(
            "cancel-reasons",
            _("Top cancel reasons"),
            [
                TableColumn("reason", _("Reason"), "text"),
                TableColumn("orders", _("Orders")),
                TableColumn("share", _("Share of cancelled"), "rate"),
            ],
            [
                [r["reason"] or _("(no reason given)"), r["orders"], r["orders"] / cancelled]
                for r in orders["top_cancel_reasons"]
            ],
        ),
        ReportTable(
            "requests-status",
            _("Requests received, by status now"),
            [TableColumn("status", _("Status"), "text"), TableColumn("requests", _("Requests"))],
            [
                [str(CONSULTATION_STATUS_LABELS[ConsultationStatus(s)]), n]
                for s, n in requests["by_status"].items()
            ],
        ),
        _response_table(
            "requests-source",
            _("Requests by source"),
            TableColumn("source", _("Source"), "text"),
            requests["by_source"],
            _label_of(Source.choices),
        ),
        _response_table(
            "requests-assignee",
            _("Requests by assignee"),
            TableColumn("assignee", _("Assignee"), "text"),
            requests["by_assignee"],
            _assignee,
        ),
    ]
    return {table.slug: table for table in tables}
