"""Report figures checked against the history of `conftest.history`, worked out by hand there:
orders A–G and requests R1–R4 around 1–3 March 2026 in Ho Chi Minh City (UTC+7), VND."""

from datetime import date
from decimal import Decimal

import pytest

from orderdesk.consultations.services import (
    consultation_convert,
)
from orderdesk.reports.period import Period, Preset, period_parse
from orderdesk.reports.selectors import report_figures, report_headline
from tests import factories
from tests.reports.conftest import assert_rollups_match

pytestmark = pytest.mark.django_db


def _day(text: str) -> date:
    return date.fromisoformat(text)


PERIOD = Period(_day("2026-03-01"), _day("2026-03-03"))
VND = Decimal


def test_given_the_history_then_the_order_figures_match_the_hand_count(history):
    orders = report_figures(PERIOD)["orders"]

    assert orders["created"] == 4  # A, B, C (00:00 on the 2nd is the 2nd), E
    assert orders["by_status"] == {
        "pending_confirmation": 2,  # C, E
        "confirmed": 0,
        "ready_to_ship": 0,
        "shipping": 0,
        "delivered": 1,  # A
        "cancelled": 1,  # B
    }
    assert orders["delivered"] == 2  # moved to Delivered in the period: D (03-01), A (03-02)
    assert orders["cancelled"] == 2  # moved to Cancelled in the period: G (03-01), B (03-02)
    assert orders["cancellation_rate"] == 1 / 4  # of A, B, C, E only B is cancelled
    assert orders["top_cancel_reasons"] == [{"reason": "Out of stock", "orders": 1}]
    assert orders["by_channel"] == {
        "api": {"created": 1, "cancelled": 0, "cancellation_rate": 0.0, "ordered": VND("0")},
        "phone": {"created": 1, "cancelled": 1, "cancellation_rate": 1.0, "ordered": VND("0")},
        "web": {"created": 2, "cancelled": 0, "cancellation_rate": 0.0, "ordered": VND("660000")},
    }
    assert orders["by_assignee"] == {
        "alice": {"created": 1, "cancelled": 0, "cancellation_rate": 0.0, "ordered": VND(330000)},
        "bob": {"created": 1, "cancelled": 1, "cancellation_rate": 1.0, "ordered": VND(0)},
        "": {"created": 2, "cancelled": 0, "cancellation_rate": 0.0, "ordered": VND(330000)},
    }
    assert_rollups_match()


def test_given_the_history_then_the_revenue_figures_match_the_hand_count(history):
    revenue = report_figures(PERIOD)["revenue"]

    assert revenue == {
        "currency": "VND",
        "ordered": VND("660000"),  # A + C; B is cancelled, E is in USD
        "delivered": VND("660000"),  # A and D, delivered in the period
        "paid": VND("480000"),  # A 330 000 + B 50 000 + C 100 000 (D paid on 02-28)
        "refunded": VND("50000"),  # B
        "outstanding": VND("230000"),  # A owes 0, C owes 330 000 − 100 000
        "average_order_value": VND("330000"),  # 660 000 over A and C
        "other_currencies": {
            "USD": {
                "ordered": Decimal("10.50"),
                "delivered": Decimal("0"),
                "paid": Decimal("0"),
                "refunded": Decimal("0"),
                "outstanding": Decimal("10.50"),
                "average_order_value": Decimal("10.50"),
            }
        },
    }


def test_given_the_history_then_the_request_figures_match_the_hand_count(history):
    requests = report_figures(PERIOD)["consultations"]

    assert requests["created"] == 3 and requests["answered"] == 2
    assert requests["median_first_response_seconds"] == 1500  # (600 + 2400) / 2
    assert requests["p90_first_response_seconds"] == 2400  # nearest rank: the 2nd of 2
    assert requests["within_target_rate"] == 1 / 3  # R1 within 30 minutes
    assert requests["conversion_rate"] == 1 / 3  # R2 has an order, made after the period
    assert requests["by_status"] == {"pending_confirmation": 2, "processing": 1, "confirmed": 0}
    assert requests["by_source"]["web_form"] == {
        "created": 2,
        "answered": 1,
        "median_first_response_seconds": 600,
        "p90_first_response_seconds": 600,
        "within_target_rate": 0.5,
        "conversion_rate": 0.0,
    }
    assert requests["by_source"]["phone"]["conversion_rate"] == 1.0
    # Nobody was assigned a request: one group, the same as all requests.
    assert requests["by_assignee"] == {
        "": {key: requests[key] for key in requests["by_source"]["phone"]}
    }


def test_given_the_history_then_each_day_holds_what_happened_on_it(history):
    days = {d["day"].isoformat(): d for d in report_figures(PERIOD)["per_day"]}

    assert [days[d]["created"] for d in sorted(days)] == [2, 1, 1]
    assert [days[d]["delivered"] for d in sorted(days)] == [1, 1, 0]  # D, A
    assert [days[d]["cancelled"] for d in sorted(days)] == [1, 1, 0]  # G, B
    assert [days[d]["ordered"] for d in sorted(days)] == [VND(330000), VND(330000), VND(0)]
    assert [days[d]["paid"] for d in sorted(days)] == [VND(380000), VND(100000), VND(0)]
    assert [days[d]["refunded"] for d in sorted(days)] == [VND(0), VND(50000), VND(0)]
    assert [days[d]["requests"] for d in sorted(days)] == [1, 1, 1]
    assert days["2026-03-01"]["by_status"]["delivered"] == 1  # A, created on the 1st
    assert days["2026-03-01"]["by_status"]["cancelled"] == 1  # B, created on the 1st


def test_given_the_history_then_the_previous_period_is_counted_the_same_way(history):
    previous = report_headline(PERIOD.previous())

    assert previous["period"] == {"from": _day("2026-02-26"), "to": _day("2026-02-28"), "days": 3}
    assert previous["orders"]["created"] == 2  # D, G
    assert previous["orders"]["cancellation_rate"] == 0.5
    assert previous["orders"]["delivered"] == 0 and previous["orders"]["cancelled"] == 0
    assert previous["revenue"]["ordered"] == VND(330000)  # D; G is cancelled
    assert previous["revenue"]["paid"] == VND(400000)
    assert previous["revenue"]["outstanding"] == VND(0)  # D is overpaid: it owes nothing
    assert previous["consultations"]["created"] == 1
    assert previous["consultations"]["median_first_response_seconds"] == 1200


def test_given_a_day_in_utc_when_reported_then_it_is_split_at_business_midnight(history):
    # B (23:59 on the 1st) and C (00:00 on the 2nd) are 1 minute apart, both on 1 March in UTC.
    first = report_figures(Period(_day("2026-03-01"), _day("2026-03-01")))
    second = report_figures(Period(_day("2026-03-02"), _day("2026-03-02")))

    assert first["orders"]["created"] == 2  # A, B
    assert second["orders"]["created"] == 1  # C
    assert first["revenue"]["paid"] == VND(380000)  # B's 50 000 at 23:59 belongs to the 1st


def test_given_this_month_preset_then_it_runs_to_today_and_compares_with_the_same_days(clock):
    clock.set("2026-03-03 08:00")

    period, errors = period_parse({"preset": "this_month"})

    assert not errors.items
    assert period == Period(_day("2026-03-01"), _day("2026-03-03"), Preset.THIS_MONTH)
    assert period.previous() == Period(_day("2026-02-01"), _day("2026-02-03"))


def test_given_an_empty_period_then_zero_counts_and_no_rates(clock):
    figures = report_figures(Period(_day("1999-01-01"), _day("1999-01-31")))

    assert figures["orders"]["created"] == 0
    assert figures["orders"]["cancellation_rate"] is None
    assert figures["revenue"]["average_order_value"] is None
    assert figures["revenue"]["ordered"] == 0
    assert figures["consultations"]["median_first_response_seconds"] is None
    assert len(figures["per_day"]) == 31


def test_given_a_request_converted_then_its_order_is_counted_like_any_other(clock, admin):
    clock.set("2026-03-01 10:00")
    request = factories.make_consultation(admin)
    consultation_convert(code=request.code, actor=admin, data=factories.order_in())

    assert report_figures(Period(_day("2026-03-01"), _day("2026-03-01")))["orders"]["created"] == 1
    assert_rollups_match()
