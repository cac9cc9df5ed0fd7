"""`orderdesk backup --output FILE`: a consistent, compressed logical snapshot (core/backup.py).

The file appears only when complete: it is written next to FILE and renamed at the end, so a
backup killed half-way never leaves a file that looks like a backup.
"""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand

from orderdesk.core.backup import backup_write


class Command(BaseCommand):
    help = "Write every order, request, user, setting and the rest to FILE (gzip JSON lines)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="the backup file to write")

    def handle(self, *args, **options):
        target = Path(options["output"]).resolve()
        handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as output:
                counts = backup_write(output=output)
                output.flush()
                os.fsync(output.fileno())
            os.replace(partial, target)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        self.stdout.write(
            f"Backed up {sum(counts.values())} rows of {len(counts)} tables to {target}."
        )
