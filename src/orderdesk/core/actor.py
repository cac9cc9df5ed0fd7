"""Who is acting: a staff user, an API key, or the system itself.

Services take an Actor so one permission check serves the web UI, the API and the CLI alike.
"""

from dataclasses import dataclass
from functools import cached_property

from orderdesk.core.errors import PermissionDenied
from orderdesk.core.roles import ROLE_PERMISSIONS, Perm, Role


@dataclass(frozen=True, eq=False)
class Actor:
    user: object | None = None  # django.contrib.auth User
    api_key: object | None = None  # accounts.ApiKey
    system: bool = False

    @classmethod
    def for_user(cls, user) -> "Actor":
        return cls(user=user)

    @classmethod
    def for_api_key(cls, api_key) -> "Actor":
        return cls(api_key=api_key)

    @classmethod
    def system_actor(cls) -> "Actor":
        return cls(system=True)

    @cached_property
    def label(self) -> str:
        if self.user is not None:
            return self.user.get_username()
        if self.api_key is not None:
            return f"api:{self.api_key.name}"
        return "system"

    @property
    def kind(self) -> str:
        if self.user is not None:
            return "user"
        if self.api_key is not None:
            return "api_key"
        return "system"

    def has_perm(self, perm: Perm) -> bool:
        if self.system:
            return True
        if self.api_key is not None:
            return self.api_key.is_active and perm in ROLE_PERMISSIONS[Role(self.api_key.role)]
        if self.user is not None:
            return self.user.is_active and self.user.has_perm(perm.value)
        return False

    def require(self, perm: Perm, message: str) -> None:
        if not self.has_perm(perm):
            raise PermissionDenied(message)
