"""One batch of rows ready to write: orders (with items, tags, ledger, events) or requests.

A batch maker plans the rows, reserves their codes and ids, renders and packs them; it needs
the database only for the reservations, so on PostgreSQL it runs in the producer thread.
"""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings

from orderdesk.consultations.selectors import COUNTER_KIND as CONSULTATION_KIND
from orderdesk.consultations.status import ConsultationStatus
from orderdesk.core.sequences import make_code, next_numbers
from orderdesk.demo.consultation_rows import ConsultationMaker
from orderdesk.demo.order_plans import OrderPlanner
from orderdesk.demo.order_render import OrderRenderer
from orderdesk.demo.tables import CONSULTATION, CONSULTATION_TABLES, ORDER, ORDER_TABLES, PAYMENT
from orderdesk.orders.selectors import COUNTER_KIND as ORDER_KIND
from orderdesk.orders.status import OrderStatus


@dataclass
class Batch:
    payloads: dict  # {Table: rows packed for the store}
    tally: dict[str, int]  # {status: rows added}, for the status counters
    size: int


class StatusCoverage:
    """Makes a run of at least len(statuses) items show every status: when the items left
    are as many as the statuses not seen yet, those statuses are given out."""

    def __init__(self, statuses: list[str], total: int):
        self._missing = list(statuses)
        self._total = total

    def forced(self, index: int) -> str | None:
        left = self._total - index
        if self._total >= len(self._missing) and 0 < left <= len(self._missing):
            return self._missing[-left]
        return None

    def saw(self, status: str) -> None:
        if status in self._missing:
            self._missing.remove(status)


class OrderBatchMaker:
    tables = ORDER_TABLES
    counter_kind = ORDER_KIND
    label = "orders"

    def __init__(self, *, store, planner: OrderPlanner, renderer: OrderRenderer, total: int):
        self._store = store
        self._planner = planner
        self._renderer = renderer
        self._coverage = StatusCoverage([s.value for s in OrderStatus], total)

    def __call__(self, start: int, size: int) -> Batch:
        plans = []
        for index in range(start, start + size):
            plan = self._planner.plan(index, self._coverage.forced(index))
            self._coverage.saw(plan.story.status)
            plans.append(plan)
        store = self._store
        prefix = settings.ORDERDESK_ORDER_CODE_PREFIX
        codes = [make_code(prefix, number) for number in next_numbers("order", size)]
        order_ids = store.reserve(ORDER, size)
        payment_ids = store.reserve(PAYMENT, sum(len(plan.ledger) for plan in plans))
        lines = self._renderer.render(plans, codes, order_ids, payment_ids)
        tally = Counter(plan.story.status for plan in plans)
        return Batch({t: store.pack(lines[t]) for t in ORDER_TABLES}, dict(tally), size)


class ConsultationBatchMaker:
    tables = CONSULTATION_TABLES
    counter_kind = CONSULTATION_KIND
    label = "consultation requests"

    def __init__(self, *, store, maker: ConsultationMaker, total: int):
        self._store = store
        self._maker = maker
        self._coverage = StatusCoverage([s.value for s in ConsultationStatus], total)

    def __call__(self, start: int, size: int) -> Batch:
        indexes = range(start, start + size)
        coverage = self._coverage
        forced = {index: status for index in indexes if (status := coverage.forced(index))}
        prefix = settings.ORDERDESK_CONSULTATION_CODE_PREFIX
        codes = [make_code(prefix, number) for number in next_numbers("consultation", size)]
        ids = self._store.reserve(CONSULTATION, size)
        lines, statuses = self._maker.render(indexes, codes, ids, forced)
        for status in statuses:
            coverage.saw(status)
        payloads = {t: self._store.pack(lines[t]) for t in CONSULTATION_TABLES}
        return Batch(payloads, dict(Counter(statuses)), size)
