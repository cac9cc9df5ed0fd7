"""Turning planned orders into rows: the order, its items, tags, ledger and timeline.

Rows are COPY text lines (see demo.tables). Each timeline event has the `type` and `data` that
orders.events writes for the same change, so the UI and the API read demo orders like real ones.
"""

from orderdesk.demo.amounts import Money
from orderdesk.demo.clock import TimeText
from orderdesk.demo.order_plans import OrderPlan
from orderdesk.demo.order_story import CANCELLED, CONFIRMED, DELIVERED, PENDING, READY, SHIPPING
from orderdesk.demo.payments_plan import payment_status
from orderdesk.demo.tables import NULL, ORDER, ORDER_EVENT, ORDER_ITEM, ORDER_TAG, PAYMENT
from orderdesk.orders.domain import items_summary

SYSTEM = (None, "system")


class OrderRenderer:
    def __init__(self, *, money: Money, time_text: TimeText):
        self._ts = time_text
        # str() is the text of a whole amount; only currencies with a minor unit need more.
        self._text = str if not money.places else money.text
        self._currency = money.currency

    def render(self, plans: list[OrderPlan], codes: list[str], order_ids, payment_ids) -> dict:
        """{table: [line, …]} for a batch; payment_ids holds one id per ledger entry, in order."""
        out = {table: [] for table in (ORDER, ORDER_ITEM, ORDER_TAG, PAYMENT, ORDER_EVENT)}
        payment_ids = iter(payment_ids)
        for plan, code, order_id in zip(plans, codes, order_ids, strict=True):
            self._render_one(plan, code, order_id, payment_ids, out)
        return out

    def _render_one(self, plan: OrderPlan, code: str, oid: int, payment_ids, out: dict) -> None:
        ts = self._ts
        text = self._text
        basket = plan.basket
        story = plan.story
        created = plan.created_at
        created_text = ts(created)
        total_text = text(basket.total)

        items = out[ORDER_ITEM]
        for position, (product, quantity, line_total) in enumerate(basket.lines):
            items.append(
                f"{oid}\t{position}\t{product.sku}\t{product.name}\t{quantity}\t"
                f"{product.price_text}\t{text(line_total)}"
            )
        for tag in plan.tags:
            out[ORDER_TAG].append(f"{oid}\t{tag}")

        # The timeline as (time, tie-break, line), sorted before writing so ids follow time.
        creator_id, creator_label = plan.creator or SYSTEM
        events = [
            (
                created,
                0,
                f"{oid}\tcreated\t{creator_id or NULL}\t{NULL}\t{creator_label}\t{created_text}\t"
                f'{{"status": "{PENDING}", "total": "{total_text}", "channel": "{plan.channel}"}}',
            )
        ]
        reached = {}  # status → time text, for the order's *_at columns
        for seq, (old, new, at, (user_id, label)) in enumerate(story.moves, start=1):
            reached[new] = at_text = ts(at)
            data = f'{{"from": "{old}", "to": "{new}"'
            if new == CANCELLED:
                data += f', "reason": "{plan.cancel_reason}"'
            elif new == SHIPPING:
                if plan.carrier:
                    data += f', "carrier": "{plan.carrier}"'
                if plan.tracking:
                    data += f', "tracking_number": "{plan.tracking}"'
            events.append(
                (
                    at,
                    seq,
                    f"{oid}\tstatus_changed\t{user_id or NULL}\t{NULL}\t{label}\t{at_text}\t{data}}}",
                )
            )

        paid = refunded = 0
        payments = out[PAYMENT]
        total = basket.total
        for seq, entry in enumerate(plan.ledger, start=100):
            pid = next(payment_ids)
            amount = text(entry.amount)
            if entry.kind == "payment":
                paid += entry.amount
            else:
                refunded += entry.amount
            user_id, label = entry.by
            user_id = user_id or NULL
            recorded = ts(entry.recorded_at)
            paid_at = recorded if entry.paid_at == entry.recorded_at else ts(entry.paid_at)
            payments.append(
                f"{pid}\t{oid}\t{entry.kind}\t{amount}\t{entry.method}\t{entry.reference}\t"
                f"{paid_at}\t{user_id}\t{NULL}\t{label}\t{recorded}"
            )
            events.append(
                (
                    entry.recorded_at,
                    seq,
                    f"{oid}\t{entry.kind}_recorded\t{user_id}\t{NULL}\t{label}\t{recorded}\t"
                    f'{{"payment_id": {pid}, "amount": "{amount}", "method": "{entry.method}", '
                    f'"reference": "{entry.reference}", '
                    f'"payment_status": "{payment_status(total, paid, refunded)}"}}',
                )
            )
        for seq, (at, note, (user_id, label)) in enumerate(plan.staff_notes, start=200):
            events.append(
                (
                    at,
                    seq,
                    f"{oid}\tnote_added\t{user_id or NULL}\t{NULL}\t{label}\t{ts(at)}\t"
                    f'{{"text": "{note}"}}',
                )
            )
        if len(events) > 1:
            events.sort()
        out[ORDER_EVENT].extend([line for _, _, line in events])

        customer = plan.customer
        address = customer.address
        last_move = story.moves[-1][2] if story.moves else created
        updated = events[-1][0]
        out[ORDER].append(
            f"{oid}\t{code}\t{customer.name.text}\t{customer.phone.typed}\t"
            f"{customer.phone.normalized}\t{customer.email}\t{plan.recipient.text}\t"
            f"{plan.ship_phone.typed}\t{address[0]}\t{address[1]}\t{address[2]}\t{address[3]}\t"
            f"{address[4]}\t{address[5]}\t{address[6]}\t{address[7]}\t{plan.channel}\t"
            f"{self._currency}\t{text(basket.subtotal)}\t{text(basket.shipping_fee)}\t"
            f"{text(basket.discount)}\t{total_text}\t{text(paid)}\t{text(refunded)}\t"
            f"{story.status}\t{payment_status(total, paid, refunded)}\t{plan.note}\t"
            f"{plan.carrier}\t{plan.tracking}\t{plan.cancel_reason}\t{created_text}\t"
            f"{created_text if updated == created else ts(updated)}\t"
            f"{created_text if last_move == created else ts(last_move)}\t"
            f"{reached.get(CONFIRMED, NULL)}\t{reached.get(READY, NULL)}\t"
            f"{reached.get(SHIPPING, NULL)}\t{reached.get(DELIVERED, NULL)}\t"
            f"{reached.get(CANCELLED, NULL)}\t{len(events)}\t{search_text(plan, code)}\t"
            f"{plan.assignee[0] if plan.assignee else NULL}\t"
            f"{plan.creator[0] if plan.creator else NULL}\t{NULL}\t"
            f"{items_summary((quantity, product.name) for product, quantity, _ in basket.lines)}"
        )


def search_text(plan: OrderPlan, code: str) -> str:
    """What orders.search.order_search_text gives, from parts folded in advance."""
    customer = plan.customer
    parts = [code.lower(), customer.name.folded]
    if customer.email:
        parts.append(customer.email)
    parts.append(plan.recipient.folded)
    if plan.tracking:
        parts.append(plan.tracking.lower())
    parts.extend(product.folded_sku for product, _, _ in plan.basket.lines)
    phones = [customer.phone]
    if plan.ship_phone.typed != customer.phone.typed:
        phones.append(plan.ship_phone)
    seen = set()
    for phone in phones:
        if phone.normalized not in seen:
            seen.add(phone.normalized)
            parts.extend(phone.keys)
    return " | ".join(parts)
