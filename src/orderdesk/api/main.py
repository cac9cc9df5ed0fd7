"""The API object: authentication, one error format, and the routers of each app."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from orderdesk.api.auth import ApiKeyAuth, StaffSessionAuth
from orderdesk.api.problems import PROBLEM_CONTENT_TYPE, problem
from orderdesk.api.schema_messages import schema_message
from orderdesk.consultations.api import router as consultations_router
from orderdesk.core.errors import DomainError
from orderdesk.orders.api import router as orders_router
from orderdesk.reports.api import router as reports_router
from orderdesk.webhooks.api import router as webhooks_router


class OrderdeskAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Error answers are application/problem+json; say so in the schema."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if str(status).startswith(("4", "5")) and "application/json" in content:
                        content[PROBLEM_CONTENT_TYPE] = content.pop("application/json")
        return schema


api = OrderdeskAPI(
    title="Orderdesk API",
    version="1",
    description="Orders and consultation requests. See docs/api.md for conventions and examples.",
    urls_namespace="api-v1",
    auth=[ApiKeyAuth(), StaffSessionAuth()],
)


def _field_name(location) -> str:
    parts = [str(part) for part in location if part not in ("body", "query", "path", "header")]
    # The body parameter's own name (e.g. "payload") is not part of the client's field path.
    if parts and parts[0] in ("payload", "params", "filters"):
        parts = parts[1:]
    return ".".join(parts) or "body"


@api.exception_handler(DomainError)
def domain_error(request, error: DomainError):
    return problem(error.http_status, error.code, error.message, errors=error.errors)


@api.exception_handler(ValidationError)
def validation_error(request, error: ValidationError):
    errors = [
        {"field": _field_name(item.get("loc", ())), "message": schema_message(item)}
        for item in error.errors
    ]
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    detail = _("The request is not valid: %(summary)s") % {"summary": summary}
    return problem(422, "validation.invalid", detail, errors=errors)


@api.exception_handler(AuthenticationError)
def authentication_error(request, error: AuthenticationError):
    return problem(
        401,
        "auth.required",
        _("Send a valid API key as 'Authorization: Bearer <key>'."),
        headers={"WWW-Authenticate": 'Bearer realm="orderdesk"'},
    )


@api.exception_handler(HttpError)
def http_error(request, error: HttpError):
    codes = {400: "request.malformed", 403: "permission.denied", 405: "request.method_not_allowed"}
    message = _("The body is not valid JSON.") if error.status_code == 400 else str(error)
    return problem(error.status_code, codes.get(error.status_code, "error"), message)


@api.exception_handler(Http404)
def not_found(request, error):
    return problem(404, "not_found", _("Nothing here."))


api.add_router("/orders", orders_router)
api.add_router("/consultation-requests", consultations_router)
api.add_router("/webhooks", webhooks_router)
api.add_router("/reports", reports_router)
