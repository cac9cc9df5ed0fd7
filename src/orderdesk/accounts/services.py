"""Staff users and API keys."""

import hashlib
import hmac
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.accounts.models import ApiKey
from orderdesk.core.errors import Conflict, NotFound, ValidationFailed
from orderdesk.core.roles import STAFF_ROLES, Role

KEY_PREFIX_LENGTH = 12


def parse_role(value: str, *, allowed=tuple(Role)) -> Role:
    try:
        role = Role(value)
    except ValueError:
        raise ValidationFailed.for_field(
            "role",
            _("Unknown role %(role)s; use one of: %(choices)s.")
            % {"role": value, "choices": ", ".join(allowed)},
        ) from None
    if role not in allowed:
        raise ValidationFailed.for_field(
            "role",
            _("The %(role)s role is for API keys only; staff users take one of: %(choices)s.")
            % {"role": role, "choices": ", ".join(allowed)},
        )
    return role


def user_role(user) -> Role | None:
    names = {group.name for group in user.groups.all()}
    for role in Role:
        if role in names:
            return role
    return None


def user_create(*, username: str, role: str, password: str | None = None, email: str = ""):
    """A staff user with exactly one role. Without a password, one is generated and returned.

    Returns (user, password).
    """
    role = parse_role(role, allowed=STAFF_ROLES)
    username = (username or "").strip()
    if not username:
        raise ValidationFailed.for_field("username", _("A username is required."))
    User = get_user_model()
    generated = password is None
    if generated:
        password = secrets.token_urlsafe(15)
    user = User(username=username, email=email, is_staff=(role == Role.ADMIN))
    if not generated:
        try:
            validate_password(password, user)
        except DjangoValidationError as error:
            raise ValidationFailed(
                " ".join(error.messages),
                errors=[{"field": "password", "message": m} for m in error.messages],
            ) from None
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise Conflict(_("A user named %s exists already.") % username, code="user.exists")
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=role)])
    return user, password


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def apikey_create(*, name: str, role: str) -> tuple[ApiKey, str]:
    """A new key; the plain key is returned here once and never stored."""
    role = parse_role(role)
    name = (name or "").strip()
    if not name:
        raise ValidationFailed.for_field("name", _("A name is required."))
    if ApiKey.objects.filter(name=name).exists():
        raise Conflict(_("An API key named %s exists already.") % name, code="apikey.exists")
    # Keys are 256 random bits, so a fast hash is enough: there is nothing to brute-force.
    secret = secrets.token_urlsafe(32)
    plain = f"od_{secret}"
    api_key = ApiKey.objects.create(
        name=name, role=role, prefix=plain[:KEY_PREFIX_LENGTH], key_hash=_hash(plain)
    )
    return api_key, plain


def apikey_authenticate(plain: str) -> ApiKey | None:
    """The active key matching `plain`, or None."""
    plain = (plain or "").strip()
    if len(plain) < KEY_PREFIX_LENGTH or len(plain) > 200:
        return None
    api_key = ApiKey.objects.filter(
        prefix=plain[:KEY_PREFIX_LENGTH], revoked_at__isnull=True
    ).first()
    if api_key is None or not hmac.compare_digest(api_key.key_hash, _hash(plain)):
        return None
    return api_key


def apikey_revoke(*, name: str) -> ApiKey:
    api_key = ApiKey.objects.filter(name=name).first()
    if api_key is None:
        raise NotFound(_("No API key named %s.") % name, code="apikey.not_found")
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])
    return api_key


def user_update(*, actor_user, username: str, role: str | None = None, active: bool | None = None):
    """Change a staff user's role or switch the account off (never one's own: no lock-out)."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NotFound(_("No user named %s.") % username, code="user.not_found")
    if user.pk == actor_user.pk and (active is False or (role and role != Role.ADMIN)):
        raise Conflict(
            _("You cannot switch off your own account or take away your own admin role."),
            code="user.self_lockout",
        )
    with transaction.atomic():
        if role is not None:
            new_role = parse_role(role, allowed=STAFF_ROLES)
            user.groups.set([Group.objects.get(name=new_role)])
            user.is_staff = new_role == Role.ADMIN
        if active is not None:
            user.is_active = active
        user.save(update_fields=["is_staff", "is_active"])
    return user
