"""Admin pages for staff users and API keys. A new password or key is shown once, on the page
that answers its creation, and never again."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from orderdesk.accounts.forms import ApiKeyCreateForm, ProfileForm, UserCreateForm, UserUpdateForm
from orderdesk.accounts.models import ApiKey
from orderdesk.accounts.preferences import (
    LANGUAGE_NAMES,
    SESSION_KEY,
    user_language_chosen,
    user_language_set,
)
from orderdesk.accounts.services import (
    apikey_create,
    apikey_revoke,
    user_create,
    user_role,
    user_update,
)
from orderdesk.core.errors import DomainError
from orderdesk.core.roles import ROLE_LABELS, Perm
from orderdesk.web.feedback import flash_error
from orderdesk.web.views import staff_view


def _users():
    users = get_user_model().objects.prefetch_related("groups").order_by("username")
    for user in users:
        user.role = user_role(user)
        user.role_label = ROLE_LABELS.get(user.role, "—")
    return users


@staff_view(Perm.MANAGE_SYSTEM)
def user_list(request):
    form = UserCreateForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            user, password = user_create(
                username=form.cleaned_data["username"],
                role=form.cleaned_data["role"],
                email=form.cleaned_data["email"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            created = {"username": user.username, "password": password}
            form = UserCreateForm()
    return render(
        request, "accounts/users.html", {"users": _users(), "form": form, "created": created}
    )


@staff_view(Perm.MANAGE_SYSTEM, post_only=True)
def user_update_view(request, username):
    form = UserUpdateForm(request.POST)
    if form.is_valid():
        active = {"1": True, "0": False}.get(form.cleaned_data["active"])
        try:
            user_update(
                actor_user=request.user,
                username=username,
                role=form.cleaned_data["role"] or None,
                active=active,
            )
        except DomainError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("%s updated.") % username)
    return redirect("accounts:users")


@staff_view(Perm.MANAGE_SYSTEM)
def apikey_list(request):
    form = ApiKeyCreateForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            api_key, plain = apikey_create(
                name=form.cleaned_data["name"], role=form.cleaned_data["role"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            created = {"name": api_key.name, "key": plain}
            form = ApiKeyCreateForm()
    keys = ApiKey.objects.order_by("revoked_at", "name")
    return render(
        request, "accounts/api_keys.html", {"keys": keys, "form": form, "created": created}
    )


@staff_view(Perm.MANAGE_SYSTEM, post_only=True)
def apikey_revoke_view(request, name):
    try:
        apikey_revoke(name=name)
    except DomainError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("API key %s revoked; it no longer works.") % name)
    return redirect("accounts:api_keys")


@never_cache
@login_required
def profile_view(request):
    """Every staff user's own settings: for now, the language of their pages."""
    form = ProfileForm(
        request.POST or None, initial={"language": user_language_chosen(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            language = user_language_set(user=request.user, language=form.cleaned_data["language"])
        except DomainError as error:
            form.add_error("language", error.message)
        else:
            request.session[SESSION_KEY] = language
            with translation.override(language):
                messages.success(
                    request,
                    _("Your pages are now shown in %(language)s.")
                    % {"language": LANGUAGE_NAMES.get(language, language)},
                )
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})
