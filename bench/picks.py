"""What to search for and where page 1000 starts, taken from the data set itself, so every
term matches real orders at any size and seed."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Max, Min

from orderdesk.core.listing import make_cursor
from orderdesk.core.phone import digits_only
from orderdesk.core.text import fold
from orderdesk.orders.listing import SORTS
from orderdesk.orders.models import Order

PAGE_SIZE = 50
DEEP_PAGE = 1000
STATUS_TAB = "pending_confirmation"  # the tab staff work from all day
SAMPLE = 1000


@dataclass(frozen=True)
class Picks:
    code: str
    full_phone: str  # as typed: "0912 345 678"
    phone_fragment: str  # six digits from the middle of a number
    email: str
    name_fragment: str  # accent-free, two words of a real name
    common_term: str  # the most frequent word of customer names
    common_share: float  # of sampled orders whose search text holds it
    deep_page: int
    deep_cursor: str | None  # the cursor the "Next page" link of page deep_page - 1 carries


def sample_orders(size: int = SAMPLE) -> list[Order]:
    """Orders spread evenly over the whole id range (the generated ones, oldest to newest)."""
    bounds = Order.objects.aggregate(low=Min("id"), high=Max("id"))
    low, high = bounds["low"], bounds["high"]
    step = max((high - low) // size, 1)
    ids = list(range(low, high + 1, step))[:size]
    return list(
        Order.objects.filter(id__in=ids).only(
            "code", "customer_name", "customer_phone", "customer_email", "search_text"
        )
    )


def picks_choose() -> Picks:
    sample = sample_orders()
    middle = sample[len(sample) // 2 :] + sample[: len(sample) // 2]
    with_email = next(order for order in middle if order.customer_email)
    long_name = next(order for order in middle if len(fold(order.customer_name).split()) >= 3)
    phone = digits_only(middle[1].customer_phone)
    words = Counter(word for order in sample for word in set(fold(order.customer_name).split()))
    common = words.most_common(1)[0][0]
    share = sum(common in order.search_text for order in sample) / len(sample)
    deep_page, deep_cursor = deep_page_cursor()
    return Picks(
        code=middle[0].code,
        full_phone=middle[1].customer_phone,
        phone_fragment=phone[len(phone) // 2 - 3 : len(phone) // 2 + 3],
        email=with_email.customer_email,
        name_fragment=" ".join(fold(long_name.customer_name).split()[-2:]),
        common_term=common,
        common_share=share,
        deep_page=deep_page,
        deep_cursor=deep_cursor,
    )


def deep_page_cursor(page: int = DEEP_PAGE) -> tuple[int, str | None]:
    """Page `page` of the newest-first list, or the last page when there are fewer."""
    total = Order.objects.count()
    page = max(1, min(page, (total - 1) // PAGE_SIZE + 1))
    if page == 1:
        return 1, None
    last_of_previous = Order.objects.order_by("-created_at", "-id").only("id", "created_at")[
        (page - 1) * PAGE_SIZE - 1
    ]
    return page, make_cursor(SORTS["-created_at"], last_of_previous)
