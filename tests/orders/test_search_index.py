"""Order search through the database's index: the same orders as a substring test of every
order's search text, whichever way a term is answered (SQLite's FTS5 trigram index for rare
terms, the date-ordered walk for common ones; pg_trgm on PostgreSQL's search table beside the
orders)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orderdesk.core.errors import ValidationFailed
from orderdesk.orders import search
from orderdesk.orders.listing import OrderQuery, order_list_page, order_query_filter
from orderdesk.orders.models import Order, OrderEvent
from orderdesk.orders.services import order_ship, order_transition
from orderdesk.orders.status import OrderStatus
from tests.factories import customer_in, make_order

pytestmark = pytest.mark.django_db


def found(q: str) -> set[str]:
    return set(
        order_query_filter(Order.objects.all(), OrderQuery(q=q)).values_list("code", flat=True)
    )


def expected(q: str) -> set[str]:
    """The definition: every folded term a substring of the search text."""
    terms = search.search_terms(q)
    return {
        order.code
        for order in Order.objects.all()
        if all(term in order.search_text for term in terms)
    }


@pytest.fixture
def orders(admin):
    return [
        make_order(admin, customer=customer_in(name="Nguyễn Văn An", phone="0912 345 678")),
        make_order(admin, customer=customer_in(name="Trần Thị Bích", email="bich_tran@shop.vn")),
        make_order(admin, customer=customer_in(name="Lê 100% Hoàng", phone="0987 000 111")),
    ]


@pytest.mark.parametrize(
    "q", ["nguyen", "345678", "bich_tran", "100%", "an", "van an", "0987000111", "zzz", "so-"]
)
def test_every_term_finds_exactly_the_orders_whose_text_holds_it(orders, q):
    assert found(q) == expected(q)


def test_a_code_is_found_through_the_search_table(orders):
    with CaptureQueriesContext(connection) as queries:
        assert found(orders[1].code) == {orders[1].code}
    assert any(search.SEARCH_TABLE in query["sql"] for query in queries.captured_queries)


def test_a_common_term_is_left_to_the_walk_and_finds_the_same(orders, monkeypatch):
    monkeypatch.setattr(search, "SQLITE_INDEX_MAX_MATCHES", 2)
    assert found("so-") == expected("so-") == {order.code for order in orders}


def test_the_index_follows_changes_and_deletions(orders, admin):
    order = orders[0]
    order_transition(code=order.code, actor=admin, to=OrderStatus.CONFIRMED)
    order_transition(code=order.code, actor=admin, to=OrderStatus.READY_TO_SHIP)
    order_ship(code=order.code, actor=admin, tracking_number="GHN-778899")
    assert found("ghn-778899") == {order.code}
    # The timeline is append-only and protects its order; remove them as a restore --force would.
    events = OrderEvent.objects.filter(order_id=orders[2].pk)
    events._raw_delete(events.db)
    Order.objects.filter(pk=orders[2].pk).delete()
    assert found("0987000111") == set()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index only")
def test_given_every_migration_then_the_triggers_that_keep_the_sqlite_index_exist():
    # Altering an orders_order column remakes the table on SQLite, without its triggers
    # (migration 0007 creates them again; a later one must too).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'orders_order'"
        )
        triggers = {row[0] for row in cursor.fetchall()}

    assert triggers == {f"{search.SEARCH_TABLE}_{op}" for op in ("insert", "update", "delete")}


@pytest.mark.parametrize(
    "q",
    ["thu@gmail.com", "THU@gmail.com", "hu@gmail.com", "thu@gmail", "thu@yahoo.com", "@gmail.com"],
)
def test_an_email_finds_exactly_the_orders_whose_text_holds_it(admin, q):
    # On PostgreSQL the index is asked for the part up to "@" only; the rows must not change.
    for email in ("thu@gmail.com", "xthu@gmail.com", "thu@gmail.co", "thu@yahoo.com", "an@x.vn"):
        make_order(admin, customer=customer_in(name="Lê Thu", email=email))
    assert found(q) == expected(q)
    assert found(q)  # every term above is held by one of the orders


# --- PostgreSQL's search table (migration 0009) --------------------------------------------------
def search_table() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT order_id, search_text FROM {search.SEARCH_TABLE}")
        return dict(cursor.fetchall())


def search_texts() -> dict[int, str]:
    return dict(Order.objects.values_list("id", "search_text"))


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's search table"
)


@postgresql_only
def test_given_orders_created_changed_and_deleted_then_the_search_table_holds_their_text(
    orders, admin
):
    assert search_table() == search_texts() and len(search_texts()) == 3
    order = orders[0]
    order_transition(code=order.code, actor=admin, to=OrderStatus.CONFIRMED)
    order_transition(code=order.code, actor=admin, to=OrderStatus.READY_TO_SHIP)
    order_ship(code=order.code, actor=admin, tracking_number="GHN-445566")
    Order.objects.filter(pk=orders[1].pk).update(search_text="written past the services")
    events = OrderEvent.objects.filter(order_id=orders[2].pk)
    events._raw_delete(events.db)
    Order.objects.filter(pk=orders[2].pk).delete()

    assert "ghn-445566" in search_table()[order.pk]
    assert search_table() == search_texts() and len(search_texts()) == 2


@postgresql_only
def test_given_the_orders_truncated_then_the_search_table_is_emptied(orders):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the fixture's checks, run before
        cursor.execute("TRUNCATE orders_order CASCADE")  # as Django's test flush does

    assert search_table() == {}


@postgresql_only
def test_given_every_migration_then_the_triggers_that_keep_the_postgresql_table_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname, tgenabled FROM pg_trigger "
            "WHERE tgrelid = 'orders_order'::regclass AND NOT tgisinternal"
        )
        triggers = dict(cursor.fetchall())

    name = search.SEARCH_TABLE
    # The insert trigger fires even for the demo's COPY, written as a replica ('A': always).
    assert triggers == {
        f"{name}_insert": "A",
        f"{name}_update": "O",
        f"{name}_delete": "O",
        f"{name}_truncate": "O",
    }


@postgresql_only
def test_given_a_search_then_its_page_is_planned_without_parallel_workers(orders):
    # A search walking the orders by date stops after a page; parallel walkers read far past it.
    def statements(query: OrderQuery) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            order_list_page(Order.objects.all(), query, cursor=None, limit=50)
        return [q["sql"] for q in queries.captured_queries]

    searched = statements(OrderQuery(q="nguyen"))
    listed = statements(OrderQuery())

    setting = "SET LOCAL max_parallel_workers_per_gather = 0"
    assert searched.index(setting) < next(
        i for i, sql in enumerate(searched) if search.SEARCH_TABLE in sql
    )
    assert setting not in listed


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_given_a_search_outside_a_transaction_then_the_setting_ends_with_its_page():
    order_list_page(Order.objects.all(), OrderQuery(q="nguyen"), cursor=None, limit=50)

    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] != "0"


def test_given_a_search_with_a_bad_cursor_then_it_is_refused_and_the_transaction_goes_on(orders):
    # The search runs in its own (nested) transaction on PostgreSQL; the refusal raised inside
    # must not leave the caller's transaction broken for its next query.
    with pytest.raises(ValidationFailed):
        order_list_page(
            Order.objects.all(), OrderQuery(q="nguyen"), cursor="not-a-cursor", limit=50
        )

    assert Order.objects.count() == len(orders)
