"""The reports page and the CSV of each of its tables."""

from urllib.parse import urlencode

from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone

from orderdesk.core.roles import Perm
from orderdesk.exports.views import download_response
from orderdesk.reports.charts import line_chart, stacked_bar_chart
from orderdesk.reports.headline import headline
from orderdesk.reports.period import PRESET_LABELS, Period, Preset, period_parse
from orderdesk.reports.rebuild import rollups_time_zone_stale
from orderdesk.reports.selectors import report_get
from orderdesk.reports.tables import TableExporter, breakdown_tables, series_tables
from orderdesk.web.views import staff_view

# (table, chart kind, the table's columns drawn)
CHARTS = (
    ("orders-per-day", line_chart, ["created", "delivered", "cancelled"]),
    ("orders-by-status", stacked_bar_chart, None),  # every status column
    ("revenue-per-day", line_chart, ["ordered", "paid", "refunded"]),
    ("requests-per-day", line_chart, ["requests"]),
)


def _period_query(period: Period) -> str:
    """The period as fixed days, so a download holds what the page showed."""
    return urlencode({"from": period.start.isoformat(), "to": period.end.isoformat()})


def _is_empty(report: dict) -> bool:
    """Nothing created, delivered, cancelled, paid or refunded, and no request, on any day."""
    keys = ("created", "delivered", "cancelled", "paid", "refunded", "requests")
    return not any(day[key] for day in report["per_day"] for key in keys)


@staff_view(Perm.EXPORT_AND_REPORTS)
def report_page(request):
    period, errors = period_parse(request.GET)
    context = {
        "presets": [(p.value, PRESET_LABELS[p]) for p in Preset if p != Preset.CUSTOM],
        "errors": errors.items,
        "time_zone": timezone.get_default_timezone_name(),
        "stale_time_zone": rollups_time_zone_stale(),
        "form": {"from": request.GET.get("from", ""), "to": request.GET.get("to", "")},
    }
    if period is not None:
        report = report_get(actor=request.actor, period=period)
        series = series_tables(report, period)
        charts = []
        for slug, draw, keys in CHARTS:
            table = series[slug]
            drawn = keys or [c.key for c in table.columns[1:]]
            charts.append((draw(table, drawn, period.grain), table))
        context.update(
            period=period,
            previous=period.previous(),
            preset=period.preset,
            form={"from": period.start.isoformat(), "to": period.end.isoformat()},
            sections=headline(report, report["previous"]),
            charts=charts,
            tables=list(breakdown_tables(report).values()),
            other_currencies=report["revenue"]["other_currencies"],
            period_query=_period_query(period),
            empty=_is_empty(report),
        )
    return render(request, "reports/page.html", context)


@staff_view(Perm.EXPORT_AND_REPORTS)
def report_table_csv(request, slug: str):
    """/reports/<table>.csv?from=…&to=… (or ?preset=…): one table of the page as CSV
    (?format=xlsx for Excel)."""
    period, errors = period_parse(request.GET)
    if period is None:
        return HttpResponseBadRequest("; ".join(e["message"] for e in errors.items))
    report = report_get(actor=request.actor, period=period, compared=False)
    tables = {**series_tables(report, period), **breakdown_tables(report)}
    if slug not in tables:
        raise Http404
    exporter = TableExporter(tables[slug])
    exporter.name = f"{slug}_{period.start.isoformat()}_{period.end.isoformat()}"
    return download_response(exporter, request.GET)
