"""Who the bench acts as: staff users with sessions, and API keys — made through the product's
own services, with names starting with "bench-" so they are recognised on the next run."""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.test import override_settings
from django.utils import timezone

from orderdesk.accounts.models import ApiKey
from orderdesk.accounts.services import apikey_create, user_create

ADMIN = "bench-admin"
STAFF_ROLES = ("sales", "operations", "customer_care")  # browsing staff, in turn
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Actors:
    admin_username: str
    admin_password: str  # signs in through the login form
    admin_key: str  # counts, exports, bulk moves
    intake_key: str  # creates orders, as a shop does
    staff_sessions: list[str]  # session keys of the browsing staff (mixed load)


def actors_prepare(*, staff_sessions: int) -> Actors:
    admin_password = _admin_with_new_password()
    staff = [_staff_user(f"bench-staff-{n:02d}", STAFF_ROLES[n % 3]) for n in range(staff_sessions)]
    ApiKey.objects.filter(name__startswith="bench-", revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    _, admin_key = apikey_create(name=f"bench-admin-{stamp}", role="admin")
    _, intake_key = apikey_create(name=f"bench-intake-{stamp}", role="intake")
    return Actors(
        admin_username=ADMIN,
        admin_password=admin_password,
        admin_key=admin_key,
        intake_key=intake_key,
        staff_sessions=[session_for(user) for user in staff],
    )


def _admin_with_new_password() -> str:
    """The admin signs in for real, so it needs a password this run knows."""
    password = secrets.token_urlsafe(18)
    user = get_user_model().objects.filter(username=ADMIN).first()
    if user is None:
        user_create(username=ADMIN, role="admin", password=password)
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
    return password


def _staff_user(username: str, role: str):
    """Staff who never type a password: made with a cheap hasher, then left without one."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        with override_settings(PASSWORD_HASHERS=FAST_HASHER):
            user, _ = user_create(username=username, role=role)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def session_for(user) -> str:
    """A signed-in session, as Django's login() leaves it; the session key is the cookie."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key
