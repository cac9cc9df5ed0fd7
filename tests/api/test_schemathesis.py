"""Property-based API tests: every operation of the OpenAPI schema, fuzzed by Schemathesis.

The schema is loaded from the application itself (WSGI, no server). Every generated request is
sent with an admin API key and again with an intake key (issue #8, point 8), and its response goes through every Schemathesis check: no 5xx, only
documented status codes, content types, headers and bodies as declared, data the schema forbids
refused, data the schema allows accepted, authentication enforced.

"Data the schema allows accepted" (`positive_data_acceptance`) has one refinement, made in
`accepted_unless_a_business_rule`: a 422 for schema-valid data passes only when every error it
names is in BUSINESS_RULES, the rules no JSON Schema can state (they depend on stored data, on
the clock or on the sum of several fields). Any other 422 — a shape the schema allows and the
API refuses — fails the test.

Generated strings hold no NUL character: the API refuses NUL anywhere with a documented 400
(PostgreSQL cannot store it), which is not a shape a JSON Schema string can exclude.

Path parameters are either generated or the code of an order / consultation request made by
the fixture, so the 200 answers of the single-object endpoints are checked too; PATCH sends the
current version as If-Match when it targets one of those.

10 examples per operation keep the run short; set ORDERDESK_SCHEMATHESIS_EXAMPLES=200 for a
deeper local run.
"""

import os
import re
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import positive_data_acceptance

from orderdesk.accounts.services import apikey_create
from orderdesk.consultations.models import ConsultationRequest
from orderdesk.core.actor import Actor
from orderdesk.orders.models import Order
from orderdesk.orders.status import OrderStatus
from orderdesk.wsgi import application
from tests import factories

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
schema.config.generation.update(allow_x00=False)

# Per operation, the fields whose 422 a schema-valid request may still earn, and why.
_ORDER_CONTENT = {
    "items",  # the order's total outgrows what is stored (sum of lines)
    "items.*.quantity",  # quantity × unit price outgrows what is stored
    "discount",  # a discount larger than items plus shipping
    "shipping_address.city",  # neither a city nor a province
}
BUSINESS_RULES: dict[str, set[str]] = {
    "POST /api/v1/orders": _ORDER_CONTENT,
    "POST /api/v1/consultation-requests/{code}/convert": _ORDER_CONTENT,
    "PATCH /api/v1/orders/{code}": _ORDER_CONTENT | {"assigned_to"},  # no such staff user
    "POST /api/v1/orders/{code}/transitions": {"reason"},  # cancelling needs a reason
    "POST /api/v1/orders/bulk/transitions": {"reason"},
    "POST /api/v1/orders/{code}/payments": {
        "amount",  # a refund above what was paid; an amount that rounds to 0 in the currency
        "paid_at",  # in the future, or before 1900 once converted to UTC
    },
    "PATCH /api/v1/consultation-requests/{code}": {"assigned_to", "follow_up_at"},
    "GET /api/v1/orders": {"cursor", "created_to"},  # a forged cursor; the end before the start
    "GET /api/v1/orders/counts": {"created_to"},
    "GET /api/v1/orders/export": {"created_to"},
    "GET /api/v1/consultation-requests/export": {"created_to"},
    "GET /api/v1/consultation-requests": {"cursor", "created_to"},
    "POST /api/v1/webhooks": {"url"},  # a host that does not resolve to a public address
    # 2026-02-30 and the like; the end before the start; more than three years
    "GET /api/v1/reports/summary": {"from", "to"},
}


# Codes of the rows the fixture makes; filled in per test, read while examples are generated.
KNOWN_CODES: dict[str, list[str]] = {"orders": [], "consultation-requests": []}

_EXAMPLES = int(os.environ.get("ORDERDESK_SCHEMATHESIS_EXAMPLES", "10"))
EXAMPLES = settings(
    max_examples=_EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
# Most answers to an intake key are the same 403 or 404: half the budget finds as much.
INTAKE_EXAMPLES = settings(EXAMPLES, max_examples=max(1, _EXAMPLES // 2))


@schema.hook("flatmap_path_parameters")
def sometimes_a_known_code(context, path_parameters):
    if not path_parameters or "code" not in path_parameters:
        return st.just(path_parameters)
    collection = (
        "consultation-requests" if "/consultation-requests" in context.operation.path else "orders"
    )
    known = [{**path_parameters, "code": code} for code in KNOWN_CODES[collection]]
    return st.sampled_from([path_parameters, *known])


@contextmanager
def key_with_data(role: str):
    """A new API key of each role the API serves most (an admin: every door open; an intake
    key: most doors shut, its own orders only); a few orders and consultation requests to act
    on, the orders made by the key itself so intake's 200 answers are checked too.

    The real WSGI handler closes "old" connections at the start and end of every request, which
    on PostgreSQL would end the test's transaction; Django's test client turns that off for its
    own requests, and this fixture does the same for the Schemathesis ones.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        admin = factories.actor_for("admin")
        key, plain = apikey_create(name=factories.unique("schemathesis-"), role=role)
        owner = Actor.for_api_key(key) if role == "intake" else admin
        KNOWN_CODES["orders"] = [
            factories.make_order(owner, status=status, mover=admin).code
            for status in (OrderStatus.PENDING_CONFIRMATION, OrderStatus.SHIPPING)
        ]
        KNOWN_CODES["consultation-requests"] = [factories.make_consultation(admin).code]
        yield plain
    finally:
        KNOWN_CODES["orders"], KNOWN_CODES["consultation-requests"] = [], []
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def admin_key(db):
    with key_with_data("admin") as plain:
        yield plain


@pytest.fixture
def intake_key(db):
    with key_with_data("intake") as plain:
        yield plain


def headers_for(case, key: str) -> dict:
    headers = {"Authorization": f"Bearer {key}"}
    code = (case.path_parameters or {}).get("code")
    if case.method == "PATCH" and code:
        model = ConsultationRequest if "/consultation-requests" in case.path else Order
        version = model.objects.filter(code=code).values_list("version", flat=True).first()
        if version is not None:
            headers["If-Match"] = f'"{version}"'
    return headers


def _error_fields(response) -> set[str]:
    try:
        errors = response.json().get("errors") or []
    except ValueError:
        return set()
    # "items.3.quantity" → "items.*.quantity"
    return {
        re.sub(r"\.[0-9]+(?=\.|$)", ".*", str(error["field"]))
        for error in errors
        if error.get("field")
    }


@schemathesis.check
def accepted_unless_a_business_rule(ctx, response, case):
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        allowed = BUSINESS_RULES.get(f"{case.method} {case.path}", set())
        fields = _error_fields(response)
        if response.status_code == 422 and fields and fields <= allowed:
            return None
        raise


@schema.parametrize()
@EXAMPLES
def test_every_answer_conforms_to_the_schema(case, admin_key):
    case.call_and_validate(
        headers=headers_for(case, admin_key),
        excluded_checks=[positive_data_acceptance],
        additional_checks=[accepted_unless_a_business_rule],
    )


@schema.parametrize()
@INTAKE_EXAMPLES
def test_every_answer_to_an_intake_key_conforms_to_the_schema(case, intake_key):
    case.call_and_validate(
        headers=headers_for(case, intake_key),
        excluded_checks=[positive_data_acceptance],
        additional_checks=[accepted_unless_a_business_rule],
    )
