"""`orderdesk worker`: runs background tasks (exports, webhooks, schedules) from the database queue."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run a background-task worker (django-tasks-db); start as many as you need."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--max-tasks", type=int, default=None)

    def handle(self, *args, **options):
        kwargs = {"interval": options["interval"], "queue_name": "*"}
        if options["max_tasks"]:
            kwargs["max_tasks"] = options["max_tasks"]
        call_command("db_worker", **kwargs)
