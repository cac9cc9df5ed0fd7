"""An order's path through the workflow: the status it reached, when, and who moved it.

Only moves that orders.status.TRANSITIONS allows are made, each by someone whose role may
make it; every time lies between the order's creation and now.
"""

from itertools import pairwise

from orderdesk.demo import staff as roles
from orderdesk.demo.clock import DAY, HOUR, MINUTE
from orderdesk.demo.pools import expand, pick
from orderdesk.orders.status import OrderStatus

PENDING = OrderStatus.PENDING_CONFIRMATION.value
CONFIRMED = OrderStatus.CONFIRMED.value
READY = OrderStatus.READY_TO_SHIP.value
SHIPPING = OrderStatus.SHIPPING.value
DELIVERED = OrderStatus.DELIVERED.value
CANCELLED = OrderStatus.CANCELLED.value
FORWARD = (PENDING, CONFIRMED, READY, SHIPPING, DELIVERED)

# Which status an order has reached depends on its age: recent orders are still in progress,
# old ones are delivered or cancelled, with a few stragglers. (age below, [(weight, status)])
STATUS_BY_AGE = [
    (6 * HOUR, [(120, PENDING), (50, CONFIRMED), (16, READY), (4, SHIPPING), (10, CANCELLED)]),
    (
        2 * DAY,
        [
            (30, PENDING),
            (50, CONFIRMED),
            (40, READY),
            (60, SHIPPING),
            (6, DELIVERED),
            (14, CANCELLED),
        ],
    ),
    (
        7 * DAY,
        [
            (4, PENDING),
            (6, CONFIRMED),
            (10, READY),
            (50, SHIPPING),
            (114, DELIVERED),
            (16, CANCELLED),
        ],
    ),
    (
        None,
        [
            (1, PENDING),
            (1, CONFIRMED),
            (1, READY),
            (1, SHIPPING),
            (178, DELIVERED),
            (18, CANCELLED),
        ],
    ),
]
# The status a cancelled order was in when it was cancelled.
CANCELLED_FROM = [(40, PENDING), (30, CONFIRMED), (10, READY), (20, SHIPPING)]

# Who may make each move (from the permission matrix in core.roles).
MOVERS = {
    CONFIRMED: roles.CONFIRMERS,
    READY: roles.FULFILLERS,
    SHIPPING: roles.FULFILLERS,
    DELIVERED: roles.FULFILLERS,
}
SAFETY_MARGIN = MINUTE  # nothing happens in the last minute before "now"


class Story:
    """The reached status, the moves [(from, to, at, (user id, username))] and when each
    status was reached; the order row and its events are built from it."""

    __slots__ = ("cancelled_from", "moves", "reached", "status")

    def __init__(self, status: str, moves: list, reached: dict, cancelled_from: str | None):
        self.status = status
        self.moves = moves
        self.reached = reached
        self.cancelled_from = cancelled_from

    @property
    def last_move_at(self) -> int | None:
        return self.moves[-1][2] if self.moves else None


class StoryTeller:
    def __init__(self, rng, staff: roles.Staff, now: int):
        self._random = rng.random
        self._now = now
        self._by_age = [(limit, expand(weights)) for limit, weights in STATUS_BY_AGE]
        self._cancelled_from = expand(CANCELLED_FROM)
        self._movers = {status: staff.for_roles(allowed) for status, allowed in MOVERS.items()}
        self._cancellers = staff.for_roles(roles.CANCELLERS)
        # Cancelling a parcel already with the carrier needs a stronger permission.
        self._shipping_cancellers = staff.for_roles(roles.FULFILLERS)

    def pick_status(self, created_at: int) -> str:
        age = self._now - created_at
        for limit, statuses in self._by_age:
            if limit is None or age < limit:
                return pick(self._random, statuses)
        raise AssertionError("unreachable")

    def tell(self, created_at: int, status: str, *, international: bool, handler=None) -> Story:
        """The moves that bring a new order to `status`, squeezed before now if need be.

        `handler` (the assignee) makes the moves their role allows; others are picked.
        """
        r = self._random
        cancelled_from = pick(r, self._cancelled_from) if status == CANCELLED else None
        last_forward = cancelled_from or status
        path = list(FORWARD[: FORWARD.index(last_forward) + 1])
        if cancelled_from:
            path.append(CANCELLED)
        durations = [self._duration(old, new, r(), international) for old, new in pairwise(path)]
        elapsed = sum(durations)
        room = self._now - SAFETY_MARGIN - created_at
        scale = 1.0 if elapsed <= room else max(room, 0) / elapsed
        moves = []
        reached = {}
        at = float(created_at)
        for (old, new), duration in zip(pairwise(path), durations, strict=True):
            at += duration * scale
            second = int(at)
            moves.append((old, new, second, self._mover(old, new, handler)))
            reached[new] = second
        return Story(status, moves, reached, cancelled_from)

    def _mover(self, old: str, new: str, handler):
        if new == CANCELLED:
            members = self._shipping_cancellers if old == SHIPPING else self._cancellers
        else:
            members = self._movers[new]
        if handler is not None and handler in members and self._random() < 0.7:
            return handler
        return pick(self._random, members)

    @staticmethod
    def _duration(old: str, new: str, u: float, international: bool) -> float:
        """Seconds from reaching `old` to reaching `new`; u is uniform in [0, 1)."""
        if new == CONFIRMED:
            return 5 * MINUTE + u * u * 6 * HOUR  # most orders are confirmed quickly
        if new == READY:
            return HOUR + u * 20 * HOUR
        if new == SHIPPING:
            return 30 * MINUTE + u * 24 * HOUR
        if new == DELIVERED:
            return (4 * DAY + u * 6 * DAY) if international else (8 * HOUR + u * 3.5 * DAY)
        # Cancelled: quickly while pending, after failed delivery attempts once shipping.
        if old == PENDING:
            return 30 * MINUTE + u * 2 * DAY
        if old == SHIPPING:
            return 2 * DAY + u * 4 * DAY
        return HOUR + u * 18 * HOUR
