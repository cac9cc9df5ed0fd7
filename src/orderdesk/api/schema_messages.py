"""The schema's own validation messages in the caller's language.

Pydantic writes its messages in English only. English callers keep them word for word (clients
and docs quote them); other languages get ours, chosen by the error's stable `type`, with the
limits from its context. An error type not listed here keeps Pydantic's English.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "missing": _("This field is required."),
    "extra_forbidden": _("This field is not accepted here."),
    "string_type": _("Enter text."),
    "string_too_short": _("Enter at least %(min_length)s characters."),
    "string_too_long": _("Enter at most %(max_length)s characters."),
    "string_pattern_mismatch": _("The value does not have the expected form."),
    "int_type": _("Enter a whole number."),
    "int_parsing": _("Enter a whole number."),
    "int_from_float": _("Enter a whole number."),
    "bool_type": _("Enter true or false."),
    "bool_parsing": _("Enter true or false."),
    "greater_than_equal": _("Enter a value of at least %(ge)s."),
    "greater_than": _("Enter a value greater than %(gt)s."),
    "less_than_equal": _("Enter a value of at most %(le)s."),
    "less_than": _("Enter a value less than %(lt)s."),
    "literal_error": _("Use one of: %(expected)s."),
    "enum": _("Use one of: %(expected)s."),
    "list_type": _("Enter a list."),
    "too_short": _("Enter at least %(min_length)s entries."),
    "too_long": _("Enter at most %(max_length)s entries."),
    "model_type": _("Enter an object."),
    "model_attributes_type": _("Enter an object."),
    "dict_type": _("Enter an object."),
    "date_parsing": _("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": _("Enter a date as YYYY-MM-DD."),
    "datetime_parsing": _("Give the time with its offset, e.g. 2026-11-27T14:05:00+07:00."),
    "datetime_from_date_parsing": _(
        "Give the time with its offset, e.g. 2026-11-27T14:05:00+07:00."
    ),
    "timezone_aware": _("Give the time with its offset, e.g. 2026-11-27T14:05:00+07:00."),
}


def schema_message(error: dict) -> str:
    """The message of one Pydantic error as the active language says it."""
    english = str(error.get("msg", "invalid"))
    message = MESSAGES.get(error.get("type", ""))
    if message is None or (get_language() or "en").startswith("en"):
        return english
    try:
        return str(message) % {key: value for key, value in (error.get("ctx") or {}).items()}
    except (KeyError, TypeError, ValueError):
        return english
