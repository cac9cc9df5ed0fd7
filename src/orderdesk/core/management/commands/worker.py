"""`orderdesk worker`: runs background tasks (exports, webhooks, schedules) from the database queue.

Beside the task loop, a thread writes the scheduled exports' due periods once a minute, queues
again the bulk jobs of workers that died and does the housekeeping (core/housekeeping.py).
Several workers may run: each period is claimed by exactly one of them (a unique row per
period), each bulk job is held by one run.
"""

import logging
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger("orderdesk.worker")

SCHEDULE_INTERVAL = 60.0  # seconds


def _housekeeping_forever(interval: float, *, schedules: bool) -> None:
    from orderdesk.core.housekeeping import housekeeping_run
    from orderdesk.exports.schedules import schedules_run_due
    from orderdesk.orders.tasks import bulk_jobs_recover

    while True:
        try:
            # Bulk jobs whose worker died (killed, machine lost) are queued again and resume.
            bulk_jobs_recover()
            if schedules:
                schedules_run_due()
                housekeeping_run()
        except Exception:  # a bad schedule or a full disk must not stop the task worker
            logger.exception("scheduled exports, job recovery or housekeeping failed")
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
            help="no scheduled exports nor housekeeping in this worker (cron runs run-schedules)",
        )

    def handle(self, *args, **options):
        threading.Thread(
            target=_housekeeping_forever,
            args=(SCHEDULE_INTERVAL,),
            kwargs={"schedules": not options["no_schedules"]},
            name="orderdesk-housekeeping",
            daemon=True,
        ).start()
        kwargs = {"interval": options["interval"], "queue_name": "*"}
        if options["max_tasks"]:
            kwargs["max_tasks"] = options["max_tasks"]
        call_command("db_worker", **kwargs)
