"""A staff user's language: chosen on their profile page, applied to every page they open."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from orderdesk.accounts.models import StaffPreference
from orderdesk.core.errors import ValidationFailed

# The session keeps the user's language so a page costs no extra query; the profile page
# writes both.
SESSION_KEY = "orderdesk_language"

# Each language is named in itself: a person who cannot read the current one still finds theirs.
LANGUAGE_NAMES = {"en": "English", "vi": "Tiếng Việt"}


def language_codes() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


def user_language_chosen(user) -> str:
    """The language the user picked, or "" if they keep the default."""
    chosen = StaffPreference.objects.filter(user=user).values_list("language", flat=True).first()
    return chosen or ""


def user_language(user) -> str:
    """The user's own language, or the installation's default (ORDERDESK_LANGUAGE)."""
    return user_language_chosen(user) or settings.LANGUAGE_CODE


def user_language_set(*, user, language: str) -> str:
    """Store the user's language ("" = the default) and return the language now in effect."""
    language = (language or "").strip()
    if language and language not in language_codes():
        raise ValidationFailed.for_field(
            "language",
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(language_codes())},
        )
    StaffPreference.objects.update_or_create(user=user, defaults={"language": language})
    return language or settings.LANGUAGE_CODE


def in_language_of(user):
    """For background work done for a user (a worker has no request): what it writes for them
    to read later — file headers, reasons, errors — is in their language."""
    return translation.override(user_language(user))
