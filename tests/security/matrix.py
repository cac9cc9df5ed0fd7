"""What the security tests share: the URL tables of docs/permissions.md, the URL configuration
and the API operations walked from Django and Ninja, and a world of real objects to ask about."""

import re
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from orderdesk.accounts.models import ApiKey
from orderdesk.accounts.services import apikey_create, apikey_revoke
from orderdesk.api.main import api
from orderdesk.core.actor import Actor
from orderdesk.core.roles import ROLE_PERMISSIONS, STAFF_ROLES
from orderdesk.exports.models import ExportJob, ExportSchedule
from orderdesk.orders.models import BulkJob, SavedView
from orderdesk.webhooks.models import Webhook
from tests import factories

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
NINJA_OWN_PAGES = {"openapi-json", "openapi-view", "api-root"}
ANONYMOUS, REVOKED = "anonymous", "revoked API key"
ROLES = (*STAFF_ROLES, "intake")


# --- the doc's tables -------------------------------------------------------------------------
def doc_rows(columns: int) -> list[list[str]]:
    rows = []
    for line in DOC.read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == columns and cells[0].startswith("`"):
            rows.append([cell.strip("`") for cell in cells])
    return rows


@dataclass(frozen=True)
class Rule:
    anyone: bool  # callers without a key or login pass
    perms: frozenset[str] | None  # signed-in callers and keys need one of these; None: no check


def parse_rule(text: str) -> Rule:
    perms = frozenset(re.findall(r"\b([a-z_]+\.[a-z_]+)\b", re.sub(r"\(.*?\)", "", text)))
    if text.startswith("anyone"):
        return Rule(anyone=True, perms=perms or None)
    if text.startswith("signed in"):
        return Rule(anyone=False, perms=None)
    return Rule(anyone=False, perms=perms)


PAGE_RULES = {
    name: (path, methods.split(", "), parse_rule(rule), "login page" in rule)
    for name, path, methods, rule in doc_rows(4)
}
API_RULES = {operation: parse_rule(rule) for operation, rule in doc_rows(2)}


def may(role: str, rule: Rule) -> bool:
    return rule.perms is None or any(perm in ROLE_PERMISSIONS[role] for perm in rule.perms)


# --- the URL configuration -------------------------------------------------------------------
def url_patterns(patterns=None, prefix="", namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, "/" + prefix + str(pattern.pattern)


def is_api_operation(name: str, route: str) -> bool:
    return route.startswith("/api/v1/") and name.split(":")[-1] not in NINJA_OWN_PAGES


PAGES = sorted(
    {name: route for name, route in url_patterns() if not is_api_operation(name, route)}.items()
)
API_ROUTES = sorted({route for name, route in url_patterns() if is_api_operation(name, route)})
OPERATIONS = sorted(
    f"{method.upper()} {path}"
    for path, operations in api.get_openapi_schema()["paths"].items()
    for method in operations
)


# --- the world every case acts on -----------------------------------------------------------
@dataclass
class World:
    users: dict
    keys: dict  # role (and REVOKED) → plain API key
    order: str  # created by the intake key, so intake may see it
    consultation: str
    ids: dict  # URL keyword → a real object's identifier


def build_world() -> World:
    """Users of every role, a key of every role and a revoked one, and one real object of
    every kind a URL names."""
    admin = factories.actor_for("admin")
    users = {role: factories.make_user(role) for role in STAFF_ROLES}
    keys = {}
    for role in ROLES:
        _key, keys[role] = apikey_create(name=factories.unique(f"{role}-"), role=role)
    revoked, keys[REVOKED] = apikey_create(name=factories.unique("revoked-"), role="admin")
    apikey_revoke(name=revoked.name)
    intake_key = ApiKey.objects.get(role="intake")
    order = factories.make_order(Actor.for_api_key(intake_key)).code
    consultation = factories.make_consultation().code
    missing = 999_999  # a statement or profile that does not exist: allowed callers get 404
    ids = {
        "code": order,
        "job_id": BulkJob.objects.create(created_by=admin.user, action="confirm").pk,
        "exports:job_id": ExportJob.objects.create(
            dataset="orders", format="csv", requested_by=admin.user
        ).pk,
        "view_id": SavedView.objects.create(name="Mine", owner=admin.user, query="").pk,
        "schedule_id": ExportSchedule.objects.create(
            name="Daily", dataset="orders", frequency="daily", run_at=time(1), folder="/tmp/x"
        ).pk,
        "profile_id": missing,
        "statement_id": missing,
        "username": users["sales"].username,
        "name": intake_key.name,
        "slug": "channels",
        "webhook_id": Webhook.objects.create(url="http://127.0.0.1:9/", secret="s").pk,
    }
    return World(users, keys, order, consultation, ids)


def page_path(world: World, name: str, route: str) -> str:
    def value(match) -> str:
        keyword = match.group(1)
        if keyword == "code" and name.startswith("consultations:"):
            return world.consultation
        app = name.split(":")[0]
        return str(world.ids.get(f"{app}:{keyword}", world.ids.get(keyword)))

    return re.sub(r"<(?:\w+:)?(\w+)>", value, route)


def isolated(call):
    """Run one request and undo whatever it changed, so every caller meets the same world."""
    with transaction.atomic():
        response = call()
        transaction.set_rollback(True)
    return response


def sent_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/login/")
