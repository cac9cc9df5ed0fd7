"""Domain errors: a stable code for machines, a message a person can act on, an HTTP status.

Services raise these; the web UI shows the message, the API turns them into problem+json.
No ORM here, so the domain modules can raise them and stay testable without a database.
"""

from django.utils.translation import gettext as _


class DomainError(Exception):
    code = "error"
    http_status = 400

    def __init__(self, message: str, *, code: str | None = None, errors=None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        # For validation: a list of {"field": ..., "message": ...}.
        self.errors = list(errors or [])


class PermissionDenied(DomainError):
    code = "permission.denied"
    http_status = 403


class NotFound(DomainError):
    code = "not_found"
    http_status = 404


class Conflict(DomainError):
    code = "conflict"
    http_status = 409


class InvalidTransition(Conflict):
    code = "order.invalid_transition"


class OrderLocked(Conflict):
    code = "order.locked"


class VersionMismatch(DomainError):
    code = "order.version_mismatch"
    http_status = 412


class ValidationFailed(DomainError):
    code = "validation.invalid"
    http_status = 422

    @classmethod
    def for_field(cls, field: str, message: str) -> "ValidationFailed":
        return cls(message, errors=[{"field": field, "message": message}])


class Errors:
    """Collects field errors so a form shows every problem at once, not the first only."""

    def __init__(self, title=None) -> None:
        self.items: list[dict[str, str]] = []
        self.title = title

    def add(self, field_name: str, message: str) -> None:
        self.items.append({"field": field_name, "message": str(message)})

    def raise_if_any(self) -> None:
        if self.items:
            summary = "; ".join(f"{e['field']}: {e['message']}" for e in self.items[:5])
            title = self.title or _("The order is not valid")
            raise ValidationFailed(f"{title}: {summary}", errors=self.items)
