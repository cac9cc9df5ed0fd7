"""`orderdesk compile-catalogues [--check]`: the .mo files from the .po files, with Babel."""

from django.core.management.base import BaseCommand, CommandError

from orderdesk.core.catalogues import LOCALE_DIR, compile_catalogues, stale_catalogues


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po → .mo) without GNU gettext."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="only report .mo files older than their .po"
        )

    def handle(self, *args, **options):
        if options["check"]:
            stale = stale_catalogues()
            if stale:
                names = ", ".join(str(p.relative_to(LOCALE_DIR)) for p in stale)
                raise CommandError(f"Stale catalogues (run compile-catalogues): {names}")
            self.stdout.write("Every catalogue is compiled.")
            return
        for po_path in compile_catalogues():
            self.stdout.write(f"compiled {po_path.relative_to(LOCALE_DIR)}")
