"""The headline figures at the top of the report, each beside the period before it."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from orderdesk.reports.formatting import change, figure


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str
    previous: str
    change: str
    direction: str  # up | down | same
    good: str  # "up" when a rise is good news, "down" when a fall is, "" when neither


# (section title, [(label, path into the figures, kind, which way is good)])
def _sections():
    return [
        (_("Orders"), [
            (pgettext("report figure", "Created"), ("orders", "created"), "count", "up"),
            (_("Delivered"), ("orders", "delivered"), "count", "up"),
            (_("Cancelled"), ("orders", "cancelled"), "count", "down"),
            (_("Cancellation rate"), ("orders", "cancellation_rate"), "rate", "down"),
        ]),
        (_("Revenue"), [
            (_("Ordered"), ("revenue", "ordered"), "money", "up"),
            (_("Delivered"), ("revenue", "delivered"), "money", "up"),
            (_("Paid"), ("revenue", "paid"), "money", "up"),
            (_("Refunded"), ("revenue", "refunded"), "money", "down"),
            (_("Outstanding"), ("revenue", "outstanding"), "money", ""),
            (_("Average order value"), ("revenue", "average_order_value"), "money", "up"),
        ]),
        (_("Consultation requests"), [
            (pgettext("report figure", "Received"), ("consultations", "created"), "count", "up"),
            (_("Median first response"), ("consultations", "median_first_response_seconds"),
             "seconds", "down"),
            (_("90th percentile"), ("consultations", "p90_first_response_seconds"), "seconds",
             "down"),
            (_("Answered within target"), ("consultations", "within_target_rate"), "rate", "up"),
            (_("Became an order"), ("consultations", "conversion_rate"), "rate", "up"),
        ]),
    ]  # fmt: skip


def headline(current: dict, previous: dict) -> list[tuple[str, list[Kpi]]]:
    currency = current["revenue"]["currency"]
    sections = []
    for title, rows in _sections():
        kpis = []
        for label, (part, key), kind, good in rows:
            now, before = current[part][key], previous[part][key]
            text, direction = change(now, before, kind)
            kpis.append(
                Kpi(
                    label=label,
                    value=figure(now, kind, currency, sign=True),
                    previous=figure(before, kind, currency, sign=True),
                    change=text,
                    direction=direction,
                    good=good,
                )
            )
        sections.append((title, kpis))
    return sections
