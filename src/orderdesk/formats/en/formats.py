"""English formats: Django's, except the short forms, which Orderdesk's tables have always
shown as ISO dates (2026-11-27 14:05) — unambiguous for readers on both sides of the Atlantic."""

from django.conf.locale.en.formats import *  # noqa: F403

SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
