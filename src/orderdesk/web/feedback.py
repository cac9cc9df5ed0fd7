"""Turning domain errors into what a person sees: a message, or errors beside form fields."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404

from orderdesk.core.errors import DomainError, NotFound, PermissionDenied


def raise_http(error: DomainError) -> None:
    """404 and 403 are pages of their own; other domain errors are shown where they happened."""
    if isinstance(error, NotFound):
        raise Http404(error.message)
    if isinstance(error, PermissionDenied):
        raise DjangoPermissionDenied(error.message)


def flash_error(request, error: DomainError) -> None:
    raise_http(error)
    messages.error(request, error.message)
