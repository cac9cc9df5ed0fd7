"""consultation_create: public and staff requests, codes, validation, counters, the timeline."""

import re

import pytest

from orderdesk.consultations.models import ConsultationEvent, ConsultationRequest
from orderdesk.consultations.selectors import consultation_status_counts
from orderdesk.consultations.services import consultation_create
from orderdesk.consultations.status import ConsultationStatus
from orderdesk.core.errors import PermissionDenied, ValidationFailed
from tests.factories import assert_counters_match, consultation_in, make_consultation, snapshot

pytestmark = pytest.mark.django_db

CODE = re.compile(r"^CR-(\d{6})$")


def test_given_the_public_when_a_request_is_sent_then_it_is_recorded_pending(db):
    counts_before = consultation_status_counts()

    request = consultation_create(actor=None, data=consultation_in())

    stored = ConsultationRequest.objects.get(pk=request.pk)
    assert CODE.match(stored.code)
    assert stored.status == ConsultationStatus.PENDING_CONFIRMATION
    assert stored.phone_normalized == "+84987654321"
    assert stored.created_by is None
    assert stored.created_by_api_key is None
    assert stored.first_response_at is None
    assert stored.order is None
    assert "tran thi binh" in stored.search_text
    assert "0987654321" in stored.search_text
    created = list(ConsultationEvent.objects.filter(request=stored))
    assert [(e.type, e.actor_label, e.data) for e in created] == [
        ("created", "system", {"source": "web_form"})
    ]
    counts_after = consultation_status_counts()
    assert counts_after["pending_confirmation"] == counts_before["pending_confirmation"] + 1
    assert_counters_match()


def test_given_several_requests_then_codes_are_unique_and_increasing(db):
    codes = [make_consultation().code for _ in range(4)]
    numbers = [int(CODE.match(code).group(1)) for code in codes]
    assert numbers == sorted(set(numbers))


@pytest.mark.parametrize("role", ["admin", "sales", "customer_care", "intake"])
def test_given_a_role_that_may_create_then_the_creator_is_recorded(request, role):
    actor = request.getfixturevalue(role)

    created = consultation_create(actor=actor, data=consultation_in(source="phone"))

    assert created.created_by == actor.user
    assert created.created_by_api_key == actor.api_key
    event = created.events.get()
    assert event.actor_label == actor.label


def test_given_operations_then_it_may_not_create_and_nothing_changes(operations):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        consultation_create(actor=operations, data=consultation_in())
    assert snapshot() == before


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"name": "", "message": ""}, {"name", "message"}),
        ({"phone": ""}, {"phone"}),
        ({"phone": "12345"}, {"phone"}),
        ({"email": "not-mail"}, {"email"}),
        ({"source": "pigeon"}, {"source"}),
        ({"message": "x" * 5001}, {"message"}),
        ({"preferred_contact_time": "x" * 121}, {"preferred_contact_time"}),
    ],
)
def test_given_invalid_input_then_field_errors_and_nothing_changes(db, overrides, fields):
    make_consultation()
    before = snapshot()

    with pytest.raises(ValidationFailed) as refused:
        consultation_create(actor=None, data=consultation_in(**overrides))

    assert fields <= {e["field"] for e in refused.value.errors}
    assert snapshot() == before
