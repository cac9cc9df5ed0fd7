"""Domain errors: a stable code for machines, a message a person can act on, an HTTP status.

Services raise these; the web UI shows the message, the API turns them into problem+json.
Pure Python, so the domain modules can raise them without importing Django.
"""


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
