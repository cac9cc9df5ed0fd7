"""The timeline is append-only: an event, once written, is never changed or removed."""

import pytest

from orderdesk.consultations.models import ConsultationEvent
from orderdesk.core.models import AppendOnlyError
from orderdesk.orders.models import OrderEvent
from tests.factories import events, make_consultation, make_order

pytestmark = pytest.mark.django_db


def test_given_an_order_event_when_saved_again_then_append_only_error_and_unchanged(admin):
    event = events(make_order(admin))[0]
    original = dict(event.data)

    event.data = {"status": "forged"}
    with pytest.raises(AppendOnlyError):
        event.save()

    assert OrderEvent.objects.get(pk=event.pk).data == original


def test_given_an_order_event_when_deleted_then_append_only_error_and_still_there(admin):
    event = events(make_order(admin))[0]

    with pytest.raises(AppendOnlyError):
        event.delete()

    assert OrderEvent.objects.filter(pk=event.pk).exists()


def test_given_a_consultation_event_when_changed_or_deleted_then_append_only_error(db):
    event = ConsultationEvent.objects.get(request=make_consultation())

    event.actor_label = "someone else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()

    assert ConsultationEvent.objects.get(pk=event.pk).actor_label == "system"


def test_given_events_when_bulk_updated_or_deleted_through_a_queryset_then_refused(admin):
    order = make_order(admin)
    with pytest.raises(AppendOnlyError):
        OrderEvent.objects.filter(order=order).update(type="forged")
    with pytest.raises(AppendOnlyError):
        OrderEvent.objects.filter(order=order).delete()
    assert OrderEvent.objects.filter(order=order, type="created").count() == 1
