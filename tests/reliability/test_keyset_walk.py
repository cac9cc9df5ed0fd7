"""Issue #8, point 6: walking every page of the order list while new orders arrive never repeats
an order and never skips one that was there when the walk began — for every sort the list has.
"""

import random
from decimal import Decimal

import pytest

from orderdesk.accounts.services import apikey_create
from orderdesk.orders.listing import SORTS
from tests import factories
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


def new_order(admin, rng: random.Random):
    # Few distinct prices: many equal totals, so the tie-breaker is exercised too.
    price = Decimal(rng.choice([10_000, 20_000, 30_000]))
    return factories.make_order(admin, items=[factories.item_in(unit_price=str(price), quantity=1)])


@pytest.mark.parametrize("sort", list(SORTS))
def test_given_orders_arriving_between_pages_then_the_walk_never_repeats_or_skips(admin, sort):
    rng = random.Random(sort)
    present = {new_order(admin, rng).code for _ in range(25)}
    _key, key = apikey_create(name=factories.unique("walker-"), role="admin")
    api = ApiClient(key)

    seen: list[str] = []
    cursor, pages = "", 0
    while True:
        page = api.get(f"/orders?sort={sort}&limit=4&cursor={cursor}").json()
        seen += [item["code"] for item in page["items"]]
        for _ in range(rng.randint(0, 3)):  # orders arrive while the reader looks at the page
            new_order(admin, rng)
        cursor, pages = page["next_cursor"], pages + 1
        if not cursor:
            break
        assert pages < 100, "the walk does not end"

    assert len(seen) == len(set(seen)), "an order was listed twice"
    assert present <= set(seen), f"skipped: {sorted(present - set(seen))}"
