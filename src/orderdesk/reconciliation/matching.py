"""Matching statement lines to orders: by order code first, then by exact amount and date.

Every lookup is batched (a few queries per thousand lines, none per line), so a statement of
tens of thousands of lines is matched in seconds. Matching only reads; confirming writes.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from orderdesk.orders.models import Order
from orderdesk.orders.status import OrderStatus, PaymentStatus
from orderdesk.reconciliation.codes import order_codes_in
from orderdesk.reconciliation.models import StatementLine
from orderdesk.reconciliation.outcomes import MatchedBy, Outcome, Reason

CHUNK = 900  # parameters per IN (…): under SQLite's limit, a sensible batch for PostgreSQL
OPEN_PAYMENT_STATUSES = (PaymentStatus.UNPAID, PaymentStatus.PARTIALLY_PAID)
_ORDER_FIELDS = ("id", "code", "status", "currency", "total", "amount_paid", "amount_refunded")
_DATED_FIELDS = (*_ORDER_FIELDS, "created_at", "delivered_at")  # for matches by amount and date


@dataclass(frozen=True)
class LineIn:
    """What matching reads of a line, whether just parsed or stored."""

    line: int
    date: date
    amount: Decimal
    reference: str
    description: str
    order_code: str
    fingerprint: str


@dataclass
class LineMatch:
    outcome: Outcome
    matched_by: str = ""
    order_id: int | None = None
    order_code: str = ""
    balance_due: Decimal | None = None
    reason: str = ""
    reason_data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class OrderFacts:
    id: int
    code: str
    status: str
    currency: str
    balance: Decimal
    created: date | None = None  # days in the business time zone, read for amount matching
    delivered: date | None = None

    @classmethod
    def from_row(cls, row: tuple, zone: tzinfo | None = None) -> "OrderFacts":
        """From a values_list row of _ORDER_FIELDS, or of _DATED_FIELDS with the time zone
        (passed in: looking it up per row costs more than the rest)."""
        id_, code, status, currency, total, paid, refunded, *moments = row
        facts = cls(id_, code, status, currency, balance=total - paid + refunded)
        if moments:
            created_at, delivered_at = moments
            facts = replace(
                facts,
                created=created_at.astimezone(zone).date(),
                delivered=delivered_at.astimezone(zone).date() if delivered_at else None,
            )
        return facts

    def near(self, day: date, window: timedelta) -> bool:
        """Created, or delivered, within the window around the statement line's date."""
        if self.created is not None and abs(day - self.created) <= window:
            return True
        return self.delivered is not None and abs(day - self.delivered) <= window


def chunked(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- Batched lookups ---------------------------------------------------------------------------
def recorded_lines(fingerprints: Iterable[str]) -> dict[str, tuple[int, int]]:
    """{fingerprint: (statement id, line number)} for lines that already led to a payment."""
    found: dict[str, tuple[int, int]] = {}
    for chunk in chunked(sorted(set(fingerprints))):
        rows = StatementLine.objects.filter(fingerprint__in=chunk, payment__isnull=False)
        for fingerprint, statement_id, line in rows.values_list(
            "fingerprint", "statement_id", "line_number"
        ):
            found[fingerprint] = (statement_id, line)
    return found


def orders_by_code(codes: Iterable[str]) -> dict[str, OrderFacts]:
    found: dict[str, OrderFacts] = {}
    for chunk in chunked(sorted(set(codes))):
        for row in Order.objects.filter(code__in=chunk).values_list(*_ORDER_FIELDS):
            facts = OrderFacts.from_row(row)
            found[facts.code] = facts
    return found


def open_orders_by_balance(
    *, currency: str, first: date, last: date, window: timedelta
) -> dict[Decimal, list[OrderFacts]]:
    """Orders that could take a payment, created or delivered in the statement's period (plus
    the window), by balance due. Balances are compared in Python with Decimals: SQLite would
    subtract money columns as floating point."""
    start, end = day_start(first - window), day_start(last + window + timedelta(days=1))
    queryset = (
        Order.objects.filter(currency=currency, payment_status__in=OPEN_PAYMENT_STATUSES)
        .exclude(status=OrderStatus.CANCELLED)
        .filter(
            Q(created_at__gte=start, created_at__lt=end)
            | Q(delivered_at__gte=start, delivered_at__lt=end)
        )
    )
    by_balance: dict[Decimal, list[OrderFacts]] = defaultdict(list)
    zone = timezone.get_current_timezone()
    for row in queryset.values_list(*_DATED_FIELDS).iterator(chunk_size=5000):
        facts = OrderFacts.from_row(row, zone)
        if facts.balance > 0:
            by_balance[facts.balance].append(facts)
    return by_balance


# --- Matching ----------------------------------------------------------------------------------
def match_lines(lines: Sequence[LineIn], *, currency: str, window_days: int) -> list[LineMatch]:
    """One LineMatch per line, in the same order.

    1. A line whose fingerprint already led to a payment is already recorded.
    2. Zero or negative amounts are not payments received.
    3. A line naming exactly one existing order is that order's: matched when the amount is
       its balance due (what earlier lines of this statement left of it), else amount differs.
    4. The rest match the one open order of exactly that balance created or delivered within
       the window around the line's date, if no other line could be that order's too.
    """
    recorded = recorded_lines(line.fingerprint for line in lines)
    # The order code column, when it names a code, is the source's own word for the order.
    named = [
        order_codes_in(line.order_code) or order_codes_in(line.reference, line.description)
        for line in lines
    ]
    orders = orders_by_code(code for codes in named for code in codes)
    remaining: dict[int, Decimal] = {}
    results: list[LineMatch | None] = [None] * len(lines)
    by_amount: list[int] = []  # indexes of the lines left for step 4

    for index, line in enumerate(lines):
        if line.fingerprint in recorded:
            statement_id, line_number = recorded[line.fingerprint]
            results[index] = LineMatch(
                Outcome.ALREADY_RECORDED,
                reason=Reason.RECORDED_BEFORE,
                reason_data={"statement": statement_id, "line": line_number},
            )
        elif line.amount <= 0:
            results[index] = LineMatch(Outcome.UNMATCHED, reason=Reason.NOT_A_PAYMENT)
        else:
            existing = [orders[code] for code in named[index] if code in orders]
            if existing:
                results[index] = _match_named(line, existing, currency, remaining)
            else:
                by_amount.append(index)

    if by_amount:
        _match_by_amount(lines, by_amount, named, results, currency, window_days, remaining)
    return results  # type: ignore[return-value]  (every slot is filled above)


def _match_named(line: LineIn, existing: list[OrderFacts], currency, remaining) -> LineMatch:
    if len(existing) > 1:
        return LineMatch(
            Outcome.UNMATCHED,
            reason=Reason.SEVERAL_CODES,
            reason_data={"codes": [order.code for order in existing]},
        )
    order = existing[0]
    found = {"order_id": order.id, "order_code": order.code, "matched_by": MatchedBy.CODE}
    if order.status == OrderStatus.CANCELLED:
        return LineMatch(Outcome.UNMATCHED, **found, reason=Reason.CANCELLED,
                         reason_data={"code": order.code})  # fmt: skip
    if order.currency != currency:
        return LineMatch(
            Outcome.UNMATCHED,
            **found,
            reason=Reason.OTHER_CURRENCY,
            reason_data={"code": order.code, "currency": order.currency},
        )
    balance = remaining.get(order.id, order.balance)
    if line.amount == balance:
        remaining[order.id] = balance - line.amount
        return LineMatch(Outcome.MATCHED, **found, balance_due=balance)
    return LineMatch(
        Outcome.AMOUNT_DIFFERS, **found, balance_due=balance, reason=Reason.PARTIAL_OR_OVER
    )


def _match_by_amount(lines, indexes, named, results, currency, window_days, remaining) -> None:
    window = timedelta(days=window_days)
    dates = [lines[i].date for i in indexes]
    by_balance = open_orders_by_balance(
        currency=currency, first=min(dates), last=max(dates), window=window
    )
    candidates: dict[int, list[OrderFacts]] = {}
    claims: dict[int, int] = defaultdict(int)  # order id → how many lines could be its
    for index in indexes:
        line = lines[index]
        fitting = [
            order
            for order in by_balance.get(line.amount, ())
            if order.id not in remaining and order.near(line.date, window)
        ]
        candidates[index] = fitting
        for order in fitting:
            claims[order.id] += 1

    for index in indexes:
        fitting = candidates[index]
        not_found = named[index]  # a line left to this step names no existing order
        if len(fitting) == 1 and claims[fitting[0].id] == 1:
            order = fitting[0]
            results[index] = LineMatch(
                Outcome.MATCHED,
                matched_by=MatchedBy.AMOUNT_DATE,
                order_id=order.id,
                order_code=order.code,
                balance_due=order.balance,
            )
        elif len(fitting) == 1:
            results[index] = LineMatch(
                Outcome.UNMATCHED, reason=Reason.CONTESTED, reason_data={"code": fitting[0].code}
            )
        elif fitting:
            results[index] = LineMatch(
                Outcome.UNMATCHED,
                reason=Reason.AMBIGUOUS,
                reason_data={"codes": sorted(order.code for order in fitting)},
            )
        elif not_found:
            results[index] = LineMatch(
                Outcome.UNMATCHED, reason=Reason.CODE_NOT_FOUND, reason_data={"codes": not_found}
            )
        else:
            results[index] = LineMatch(Outcome.UNMATCHED, reason=Reason.NO_ORDER)
