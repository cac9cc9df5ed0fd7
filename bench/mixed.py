"""Mixed load: staff sessions browsing and searching while orders arrive at a steady rate,
against one server or several sharing the database (requests spread over them in turn).

Staff behave like people at a desk: a page, then a pause (0.5–1.5 s), then the next thing —
the list or a tab, the next page, a search, an order. Orders arrive on a fixed schedule
(open loop: a slow answer does not slow the arrivals); every 20th is sent again with the same
Idempotency-Key to another server, which must answer the stored 201 for the same order.
A raw replay of the list's first-page SQL runs meanwhile, five times a second, as baseline.
"""

import html
import itertools
import queue
import random
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

from bench.client import HttpClient
from bench.rawsql import RawConnection, Statement
from bench.writes import order_payload

TABS = ("", "pending_confirmation", "confirmed", "ready_to_ship", "shipping", "delivered")
NEXT_LINK = re.compile(r'<a href="([^"]+)" hx-get="[^"]*"[^>]*class="next"')
ORDER_LINK = re.compile(r'<a class="code" href="(/orders/[^"/]+/)"')
THINK_SECONDS = (0.5, 1.5)
INTAKE_SENDERS = 16  # enough that arrivals keep their schedule while answers are slow
REPLAY_EVERY = 20
RAW_INTERVAL = 0.2
HTMX = {"HX-Request": "true"}


@dataclass
class Load:
    seconds: dict[str, list[float]] = field(
        default_factory=lambda: {"list": [], "search": [], "detail": [], "intake": [], "raw": []}
    )
    errors: list[str] = field(default_factory=list)
    created: dict[str, str] = field(default_factory=dict)  # Idempotency-Key → code
    scheduled: int = 0  # orders due to arrive during the load
    late: int = 0  # sent more than a second after they were due (every sender was busy)
    dropped: int = 0  # still waiting for a sender when the load ended: not sent
    replays: int = 0
    replay_mismatches: list[str] = field(default_factory=list)
    wall_seconds: float = 0.0
    client_cpu_seconds: float = 0.0  # what the bench's own threads took of the shared cores
    lock: threading.Lock = field(default_factory=threading.Lock)

    def timed(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.seconds[kind].append(seconds)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


class StaffMember:
    """One browser: a session, one keep-alive connection per server, what it saw last."""

    def __init__(self, session_key: str, ports: list[int], terms: list[str], rng: random.Random):
        self.clients = [HttpClient("127.0.0.1", port) for port in ports]
        for client in self.clients:
            client.cookies["sessionid"] = session_key
        self.terms, self.rng = terms, rng
        self.turn = itertools.count()
        self.next_url: str | None = None
        self.order_urls: list[str] = []

    def get(
        self, load: Load, kind: str, path: str, headers: dict | None = None, *, timed=True
    ) -> None:
        client = self.clients[next(self.turn) % len(self.clients)]
        try:
            answer = client.get(path, headers=headers)
        except OSError as error:
            load.error(f"GET {path[:80]}: {error!r}")
            return
        if answer.status != 200:
            load.error(f"GET {path[:80]} answered {answer.status}")
            return
        if timed:
            load.timed(kind, answer.seconds)
        if kind in ("list", "search"):
            page = answer.body.decode()
            found = NEXT_LINK.search(page)
            self.next_url = "/orders/" + html.unescape(found.group(1)) if found else None
            self.order_urls = ORDER_LINK.findall(page) or self.order_urls

    def act(self, load: Load) -> None:
        roll = self.rng.random()
        if roll < 0.35 or (roll < 0.55 and not self.next_url):
            tab = self.rng.choice(TABS)
            self.get(load, "list", "/orders/" + (f"?status={tab}" if tab else ""))
        elif roll < 0.55:
            self.get(load, "list", self.next_url, HTMX)
        elif roll < 0.80:
            term = self.rng.choice(self.terms)
            self.get(load, "search", "/orders/?" + urlencode({"q": term}), HTMX)
        elif self.order_urls:
            self.get(load, "detail", self.rng.choice(self.order_urls))

    def close(self) -> None:
        for client in self.clients:
            client.close()


def _staff_loop(member: StaffMember, load: Load, start: threading.Barrier, deadline) -> None:
    try:
        member.get(load, "list", "/orders/", timed=False)  # connected before the clock starts
    finally:
        start.wait(timeout=120)
    while time.monotonic() < deadline[0]:
        try:
            member.act(load)
        except Exception as error:  # a broken page is an error to count, not a dead thread
            load.error(f"staff: {error!r}")
        time.sleep(member.rng.uniform(*THINK_SECONDS))
    member.close()


def _intake_sender(ports, api_key, work: queue.Queue, load: Load, seed: int, deadline) -> None:
    clients = [
        HttpClient("127.0.0.1", port, headers={"Authorization": f"Bearer {api_key}"})
        for port in ports
    ]
    rng = random.Random(seed)
    while (item := work.get()) is not None:
        n, due = item
        now = time.monotonic()
        if now >= deadline[0]:
            with load.lock:
                load.dropped += 1
            continue
        if now - due > 1:
            with load.lock:
                load.late += 1
        try:
            _send_order(clients, n, order_payload(rng, n), load)
        except Exception as error:
            load.error(f"POST /api/v1/orders: {error!r}")
    for client in clients:
        client.close()


def _send_order(clients: list[HttpClient], n: int, body: dict, load: Load) -> None:
    key = uuid.uuid4().hex
    answer = clients[n % len(clients)].post_json(
        "/api/v1/orders", body, headers={"Idempotency-Key": key}
    )
    if answer.status != 201:
        load.error(f"POST /api/v1/orders answered {answer.status}: {answer.body[:120]!r}")
        return
    load.timed("intake", answer.seconds)
    code = answer.json()["code"]
    with load.lock:
        load.created[key] = code
    if n % REPLAY_EVERY == 0:
        _check_replay(clients[(n + 1) % len(clients)], body, key, code, load)


def _check_replay(client: HttpClient, body: dict, key: str, code: str, load: Load) -> None:
    """The same order sent again (to the other server, if there are two): the stored answer."""
    again = client.post_json("/api/v1/orders", body, headers={"Idempotency-Key": key})
    replayed = again.header("Idempotent-Replayed") == "true"
    same = again.status == 201 and again.json().get("code") == code
    with load.lock:
        load.replays += 1
        if not (replayed and same):
            load.replay_mismatches.append(f"{key}: {again.status} replayed={replayed}")


def _raw_loop(raw: RawConnection, statements: list[Statement], load: Load, deadline) -> None:
    while time.monotonic() < deadline[0]:
        load.timed("raw", raw.replay(statements))
        time.sleep(RAW_INTERVAL)


def mixed_load(*, ports, sessions, api_key, terms, list_statements, seconds, rate, seed) -> Load:
    """Run the mixed load for `seconds`; every thread ends before this returns."""
    load, work = Load(), queue.Queue()
    start = threading.Barrier(len(sessions) + 1)
    deadline = [float("inf")]
    staff = [
        threading.Thread(
            target=_staff_loop,
            args=(StaffMember(s, ports, terms, random.Random(seed + i)), load, start, deadline),
        )
        for i, s in enumerate(sessions)
    ]
    senders = [
        threading.Thread(
            target=_intake_sender, args=(ports, api_key, work, load, seed + 100 + i, deadline)
        )
        for i in range(INTAKE_SENDERS)
    ]
    raw = RawConnection()
    for thread in staff + senders:
        thread.start()
    start.wait(timeout=120)
    began, cpu_began = time.monotonic(), time.process_time()
    deadline[0] = began + seconds
    baseline = threading.Thread(target=_raw_loop, args=(raw, list_statements, load, deadline))
    baseline.start()
    for n in itertools.count():
        due = began + n / rate
        if due >= deadline[0]:
            break
        time.sleep(max(0.0, due - time.monotonic()))
        work.put((n, due))
        load.scheduled += 1
    for _ in senders:
        work.put(None)
    for thread in [*staff, *senders, baseline]:
        thread.join()
    load.wall_seconds = time.monotonic() - began
    load.client_cpu_seconds = time.process_time() - cpu_began
    raw.close()
    return load
