"""Exports over the API: the list endpoints' filters, streamed back as a CSV or XLSX attachment.

The operations are registered on the orders and consultation-requests routers (their paths live
there); this module holds what they share.
"""

from typing import Literal

from ninja import Schema
from pydantic import Field

from orderdesk.api.fields import query_values
from orderdesk.exports.responses import XLSX_TYPE, attachment_response
from orderdesk.exports.services import ExportOptions, export_prepare

OPTIONS = ("format", "delimiter", "bom", "dataset")

# The 200 answer is a file, not JSON: declared here so schema checkers know its content types.
FILE_RESPONSE = {
    "responses": {
        200: {
            "description": "The export as an attachment (CSV streamed as it is written)",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
            },
        }
    }
}


class ExportOptionsIn(Schema):
    format: Literal["csv", "xlsx"] = "csv"
    delimiter: Literal["comma", "semicolon", "tab"] = Field("comma", description="CSV only")
    bom: bool = Field(False, description="CSV only: a UTF-8 BOM so Excel reads the accents")


def export_answer(request, dataset: str, params: Schema):
    values = query_values(params)
    options = ExportOptions.from_params(values)
    exporter, _rows = export_prepare(
        actor=request.actor,
        dataset=dataset,
        params={key: value for key, value in values.items() if key not in OPTIONS},
    )
    return attachment_response(exporter, options)
