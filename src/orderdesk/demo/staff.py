"""The staff who act in demo timelines: existing role holders, or a small demo team."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from orderdesk.core.roles import Role
from orderdesk.demo.vocab_people import DEMO_STAFF

# What each kind of action needs, as the roles allowed to do it (see core.roles).
HANDLERS = (Role.OPERATIONS, Role.SALES)
CONFIRMERS = (Role.OPERATIONS, Role.SALES)
FULFILLERS = (Role.OPERATIONS,)
CANCELLERS = (Role.OPERATIONS, Role.SALES, Role.CUSTOMER_CARE)
CASHIERS = (Role.OPERATIONS, Role.SALES)
REFUNDERS = (Role.OPERATIONS,)
ANNOTATORS = (Role.OPERATIONS, Role.SALES, Role.CUSTOMER_CARE)
CONSULTANTS = (Role.SALES, Role.CUSTOMER_CARE)

Member = tuple[int, str]  # (user id, username)


@dataclass
class Staff:
    """Active staff users by role; an action with nobody to do it falls to admins, then to
    the system actor (user id None, label "system")."""

    by_role: dict[str, list[Member]] = field(default_factory=dict)

    def for_roles(self, roles: tuple[Role, ...]) -> list[Member]:
        members = [m for role in roles for m in self.by_role.get(role, [])]
        return members or self.by_role.get(Role.ADMIN, []) or [(None, "system")]

    @property
    def is_empty(self) -> bool:
        return not any(self.by_role.values())


def load_staff() -> Staff:
    """Active users of each role group, in a stable order (by id)."""
    User = get_user_model()
    staff = Staff()
    for role in (Role.ADMIN, Role.OPERATIONS, Role.SALES, Role.CUSTOMER_CARE):
        staff.by_role[role] = list(
            User.objects.filter(is_active=True, groups__name=role)
            .order_by("id")
            .values_list("id", "username")
        )
    return staff


def ensure_demo_staff() -> list[str]:
    """Make the demo team when no one holds an order-handling role yet; returns who was made.

    They cannot sign in (unusable passwords): they only give the timelines real names.
    """
    User = get_user_model()
    roles = [Role.OPERATIONS, Role.SALES, Role.CUSTOMER_CARE]
    if User.objects.filter(groups__name__in=roles).exists():
        return []
    made = []
    for username, first_name, last_name, role in DEMO_STAFF:
        if User.objects.filter(username=username).exists():
            continue
        user = User(username=username, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        made.append(username)
    return made
