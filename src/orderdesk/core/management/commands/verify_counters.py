"""`orderdesk verify-counters [--fix]`: compare the tab counters with real counts."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from orderdesk.core.counters_audit import COUNTED_KINDS, counters_audit, counters_repair


class Command(BaseCommand):
    help = "Recompute per-status counts and report (or with --fix repair) any drift."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="replace drifted counters")

    def handle(self, *args, **options):
        with transaction.atomic():
            drift = counters_audit()
            if not drift:
                self.stdout.write("Counters match the real counts.")
                return
            for kind, statuses in drift.items():
                for status, (stored, real) in statuses.items():
                    self.stdout.write(f"{kind} {status}: counter {stored}, real {real}")
            if options["fix"]:
                counters_repair(kinds=list(drift))
                self.stdout.write("Repaired.")
                return
        raise CommandError(
            f"Counters drifted for {', '.join(drift)} (of {', '.join(COUNTED_KINDS)}); "
            "run with --fix to repair."
        )
