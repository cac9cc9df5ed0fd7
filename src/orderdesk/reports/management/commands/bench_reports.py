"""`orderdesk bench-reports [--runs N] [--username U]`: time the reports page and API.

Each URL is asked once to warm up, then N times through Django's test client (the whole
middleware stack, a signed-in session, no network); the median and the slowest are printed, and
the CPU time one request took: this process's, plus the PostgreSQL backend's when the database
runs on this machine (read from /proc). On a busy machine the CPU time is what a request would
take on an idle one.
"""

import os
import statistics
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.utils import timezone

from orderdesk.core.roles import Perm


class Command(BaseCommand):
    help = "Time the reports page (this month, the last year) and the summary API."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15, help="timed requests per URL")
        parser.add_argument(
            "--username", default="", help="a user who may see reports (default: the first)"
        )

    def handle(self, *args, **options):
        user = self._user(options["username"])
        today = timezone.localdate()
        year = f"from={today - timedelta(days=364)}&to={today}"
        urls = [
            "/reports/?preset=this_month",
            f"/reports/?{year}",
            "/api/v1/reports/summary?" + f"from={today.replace(day=1)}&to={today}",
            f"/api/v1/reports/summary?{year}",
            f"/reports/orders-per-day.csv?{year}",
        ]
        host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h), "localhost")
        client = Client(HTTP_HOST=host.lstrip("."))
        client.force_login(user)
        try:
            for url in urls:
                self.stdout.write(self._time(client, url, options["runs"]))
        finally:
            client.logout()

    def _user(self, username: str):
        users = get_user_model().objects.filter(is_active=True).order_by("id")
        if username:
            users = users.filter(username=username)
        for user in users:
            if user.has_perm(Perm.EXPORT_AND_REPORTS.value):
                return user
        raise CommandError("No active user who may see reports; give one with --username.")

    @staticmethod
    def _time(client: Client, url: str, runs: int) -> str:
        def ask() -> float:
            started = time.perf_counter()
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            return (time.perf_counter() - started) * 1000

        ask()
        runs = max(runs, 1)
        app, database = time.process_time(), _database_cpu()
        times = [ask() for _ in range(runs)]
        app = (time.process_time() - app) * 1000 / runs
        after = _database_cpu()
        database = "" if after is None else f" + database {(after - database) * 1000 / runs:.0f}"
        return (
            f"{statistics.median(times):8.1f} ms median, {max(times):8.1f} ms slowest, "
            f"CPU app {app:.0f}{database} ms ({runs} runs)  {url}"
        )


def _database_cpu() -> float | None:
    """Seconds of CPU the PostgreSQL backend of this connection has used, if it runs here."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:  # another machine, or no /proc
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
