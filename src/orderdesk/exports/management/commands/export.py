"""`orderdesk export orders|items|payments|consultations --format csv|xlsx --output FILE`:
the same exports as the list pages, with the same filters, from the command line."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from orderdesk.core.actor import Actor
from orderdesk.core.errors import ValidationFailed
from orderdesk.exports.datasets import DATASETS
from orderdesk.exports.files import export_to_file
from orderdesk.exports.services import ExportOptions, export_prepare

# option → list parameter; every option may be given once, `--status` several times.
FILTERS = {
    "status": "status",
    "payment_status": "payment_status",
    "q": "q",
    "channel": "channel",
    "assigned_to": "assigned_to",
    "tag": "tag",
    "source": "source",
    "created_from": "created_from",
    "created_to": "created_to",
    "total_min": "total_min",
    "total_max": "total_max",
}


class Command(BaseCommand):
    help = "Export orders, their items or payments, or consultation requests to a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=list(DATASETS))
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--delimiter", choices=[",", ";", "tab"], default=",")
        parser.add_argument("--bom", action="store_true", help="UTF-8 BOM, for Excel")
        parser.add_argument("--output", required=True, help="the file to write")
        parser.add_argument("--status", action="append", default=[], help="repeatable")
        parser.add_argument("--payment-status", dest="payment_status")
        parser.add_argument("--q", help="search text, as in the list")
        parser.add_argument("--channel")
        parser.add_argument("--assigned-to", dest="assigned_to", help='username, or "none"')
        parser.add_argument("--tag")
        parser.add_argument("--source", help="consultation requests only")
        parser.add_argument("--overdue", action="store_true", help="consultation requests only")
        parser.add_argument("--created-from", dest="created_from", help="YYYY-MM-DD, inclusive")
        parser.add_argument("--created-to", dest="created_to", help="YYYY-MM-DD, inclusive")
        parser.add_argument("--total-min", dest="total_min")
        parser.add_argument("--total-max", dest="total_max")

    def handle(self, *args, **options):
        params = {key: options[key] for key in FILTERS if options.get(key)}
        if options["overdue"]:
            params["overdue"] = "1"
        delimiter = {"tab": "tab", ";": "semicolon", ",": "comma"}[options["delimiter"]]
        try:
            export = ExportOptions.from_params(
                {"format": options["format"], "delimiter": delimiter, "bom": options["bom"]}
            )
            exporter, _estimate = export_prepare(
                actor=Actor.system_actor(), dataset=options["dataset"], params=params
            )
        except ValidationFailed as error:
            raise CommandError(error.message) from None
        target = Path(options["output"])
        started = time.perf_counter()
        try:
            rows = export_to_file(
                exporter, target, fmt=export.fmt, delimiter=export.delimiter, bom=export.bom
            )
        except OSError as error:
            raise CommandError(f"Could not write {target}: {error.strerror or error}") from None
        seconds = time.perf_counter() - started
        rate = rows / seconds if seconds else 0
        self.stderr.write(
            f"Wrote {rows:,} rows to {target} in {seconds:.1f} s ({rate:,.0f} rows/s)."
        )
