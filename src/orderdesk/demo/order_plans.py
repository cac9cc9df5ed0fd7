"""Planning one order: customer, basket, people, workflow story, ledger and notes.

A plan holds no ids: they are reserved once a whole batch is planned (the number of payments
is known only then) and put in by demo.order_render.
"""

from orderdesk.demo import staff as roles
from orderdesk.demo.amounts import Money
from orderdesk.demo.basket import BasketMaker
from orderdesk.demo.clock import HOUR, CreationTimeline
from orderdesk.demo.customers import Customer, CustomerMaker
from orderdesk.demo.order_story import SHIPPING, Story, StoryTeller
from orderdesk.demo.payments_plan import Cashier, Entry
from orderdesk.demo.pools import assert_copy_safe, expand, pick
from orderdesk.demo.vocab_shop import (
    CANCEL_REASONS,
    CARRIERS_DOMESTIC,
    CARRIERS_INTERNATIONAL,
    CUSTOMER_NOTES,
    MARKETPLACE_TAGS,
    STAFF_NOTES,
    TAGS,
)

CHANNELS = [
    (38, "web"),
    (25, "marketplace"),
    (15, "phone"),
    (10, "store"),
    (8, "api"),
    (4, "other"),
]
# Channels where a staff member keys the order in; the rest arrive by themselves.
STAFF_CHANNELS = frozenset({"phone", "store", "other"})
ASSIGNED_SHARE = 0.75


class OrderPlan:
    __slots__ = (
        "assignee", "basket", "cancel_reason", "carrier", "channel", "created_at", "creator",
        "customer", "ledger", "note", "recipient", "ship_phone", "staff_notes", "story", "tags",
        "tracking",
    )  # fmt: skip


class OrderPlanner:
    def __init__(
        self,
        rng,
        *,
        staff: roles.Staff,
        now: int,
        money: Money,
        timeline: CreationTimeline,
        vietnamese_region: bool,
    ):
        self._random = rng.random
        self._now = now
        self._timeline = timeline
        self._customers = CustomerMaker(rng, vietnamese_region=vietnamese_region)
        self._baskets = BasketMaker(rng, money)
        self._stories = StoryTeller(rng, staff, now)
        self._cashier = Cashier(rng, staff, now, deposit_from=money.free_shipping_from() * 4)
        self._channels = expand(CHANNELS)
        self._handlers = [m for m in staff.for_roles(roles.HANDLERS) if m[0] is not None]
        self._annotators = staff.for_roles(roles.ANNOTATORS)
        self._domestic_carriers = expand(CARRIERS_DOMESTIC)
        self._international_carriers = expand(CARRIERS_INTERNATIONAL)
        # Failed deliveries are the reasons for cancelling a shipping order, and only for that.
        self._early_cancel_reasons = expand((w, why) for w, why, late in CANCEL_REASONS if not late)
        self._late_cancel_reasons = expand((w, why) for w, why, late in CANCEL_REASONS if late)
        assert_copy_safe(
            TAGS + CUSTOMER_NOTES + STAFF_NOTES + [reason for _, reason, _ in CANCEL_REASONS]
        )

    def plan(self, index: int, forced_status: str | None = None) -> OrderPlan:
        """The index-th order of the run (its place on the creation timeline)."""
        r = self._random
        plan = OrderPlan()
        plan.created_at = created_at = self._timeline.at(index, r())
        plan.channel = channel = pick(r, self._channels)
        customer: Customer = self._customers.next(may_be_international=channel in ("web", "api"))
        plan.customer = customer
        plan.recipient, plan.ship_phone = self._customers.recipient(customer)
        plan.basket = basket = self._baskets.fill(
            international=customer.international, in_store=channel == "store"
        )
        plan.assignee = pick(r, self._handlers) if self._handlers and r() < ASSIGNED_SHARE else None
        plan.creator = (
            pick(r, self._handlers) if self._handlers and channel in STAFF_CHANNELS else None
        )
        status = forced_status or self._stories.pick_status(created_at)
        plan.story = story = self._stories.tell(
            created_at, status, international=customer.international, handler=plan.assignee
        )
        plan.carrier, plan.tracking = self._shipment(story, customer.international)
        plan.cancel_reason = self._cancel_reason(story)
        method = self._cashier.method_for(channel, customer.international)
        plan.ledger = self._cashier.ledger(
            story=story,
            created_at=created_at,
            total=basket.total,
            method=method,
            tracking=plan.tracking,
            cheapest_line=basket.cheapest_line,
        )
        plan.tags = self._tags(channel)
        plan.note = pick(r, CUSTOMER_NOTES) if r() < 0.15 else ""
        plan.staff_notes = self._staff_notes(created_at, story, plan.ledger)
        return plan

    def _shipment(self, story: Story, international: bool) -> tuple[str, str]:
        """(carrier, tracking number) once the order was handed to a carrier."""
        if SHIPPING not in story.reached:
            return "", ""
        r = self._random
        carriers = self._international_carriers if international else self._domestic_carriers
        carrier, prefix, digits, suffix = pick(r, carriers)
        return carrier, f"{prefix}{int(r() * 10**digits):0{digits}d}{suffix}"

    def _cancel_reason(self, story: Story) -> str:
        if story.cancelled_from is None:
            return ""
        late = story.cancelled_from == SHIPPING
        reasons = self._late_cancel_reasons if late else self._early_cancel_reasons
        return pick(self._random, reasons)

    def _tags(self, channel: str) -> list[str]:
        r = self._random
        tags = []
        if channel == "marketplace" and r() < 0.7:
            tags.append(pick(r, MARKETPLACE_TAGS))
        if r() < 0.15:
            tag = pick(r, TAGS)
            if tag not in tags:
                tags.append(tag)
        return tags

    def _staff_notes(self, created_at: int, story: Story, ledger: list[Entry]) -> list:
        r = self._random
        roll = r()
        count = 2 if roll < 0.02 else 1 if roll < 0.12 else 0
        if not count:
            return []
        last = max([created_at + HOUR, story.last_move_at or 0, *(e.recorded_at for e in ledger)])
        last = min(last, self._now - 60)
        span = max(last - created_at, 0)
        notes = [
            (created_at + int(r() * span), pick(r, STAFF_NOTES), pick(r, self._annotators))
            for _ in range(count)
        ]
        return sorted(notes, key=lambda note: note[0])
