"""The report summary as the API gives it: money as decimal strings, days as YYYY-MM-DD,
rates as fractions (0.25 is 25 %), times in seconds; null where a figure has nothing to divide."""

from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field

from orderdesk.core.money import money_str

Money = Annotated[str, Field(pattern=r"^[0-9]+(?:\.[0-9]{1,3})?$", examples=["150000", "19.99"])]
Rate = Annotated[float | None, Field(ge=0, le=1, description="a fraction: 0.25 is 25 %")]


class PeriodOut(Schema):
    from_: str = Field(alias="from", json_schema_extra={"format": "date"})
    to: str = Field(json_schema_extra={"format": "date"})
    days: int


class GroupOut(Schema):
    created: int
    cancelled: int = Field(description="of these, now cancelled")
    cancellation_rate: Rate
    ordered: Money = Field(description="total of these, cancelled excluded, in `currency`")


class ReasonOut(Schema):
    reason: str
    orders: int


class OrdersOut(Schema):
    created: int
    by_status: dict[str, int] = Field(description="orders created in the period, by status now")
    delivered: int = Field(description="orders moved to Delivered in the period")
    cancelled: int = Field(description="orders moved to Cancelled in the period")
    cancellation_rate: Rate = Field(description="of orders created in the period, share cancelled")


class OrdersDetailOut(OrdersOut):
    by_channel: dict[str, GroupOut]
    by_assignee: dict[str, GroupOut] = Field(description='by username; "" is unassigned')
    top_cancel_reasons: list[ReasonOut]


class AmountsOut(Schema):
    ordered: Money
    delivered: Money
    paid: Money
    refunded: Money
    outstanding: Money
    average_order_value: Money | None


class RevenueOut(AmountsOut):
    currency: str
    other_currencies: dict[str, AmountsOut] = Field(
        description="orders in other currencies, kept out of the figures above"
    )


class ResponseTimesOut(Schema):
    created: int
    answered: int
    median_first_response_seconds: float | None
    p90_first_response_seconds: float | None
    within_target_rate: Rate
    conversion_rate: Rate


class ConsultationsOut(ResponseTimesOut):
    by_status: dict[str, int]
    target_seconds: int


class ConsultationsDetailOut(ConsultationsOut):
    by_source: dict[str, ResponseTimesOut]
    by_assignee: dict[str, ResponseTimesOut] = Field(description='by username; "" is unassigned')


class DayOut(Schema):
    day: str = Field(json_schema_extra={"format": "date"})
    created: int
    by_status: dict[str, int]
    delivered: int
    cancelled: int
    ordered: Money
    delivered_revenue: Money
    paid: Money
    refunded: Money
    requests: int


class PreviousOut(Schema):
    period: PeriodOut
    orders: OrdersOut
    revenue: RevenueOut
    consultations: ConsultationsOut


class SummaryOut(Schema):
    period: PeriodOut
    time_zone: str
    orders: OrdersDetailOut
    revenue: RevenueOut
    consultations: ConsultationsDetailOut
    per_day: list[DayOut]
    previous: PreviousOut = Field(description="the same headline figures for the period before")


def jsonable(value, currency: str):
    """Figures as JSON: money as strings in the currency's minor unit, days as ISO text."""
    if isinstance(value, dict):
        if "currency" in value and "other_currencies" in value:
            return {
                **{k: jsonable(v, value["currency"]) for k, v in value.items()},
                "other_currencies": {
                    code: jsonable(amounts, code)
                    for code, amounts in value["other_currencies"].items()
                },
            }
        return {k: jsonable(v, currency) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v, currency) for v in value]
    if isinstance(value, Decimal):
        return money_str(value, currency)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
