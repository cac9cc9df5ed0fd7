"""JSON answers with the headers the API promises (Location, ETag)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.translation import gettext as _

from orderdesk.api.problems import problem


def json_response(data, *, status: int = 200, headers: dict | None = None) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False),
        status=status,
        content_type="application/json",
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def etag(version: int) -> str:
    return f'"{version}"'


def required_version(request, mismatch_code: str = "order.version_mismatch") -> int | HttpResponse:
    """The version from `If-Match: "<version>"`, or the problem answer when it is missing or bad."""
    raw = request.headers.get("If-Match")
    if raw is None:
        return problem(
            428,
            "precondition.required",
            _('Send If-Match: "<version>" with the version you read (the ETag of the GET).'),
        )
    value = raw.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    if not value.isdigit() or len(value) > 9:
        return problem(
            412,
            mismatch_code,
            _('If-Match must hold the version you read, such as "3".'),
        )
    return int(value)
