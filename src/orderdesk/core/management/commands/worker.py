"""`orderdesk worker`: runs background tasks (exports, webhooks, schedules) from the database queue.

Beside the task loop, a thread writes the scheduled exports' due periods once a minute. Several
workers may run: each period is claimed by exactly one of them (a unique row per period).
"""

import logging
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger("orderdesk.worker")

SCHEDULE_INTERVAL = 60.0  # seconds


def _run_schedules_forever(interval: float) -> None:
    from orderdesk.exports.schedules import schedules_run_due
    from orderdesk.exports.services import export_jobs_purge

    while True:
        try:
            schedules_run_due()
            export_jobs_purge()
        except Exception:  # a bad schedule or a full disk must not stop the task worker
            logger.exception("scheduled exports failed")
        finally:
            close_old_connections()
        time.sleep(interval)


class Command(BaseCommand):
    help = "Run a background-task worker (django-tasks-db); start as many as you need."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument(
            "--no-schedules",
            action="store_true",
            help="do not run scheduled exports in this worker (e.g. cron runs run-schedules)",
        )

    def handle(self, *args, **options):
        if not options["no_schedules"]:
            threading.Thread(
                target=_run_schedules_forever,
                args=(SCHEDULE_INTERVAL,),
                name="orderdesk-schedules",
                daemon=True,
            ).start()
        kwargs = {"interval": options["interval"], "queue_name": "*"}
        if options["max_tasks"]:
            kwargs["max_tasks"] = options["max_tasks"]
        call_command("db_worker", **kwargs)
