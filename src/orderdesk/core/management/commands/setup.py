"""`orderdesk setup`: migrate; on an empty database also make the admin and a demo data set.

Safe to run on every start (`make run` does): once any user exists it changes nothing.
"""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from orderdesk import config
from orderdesk.accounts.services import user_create
from orderdesk.core.management.commands.demo import summary
from orderdesk.core.roles import Role
from orderdesk.demo import generate_demo_data

ADMIN_USERNAME = "admin"
DEMO_ORDERS = 300
DEMO_CONSULTATIONS = 60


def password_box(username: str, password: str) -> str:
    """The one time the admin password is shown: framed so it stands out in a log."""
    lines = [
        "Admin account created",
        f"  username: {username}",
        f"  password: {password}",
        "Shown only once: note it now and change it after signing in.",
    ]
    width = max(len(line) for line in lines)
    rule = "+" + "-" * (width + 2) + "+"
    return "\n".join([rule, *(f"| {line.ljust(width)} |" for line in lines), rule])


class Command(BaseCommand):
    help = "Migrate the database; on a new database create the admin user and demo data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-demo", action="store_true", help="do not add demo orders and requests"
        )

    def handle(self, *args, **options):
        call_command("migrate", verbosity=0, interactive=False)
        User = get_user_model()
        if User.objects.exists():
            self.stdout.write("The database is already set up; nothing to do.")
            return
        orders = 0 if options["no_demo"] else config.env_int("ORDERDESK_DEMO_ORDERS", DEMO_ORDERS)
        consultations = (
            0
            if options["no_demo"]
            else config.env_int("ORDERDESK_DEMO_CONSULTATIONS", DEMO_CONSULTATIONS)
        )
        # All or nothing: a failure half-way leaves an empty database that setup can retry.
        with transaction.atomic():
            _, password = user_create(username=ADMIN_USERNAME, role=Role.ADMIN)
            result = None
            if orders or consultations:
                result = generate_demo_data(orders=orders, consultations=consultations)
        self.stdout.write(password_box(ADMIN_USERNAME, password))
        if result is not None:
            self.stdout.write(summary(result))
