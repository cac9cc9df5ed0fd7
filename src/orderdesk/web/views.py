"""Helpers every staff view uses: the acting user as an Actor, permission guards."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from orderdesk.core.actor import Actor
from orderdesk.core.errors import DomainError
from orderdesk.core.roles import Perm
from orderdesk.web.feedback import flash_error


def staff_view(perm: Perm, *, post_only: bool = False):
    """Login required, then `perm` (403 otherwise); the view gets request.actor.

    The check is the same one the services make; it runs first so a page the role may not
    use is never rendered.
    """

    def decorator(view):
        # Staff pages hold customers' personal data, and one URL can answer a whole page or an
        # htmx fragment: neither may be kept in, or served back from, a browser's cache.
        @never_cache
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            request.actor = Actor.for_user(request.user)
            if not request.actor.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return require_POST(wrapper) if post_only else wrapper

    return decorator


def render_list(request, template: str, context: dict):
    """A list page, or only its `results` partial when htmx swaps the results in place.

    On Back, htmx asks for the page again as a history restore and puts the answer into the
    whole body, so that request gets the full page. One URL answers two bodies: say so in Vary.
    """
    partial = request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request
    response = render(request, f"{template}#results" if partial else template, context)
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


def run_action(request, form, command, *, back):
    """Validate the form, run the command (it returns the success message), report, go back.

    A domain error is shown instead; 403 and 404 become their pages, so a forged request
    changes nothing. `form` may be None for actions without input."""
    if form is not None and not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return back
    try:
        message = command(form.cleaned_data if form is not None else {})
    except DomainError as error:
        flash_error(request, error)
    else:
        messages.success(request, message)
    return back
