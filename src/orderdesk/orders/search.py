"""What an order can be found by: one folded text column, built whenever the order changes,
and how a search term finds it."""

from django.db import connection
from django.db.models import Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan

from orderdesk.core.listing import search_terms
from orderdesk.core.phone import phone_search_keys
from orderdesk.core.text import fold


def order_search_text(
    *,
    code: str,
    customer_name: str,
    customer_email: str,
    phones_normalized: list[str],
    recipient: str,
    tracking_number: str,
    skus: list[str],
) -> str:
    parts = [code, customer_name, customer_email, recipient, tracking_number, *skus]
    for phone in dict.fromkeys(phones_normalized):  # the same number twice adds nothing
        parts.extend(phone_search_keys(phone))
    # A separator that no search term contains keeps one field from matching into the next.
    return " | ".join(fold(part) for part in parts if part)


# SQLite's trigram index over search_text (migration 0005). A term matching fewer orders than
# this is looked up in it; a commoner one is left to the list's walk down the date index,
# which finds a page of matches after a few hundred rows — faster than collecting thousands.
SQLITE_INDEX = "orders_order_search"
SQLITE_INDEX_MAX_MATCHES = 1000


def order_search_filter(q: str) -> Q:
    """Every search term a substring of the order's search text, using the database's index."""
    condition = Q()
    for term in search_terms(q):
        if connection.vendor == "sqlite" and _sqlite_index_selective(term):
            condition &= Q(id__in=RawSQL(_SQLITE_MATCHES, [f"%{term}%"]))
        else:
            condition &= _contains(term)
    return condition


def _contains(term: str) -> Q:
    """search_text contains `term`, asked so that PostgreSQL's trigram index does little work.

    The index splits an e-mail address at "@" and "."; the domain's trigrams (gmail, com) are in
    a large share of orders, and reading their entries was nine tenths of an e-mail search
    (`make bench`: search_email). So the index is given the part up to "@", and the whole
    address is checked with STRPOS (which the index does not serve) on the few rows it finds.
    The same rows match: both are plain case-sensitive substring tests.
    """
    local, at, domain = term.partition("@")
    if connection.vendor == "postgresql" and at and domain and len(local) >= 3:
        whole = GreaterThan(StrIndex("search_text", Value(term)), 0)
        return Q(search_text__contains=local + at) & Q(whole)
    return Q(search_text__contains=term)


_SQLITE_MATCHES = f"SELECT rowid FROM {SQLITE_INDEX} WHERE search_text LIKE %s"


def _sqlite_index_selective(term: str) -> bool:
    """Whether the index answers `term` (3 characters or more, no LIKE wildcards) and it
    matches few enough orders for the index to be the faster way."""
    if len(term) < 3 or any(char in term for char in "%_\\"):
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM ({_SQLITE_MATCHES} LIMIT {SQLITE_INDEX_MAX_MATCHES})",
            [f"%{term}%"],
        )
        return cursor.fetchone()[0] < SQLITE_INDEX_MAX_MATCHES
