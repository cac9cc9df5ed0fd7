"""`orderdesk bench-reports [--runs N] [--username U]`: time the reports page and API.

Each URL is asked once to warm up, then N times through Django's test client (the whole
middleware stack, a signed-in session, no network); the median and the slowest are printed.
"""

import statistics
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
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
        times = [ask() for _ in range(max(runs, 1))]
        return (
            f"{statistics.median(times):8.1f} ms median, {max(times):8.1f} ms slowest "
            f"({len(times)} runs)  {url}"
        )
