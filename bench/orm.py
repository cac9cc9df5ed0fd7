"""The list's ORM query against the same SQL through the driver: what the ORM itself costs."""

import time

from django.contrib.auth import get_user_model

from bench.actors import ADMIN
from bench.picks import STATUS_TAB
from bench.rawsql import RawConnection, capture
from bench.results import Recorder
from bench.stats import Timing
from orderdesk.core.actor import Actor
from orderdesk.orders.listing import OrderQuery, order_list_page
from orderdesk.orders.selectors import order_list_queryset

PAGE_SIZE = 50


def list_pages(picks) -> dict[str, tuple[OrderQuery, str | None]]:
    return {
        "first page": (OrderQuery(), None),
        "status tab": (OrderQuery(statuses=(STATUS_TAB,)), None),
        f"page {picks.deep_page}": (OrderQuery(), picks.deep_cursor),
    }


def orm_vs_raw(recorder: Recorder, picks, raw: RawConnection, *, warmup: int, reps: int) -> None:
    """The worst ratio of medians over the first page, a status tab and the deep page.

    ORM: the list view's queryset (order_list_queryset) built, compiled, run, and its 50 rows
    made into dicts (with the assignee's name joined), exactly as the list view does. Raw: its
    one SELECT through the driver, rows fetched as tuples. They alternate, so both see the same moment of the machine.
    """
    actor = Actor.for_user(get_user_model().objects.get(username=ADMIN))
    pages = {}
    for label, (query, cursor) in list_pages(picks).items():

        def page(query=query, cursor=cursor):
            queryset = order_list_queryset(actor)
            return order_list_page(queryset, query, cursor=cursor, limit=PAGE_SIZE)

        page()
        _, statements = capture(page)
        orm_seconds, raw_seconds = [], []
        for run in range(warmup + reps):
            started = time.perf_counter()
            page()
            elapsed = time.perf_counter() - started
            replay = raw.replay(statements)
            if run >= warmup:
                orm_seconds.append(elapsed)
                raw_seconds.append(replay)
        orm, raw_timing = Timing.of_seconds(orm_seconds), Timing.of_seconds(raw_seconds)
        pages[label] = (orm, raw_timing, orm.p50_ms / raw_timing.p50_ms)
    worst = max(pages, key=lambda label: pages[label][2])
    orm, raw_timing, worst_ratio = pages[worst]
    recorder.add(
        "list_query_vs_raw_sql_ratio",
        worst_ratio,
        timing=orm.as_dict(),
        raw_sql={"what": "the same SELECT through the driver", **raw_timing.as_dict()},
        ratio=worst_ratio,
        pages={label: round(ratio, 3) for label, (_, _, ratio) in pages.items()},
        note=f"median ORM / median raw, worst of {', '.join(pages)}: {worst}",
    )
