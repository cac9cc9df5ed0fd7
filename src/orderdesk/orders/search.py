"""What an order can be found by: one folded text column, built whenever the order changes,
and how a search term finds it."""

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

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


# The trigram indexes beside the order table, kept in step with search_text by triggers:
# SQLite's FTS5 table (migration 0005) and PostgreSQL's table (0009), which keeps the index
# off the order rows so that status moves and payments do not write to it.
SEARCH_TABLE = "orders_order_search"
# On SQLite a term matching fewer orders than this is looked up in the index; a commoner one
# is left to the list's walk down the date index, which finds a page of matches after a few
# hundred rows — faster than collecting thousands. PostgreSQL's planner makes that choice.
SQLITE_INDEX_MAX_MATCHES = 1000


def order_search_filter(q: str) -> Q:
    """Every search term a substring of the order's search text, using the database's index."""
    terms = search_terms(q)
    if not terms:
        return Q()
    if connection.vendor == "postgresql":
        return _postgresql_matches(terms)
    condition = Q()
    for term in terms:
        if _sqlite_index_selective(term):
            condition &= Q(id__in=RawSQL(_SQLITE_MATCHES, [f"%{term}%"]))
        else:
            condition &= Q(search_text__contains=term)
    return condition


def _postgresql_matches(terms: list[str]) -> Q:
    """Orders whose search text holds every term, asked of the search table in one subquery.

    The index splits an e-mail address at "@" and "."; the domain's trigrams (gmail, com) are in
    a large share of orders, and reading their entries was nine tenths of an e-mail search
    (`make bench`: search_email). So the index is given the part up to "@", and the whole
    address is checked with STRPOS (which the index does not serve) on the few rows it finds.
    The same rows match: both are plain case-sensitive substring tests.
    """
    conditions, params = [], []
    for term in terms:
        local, at, domain = term.partition("@")
        if at and domain and len(local) >= 3:
            conditions.append("search_text LIKE %s AND STRPOS(search_text, %s) > 0")
            params += [_like_containing(local + at), term]
        else:
            conditions.append("search_text LIKE %s")
            params.append(_like_containing(term))
    sql = f"SELECT order_id FROM {SEARCH_TABLE} WHERE {' AND '.join(conditions)}"
    return Q(id__in=RawSQL(sql, params))


def _like_containing(term: str) -> str:
    """A LIKE pattern matching `term` anywhere, its own % and _ taken literally."""
    return f"%{connection.ops.prep_for_like_query(term)}%"


_SQLITE_MATCHES = f"SELECT rowid FROM {SEARCH_TABLE} WHERE search_text LIKE %s"


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
