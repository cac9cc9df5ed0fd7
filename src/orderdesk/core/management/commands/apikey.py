"""`orderdesk apikey create|list|revoke`: keys for integrations.

`create` prints the key alone on stdout, so scripts can capture it: KEY=$(orderdesk apikey create …).
"""

from django.core.management.base import BaseCommand, CommandError

from orderdesk.accounts.models import ApiKey
from orderdesk.accounts.services import apikey_create, apikey_revoke
from orderdesk.core.errors import DomainError
from orderdesk.core.roles import Role


class Command(BaseCommand):
    help = "Manage API keys."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a key; it is printed once")
        create.add_argument("--name", required=True)
        create.add_argument("--role", required=True, help=f"one of: {', '.join(Role)}")
        sub.add_parser("list", help="list keys (never the keys themselves)")
        revoke = sub.add_parser("revoke", help="revoke a key by name")
        revoke.add_argument("name")

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as error:
            raise CommandError(error.message) from None

    def _create(self, options):
        api_key, plain = apikey_create(name=options["name"], role=options["role"])
        self.stderr.write(f"Created API key {api_key.name!r} ({api_key.role}); it is shown once.")
        self.stdout.write(plain)

    def _list(self, options):
        keys = ApiKey.objects.order_by("name")
        if not keys:
            self.stdout.write("No API keys.")
            return
        self.stdout.write(f"{'NAME':30} {'ROLE':15} {'PREFIX':14} {'CREATED':17} STATUS")
        for key in keys:
            status = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
            self.stdout.write(
                f"{key.name:30} {key.role:15} {key.prefix:14} {key.created_at:%Y-%m-%d %H:%M} {status}"
            )

    def _revoke(self, options):
        api_key = apikey_revoke(name=options["name"])
        self.stdout.write(f"Revoked API key {api_key.name!r}.")
