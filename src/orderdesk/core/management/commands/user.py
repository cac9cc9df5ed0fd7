"""`orderdesk user create --username U --role ROLE [--password-stdin]`."""

import sys

from django.core.management.base import BaseCommand, CommandError

from orderdesk.accounts.services import user_create
from orderdesk.core.errors import DomainError
from orderdesk.core.roles import STAFF_ROLES


class Command(BaseCommand):
    help = "Manage staff users."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a staff user with one role")
        create.add_argument("--username", required=True)
        create.add_argument("--role", required=True, help=f"one of: {', '.join(STAFF_ROLES)}")
        create.add_argument("--email", default="")
        create.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from standard input instead of generating one",
        )

    def handle(self, *args, **options):
        password = None
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError("No password on standard input.")
        try:
            user, password_used = user_create(
                username=options["username"],
                role=options["role"],
                password=password,
                email=options["email"],
            )
        except DomainError as error:
            raise CommandError(error.message) from None
        if options["password_stdin"]:
            self.stdout.write(f"Created {user.username} ({options['role']}).")
        else:
            self.stdout.write(
                f"Created {user.username} ({options['role']}). Password (shown once): {password_used}"
            )
