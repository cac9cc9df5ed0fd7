"""Bulk actions: each order changes atomically with its own timeline event, exactly as if
changed alone; an order the action cannot apply to is reported with the reason and left as it
was. Moves go through services.moves (the single move's rules, set-based writes); assigning and
tagging apply the single-order services one order at a time.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from orderdesk.core.actor import Actor
from orderdesk.core.errors import DomainError, ValidationFailed
from orderdesk.core.roles import Perm
from orderdesk.orders import domain
from orderdesk.orders.services.annotations import order_assign, order_tags_change
from orderdesk.orders.services.common import resolve_assignee
from orderdesk.orders.services.moves import orders_move_many
from orderdesk.orders.status import OrderStatus

MAX_BULK_CODES = 10_000
MOVE_ACTIONS = {
    "confirm": OrderStatus.CONFIRMED,
    "ready_to_ship": OrderStatus.READY_TO_SHIP,
    "ship": OrderStatus.SHIPPING,
    "deliver": OrderStatus.DELIVERED,
    "cancel": OrderStatus.CANCELLED,
}
OTHER_ACTIONS = ("assign", "tag_add", "tag_remove")
BULK_ACTIONS = (*MOVE_ACTIONS, *OTHER_ACTIONS)


@dataclass
class BulkResult:
    succeeded: list[str] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)  # {"code", "error_code", "detail"}


def bulk_validate(*, actor: Actor, action: str, params: dict, codes: list[str]) -> dict:
    """Refuse a request that is wrong as a whole before anything changes; returns clean params."""
    actor.require(Perm.BULK_ORDERS, _("You may not run bulk actions."))
    errors = domain.Errors()
    if action not in BULK_ACTIONS:
        errors.add("action", _("Unknown action %s.") % action[:40])
    if not codes:
        errors.add("codes", _("Select at least one order."))
    if len(codes) > MAX_BULK_CODES:
        errors.add("codes", _("At most %s orders at once.") % f"{MAX_BULK_CODES:,}")
    clean = {}
    if action == "cancel":
        reason = domain.clean_optional(params.get("reason", ""), "reason", errors, 1000)
        if not reason:
            errors.add("reason", _("Say why the orders are cancelled."))
        clean["reason"] = reason
    if action == "ship":
        clean["carrier"] = domain.clean_optional(params.get("carrier", ""), "carrier", errors, 100)
    if action == "assign":
        username = (params.get("assigned_to") or "").strip()
        if username:
            resolve_assignee(username, errors)
        clean["assigned_to"] = username or None
    if action in ("tag_add", "tag_remove"):
        tags = domain.clean_tags([params.get("tag", "")], errors, "tag")
        if not tags:
            errors.add("tag", _("Enter a tag."))
        clean["tag"] = tags[0] if tags else ""
    errors.raise_if_any()
    return clean


def bulk_apply_codes(codes: list[str], *, actor: Actor, action: str, params: dict) -> BulkResult:
    """Apply an action to `codes` with bulk_validate'd params: moves set-based (services.moves),
    assigning and tagging through the single-order services, one order at a time."""
    if action in MOVE_ACTIONS:
        moved, failed = orders_move_many(
            codes=codes,
            actor=actor,
            to=MOVE_ACTIONS[action],
            reason=params.get("reason", ""),
            carrier=params.get("carrier", ""),
        )
        return BulkResult(moved, failed)
    result = BulkResult()
    for code in dict.fromkeys(codes):
        _collect(
            result,
            code,
            lambda code=code: _annotate_one(code, actor=actor, action=action, params=params),
        )
    return result


def _annotate_one(code: str, *, actor: Actor, action: str, params: dict) -> None:
    if action == "assign":
        order_assign(code=code, actor=actor, username=params.get("assigned_to"))
    elif action == "tag_add":
        order_tags_change(code=code, actor=actor, add=[params["tag"]])
    elif action == "tag_remove":
        order_tags_change(code=code, actor=actor, remove=[params["tag"]])
    else:  # bulk_validate refuses unknown actions first
        raise ValidationFailed.for_field("action", _("Unknown action %s.") % action)


def order_bulk_apply(*, codes: list[str], actor: Actor, action: str, params: dict) -> BulkResult:
    """Apply `action` to every order in `codes`."""
    clean = bulk_validate(actor=actor, action=action, params=params, codes=codes)
    return bulk_apply_codes(codes, actor=actor, action=action, params=clean)


def _collect(result: BulkResult, code: str, change) -> None:
    try:
        change()
    except DomainError as error:
        result.failed.append({"code": code, "error_code": error.code, "detail": error.message})
    else:
        result.succeeded.append(code)


def order_bulk_transition(
    *, codes: list[str], actor: Actor, to: str, reason: str = ""
) -> BulkResult:
    """Move every order in `codes` to `to`, each atomically as a single move would.

    A request wrong as a whole (unknown status, cancelling without a reason, too many codes) is
    refused before anything changes; an order the move cannot apply to is reported in `failed`.
    """
    actor.require(Perm.BULK_ORDERS, _("You may not run bulk actions."))
    errors = domain.Errors(title=_("The bulk request is not valid"))
    if len(codes) > MAX_BULK_CODES:
        errors.add("codes", _("At most %s orders at once.") % f"{MAX_BULK_CODES:,}")
    if to not in [status.value for status in OrderStatus]:
        errors.add("to", _("Unknown status; use one of: %s.") % ", ".join(OrderStatus))
    if to == OrderStatus.CANCELLED and not (reason or "").strip():
        errors.add("reason", _("Say why the orders are cancelled."))
    errors.raise_if_any()
    return BulkResult(*orders_move_many(codes=codes, actor=actor, to=to, reason=reason))
