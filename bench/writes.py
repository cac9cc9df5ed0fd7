"""Writes over HTTP: order intake with idempotency keys from concurrent senders, then the same
orders confirmed in bulk; each next to its statements replayed raw (see rawsql.py)."""

import itertools
import json
import random
import threading
import time
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.test import Client

from bench.client import HttpClient
from bench.rawsql import RawConnection, Statement, capture, commits_in
from bench.results import Recorder
from bench.stats import Timing, ratio

NAMES = ("Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Nam", "Phạm Thu Hương", "Võ Minh Khoa")
MOBILE_PREFIXES = ("090", "091", "093", "094", "096", "097", "098")
INTAKE_WARMUP = 20
BULK_SAMPLE = 50  # orders in the captured bulk request


def order_payload(rng: random.Random, n: int) -> dict:
    """A shop's order as it arrives through the API: Vietnamese names, a valid mobile number."""
    name = rng.choice(NAMES)
    phone = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10_000_000):07d}"
    items = [
        {"sku": f"BENCH-{k}", "name": f"Áo thun {k}", "quantity": 1 + n % 3, "unit_price": "15.50"}
        for k in range(1 + n % 2)
    ]
    return {
        "customer": {"name": name, "phone": phone, "email": f"bench{n}@example.com"},
        "shipping_address": {
            "recipient": name,
            "phone": phone,
            "line1": f"{n % 500 + 1} Lý Thường Kiệt",
            "district": "Hoàn Kiếm",
            "city": "Hà Nội",
            "country": "VN",
        },
        "items": items,
        "shipping_fee": "2.00",
        "channel": "web",
        "tags": ["bench"],
    }


@dataclass
class Sent:
    seconds: list[float] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_seconds: float = 0.0


def intake_send(client: HttpClient, payload: dict, key: str, sent: Sent, lock) -> None:
    """One order with its Idempotency-Key; a 201 adds the code, anything else an error."""
    try:
        answer = client.post_json("/api/v1/orders", payload, headers={"Idempotency-Key": key})
    except OSError as error:
        with lock:
            sent.errors.append(f"POST /api/v1/orders: {error!r}")
        return
    with lock:
        if answer.status == 201:
            sent.seconds.append(answer.seconds)
            sent.codes.append(answer.json()["code"])
        else:
            sent.errors.append(
                f"POST /api/v1/orders answered {answer.status}: {answer.body[:200]!r}"
            )


def intake_burst(
    port: int, key: str, *, count: int, workers: int, seed: int, max_seconds: float = 600
) -> Sent:
    """`count` orders as fast as `workers` senders (one keep-alive connection each) allow, or
    as many as fit in `max_seconds` (a slow server must not hold the run up for long)."""
    sent, lock, numbers = Sent(), threading.Lock(), itertools.count()
    started = time.perf_counter()

    def sender(worker: int) -> None:
        rng = random.Random(seed * 1000 + worker)
        client = HttpClient("127.0.0.1", port, headers={"Authorization": f"Bearer {key}"})
        while (n := next(numbers)) < count and time.perf_counter() - started < max_seconds:
            intake_send(client, order_payload(rng, n), uuid.uuid4().hex, sent, lock)
        client.close()

    threads = [threading.Thread(target=sender, args=(w,)) for w in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sent.wall_seconds = time.perf_counter() - started
    return sent


def capture_rolled_back(path: str, body: dict, headers: dict) -> list[Statement]:
    """The statements one POST sends, run in-process inside a transaction rolled back after."""
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=True)

    def post():
        return client.post(
            path, data=json.dumps(body), content_type="application/json", headers=headers
        )

    with transaction.atomic():
        response, statements = capture(post)
        transaction.set_rollback(True)
    if response.status_code not in (200, 201):
        raise RuntimeError(f"POST {path} answered {response.status_code} in-process")
    return statements


def raw_write_seconds(raw: RawConnection, statements: list[Statement], reps: int) -> list[float]:
    """Per replay: the statements (rolled back) plus one measured commit per transaction the
    real request commits, since a rolled-back replay never pays for COMMIT."""
    commits = commits_in(statements)
    raw.replay(statements)
    return [
        raw.replay(statements) + sum(raw.commit_probe() for _ in range(commits))
        for _ in range(reps)
    ]


def intake_run(recorder: Recorder, raw: RawConnection, port: int, key: str, config) -> list[str]:
    """Returns the codes of the orders created (pending confirmation) for the bulk move."""
    rng = random.Random(config.seed)
    statements = capture_rolled_back(
        "/api/v1/orders",
        order_payload(rng, 0),
        {"Authorization": f"Bearer {key}", "Idempotency-Key": uuid.uuid4().hex},
    )
    raw_timing = Timing.of_seconds(raw_write_seconds(raw, statements, config.reps))
    warm = intake_burst(port, key, count=INTAKE_WARMUP, workers=2, seed=config.seed + 1)
    sent = intake_burst(
        port,
        key,
        count=config.intake_orders,
        workers=2,
        seed=config.seed + 2,
        max_seconds=config.intake_seconds,
    )
    if not sent.seconds:
        raise RuntimeError(sent.errors[0] if sent.errors else "no order was created")
    http = Timing.of_seconds(sent.seconds)
    rate = len(sent.codes) / sent.wall_seconds
    raw_rate = 1000 / raw_timing.p50_ms
    errors = f"; {len(sent.errors)} errors: {sent.errors[0]}" if sent.errors else ""
    what = (
        f"one creation's {len(statements)} statements, rolled back, "
        f"plus {commits_in(statements)} measured commit(s)"
    )
    recorder.add(
        "intake_orders_per_s",
        rate,
        timing={"orders": len(sent.codes), "seconds": round(sent.wall_seconds, 3)},
        raw_sql={"what": what + ", one connection", "value": raw_rate, "unit": "orders/s"},
        ratio=ratio(raw_rate, rate),
        note=f"POST /api/v1/orders with a new Idempotency-Key each, 2 senders, "
        f"{config.intake_orders:,} orders or {config.intake_seconds:.0f} s{errors}",
    )
    recorder.add(
        "intake_p95_ms",
        http.p95_ms,
        timing=http.as_dict(),
        raw_sql={"what": what, **raw_timing.as_dict()},
        ratio=ratio(http.p95_ms, raw_timing.p95_ms),
        note="latency of each created order in the run above",
    )
    return warm.codes + sent.codes


def bulk_run(recorder: Recorder, raw: RawConnection, http: HttpClient, codes: list[str], config):
    """Confirm the intake's orders with POST /api/v1/orders/bulk/transitions, in chunks."""
    sample = codes[:BULK_SAMPLE]
    statements = capture_rolled_back(
        "/api/v1/orders/bulk/transitions",
        {"codes": sample, "to": "confirmed"},
        {"Authorization": http.headers["Authorization"]},
    )
    raw_seconds = raw_write_seconds(raw, statements, max(3, config.reps // 10))
    raw_rate = len(sample) / Timing.of_seconds(raw_seconds).p50_ms * 1000
    moved, errors, started = 0, [], time.perf_counter()
    for first in range(0, len(codes), config.bulk_chunk):
        chunk = codes[first : first + config.bulk_chunk]
        answer = http.post_json(
            "/api/v1/orders/bulk/transitions", {"codes": chunk, "to": "confirmed"}
        )
        if answer.status != 200:
            errors.append(f"bulk answered {answer.status}: {answer.body[:200]!r}")
            continue
        result = answer.json()
        moved += len(result["succeeded"])
        errors += [f"{f['code']}: {f['error_code']}" for f in result["failed"]]
    seconds = time.perf_counter() - started
    recorder.add(
        "bulk_transition_orders_per_s",
        moved / seconds if moved else None,
        timing={"orders": moved, "seconds": round(seconds, 3), "chunk": config.bulk_chunk},
        raw_sql={
            "what": f"a {len(sample)}-order request's {len(statements)} statements, rolled back, "
            f"plus {commits_in(statements)} measured commits",
            "value": raw_rate,
            "unit": "orders/s",
        },
        ratio=ratio(raw_rate, moved / seconds) if moved else None,
        note="pending → confirmed, one event and counter move per order"
        + (f"; {len(errors)} errors: {errors[0]}" if errors else ""),
    )
