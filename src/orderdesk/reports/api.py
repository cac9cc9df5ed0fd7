"""Reports over the API: the figures of the reports page as JSON."""

from django.conf import settings
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from orderdesk.api.fields import Date
from orderdesk.api.problems import problems
from orderdesk.api.responses import json_response
from orderdesk.reports.period import MAX_DAYS, period_parse
from orderdesk.reports.schemas import SummaryOut, jsonable
from orderdesk.reports.selectors import report_get

router = Router(tags=["reports"])


class SummaryParams(Schema):
    from_: Date = Field(alias="from", description="first day, inclusive, business time zone")
    to: Date = Field(description=f"last day, inclusive; at most {MAX_DAYS:,} days after `from`")


@router.get(
    "/summary",
    response={200: SummaryOut, **problems(400, 401, 403, 422)},
    summary="Report figures for a period, with the period before it for comparison",
    by_alias=True,
)
def report_summary(request, params: Query[SummaryParams]):
    period, errors = period_parse({"from": params.from_, "to": params.to})
    errors.raise_if_any()
    figures = report_get(actor=request.actor, period=period)
    return json_response(
        jsonable(
            {**figures, "time_zone": timezone.get_default_timezone_name()},
            settings.ORDERDESK_CURRENCY,
        )
    )
