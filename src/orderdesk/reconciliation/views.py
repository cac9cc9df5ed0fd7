"""Reconciliation pages: upload and history, a statement's result, its actions and download,
and the statement profiles. Thin: each calls one service or selector."""

from django.contrib import messages
from django.db.models import Sum
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRefresh

from orderdesk.core.errors import DomainError, ValidationFailed
from orderdesk.core.money import format_money
from orderdesk.core.roles import Perm
from orderdesk.exports.views import download_response
from orderdesk.reconciliation.exporters import StatementExporter
from orderdesk.reconciliation.forms import (
    StatementProfileForm,
    StatementUploadForm,
    too_large_message,
)
from orderdesk.reconciliation.models import Statement, StatementProfile
from orderdesk.reconciliation.outcomes import Outcome
from orderdesk.reconciliation.parsing import MAX_UPLOAD_BYTES
from orderdesk.reconciliation.selectors import (
    profile_list,
    statement_get,
    statement_history,
    statement_lines,
    statement_unpaid_deliveries,
)
from orderdesk.reconciliation.services import (
    PROFILE_FIELDS,
    ConfirmRefused,
    profile_save,
    statement_confirm_request,
    statement_discard,
    statement_import,
    statement_rematch,
)
from orderdesk.reconciliation.services.common import confirmation_pending
from orderdesk.web.feedback import flash_error, raise_http
from orderdesk.web.views import run_action, staff_view

SECTION_LIMIT = 500  # rows per section on the page; the download has them all
BODY_SLACK = 64 * 1024  # the multipart envelope and the other fields around the file


def _body_too_large(request) -> bool:
    """Judged from Content-Length before the body is read, so a huge upload costs nothing."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_UPLOAD_BYTES + BODY_SLACK
    except ValueError:
        return False


def _import(request, form: StatementUploadForm, problems: list[str]):
    """The new statement, or None with the file's problems (line and column) in `problems`."""
    upload = form.cleaned_data["file"]
    try:
        return statement_import(
            actor=request.actor,
            profile_id=form.cleaned_data["profile"].pk,
            file_name=upload.name,
            data=upload.read(),
        )
    except ValidationFailed as error:
        problems.extend([problem["message"] for problem in error.errors] or [error.message])
    except DomainError as error:
        flash_error(request, error)
    return None


@staff_view(Perm.RECONCILE_PAYMENTS)
def reconciliation_home(request):
    """Upload a statement; the history of statements below."""
    form = StatementUploadForm()
    problems: list[str] = []
    if request.method == "POST" and _body_too_large(request):
        problems.append(too_large_message())
    elif request.method == "POST":
        form = StatementUploadForm(request.POST, request.FILES)
        if form.is_valid() and (statement := _import(request, form, problems)) is not None:
            messages.success(
                request,
                _("Statement %(id)s read: %(n)s lines. Check the result, then confirm.")
                % {"id": statement.pk, "n": statement.line_count},
            )
            return redirect(statement)
    context = {
        "form": form,
        "problems": problems,
        "statements": statement_history(),
        "profiles": profile_list(),
    }
    return render(request, "reconciliation/home.html", context)


def _statement(statement_id: int):
    try:
        return statement_get(statement_id=statement_id)
    except DomainError as error:
        raise_http(error)


@staff_view(Perm.RECONCILE_PAYMENTS)
def statement_detail(request, statement_id: int):
    statement = _statement(statement_id)
    pending = confirmation_pending(statement)
    if request.htmx and not pending:
        return HttpResponseClientRefresh()  # the page polled while recording: show the result
    sections = []
    for outcome in Outcome:
        count = statement.counts.get(outcome, 0)
        lines = statement_lines(statement, outcome)[:SECTION_LIMIT] if count else []
        sections.append({"outcome": outcome, "count": count, "lines": lines})
    matched_total = statement_lines(statement, Outcome.MATCHED).aggregate(total=Sum("amount"))
    unpaid = list(statement_unpaid_deliveries(statement)[: SECTION_LIMIT + 1])
    context = {
        "statement": statement,
        "pending": pending,
        "sections": sections,
        "matched_count": statement.counts.get(Outcome.MATCHED, 0),
        "matched_total": matched_total["total"] or 0,
        "unpaid": unpaid[:SECTION_LIMIT],
        "unpaid_more": len(unpaid) > SECTION_LIMIT,
        "section_limit": SECTION_LIMIT,
    }
    return render(request, "reconciliation/statement.html", context)


@staff_view(Perm.RECONCILE_PAYMENTS, post_only=True)
def statement_confirm_view(request, statement_id: int):
    def confirm(_data) -> str:
        statement = statement_confirm_request(actor=request.actor, statement_id=statement_id)
        if statement.confirm_error:  # the worker already answered (it runs inline in tests)
            raise ConfirmRefused(statement.confirm_error)
        if statement.status != Statement.Status.CONFIRMED:
            return _(
                "Recording %(n)s payments in the background: this page shows the result when "
                "they are all recorded (or why none was)."
            ) % {"n": statement.counts.get(Outcome.MATCHED, 0)}
        total = format_money(statement.recorded_total, statement.currency, get_language())
        return ngettext(
            "%(n)s payment recorded, %(total)s.",
            "%(n)s payments recorded, %(total)s in all.",
            statement.recorded_count,
        ) % {"n": statement.recorded_count, "total": total}

    return run_action(request, None, confirm, back=redirect(_statement(statement_id)))


@staff_view(Perm.RECONCILE_PAYMENTS, post_only=True)
def statement_rematch_view(request, statement_id: int):
    def rematch(_data) -> str:
        statement_rematch(actor=request.actor, statement_id=statement_id)
        return _("Matched again against the orders as they are now.")

    return run_action(request, None, rematch, back=redirect(_statement(statement_id)))


@staff_view(Perm.RECONCILE_PAYMENTS, post_only=True)
def statement_discard_view(request, statement_id: int):
    def discard(_data) -> str:
        statement_discard(actor=request.actor, statement_id=statement_id)
        return _("Statement discarded; nothing was recorded.")

    return run_action(request, None, discard, back=redirect(_statement(statement_id)))


@staff_view(Perm.RECONCILE_PAYMENTS)
def statement_export(request, statement_id: int):
    """The whole result, every line and every delivered order without a payment."""
    return download_response(StatementExporter(_statement(statement_id)), request.GET)


# --- Profiles ----------------------------------------------------------------------------------
def _save_profile(request, form: StatementProfileForm, profile=None):
    try:
        return profile_save(actor=request.actor, data=form.cleaned_data, profile=profile)
    except ValidationFailed as error:
        for problem in error.errors:
            field = problem["field"] if problem["field"] in form.fields else None
            form.add_error(field, problem["message"])
    return None


@staff_view(Perm.RECONCILE_PAYMENTS)
def profile_list_view(request):
    form = StatementProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _save_profile(request, form):
        messages.success(request, _("Profile %s saved.") % form.cleaned_data["name"])
        return redirect("reconciliation:profiles")
    return render(
        request, "reconciliation/profiles.html", {"profiles": profile_list(), "form": form}
    )


@staff_view(Perm.RECONCILE_PAYMENTS)
def profile_edit_view(request, profile_id: int):
    profile = get_object_or_404(StatementProfile, pk=profile_id)
    # Initial values, not the instance: the form must not change the profile; the service does.
    form = StatementProfileForm(
        request.POST or None, initial=model_to_dict(profile, fields=PROFILE_FIELDS)
    )
    if request.method == "POST" and form.is_valid() and _save_profile(request, form, profile):
        messages.success(request, _("Profile %s saved.") % profile.name)
        return redirect("reconciliation:profiles")
    return render(request, "reconciliation/profile_edit.html", {"profile": profile, "form": form})
