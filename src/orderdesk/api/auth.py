"""Who calls the API: an API key (`Authorization: Bearer …`) or a staff session with CSRF."""

from django.utils import timezone
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from orderdesk.accounts.models import ApiKey
from orderdesk.accounts.services import apikey_authenticate
from orderdesk.core.actor import Actor

LAST_USED_PRECISION_SECONDS = 60


class ApiKeyAuth(HttpBearer):
    def authenticate(self, request, token: str):
        api_key = apikey_authenticate(token)
        if api_key is None:
            return None
        now = timezone.now()
        # Written at most once a minute per key, so busy integrations do not write on every call.
        if (
            api_key.last_used_at is None
            or (now - api_key.last_used_at).total_seconds() > LAST_USED_PRECISION_SECONDS
        ):
            ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        request.actor = Actor.for_api_key(api_key)
        return api_key


class StaffSessionAuth(SessionAuth):
    """The web UI's own calls: the Django session, with Django's CSRF check."""

    def authenticate(self, request, key):
        user = request.user
        if user.is_authenticated and user.is_active:
            request.actor = Actor.for_user(user)
            return user
        return None


def public_actor(request) -> Actor | None:
    """For public endpoints: the caller's actor if it sent a valid key or session, else None."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        api_key = apikey_authenticate(header[7:])
        if api_key is not None:
            return Actor.for_api_key(api_key)
    return None
