"""Saved views: the list's current filters under a name, for oneself or for everyone."""

from urllib.parse import parse_qs, urlencode

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from orderdesk.core.errors import ValidationFailed
from orderdesk.core.roles import Perm
from orderdesk.orders.listing import order_query_parse
from orderdesk.orders.models import SavedView
from orderdesk.web.feedback import flash_error
from orderdesk.web.views import staff_view


@staff_view(Perm.VIEW_ORDERS, post_only=True)
def saved_view_create(request):
    name = " ".join(request.POST.get("name", "").split())[:60]
    raw_query = request.POST.get("query", "")[:2000]
    params = {k: v for k, v in parse_qs(raw_query).items() if k not in ("cursor", "page")}
    try:
        order_query_parse(params)
    except ValidationFailed as error:
        flash_error(request, error)
        return redirect("orders:list")
    query = urlencode(params, doseq=True)
    if not name:
        messages.error(request, _("Give the view a name."))
        return redirect(f"/orders/?{query}")
    try:
        with transaction.atomic():
            view = SavedView.objects.create(
                name=name, owner=request.user, shared=bool(request.POST.get("shared")), query=query
            )
    except IntegrityError:
        messages.error(request, _("You already have a view named %s.") % name)
        return redirect(f"/orders/?{query}")
    messages.success(request, _("View %s saved.") % view.name)
    return redirect(f"/orders/?{query}&view={view.pk}")


@staff_view(Perm.VIEW_ORDERS, post_only=True)
def saved_view_delete(request, view_id):
    view = get_object_or_404(SavedView, pk=view_id, owner=request.user)
    view.delete()
    messages.success(request, _("View %s deleted.") % view.name)
    return redirect("orders:list")
