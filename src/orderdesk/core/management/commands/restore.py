"""`orderdesk restore FILE [--force]`: put a backup back (core/backup.py), all or nothing.

Meant for a freshly migrated database; one that holds orders or consultation requests is
refused unless --force, which replaces everything in it.
"""

from django.core.management.base import BaseCommand, CommandError

from orderdesk.core.backup import backup_restore
from orderdesk.core.errors import DomainError


class Command(BaseCommand):
    help = "Restore a backup made by `orderdesk backup` into this database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a file written by `orderdesk backup`")
        parser.add_argument(
            "--force", action="store_true", help="replace the data of a database that has some"
        )

    def handle(self, *args, **options):
        try:
            with open(options["file"], "rb") as source:
                result = backup_restore(source=source, force=options["force"])
        except OSError as error:
            raise CommandError(
                f"Cannot read {options['file']}: {error.strerror or error}."
            ) from None
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"Restored {sum(result.rows.values())} rows of {len(result.rows)} tables."
        )
