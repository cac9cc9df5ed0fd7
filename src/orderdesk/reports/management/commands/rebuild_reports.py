"""`orderdesk rebuild-reports [--check]`: recount the reports' daily figures from the orders."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from orderdesk.reports.rebuild import rollups_drift, rollups_rebuild

SHOWN_DRIFT = 20


class Command(BaseCommand):
    help = (
        "Recompute the reports' daily figures from the orders and the payment ledger (after a "
        "bulk load or a change of ORDERDESK_TIME_ZONE); --check only compares them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="compare with a recount; change nothing"
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["check"]:
            drift = rollups_drift()
            for table, key, stored, real in drift[:SHOWN_DRIFT]:
                self.stdout.write(f"{table} {key}: stored {stored}, recounted {real}")
            if drift:
                raise CommandError(
                    f"{len(drift)} daily figures differ from a recount; "
                    "run `orderdesk rebuild-reports` to replace them."
                )
            self.stdout.write("The reports' daily figures match a recount.")
            return
        with transaction.atomic():
            rows = rollups_rebuild()
        self.stdout.write(
            f"Rebuilt {rows:,} daily figures in {time.perf_counter() - started:.1f} s."
        )
