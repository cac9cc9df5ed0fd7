"""Helpers every staff view uses: the acting user as an Actor, permission guards."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.views.decorators.http import require_POST

from orderdesk.core.actor import Actor
from orderdesk.core.roles import Perm


def staff_view(perm: Perm, *, post_only: bool = False):
    """Login required, then `perm` (403 otherwise); the view gets request.actor.

    The check is the same one the services make; it runs first so a page the role may not
    use is never rendered.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            request.actor = Actor.for_user(request.user)
            if not request.actor.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return require_POST(wrapper) if post_only else wrapper

    return decorator
