"""The permission matrix of docs/permissions.md through the REST API, cell by cell.

One API key per role. An allowed call answers its success status and changes something; a
refused one answers 403 `permission.denied` (or 404 where the role may not even see the
object) and changes nothing at all (`factories.snapshot()`).

An intake key acts on orders it created itself, so its refusals are permission refusals (403),
not "not found"; every other order answers it 404 (`test_given_an_intake_key_…`).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from orderdesk.accounts.services import apikey_create
from orderdesk.consultations.models import ConsultationRequest
from orderdesk.core.actor import Actor
from orderdesk.orders.models import Order
from orderdesk.orders.services import payment_record
from orderdesk.orders.status import OrderStatus
from tests import factories
from tests.api.conftest import ApiClient, order_body

ROLES = ("admin", "operations", "sales", "customer_care", "intake")


@dataclass
class World:
    """What one test acts on, seen by one role's API key."""

    api: ApiClient
    actor: Actor  # the key's own actor
    pending: str  # orders owned by the caller when it is an intake key, else by an admin
    confirmed: str
    ready: str
    shipping: str
    paid: str  # pending, with a payment of 100 000 recorded
    others: str  # an order an admin made (an intake key did not create it)
    consultation: str
    assignee: str  # username of a sales user, for assignments


@pytest.fixture
def world(db) -> Callable[[str], World]:
    def make(role: str) -> World:
        api_key, plain = apikey_create(name=factories.unique(f"{role}-"), role=role)
        actor = Actor.for_api_key(api_key)
        admin = factories.actor_for("admin")
        owner = actor if role == "intake" else admin

        def order(status=None) -> str:
            return factories.make_order(owner, status=status, mover=admin).code

        paid = order()
        payment_record(code=paid, actor=admin, kind="payment", amount="100000", method="cash")
        return World(
            api=ApiClient(plain),
            actor=actor,
            pending=order(),
            confirmed=order(OrderStatus.CONFIRMED),
            ready=order(OrderStatus.READY_TO_SHIP),
            shipping=order(OrderStatus.SHIPPING),
            paid=paid,
            others=factories.make_order(admin).code,
            consultation=factories.make_consultation().code,
            assignee=factories.make_user("sales").get_username(),
        )

    return make


def version_of(model, code: str) -> dict:
    return {"If-Match": f'"{model.objects.get(code=code).version}"'}


def convert_body() -> dict:
    return {k: v for k, v in order_body().items() if k != "customer"}


# action → (how to call it, success status)
ACTIONS: dict[str, tuple[Callable[[World], object], int]] = {
    "create_order": (lambda w: w.api.post("/orders", order_body()), 201),
    "patch_order": (
        lambda w: w.api.patch(
            f"/orders/{w.pending}", {"note": "changed"}, headers=version_of(Order, w.pending)
        ),
        200,
    ),
    "confirm": (
        lambda w: w.api.post(f"/orders/{w.pending}/transitions", {"to": "confirmed"}),
        200,
    ),
    "ready_to_ship": (
        lambda w: w.api.post(f"/orders/{w.confirmed}/transitions", {"to": "ready_to_ship"}),
        200,
    ),
    "ship": (
        lambda w: w.api.post(
            f"/orders/{w.ready}/transitions",
            {"to": "shipping", "carrier": "GHN", "tracking_number": "GHN123"},
        ),
        200,
    ),
    "deliver": (
        lambda w: w.api.post(f"/orders/{w.shipping}/transitions", {"to": "delivered"}),
        200,
    ),
    "cancel_before_shipping": (
        lambda w: w.api.post(
            f"/orders/{w.pending}/transitions", {"to": "cancelled", "reason": "Duplicate"}
        ),
        200,
    ),
    "cancel_while_shipping": (
        lambda w: w.api.post(
            f"/orders/{w.shipping}/transitions", {"to": "cancelled", "reason": "Returned"}
        ),
        200,
    ),
    "payment": (
        lambda w: w.api.post(
            f"/orders/{w.pending}/payments",
            {"kind": "payment", "amount": "1000", "method": "cash"},
        ),
        201,
    ),
    "refund": (
        lambda w: w.api.post(
            f"/orders/{w.paid}/payments", {"kind": "refund", "amount": "1000", "method": "cash"}
        ),
        201,
    ),
    "order_note": (lambda w: w.api.post(f"/orders/{w.pending}/notes", {"text": "Called"}), 201),
    "bulk_transition": (
        lambda w: w.api.post("/orders/bulk/transitions", {"codes": [w.pending], "to": "confirmed"}),
        200,
    ),
    "consultation_assign": (
        lambda w: w.api.patch(
            f"/consultation-requests/{w.consultation}",
            {"assigned_to": w.assignee},
            headers=version_of(ConsultationRequest, w.consultation),
        ),
        200,
    ),
    "consultation_transition": (
        lambda w: w.api.post(
            f"/consultation-requests/{w.consultation}/transitions", {"to": "processing"}
        ),
        200,
    ),
    "consultation_note": (
        lambda w: w.api.post(f"/consultation-requests/{w.consultation}/notes", {"text": "Rang"}),
        201,
    ),
    "consultation_convert": (
        lambda w: w.api.post(f"/consultation-requests/{w.consultation}/convert", convert_body()),
        201,
    ),
}

# action → {role: the answer}; ✔ is the action's success status.
OK, DENIED, HIDDEN = "ok", 403, 404
MATRIX: dict[str, dict[str, object]] = {
    #                         admin  operations  sales   customer_care  intake
    "create_order": dict(zip(ROLES, (OK, OK, OK, DENIED, OK), strict=True)),
    "patch_order": dict(zip(ROLES, (OK, OK, OK, DENIED, DENIED), strict=True)),
    "confirm": dict(zip(ROLES, (OK, OK, OK, DENIED, DENIED), strict=True)),
    "ready_to_ship": dict(zip(ROLES, (OK, OK, DENIED, DENIED, DENIED), strict=True)),
    "ship": dict(zip(ROLES, (OK, OK, DENIED, DENIED, DENIED), strict=True)),
    "deliver": dict(zip(ROLES, (OK, OK, DENIED, DENIED, DENIED), strict=True)),
    "cancel_before_shipping": dict(zip(ROLES, (OK, OK, OK, OK, DENIED), strict=True)),
    "cancel_while_shipping": dict(zip(ROLES, (OK, OK, DENIED, DENIED, DENIED), strict=True)),
    "payment": dict(zip(ROLES, (OK, OK, OK, DENIED, DENIED), strict=True)),
    "refund": dict(zip(ROLES, (OK, OK, DENIED, DENIED, DENIED), strict=True)),
    "order_note": dict(zip(ROLES, (OK, OK, OK, OK, DENIED), strict=True)),
    "bulk_transition": dict(zip(ROLES, (OK, OK, DENIED, DENIED, DENIED), strict=True)),
    "consultation_assign": dict(zip(ROLES, (OK, DENIED, OK, OK, HIDDEN), strict=True)),
    "consultation_transition": dict(zip(ROLES, (OK, DENIED, OK, OK, HIDDEN), strict=True)),
    "consultation_note": dict(zip(ROLES, (OK, DENIED, OK, OK, HIDDEN), strict=True)),
    "consultation_convert": dict(zip(ROLES, (OK, DENIED, OK, OK, HIDDEN), strict=True)),
}
CELLS = [
    pytest.param(action, role, answer, id=f"{action}-{role}")
    for action, row in MATRIX.items()
    for role, answer in row.items()
]


def problem_code(response) -> str:
    assert response["Content-Type"] == "application/problem+json", response.content[:300]
    return response.json()["code"]


@pytest.mark.parametrize(("action", "role", "answer"), CELLS)
def test_given_a_role_when_acting_then_allowed_or_refused_as_the_matrix_says(
    world, action, role, answer
):
    w = world(role)
    call, success = ACTIONS[action]
    before = factories.snapshot()
    response = call(w)
    if answer == OK:
        assert response.status_code == success, response.content[:500]
        assert factories.snapshot() != before
    else:
        assert response.status_code == answer, response.content[:500]
        expected = "permission.denied" if answer == DENIED else "consultation_request.not_found"
        assert problem_code(response) == expected
        assert factories.snapshot() == before


# --- Reading -----------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ROLES)
def test_given_a_role_when_listing_orders_then_staff_see_all_and_intake_only_its_own(world, role):
    w = world(role)
    own = {w.pending, w.confirmed, w.ready, w.shipping, w.paid}
    response = w.api.get("/orders?limit=200")
    assert response.status_code == 200
    listed = {item["code"] for item in response.json()["items"]}
    if role == "intake":
        assert listed == own
    else:
        assert listed == set(Order.objects.values_list("code", flat=True))
        assert w.others in listed


@pytest.mark.parametrize("role", ROLES)
def test_given_a_role_when_counting_orders_then_intake_counts_only_its_own(world, role):
    w = world(role)
    counts = w.api.get("/orders/counts").json()
    expected = Order.objects.count() if role != "intake" else 5
    assert counts["all"] == expected
    if role == "intake":
        assert counts["pending_confirmation"] == 2 and counts["shipping"] == 1


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/orders/{code}", "/orders/{code}/events"])
def test_given_a_role_when_reading_an_order_then_staff_see_any_and_intake_only_its_own(
    world, role, path
):
    w = world(role)
    own = w.api.get(path.format(code=w.pending))
    other = w.api.get(path.format(code=w.others))
    assert own.status_code == 200
    if role == "intake":
        assert other.status_code == 404 and problem_code(other) == "order.not_found"
    else:
        assert other.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_given_a_role_when_reading_consultations_then_intake_sees_none(world, role):
    w = world(role)
    listed = w.api.get("/consultation-requests")
    one = w.api.get(f"/consultation-requests/{w.consultation}")
    assert listed.status_code == 200
    codes = [item["code"] for item in listed.json()["items"]]
    if role == "intake":
        assert codes == []
        assert one.status_code == 404
        assert problem_code(one) == "consultation_request.not_found"
    else:
        assert codes == [w.consultation]
        assert one.status_code == 200 and one.json()["code"] == w.consultation


# --- An intake key and the orders it did not create --------------------------------------------
OTHERS_ORDER_CALLS = {
    "get": lambda w: w.api.get(f"/orders/{w.others}"),
    "events": lambda w: w.api.get(f"/orders/{w.others}/events"),
    "patch": lambda w: w.api.patch(
        f"/orders/{w.others}", {"note": "x"}, headers={"If-Match": '"1"'}
    ),
    "patch_without_if_match": lambda w: w.api.patch(f"/orders/{w.others}", {"note": "x"}),
    "confirm": lambda w: w.api.post(f"/orders/{w.others}/transitions", {"to": "confirmed"}),
    "cancel": lambda w: w.api.post(
        f"/orders/{w.others}/transitions", {"to": "cancelled", "reason": "x"}
    ),
    "payment": lambda w: w.api.post(
        f"/orders/{w.others}/payments", {"kind": "payment", "amount": "1", "method": "cash"}
    ),
    "note": lambda w: w.api.post(f"/orders/{w.others}/notes", {"text": "x"}),
}


@pytest.mark.parametrize("call", OTHERS_ORDER_CALLS.values(), ids=OTHERS_ORDER_CALLS.keys())
def test_given_an_intake_key_when_touching_an_order_it_did_not_create_then_404(world, call):
    w = world("intake")
    before = factories.snapshot()
    response = call(w)
    assert response.status_code == 404
    assert problem_code(response) == "order.not_found"
    assert factories.snapshot() == before


# --- Anyone -------------------------------------------------------------------------------------
# The public endpoint takes a request from anyone without a key; a caller that sends a valid key
# acts as that key, so the matrix applies: operations may not create consultation requests.
SUBMIT = dict(zip([None, *ROLES], (201, 201, 403, 201, 201, 201), strict=True))


@pytest.mark.parametrize(("role", "answer"), SUBMIT.items(), ids=[str(r) for r in SUBMIT])
def test_given_anyone_when_submitting_a_consultation_request_then_as_the_matrix_says(
    world, role, answer
):
    api = ApiClient(None) if role is None else world(role).api
    before = factories.snapshot()
    response = api.post(
        "/consultation-requests",
        {"name": "Lê Lan", "phone": "0912 111 222", "message": "Tư vấn giúp tôi"},
    )
    assert response.status_code == answer, response.content[:300]
    if answer == 201:
        assert set(response.json()) == {"code", "status"}
        assert ConsultationRequest.objects.filter(code=response.json()["code"]).exists()
    else:
        assert problem_code(response) == "permission.denied"
        assert factories.snapshot() == before


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/orders"),
        ("get", "/orders/counts"),
        ("post", "/orders"),
        ("get", "/consultation-requests"),
    ],
)
def test_given_no_key_when_calling_a_staff_endpoint_then_401_and_nothing_changes(db, method, path):
    before = factories.snapshot()
    api = ApiClient(None)
    response = api.get(path) if method == "get" else api.post(path, order_body())
    assert response.status_code == 401
    assert problem_code(response) == "auth.required"
    assert factories.snapshot() == before
