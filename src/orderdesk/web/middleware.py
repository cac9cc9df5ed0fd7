"""Refusing the NUL character at the door.

No field of Orderdesk can hold U+0000 (PostgreSQL text cannot), and no person types one; a
request carrying it in its path, query or body is answered 400 before any view runs, instead
of failing deep inside the database. File uploads (multipart) are left to their own checks.
"""

import logging
import re

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orderdesk.api.problems import problem

logger = logging.getLogger("orderdesk.api")
EXPECTED = (Http404, PermissionDenied, SuspiciousOperation, BadRequest)

_IN_TEXT = ("\x00", "%00")
# In JSON, "\u0000" escapes NUL unless its backslash is itself escaped ("\\u0000" is text).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


def _carries_nul(request) -> bool:
    if any(marker in request.get_full_path() for marker in _IN_TEXT):
        return True
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith("multipart/"):
        return False
    body = request.body
    if b"\x00" in body:
        return True
    if content_type.startswith("application/x-www-form-urlencoded"):
        return b"%00" in body
    return _JSON_NUL.search(body) is not None


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("QUERY_STRING", "").find("%00") >= 0 or _carries_nul(request):
            if request.path.startswith("/api/"):
                return problem(
                    400, "request.malformed", _("The request contains a NUL character (U+0000).")
                )
            return HttpResponse(
                _("The request contains a NUL character, which no field accepts."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class ApiProblemMiddleware:
    """Under /api/, every answer is JSON: Django's own 404, 405 and 500 pages become
    problem+json too (the API's handlers already answer everything else that way)."""

    CODES = {
        400: "request.malformed",
        403: "permission.denied",
        404: "not_found",
        405: "request.method_not_allowed",
        500: "server.error",
    }
    DETAILS = {
        400: gettext_lazy("The request is not valid."),
        403: gettext_lazy("You may not do this."),
        404: gettext_lazy("There is no such endpoint; see /api/v1/openapi.json."),
        405: gettext_lazy("This endpoint does not take that method; see /api/v1/openapi.json."),
        500: gettext_lazy("Something went wrong on our side; it has been logged. Try again later."),
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code in self.CODES
            and not response.get("Content-Type", "").startswith(
                ("application/json", "application/problem+json")
            )
        ):
            converted = problem(
                response.status_code,
                self.CODES[response.status_code],
                self.DETAILS[response.status_code],
            )
            # Keep what the inner middleware set (Allow, X-Frame-Options, the CSP, Vary…).
            for header, value in response.items():
                if header.lower() not in ("content-type", "content-length"):
                    converted[header] = value
            return converted
        return response

    def process_exception(self, request, exception):
        # Http404, PermissionDenied and friends are answers, not failures: Django turns them
        # into their status (and __call__ into problem+json). Ninja's own /api/v1/ root raises
        # Http404 outside the API's exception handlers; it was answered 500.
        if not request.path.startswith("/api/") or isinstance(exception, EXPECTED):
            return None
        logger.exception(
            "Unhandled error on %s %s", request.method, request.path, exc_info=exception
        )
        return problem(500, self.CODES[500], self.DETAILS[500])
