"""consultation_transition and notes: moves, refused moves, first response time, the timeline."""

import pytest

from orderdesk.consultations.services import consultation_note_add, consultation_transition
from orderdesk.consultations.status import ConsultationStatus as C
from orderdesk.core.errors import InvalidTransition, NotFound, ValidationFailed, VersionMismatch
from tests.factories import assert_counters_match, make_consultation, snapshot

pytestmark = pytest.mark.django_db


def move(request, actor, to, **kwargs):
    return consultation_transition(code=request.code, actor=actor, to=to, **kwargs)


def test_given_a_new_request_when_processed_then_confirmed_then_timeline_and_counters(sales):
    request = make_consultation()

    move(request, sales, C.PROCESSING)
    move(request, sales, C.CONFIRMED, note="Sent the size chart")

    request.refresh_from_db()
    assert request.status == C.CONFIRMED
    assert request.version == 3
    moves = [e.data for e in request.events.filter(type="status_changed").order_by("id")]
    assert moves == [
        {"from": C.PENDING_CONFIRMATION, "to": C.PROCESSING},
        {"from": C.PROCESSING, "to": C.CONFIRMED, "note": "Sent the size chart"},
    ]
    assert {e.actor_label for e in request.events.exclude(type="created")} == {
        sales.user.get_username()
    }
    assert_counters_match()


def test_given_a_new_request_when_confirmed_directly_then_allowed(customer_care):
    request = make_consultation()
    move(request, customer_care, C.CONFIRMED)
    request.refresh_from_db()
    assert request.status == C.CONFIRMED
    assert_counters_match()


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ([], C.PENDING_CONFIRMATION),
        ([C.PROCESSING], C.PROCESSING),
        ([C.PROCESSING], C.PENDING_CONFIRMATION),
        ([C.CONFIRMED], C.PENDING_CONFIRMATION),
        ([C.CONFIRMED], C.PROCESSING),
        ([C.CONFIRMED], C.CONFIRMED),
    ],
)
def test_given_an_illegal_move_then_invalid_transition_and_nothing_changes(sales, path, target):
    request = make_consultation()
    for step in path:
        move(request, sales, step)
    before = snapshot()

    with pytest.raises(InvalidTransition) as refused:
        move(request, sales, target)

    assert refused.value.code == "consultation_request.invalid_transition"
    assert refused.value.http_status == 409
    assert request.code in refused.value.message
    assert snapshot() == before


def test_given_an_unknown_status_then_validation_error(sales):
    request = make_consultation()
    with pytest.raises(ValidationFailed):
        move(request, sales, "archived")


def test_given_a_stale_version_then_version_mismatch_and_nothing_changes(sales):
    request = make_consultation()
    move(request, sales, C.PROCESSING)
    before = snapshot()

    with pytest.raises(VersionMismatch) as refused:
        move(request, sales, C.CONFIRMED, expected_version=1)

    assert refused.value.http_status == 412
    assert snapshot() == before


def test_given_a_first_move_then_first_response_is_set_once(sales):
    request = make_consultation()

    move(request, sales, C.PROCESSING)
    request.refresh_from_db()
    first = request.first_response_at
    assert first is not None
    assert first == request.status_changed_at

    move(request, sales, C.CONFIRMED)
    request.refresh_from_db()
    assert request.first_response_at == first


def test_given_a_first_note_then_first_response_is_set_and_later_notes_keep_it(customer_care):
    request = make_consultation()

    consultation_note_add(code=request.code, actor=customer_care, text="Called, no answer")
    request.refresh_from_db()
    first = request.first_response_at
    assert first is not None
    consultation_note_add(code=request.code, actor=customer_care, text="Called again")
    request.refresh_from_db()

    assert request.first_response_at == first
    assert request.status == C.PENDING_CONFIRMATION  # a note does not move the request
    notes = [e.data["text"] for e in request.events.filter(type="note_added").order_by("id")]
    assert notes == ["Called, no answer", "Called again"]


@pytest.mark.parametrize("text", ["", "  "])
def test_given_an_empty_note_then_refused_and_nothing_changes(sales, text):
    request = make_consultation()
    before = snapshot()
    with pytest.raises(ValidationFailed):
        consultation_note_add(code=request.code, actor=sales, text=text)
    assert snapshot() == before


def test_given_an_unknown_code_then_not_found(sales):
    with pytest.raises(NotFound) as refused:
        consultation_note_add(code="CR-999999", actor=sales, text="hello")
    assert refused.value.code == "consultation_request.not_found"
