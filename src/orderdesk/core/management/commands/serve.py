"""`orderdesk serve`: the production web server (gunicorn) plus one background-task worker.

The embedded default then needs a single command; production passes --no-worker and runs
`orderdesk worker` processes on their own.
"""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve Orderdesk with gunicorn (and one task worker unless --no-worker)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("ORDERDESK_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("ORDERDESK_PORT", 8000)))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("ORDERDESK_WEB_WORKERS", 2)),
            help="web worker processes (each with 4 threads)",
        )
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument("--no-worker", action="store_true", help="do not start a task worker")

    def handle(self, *args, **options):
        if options["workers"] < 1 or not 0 < options["port"] < 65536:
            raise CommandError("--workers must be at least 1 and --port between 1 and 65535.")
        bind = f"{options['host']}:{options['port']}"
        web = [
            sys.executable, "-m", "gunicorn", "orderdesk.wsgi:application",
            "--bind", bind,
            "--workers", str(options["workers"]),
            "--threads", str(options["threads"]),
            "--worker-class", "gthread",
            "--access-logfile", "-",
            "--graceful-timeout", "20",
            "--timeout", "120",
        ]  # fmt: skip
        children = [subprocess.Popen(web)]
        if not options["no_worker"]:
            children.append(subprocess.Popen([sys.executable, "-m", "orderdesk.cli", "worker"]))
        self.stdout.write(f"Orderdesk is serving on http://{bind}/ (Ctrl+C stops it).")
        self._supervise(children)

    def _supervise(self, children: list[subprocess.Popen]) -> None:
        """Run until a signal or until one child dies; then stop the others too."""
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.5)
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 25
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
        failed = [child.args[3] for child in children if child.returncode not in (0, -15, None)]
        if failed and not stopping:
            raise CommandError(f"A server process stopped unexpectedly: {failed}")
