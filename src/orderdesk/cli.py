"""The `orderdesk` console command: Django's manage.py plus Orderdesk's own commands.

Orderdesk's commands are Django management commands (serve, worker, setup, demo, user, apikey,
export, run-schedules, verify-counters, backup, restore); dashes in a command name are accepted
for underscores.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orderdesk.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
