"""What an order's customer paid and got back: the ledger entries, in time order.

Prepaid orders pay at checkout; cash-on-delivery money arrives when the carrier remits it,
days after delivery (so some delivered orders are still unpaid); big COD orders may take a
bank-transfer deposit; cancelled prepaid orders are refunded; a few delivered orders get a
partial refund. Refunds never exceed what was paid, as services.payments requires.
"""

from orderdesk.demo import staff as roles
from orderdesk.demo.clock import DAY, HOUR, MINUTE
from orderdesk.demo.order_story import CANCELLED, DELIVERED, PENDING, Story
from orderdesk.demo.pools import expand, pick

METHODS_BY_CHANNEL = {
    "store": [(70, "cash"), (25, "card"), (5, "e_wallet")],
    "international": [(70, "card"), (20, "bank_transfer"), (10, "other")],
    "default": [(50, "cod"), (25, "bank_transfer"), (15, "e_wallet"), (9, "card"), (1, "other")],
}
# Card and e-wallet payments arrive from the payment gateway, the rest are keyed in by staff.
GATEWAY_METHODS = frozenset({"card", "e_wallet"})
SYSTEM = (None, "system")


def payment_status(total: int, paid: int, refunded: int) -> str:
    """orders.status.derive_payment_status on whole minor units (the tests compare the two)."""
    if refunded > 0:
        return "refunded" if refunded >= paid else "partially_refunded"
    if paid <= 0:
        return "unpaid"
    return "paid" if paid >= total else "partially_paid"


class Entry:
    """One ledger line: a payment or a refund."""

    __slots__ = ("amount", "by", "kind", "method", "paid_at", "recorded_at", "reference")

    def __init__(self, kind, amount, method, reference, paid_at, recorded_at, by):
        self.kind = kind
        self.amount = amount
        self.method = method
        self.reference = reference
        self.paid_at = paid_at
        self.recorded_at = recorded_at
        self.by = by


class Cashier:
    def __init__(self, rng, staff: roles.Staff, now: int, deposit_from: int):
        self._random = rng.random
        self._now = now
        self._deposit_from = deposit_from
        self._methods = {key: expand(weights) for key, weights in METHODS_BY_CHANNEL.items()}
        self._cashiers = staff.for_roles(roles.CASHIERS)
        self._refunders = staff.for_roles(roles.REFUNDERS)

    def method_for(self, channel: str, international: bool) -> str:
        key = "international" if international else channel
        return pick(self._random, self._methods.get(key, self._methods["default"]))

    def ledger(
        self,
        *,
        story: Story,
        created_at: int,
        total: int,
        method: str,
        tracking: str,
        cheapest_line: int,
    ) -> list[Entry]:
        r = self._random
        now = self._now - MINUTE
        entries: list[Entry] = []
        if method == "cod":
            deposit = 0
            wants_deposit = r() < (0.3 if total >= self._deposit_from else 0.03)
            at = self._paid_at(story, created_at + 10 * MINUTE + int(r() * 2 * HOUR))
            if wants_deposit and at >= created_at and not (story.status == PENDING and r() < 0.5):
                deposit = total * (20 + int(r() * 31)) // 100
                entries.append(self._payment(deposit, "bank_transfer", created_at, at))
            delivered_at = story.reached.get(DELIVERED)
            if delivered_at is not None and total > deposit:
                remitted = delivered_at + DAY + int(r() * 2 * DAY)
                if remitted <= now:
                    reference = f"COD-{tracking}" if tracking else ""
                    entries.append(
                        Entry(
                            "payment",
                            total - deposit,
                            "cod",
                            reference,
                            delivered_at,
                            remitted,
                            pick(r, self._cashiers),
                        )
                    )
        elif not (story.status == PENDING and r() < 0.4):  # else: transfer not arrived yet
            at = self._paid_at(story, created_at + 2 * MINUTE + int(r() * r() * HOUR))
            if at >= created_at:
                entries.append(self._payment(total, method, created_at, at))
        paid = sum(e.amount for e in entries)
        if paid:
            self._refunds(entries, story, paid, total, cheapest_line)
        return entries

    def _paid_at(self, story: Story, planned: int) -> int:
        """When money paid up front arrives: before now, and before a cancellation (paid
        and then cancelled, never the reverse); may fall before creation, meaning never."""
        at = min(planned, self._now - MINUTE)
        cancelled_at = story.reached.get(CANCELLED)
        return at if cancelled_at is None else min(at, cancelled_at - MINUTE)

    def _payment(self, amount: int, method: str, created_at: int, at: int) -> Entry:
        r = self._random
        if method in GATEWAY_METHODS:
            return Entry("payment", amount, method, _reference(r, method), at, at, SYSTEM)
        paid_at = max(at - int(r() * 30 * MINUTE), created_at)
        return Entry(
            "payment", amount, method, _reference(r, method), paid_at, at, pick(r, self._cashiers)
        )

    def _refunds(
        self, entries: list[Entry], story: Story, paid: int, total: int, cheapest_line: int
    ):
        r = self._random
        now = self._now - MINUTE
        method = entries[0].method
        if story.status == CANCELLED:
            at = story.reached[CANCELLED] + 2 * HOUR + int(r() * 2 * DAY)
            amount = paid
        elif story.status == DELIVERED and paid >= total and r() < 0.03:
            at = story.reached[DELIVERED] + DAY + int(r() * 6 * DAY)
            amount = min(cheapest_line, paid * 3 // 10) or paid
        else:
            return
        # Money goes back only after it came in (services.payments refuses more).
        at = max(at, entries[-1].recorded_at + HOUR)
        if at > now:
            return  # decided, not yet paid out
        if method == "cod":
            method = "bank_transfer"  # cash collected by the carrier goes back by transfer
        reference = f"RF{int(r() * 1e10):010d}"
        entries.append(Entry("refund", amount, method, reference, at, at, pick(r, self._refunders)))


def _reference(r, method: str) -> str:
    if method == "bank_transfer":
        return f"FT{int(r() * 1e10):010d}"
    if method == "e_wallet":
        return f"MOMO{int(r() * 1e10):010d}" if r() < 0.6 else f"ZALOPAY-{int(r() * 1e10):010d}"
    if method == "card":
        return f"AUTH-{int(r() * 1e6):06d}"
    return ""
