"""`orderdesk demo [--orders N] [--consultations M] [--seed S]`: add realistic demo data."""

from django.core.management.base import BaseCommand, CommandError

from orderdesk.demo import DemoResult, generate_demo_data
from orderdesk.demo.runner import DEFAULT_BATCH_SIZE


def non_negative(text: str) -> int:
    value = int(text.replace("_", "").replace(",", ""))
    if value < 0:
        raise ValueError(text)
    return value


def summary(result: DemoResult) -> str:
    """'Added 1,000,000 orders and 0 consultation requests in 142.3 s (7,040 orders/s).'"""
    return (
        f"Added {result.orders:,} orders and {result.consultations:,} consultation requests "
        f"in {result.seconds:.1f} s ({result.orders_per_second:,.0f} orders/s, seed {result.seed})."
    )


class Command(BaseCommand):
    help = "Add generated orders and consultation requests to the database (adds, never replaces)."

    def add_arguments(self, parser):
        parser.add_argument("--orders", type=non_negative, default=300, help="orders to add")
        parser.add_argument(
            "--consultations", type=non_negative, default=60, help="consultation requests to add"
        )
        parser.add_argument(
            "--seed", type=int, default=None, help="same seed, same data (default: random)"
        )
        parser.add_argument(
            "--batch-size",
            type=non_negative,
            default=DEFAULT_BATCH_SIZE,
            help="rows per transaction",
        )

    def handle(self, *args, **options):
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        quiet = options["verbosity"] < 1
        big = max(options["orders"], options["consultations"]) > options["batch_size"]

        def progress(what: str, done: int, total: int) -> None:
            if big and not quiet:
                self.stdout.write(f"  {done:,} / {total:,} {what}")

        result = generate_demo_data(
            orders=options["orders"],
            consultations=options["consultations"],
            seed=options["seed"],
            batch_size=options["batch_size"],
            progress=progress,
        )
        if result.staff_created and not quiet:
            self.stdout.write(
                "Created demo staff (no password, cannot sign in): "
                + ", ".join(result.staff_created)
            )
        if not quiet:
            self.stdout.write(self.style.SUCCESS(summary(result)))
