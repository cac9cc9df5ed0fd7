"""Errors as application/problem+json (RFC 9457) with a stable `code` for machines."""

import json

from django.http import HttpResponse
from ninja import Schema

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: "Malformed request",
    401: "Authentication required",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "Version mismatch",
    413: "Request too large",
    422: "Invalid data",
    428: "Precondition required",
    429: "Too many requests",
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
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
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
