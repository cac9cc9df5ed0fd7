"""The public request form (and its embeddable twin): no login, protected without annoying
people — a honeypot, a minimum time to fill, a per-address rate limit, a body size cap."""

import time

from django.conf import settings
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from orderdesk.consultations.forms import PublicRequestForm
from orderdesk.consultations.models import Source
from orderdesk.consultations.services import ConsultationIn, consultation_intake
from orderdesk.core.errors import ValidationFailed
from orderdesk.core.ratelimit import client_address, rate_limited

STARTED_SALT = "orderdesk.request-form.started"
THANKS_SALT = "orderdesk.request-form.thanks"
THANKS_MAX_AGE = 60 * 60  # the thank-you link shows the code for an hour


def public_body_too_large(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > settings.ORDERDESK_PUBLIC_MAX_BODY
    except ValueError:
        return True


def public_rate_limited(request) -> bool:
    return rate_limited(
        scope="public-request",
        client=client_address(request),
        rates=settings.ORDERDESK_PUBLIC_RATE_LIMIT,
    )


def _initial(request) -> dict:
    product = request.GET.get("product", "")[:255]
    return {
        "subject": product,
        "origin": request.GET.get("source", "")[:100],
        "started": signing.dumps(time.time(), salt=STARTED_SALT),
    }


def _filled_too_fast(started_token: str) -> bool:
    try:
        started = signing.loads(started_token, salt=STARTED_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return True
    return time.time() - float(started) < settings.ORDERDESK_FORM_MIN_SECONDS


def _request_form(request, *, embed: bool):
    template = "consultations/public/form.html"
    context = {"embed": embed}
    if request.method != "POST":
        return render(
            request, template, {**context, "form": PublicRequestForm(initial=_initial(request))}
        )
    if public_body_too_large(request):
        return render(
            request, "consultations/public/refused.html", {**context, "reason": "size"}, status=413
        )
    if public_rate_limited(request):
        return render(
            request, "consultations/public/refused.html", {**context, "reason": "rate"}, status=429
        )
    form = PublicRequestForm(request.POST)
    if not form.is_valid():
        return render(request, template, {**context, "form": form}, status=422)
    data = form.cleaned_data
    if data["website"]:
        # Only robots fill a field people cannot see; tell them nothing useful.
        return render(
            request, "consultations/public/refused.html", {**context, "reason": "spam"}, status=400
        )
    if _filled_too_fast(data["started"]):
        fresh = PublicRequestForm(request.POST.copy())
        fresh.data["started"] = signing.dumps(time.time(), salt=STARTED_SALT)
        fresh.is_valid()
        fresh.add_error(
            None, _("That was quick! Please check your details, then send the form again.")
        )
        return render(request, template, {**context, "form": fresh}, status=422)
    try:
        result = consultation_intake(
            actor=None,
            data=ConsultationIn(
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                subject=data["subject"],
                message=data["message"],
                preferred_contact_time=data["preferred_contact_time"],
                source=Source.WEB_FORM,
                origin=data["origin"],
            ),
        )
    except ValidationFailed as error:
        for item in error.errors:
            form.add_error(item["field"] if item["field"] in form.fields else None, item["message"])
        return render(request, template, {**context, "form": form}, status=422)
    token = signing.dumps(result.request.code, salt=THANKS_SALT)
    name = "request_embed_thanks" if embed else "request_thanks"
    return redirect(f"{reverse(name)}?t={token}")


def _thanks(request, *, embed: bool):
    try:
        code = signing.loads(request.GET.get("t", ""), salt=THANKS_SALT, max_age=THANKS_MAX_AGE)
    except signing.BadSignature:
        code = None
    return render(request, "consultations/public/thanks.html", {"code": code, "embed": embed})


def request_form(request):
    return _request_form(request, embed=False)


def request_thanks(request):
    return _thanks(request, embed=False)


def _embed_policy():
    """Framing allowed only by the shops listed in ORDERDESK_EMBED_ORIGINS."""
    ancestors = settings.ORDERDESK_EMBED_ORIGINS or [CSP.NONE]
    return {**settings.SECURE_CSP, "frame-ancestors": ancestors}


def _frameable(response):
    # What django.views.decorators.csp.csp_override sets, computed per request so the
    # setting is read when it is used.
    response._csp_config = _embed_policy()
    return response


@xframe_options_exempt
def request_embed(request):
    return _frameable(_request_form(request, embed=True))


@xframe_options_exempt
def request_embed_thanks(request):
    return _frameable(_thanks(request, embed=True))
