"""Report fixtures: a business clock the services read (timezone.now), in Asia/Ho_Chi_Minh
(UTC+7) so a business day and a UTC day differ, with VND as the shop's currency."""

from datetime import datetime

import pytest
from django.utils import timezone

from orderdesk.reports.rebuild import rollups_drift

ZONE = "Asia/Ho_Chi_Minh"


class Clock:
    """What timezone.now() answers while a test runs; set it in business time."""

    def __init__(self) -> None:
        self.now = timezone.now()

    def at(self, local: str) -> datetime:
        """'2026-03-01 23:59' in the business time zone, as an aware datetime."""
        return timezone.make_aware(datetime.fromisoformat(local), timezone.get_default_timezone())

    def set(self, local: str) -> datetime:
        self.now = self.at(local)
        return self.now


@pytest.fixture
def business(settings):
    settings.TIME_ZONE = ZONE
    settings.ORDERDESK_CURRENCY = "VND"
    settings.ORDERDESK_CONSULTATION_SLA_MINUTES = 30
    return settings


@pytest.fixture
def clock(business, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


def assert_rollups_match() -> None:
    """The rollups the services kept equal a recomputation from the orders and the ledger."""
    assert rollups_drift() == []
