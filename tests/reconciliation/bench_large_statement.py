"""How long a large statement takes: parse, match, import, the result page, the download, and
confirming. Not a test (pytest does not collect it); run it against a scratch database:

    ORDERDESK_DATA_DIR=$(mktemp -d) .venv/bin/python -m tests.reconciliation.bench_large_statement
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/recon_bench ... (a database it may fill)

It migrates, adds --orders demo orders, writes a statement of --lines lines in a profile with
semicolons, decimal commas and space-grouped thousands (see statement_bytes), and prints the
seconds of each step.
"""

import argparse
import os
import random
import time
from contextlib import contextmanager


@contextmanager
def timed(label: str, results: dict):
    start = time.perf_counter()
    yield
    results[label] = time.perf_counter() - start
    print(f"{label:<34} {results[label]:8.2f} s", flush=True)


def statement_bytes(orders, lines: int, *, today, seed: int) -> bytes:
    """90 % name their order (in one of its spellings) and pay its balance; 5 % pay a balance
    without a code; 5 % name their order and pay one unit more."""
    rng = random.Random(seed)
    rows = ["Date;Amount;Reference;Description"]
    spellings = [lambda c: c, lambda c: c.replace("-", "").lower(), lambda c: c.replace("-", " ")]
    for n in range(lines):
        order = orders[n % len(orders)]
        balance = order.total - order.amount_paid + order.amount_refunded
        kind = rng.random()
        amount = balance + 1 if kind > 0.95 else balance
        text = "chuyen khoan" if 0.9 <= kind <= 0.95 else rng.choice(spellings)(order.code)
        written = f"{amount:,.2f}".replace(",", " ").replace(".", ",")
        rows.append(f"{today:%d/%m/%Y};{written};FT{n:08d};Thanh toan {text}")
    return ("\r\n".join(rows) + "\r\n").encode("utf-8-sig")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=60_000)
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--confirm", action="store_true", help="also time the confirmation")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orderdesk.settings")
    os.environ.setdefault("ORDERDESK_TASK_BACKEND", "immediate")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from orderdesk.accounts.services import user_create
    from orderdesk.core.actor import Actor
    from orderdesk.demo import generate_demo_data
    from orderdesk.orders.models import Order
    from orderdesk.reconciliation.matching import LineIn, match_lines
    from orderdesk.reconciliation.parsing import StatementFormat, fingerprints, statement_parse
    from orderdesk.reconciliation.services import (
        profile_save,
        statement_confirm,
        statement_import,
        statement_rematch,
    )

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    results: dict[str, float] = {}
    call_command("migrate", verbosity=0)
    if Order.objects.count() < args.orders:
        with timed(f"demo data ({args.orders:,} orders)", results):
            generate_demo_data(orders=args.orders, consultations=0, seed=6)
    user, _password = user_create(username=f"bench{time.time_ns()}", role="operations")
    actor = Actor.for_user(user)
    currency = Order.objects.values_list("currency", flat=True).first()
    # Demo orders are mostly paid; a statement paying tens of thousands needs as many owed.
    # This rewrites the ledger sums of a scratch database (hence: never run it on real data).
    owed = Order.objects.exclude(status="cancelled").order_by("?")[: args.lines]
    Order.objects.filter(pk__in=list(owed.values_list("pk", flat=True))).update(
        amount_paid=0, amount_refunded=0, payment_status="unpaid"
    )
    open_orders = list(
        Order.objects.exclude(status="cancelled").filter(payment_status="unpaid")[: args.lines]
    )
    profile = profile_save(
        actor=actor,
        data={
            "name": f"Bench {time.time_ns()}", "method": "bank_transfer", "currency": currency,
            "encoding": "utf-8", "delimiter": "semicolon", "decimal_separator": "comma",
            "thousands_separator": "space", "date_format": "%d/%m/%Y", "date_column": "Date",
            "amount_column": "Amount", "reference_column": "Reference",
            "description_column": "Description", "order_code_column": "",
            "date_window_days": 3, "carrier": "",
        },
    )  # fmt: skip
    data = statement_bytes(open_orders, args.lines, today=timezone.localdate(), seed=6)
    print(
        f"statement: {args.lines:,} lines, {len(data) / 1e6:.1f} MB, {len(open_orders):,} open orders"
    )

    fmt = StatementFormat.of(profile)
    with timed("parse", results):
        rows = statement_parse(data, fmt, today=timezone.localdate())
        prints = fingerprints(profile.pk, rows)
    with timed("match (reads only)", results):
        lines = [
            LineIn(line=r.line, date=r.date, amount=r.amount, reference=r.reference,
                   description=r.description, order_code=r.order_code, fingerprint=f)
            for r, f in zip(rows, prints, strict=True)
        ]  # fmt: skip
        match_lines(lines, currency=currency, window_days=3)
    with timed("import = parse + match + store", results):
        statement = statement_import(
            actor=actor, profile_id=profile.pk, file_name="bench.csv", data=data
        )
    print(f"  outcomes: {statement.counts}")
    client = Client()
    client.force_login(user)
    with timed("result page", results):
        assert client.get(statement.get_absolute_url()).status_code == 200
    with timed("match again", results):
        statement_rematch(actor=actor, statement_id=statement.pk)
    with timed("CSV download", results):
        response = client.get(f"{statement.get_absolute_url()}export/")
        size = sum(len(chunk) for chunk in response.streaming_content)
    print(f"  CSV: {size / 1e6:.1f} MB")
    if args.confirm:
        with timed(f"confirm ({statement.counts['matched']:,} payments)", results):
            statement_confirm(actor=actor, statement_id=statement.pk)


if __name__ == "__main__":
    main()
