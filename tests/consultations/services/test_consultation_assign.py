"""consultation_assign: staff assignees only; assignment is not a response."""

import pytest

from orderdesk.consultations.services import consultation_assign
from orderdesk.core.errors import ValidationFailed
from tests.factories import make_consultation, make_user, snapshot

pytestmark = pytest.mark.django_db


def test_given_a_staff_user_when_assigned_then_event_and_no_first_response(sales):
    request = make_consultation()
    colleague = make_user("customer_care")

    consultation_assign(code=request.code, actor=sales, username=colleague.username)

    request.refresh_from_db()
    assert request.assigned_to == colleague
    assert request.first_response_at is None
    assert [e.data for e in request.events.filter(type="assigned")] == [
        {"from": None, "to": colleague.username}
    ]


def test_given_the_same_assignee_then_nothing_is_recorded(sales):
    request = make_consultation()
    consultation_assign(code=request.code, actor=sales, username=sales.user.username)
    before = snapshot()

    consultation_assign(code=request.code, actor=sales, username=sales.user.username)

    assert snapshot() == before


def test_given_an_unknown_user_then_refused_and_nothing_changes(sales):
    request = make_consultation()
    before = snapshot()

    with pytest.raises(ValidationFailed) as refused:
        consultation_assign(code=request.code, actor=sales, username="ghost")

    assert [e["field"] for e in refused.value.errors] == ["assigned_to"]
    assert snapshot() == before
