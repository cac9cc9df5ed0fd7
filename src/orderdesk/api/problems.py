"""Errors as application/problem+json (RFC 9457) with a stable `code` for machines."""

import json

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Schema

PROBLEM_CONTENT_TYPE = "application/problem+json"

# Titles and details follow the request's Accept-Language; `code` is a stable English identifier.
TITLES = {
    400: _("Malformed request"),
    401: _("Authentication required"),
    403: _("Not allowed"),
    404: _("Not found"),
    405: _("Method not allowed"),
    409: _("Conflict"),
    412: _("Version mismatch"),
    413: _("Request too large"),
    422: _("Invalid data"),
    428: _("Precondition required"),
    429: _("Too many requests"),
}


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    code: str
    errors: list[FieldError] = []


def problem(
    status: int, code: str, detail: str, *, errors: list | None = None, headers: dict | None = None
) -> HttpResponse:
    body = {
        "type": f"https://orderdesk.dev/problems/{code}",
        "title": str(TITLES.get(status, _("Error"))),
        "status": status,
        "detail": str(detail),
        "code": code,
        "errors": list(errors or []),
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_CONTENT_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def problems(*statuses: int) -> dict:
    """The `response=` entries declaring that an endpoint may answer these problems."""
    return dict.fromkeys(statuses, Problem)
