"""The permission matrix of docs/permissions.md, cell by cell.

Two ways: (a) each role's Actor.has_perm, with staff users in the groups the migration made and
the intake role as an API key; (b) every cell that maps to a service, by calling the service:
allowed cells succeed, refused ones raise PermissionDenied (403) and change nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group

from orderdesk.consultations.selectors import consultation_get
from orderdesk.consultations.services import (
    consultation_assign,
    consultation_convert,
    consultation_create,
    consultation_note_add,
    consultation_transition,
)
from orderdesk.consultations.status import ConsultationStatus
from orderdesk.core.errors import InvalidTransition, NotFound, PermissionDenied
from orderdesk.core.roles import ROLE_PERMISSIONS, STAFF_ROLES, Perm, Role
from orderdesk.orders.selectors import order_get
from orderdesk.orders.services import (
    order_assign,
    order_cancel,
    order_confirm,
    order_create,
    order_deliver,
    order_edit,
    order_mark_ready_to_ship,
    order_note_add,
    order_ship,
    order_tags_change,
    order_transition,
    payment_record,
)
from orderdesk.orders.services.editing import OrderChanges
from orderdesk.orders.status import OrderStatus
from tests.factories import (
    actor_for,
    consultation_in,
    customer_in,
    make_consultation,
    make_order,
    make_user,
    order_in,
    snapshot,
)

pytestmark = pytest.mark.django_db

ROLES = ("admin", "operations", "sales", "customer_care", "intake")
Y, N = True, False

# action: (permission, allowed for admin, operations, sales, customer_care, intake)
MATRIX: dict[str, tuple[Perm, tuple[bool, bool, bool, bool, bool]]] = {
    # Intake views only the orders it created: VIEW_OWN_ORDERS, checked separately below.
    "view orders": (Perm.VIEW_ORDERS, (Y, Y, Y, Y, N)),
    "create orders": (Perm.CREATE_ORDERS, (Y, Y, Y, N, Y)),
    "edit orders": (Perm.EDIT_ORDERS, (Y, Y, Y, N, N)),
    "edit completed orders": (Perm.EDIT_COMPLETED_ORDERS, (Y, N, N, N, N)),
    "confirm": (Perm.CONFIRM_ORDERS, (Y, Y, Y, N, N)),
    "ready to ship, shipping, delivered": (Perm.FULFIL_ORDERS, (Y, Y, N, N, N)),
    "cancel before shipping": (Perm.CANCEL_ORDERS, (Y, Y, Y, Y, N)),
    "cancel while shipping": (Perm.CANCEL_SHIPPING_ORDERS, (Y, Y, N, N, N)),
    "notes, assign, tags": (Perm.ANNOTATE_ORDERS, (Y, Y, Y, Y, N)),
    "record payments": (Perm.RECORD_PAYMENTS, (Y, Y, Y, N, N)),
    "record refunds": (Perm.RECORD_REFUNDS, (Y, Y, N, N, N)),
    "bulk actions": (Perm.BULK_ORDERS, (Y, Y, N, N, N)),
    "export, reports": (Perm.EXPORT_AND_REPORTS, (Y, Y, Y, N, N)),
    "reconciliation": (Perm.RECONCILE_PAYMENTS, (Y, Y, N, N, N)),
    "view consultation requests": (Perm.VIEW_CONSULTATIONS, (Y, Y, Y, Y, N)),
    "create consultation requests": (Perm.CREATE_CONSULTATIONS, (Y, N, Y, Y, Y)),
    "assign, move, note, convert consultation requests": (
        Perm.PROCESS_CONSULTATIONS,
        (Y, N, Y, Y, N),
    ),
    "users, API keys, webhooks, export schedules": (Perm.MANAGE_SYSTEM, (Y, N, N, N, N)),
}


def allowed(action: str, role: str) -> bool:
    return MATRIX[action][1][ROLES.index(role)]


def cells(actions) -> list:
    return [
        pytest.param(action, role, id=f"{action}|{role}") for action in actions for role in ROLES
    ]


# --- (a) has_perm, against the migration's groups ---------------------------------------------
@pytest.mark.parametrize(("action", "role"), cells(MATRIX))
def test_given_a_role_then_has_perm_matches_the_matrix_cell(action, role):
    actor = actor_for(role)
    perm = MATRIX[action][0]

    assert actor.has_perm(perm) is allowed(action, role)


@pytest.mark.parametrize("role", ROLES)
def test_given_a_role_then_only_intake_views_just_its_own_orders(role):
    actor = actor_for(role)
    assert actor.has_perm(Perm.VIEW_OWN_ORDERS) is (role == "intake")


def test_given_the_matrix_then_it_covers_every_permission():
    assert {perm for perm, _ in MATRIX.values()} | {Perm.VIEW_OWN_ORDERS} == set(Perm)


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_given_the_migration_then_each_staff_group_holds_exactly_its_permissions(role):
    group = Group.objects.get(name=role)
    granted = {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }
    assert granted == {perm.value for perm in ROLE_PERMISSIONS[role]}


def test_given_the_migration_then_intake_is_not_a_staff_group():
    assert not Group.objects.filter(name=Role.INTAKE).exists()


def test_given_an_inactive_user_or_revoked_key_then_nothing_is_allowed():
    from orderdesk.accounts.services import apikey_revoke

    admin = actor_for("admin")
    admin.user.is_active = False
    admin.user.save()
    intake = actor_for("intake")
    apikey_revoke(name=intake.api_key.name)
    intake.api_key.refresh_from_db()

    for perm in Perm:
        assert not admin.has_perm(perm)
        assert not intake.has_perm(perm)


# --- (b) the services --------------------------------------------------------------------------
@dataclass
class World:
    admin: object
    intake: object  # the key that creates the orders, so it may see them
    assignee: object  # a staff user to assign to

    def order(self, status=OrderStatus.PENDING_CONFIRMATION, *, paid=False):
        order = make_order(self.intake, status=status, mover=self.admin)
        if paid:
            payment_record(
                code=order.code, actor=self.admin, kind="payment", amount="330000", method="cash"
            )
        return order


@pytest.fixture
def world(db):
    return World(admin=actor_for("admin"), intake=actor_for("intake"), assignee=make_user("sales"))


def actor_in(world: World, role: str):
    return world.intake if role == "intake" else actor_for(role)


@dataclass
class Case:
    action: str
    given: Callable[[World], object]
    when: Callable[[object, object, World], object]


def _pending(w):
    return w.order()


def _status(status):
    return lambda w: w.order(status)


CASES = {
    "create an order": Case(
        "create orders", lambda w: None, lambda a, _, w: order_create(actor=a, data=order_in())
    ),
    "edit an order": Case(
        "edit orders",
        _pending,
        lambda a, o, w: order_edit(
            code=o.code, actor=a, changes=OrderChanges(note="Leave at door")
        ),
    ),
    "edit a delivered order with a reason": Case(
        "edit completed orders",
        _status(OrderStatus.DELIVERED),
        lambda a, o, w: order_edit(
            code=o.code, actor=a, changes=OrderChanges(note="Gift"), reason="Customer asked"
        ),
    ),
    "edit a cancelled order with a reason": Case(
        "edit completed orders",
        _status(OrderStatus.CANCELLED),
        lambda a, o, w: order_edit(
            code=o.code, actor=a, changes=OrderChanges(note="Gift"), reason="Customer asked"
        ),
    ),
    "confirm": Case("confirm", _pending, lambda a, o, w: order_confirm(code=o.code, actor=a)),
    "mark ready to ship": Case(
        "ready to ship, shipping, delivered",
        _status(OrderStatus.CONFIRMED),
        lambda a, o, w: order_mark_ready_to_ship(code=o.code, actor=a),
    ),
    "ship": Case(
        "ready to ship, shipping, delivered",
        _status(OrderStatus.READY_TO_SHIP),
        lambda a, o, w: order_ship(code=o.code, actor=a, carrier="GHN", tracking_number="T1"),
    ),
    "deliver": Case(
        "ready to ship, shipping, delivered",
        _status(OrderStatus.SHIPPING),
        lambda a, o, w: order_deliver(code=o.code, actor=a),
    ),
    "cancel a pending order": Case(
        "cancel before shipping",
        _pending,
        lambda a, o, w: order_cancel(code=o.code, actor=a, reason="Changed mind"),
    ),
    "cancel a confirmed order": Case(
        "cancel before shipping",
        _status(OrderStatus.CONFIRMED),
        lambda a, o, w: order_cancel(code=o.code, actor=a, reason="Changed mind"),
    ),
    "cancel a ready-to-ship order": Case(
        "cancel before shipping",
        _status(OrderStatus.READY_TO_SHIP),
        lambda a, o, w: order_cancel(code=o.code, actor=a, reason="Changed mind"),
    ),
    "cancel a shipping order": Case(
        "cancel while shipping",
        _status(OrderStatus.SHIPPING),
        lambda a, o, w: order_cancel(code=o.code, actor=a, reason="Returned by carrier"),
    ),
    "add a note": Case(
        "notes, assign, tags",
        _pending,
        lambda a, o, w: order_note_add(code=o.code, actor=a, text="Called"),
    ),
    "assign": Case(
        "notes, assign, tags",
        _pending,
        lambda a, o, w: order_assign(code=o.code, actor=a, username=w.assignee.username),
    ),
    "tag": Case(
        "notes, assign, tags",
        _pending,
        lambda a, o, w: order_tags_change(code=o.code, actor=a, add=["vip"]),
    ),
    "record a payment": Case(
        "record payments",
        _pending,
        lambda a, o, w: payment_record(
            code=o.code, actor=a, kind="payment", amount="100000", method="cash"
        ),
    ),
    "record a refund": Case(
        "record refunds",
        lambda w: w.order(paid=True),
        lambda a, o, w: payment_record(
            code=o.code, actor=a, kind="refund", amount="100000", method="cash"
        ),
    ),
    "create a consultation request": Case(
        "create consultation requests",
        lambda w: None,
        lambda a, _, w: consultation_create(actor=a, data=consultation_in()),
    ),
    "move a consultation request": Case(
        "assign, move, note, convert consultation requests",
        lambda w: make_consultation(),
        lambda a, r, w: consultation_transition(
            code=r.code, actor=a, to=ConsultationStatus.PROCESSING
        ),
    ),
    "note a consultation request": Case(
        "assign, move, note, convert consultation requests",
        lambda w: make_consultation(),
        lambda a, r, w: consultation_note_add(code=r.code, actor=a, text="Called back"),
    ),
    "assign a consultation request": Case(
        "assign, move, note, convert consultation requests",
        lambda w: make_consultation(),
        lambda a, r, w: consultation_assign(code=r.code, actor=a, username=w.assignee.username),
    ),
    "convert a consultation request": Case(
        "assign, move, note, convert consultation requests",
        lambda w: make_consultation(),
        lambda a, r, w: consultation_convert(
            code=r.code, actor=a, data=order_in(customer=customer_in(name="", phone=""))
        ),
    ),
}

CONSULTATION_PROCESSING = "assign, move, note, convert consultation requests"


def service_cells():
    return [pytest.param(name, role, id=f"{name}|{role}") for name in CASES for role in ROLES]


@pytest.mark.parametrize(("case_name", "role"), service_cells())
def test_given_a_matrix_cell_when_the_service_is_called_then_allowed_or_refused(
    world, case_name, role
):
    case = CASES[case_name]
    target = case.given(world)
    actor = actor_in(world, role)
    before = snapshot()

    if allowed(case.action, role):
        case.when(actor, target, world)
        assert snapshot() != before
        return

    # Intake cannot even see consultation requests, so it gets the same 404 as for a missing
    # one (like an order it did not create) rather than a 403 that would confirm it exists.
    expected = (
        NotFound
        if role == "intake" and case.action == CONSULTATION_PROCESSING
        else PermissionDenied
    )
    with pytest.raises(expected) as refused:
        case.when(actor, target, world)

    if expected is PermissionDenied:
        assert refused.value.code == "permission.denied"
        assert refused.value.http_status == 403
    assert snapshot() == before


def test_given_the_public_without_a_key_then_it_may_create_a_consultation_request(db):
    created = consultation_create(actor=None, data=consultation_in())
    assert created.pk is not None


# The cells that are about seeing things.
@pytest.mark.parametrize("role", ROLES)
def test_given_a_role_when_viewing_an_order_then_the_matrix_decides(world, role):
    own = world.order()  # made by world.intake
    staff_made = make_order(world.admin)
    actor = actor_in(world, role)

    assert order_get(code=own.code, actor=actor) == own  # every role, intake as the creator
    if role == "intake":
        with pytest.raises(NotFound):
            order_get(code=staff_made.code, actor=actor)
    else:
        assert order_get(code=staff_made.code, actor=actor) == staff_made


@pytest.mark.parametrize("role", ROLES)
def test_given_a_role_when_viewing_a_consultation_request_then_the_matrix_decides(world, role):
    request = make_consultation()
    actor = actor_in(world, role)

    if allowed("view consultation requests", role):
        assert consultation_get(code=request.code, actor=actor) == request
    else:
        with pytest.raises(NotFound):
            consultation_get(code=request.code, actor=actor)


def test_given_an_intake_key_when_acting_on_an_order_it_did_not_create_then_not_found(world):
    other = make_order(world.admin, status=OrderStatus.CONFIRMED)
    before = snapshot()

    with pytest.raises(NotFound):
        order_cancel(code=other.code, actor=world.intake, reason="x")

    assert snapshot() == before


# --- The permission is checked before the workflow --------------------------------------------
@pytest.mark.parametrize(
    ("role", "status", "target"),
    [
        ("sales", OrderStatus.DELIVERED, OrderStatus.SHIPPING),
        ("sales", OrderStatus.CANCELLED, OrderStatus.READY_TO_SHIP),
        ("customer_care", OrderStatus.DELIVERED, OrderStatus.CONFIRMED),
        ("customer_care", OrderStatus.SHIPPING, OrderStatus.CANCELLED),
        ("intake", OrderStatus.DELIVERED, OrderStatus.CANCELLED),
    ],
    ids=str,
)
def test_given_a_role_without_the_permission_when_an_illegal_move_then_permission_denied(
    world, role, status, target
):
    order = world.order(status)
    actor = actor_in(world, role)
    before = snapshot()

    with pytest.raises(PermissionDenied) as refused:
        order_transition(code=order.code, actor=actor, to=target, reason="x")

    assert refused.value.http_status == 403
    assert snapshot() == before


@pytest.mark.parametrize(
    ("role", "status", "target"),
    [
        ("admin", OrderStatus.DELIVERED, OrderStatus.SHIPPING),
        ("operations", OrderStatus.CANCELLED, OrderStatus.CONFIRMED),
        ("sales", OrderStatus.CONFIRMED, OrderStatus.CONFIRMED),
        ("sales", OrderStatus.CONFIRMED, OrderStatus.PENDING_CONFIRMATION),
        ("customer_care", OrderStatus.DELIVERED, OrderStatus.CANCELLED),
        ("operations", OrderStatus.PENDING_CONFIRMATION, OrderStatus.SHIPPING),
    ],
    ids=str,
)
def test_given_a_permitted_role_when_an_illegal_move_then_invalid_transition(
    world, role, status, target
):
    order = world.order(status)
    actor = actor_in(world, role)
    before = snapshot()

    with pytest.raises(InvalidTransition) as refused:
        order_transition(code=order.code, actor=actor, to=target, reason="x")

    assert refused.value.code == "order.invalid_transition"
    assert refused.value.http_status == 409
    assert snapshot() == before
