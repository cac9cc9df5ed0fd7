"""The consultation request workflow, as pure functions: no database."""

from itertools import product

import pytest

from orderdesk.consultations.status import (
    OPEN_STATUSES,
    WAITING_STATUSES,
    allowed_targets,
    check_transition,
    is_allowed,
)
from orderdesk.consultations.status import ConsultationStatus as C
from orderdesk.core.errors import InvalidTransition

ALLOWED = {
    (C.PENDING_CONFIRMATION, C.PROCESSING),
    (C.PENDING_CONFIRMATION, C.CONFIRMED),
    (C.PROCESSING, C.CONFIRMED),
}
ALL_PAIRS = list(product(C, C))
LABELS = {
    C.PENDING_CONFIRMATION: "Pending Confirmation",
    C.PROCESSING: "Processing",
    C.CONFIRMED: "Confirmed",
}


def pair_id(pair) -> str:
    return f"{pair[0]}->{pair[1]}"


def test_given_the_workflow_then_there_are_three_statuses_with_their_labels():
    assert [s.value for s in C] == ["pending_confirmation", "processing", "confirmed"]
    assert {s: s.label for s in C} == LABELS


@pytest.mark.parametrize("pair", sorted(ALLOWED), ids=pair_id)
def test_given_a_legal_move_when_checked_then_it_is_allowed(pair):
    current, target = pair
    assert is_allowed(current, target)
    assert target in allowed_targets(current)
    check_transition("CR-000001", current, target)


@pytest.mark.parametrize("pair", [p for p in ALL_PAIRS if p not in ALLOWED], ids=pair_id)
def test_given_an_illegal_move_when_checked_then_it_is_refused_naming_request_status_and_target(
    pair,
):
    current, target = pair
    assert not is_allowed(current, target)
    assert target not in allowed_targets(current)
    with pytest.raises(InvalidTransition) as refused:
        check_transition("CR-000007", current, target)

    error = refused.value
    assert error.code == "consultation_request.invalid_transition"
    assert error.http_status == 409
    assert "CR-000007" in error.message
    assert LABELS[current] in error.message
    assert LABELS[target] in error.message


def test_given_the_matrix_then_exactly_three_of_nine_moves_exist():
    assert {pair for pair in ALL_PAIRS if is_allowed(*pair)} == ALLOWED


def test_given_a_confirmed_request_then_it_has_no_way_out():
    assert allowed_targets(C.CONFIRMED) == []


def test_given_the_statuses_then_waiting_and_open_sets_are_right():
    assert set(WAITING_STATUSES) == {C.PENDING_CONFIRMATION}
    assert set(OPEN_STATUSES) == {C.PENDING_CONFIRMATION, C.PROCESSING}
