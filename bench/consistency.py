"""After a mixed load: is the data what the answers said? And the load's results."""

from datetime import datetime

from bench.client import HttpClient
from bench.mixed import Load
from bench.results import Recorder
from bench.stats import Timing, ratio
from orderdesk.accounts.models import ApiKey
from orderdesk.core.counters_audit import counters_audit
from orderdesk.orders.models import Order

KEY_PREFIX_LENGTH = 12  # accounts.services.KEY_PREFIX_LENGTH


def consistency_checks(
    load: Load, *, ports: list[int], admin_key: str, intake_key: str, began_at: datetime
) -> dict[str, bool]:
    """Every check that must hold after the load; each one True when it does."""
    codes = list(load.created.values())
    found = sum(
        Order.objects.filter(code__in=codes[i : i + 1000]).count()
        for i in range(0, len(codes), 1000)
    )
    intake = ApiKey.objects.get(prefix=intake_key[:KEY_PREFIX_LENGTH])
    stored = Order.objects.filter(created_by_api_key=intake, created_at__gte=began_at).count()
    counts = []
    for port in ports:
        client = HttpClient("127.0.0.1", port, headers={"Authorization": f"Bearer {admin_key}"})
        counts.append(client.get("/api/v1/orders/counts").json())
        client.close()
    return {
        # Each 201 named its own order, and each of them is stored.
        "codes_unique": len(set(codes)) == len(codes),
        "created_orders_stored": found == len(codes),
        # Nothing was stored that no 201 reported (a retry creating a second order, say).
        "no_unreported_orders": stored == len(codes),
        # A repeated Idempotency-Key answered the stored 201, whichever server took it.
        "idempotent_replays_match": load.replays > 0 and not load.replay_mismatches,
        # The status-tab counters equal COUNT(*) per status (orderdesk verify-counters).
        "counters_match": counters_audit() == {},
        "servers_agree_on_counts": all(c == counts[0] for c in counts),
    }


def mixed_record(
    recorder: Recorder, load: Load, checks: dict[str, bool], *, prefix: str, servers: int
) -> None:
    listing = Timing.of_seconds(load.seconds["list"]) if load.seconds["list"] else None
    raw = Timing.of_seconds(load.seconds["raw"]) if load.seconds["raw"] else None
    requests = sum(len(load.seconds[kind]) for kind in ("list", "search", "detail", "intake"))
    recorder.add(
        f"{prefix}error_count",
        len(load.errors),
        requests=requests + len(load.errors),
        note="; ".join(dict.fromkeys(load.errors[:20]))[:500] or None,
    )
    recorder.add(
        f"{prefix}list_p95_ms",
        listing.p95_ms if listing else None,
        timing=listing.as_dict() if listing else None,
        raw_sql={"what": "the first page's SQL replayed raw 5×/s during the load", **raw.as_dict()}
        if raw
        else None,
        ratio=ratio(listing.p95_ms, raw.p95_ms) if listing and raw else None,
        note=f"{servers} server(s), {len(load.created) / load.wall_seconds:.0f} orders/s arriving, "
        "list pages, tabs and next pages; the bench's client used "
        f"{load.client_cpu_seconds / load.wall_seconds:.0%} of a core",
    )
    recorder.add(
        f"{prefix}consistent",
        all(checks.values()),
        checks=checks,
        note=", ".join(name for name, ok in checks.items() if not ok) or "every check holds",
    )
    if prefix == "mixed_load_":
        for kind in ("search", "intake"):
            if load.seconds[kind]:
                timing = Timing.of_seconds(load.seconds[kind])
                recorder.add(f"mixed_load_{kind}_p95_ms", timing.p95_ms, timing=timing.as_dict())
        recorder.add(
            "mixed_load_intake_orders_per_s",
            len(load.created) / load.wall_seconds,
            scheduled=load.scheduled,
            late=load.late,
            dropped=load.dropped,
            note=f"{load.scheduled:,} due, {load.late:,} sent over 1 s late, {load.dropped:,} "
            f"not sent by the end; {load.replays} idempotent replays checked",
        )
