"""Shared list plumbing: keyset cursors, business-day ranges, search-term parsing.

Orders and consultation requests are listed the same way in the web UI, the API and exports;
these helpers keep that one definition.
"""

import base64
import binascii
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.core.errors import Errors, ValidationFailed
from orderdesk.core.phone import digits_only
from orderdesk.core.text import fold

MAX_TERMS = 8
MAX_TERM_LENGTH = 100
_PHONE_LIKE = re.compile(r"^\+?[\d\s().\-]{6,}$")


def search_terms(q: str) -> list[str]:
    """Folded words that must all match; a phone number typed with spaces is one term.

    `+84 912 345 678` → ["84912345678"]; `Nguyễn  An` → ["nguyen", "an"].
    """
    q = (q or "").replace("\x00", "").strip()[:500]
    if not q:
        return []
    if _PHONE_LIKE.match(q) and len(digits_only(q)) >= 6:
        return [digits_only(q)]
    terms = []
    for word in fold(q).split():
        if _PHONE_LIKE.match(word) and len(digits_only(word)) >= 6:
            word = digits_only(word)
        word = word[:MAX_TERM_LENGTH]
        if word and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def search_filter(field: str, q: str) -> Q:
    """Every term a substring of the folded search column (`field`)."""
    condition = Q()
    for term in search_terms(q):
        condition &= Q(**{f"{field}__contains": term})
    return condition


def business_day_start(day: date) -> datetime:
    """Midnight of `day` in the business time zone (ORDERDESK_TIME_ZONE)."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def created_range(created_from: date | None, created_to: date | None, field="created_at") -> Q:
    """Inclusive business-day range: from the first day's midnight to the day after the last."""
    condition = Q()
    if created_from:
        condition &= Q(**{f"{field}__gte": business_day_start(created_from)})
    if created_to:
        condition &= Q(**{f"{field}__lt": business_day_start(created_to + timedelta(days=1))})
    return condition


@dataclass(frozen=True)
class SortKey:
    """A keyset sort: one column plus the primary key as tie-breaker, both in one direction."""

    field: str
    descending: bool

    @property
    def order_by(self) -> tuple[str, str]:
        sign = "-" if self.descending else ""
        return (f"{sign}{self.field}", f"{sign}id")


def _encode(value) -> object:
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, Decimal):
        return {"d": str(value)}
    return value


def _decode(value) -> object:
    if isinstance(value, dict) and "t" in value:
        return datetime.fromisoformat(value["t"])
    if isinstance(value, dict) and "d" in value:
        return Decimal(value["d"])
    return value


def make_cursor(sort: SortKey, row) -> str:
    """The cursor after `row`: a model instance, or a dict of a .values() list with its "id"."""
    if isinstance(row, dict):
        value, pk = row[sort.field], row["id"]
    else:
        value, pk = getattr(row, sort.field), row.pk
    payload = [sort.field, _encode(value), pk]
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def parse_cursor(sort: SortKey, cursor: str) -> tuple[object, int]:
    """(sort value, id) after which the next page starts; ValidationFailed for a bad cursor."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        field, value, pk = json.loads(raw)
        value = _decode(value)
        if field != sort.field or not isinstance(pk, int) or isinstance(pk, bool):
            raise ValueError
        if sort.field.endswith("_at"):
            if not isinstance(value, datetime) or timezone.is_naive(value):
                raise ValueError
        elif not isinstance(value, Decimal) or not value.is_finite():
            raise ValueError
    except (ValueError, TypeError, ArithmeticError, binascii.Error, UnicodeDecodeError):
        raise ValidationFailed.for_field(
            "cursor", _("This cursor is not valid for this list; start from the first page.")
        ) from None
    return value, pk


@contextmanager
def without_parallel_workers() -> Iterator[None]:
    """On PostgreSQL, the statements inside are planned without parallel workers.

    A list query stops after one page. A search for common words walks the date index and
    checks rows until the page is full; PostgreSQL may plan that walk with two more workers,
    each reading thousands of rows past the page (`make bench`, "hong thu" at 1M orders: 86 ms,
    16 ms with one walker). Exports, which read every row, keep their parallel plans.
    """
    if connection.vendor != "postgresql":
        yield
        return
    # A savepoint when nested: a refused cursor or filter raised inside must not break the
    # caller's transaction.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")  # ends with it
        yield


def keyset_page(queryset: QuerySet, sort: SortKey, cursor: str | None, limit: int):
    """One page after `cursor`, and the cursor of the next page (None on the last page).

    Rows are ordered by (sort field, id); the page after a row is "strictly after it" in that
    order, so rows created during a walk never repeat or push others out of the walk.
    """
    queryset = queryset.order_by(*sort.order_by)
    if cursor:
        value, pk = parse_cursor(sort, cursor)
        after, bound = ("lt", "lte") if sort.descending else ("gt", "gte")
        # "After (value, pk)" as a range on the sort column plus a filter for the ties: the
        # range lets the database start the index scan at the cursor. Written as one OR, it
        # read every row before it (page 1000 at 1M orders: 50,000 index rows, ~70 ms).
        queryset = queryset.filter(
            Q(**{f"{sort.field}__{bound}": value})
            & (Q(**{f"{sort.field}__{after}": value}) | Q(**{f"id__{after}": pk}))
        )
    rows = list(queryset[: limit + 1])
    next_cursor = make_cursor(sort, rows[limit - 1]) if len(rows) > limit else None
    return rows[:limit], next_cursor


class Params:
    """Request parameters read the same from a QueryDict, a dict of lists or a dict of strings;
    "a,b" and repeated keys both give several values."""

    def __init__(self, params) -> None:
        self.params = params

    def _values(self, name: str) -> list[str]:
        if hasattr(self.params, "getlist"):
            return [str(value) for value in self.params.getlist(name)]
        raw = self.params.get(name)
        values = raw if isinstance(raw, list | tuple) else [raw] if raw else []
        return [str(value) for value in values if value is not None]

    def many(self, name: str) -> list[str]:
        return [part for value in self._values(name) for part in value.split(",")]

    def one(self, name: str) -> str:
        """The last value given, whole: a search text may hold commas."""
        values = self._values(name)
        return values[-1].strip() if values else ""


def parse_one_of(values, allowed, field_name: str, errors: Errors) -> tuple[str, ...]:
    cleaned = []
    for value in values:
        value = (value or "").strip()
        if not value:
            continue
        if value not in allowed:
            errors.add(
                field_name,
                _("Unknown value %(value)s; use one of: %(choices)s.")
                % {"value": value[:50], "choices": ", ".join(allowed)},
            )
        elif value not in cleaned:
            cleaned.append(value)
    return tuple(cleaned)


EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2999, 12, 31)


def parse_date(value: str, field_name: str, errors: Errors) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        errors.add(field_name, _("Enter a date as YYYY-MM-DD (for example 2026-02-28)."))
        return None
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        errors.add(field_name, _("Enter a date between 1900-01-01 and 2999-12-31."))
        return None
    return day


def parse_amount(value: str, field_name: str, errors: Errors) -> Decimal | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        amount = Decimal(value)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or abs(amount) >= Decimal("1e15"):
        errors.add(field_name, _("Enter an amount such as 150000 or 19.99."))
        return None
    return amount
