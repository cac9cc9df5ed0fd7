"""Reconciliation fixtures: a bank profile, and the logged-in clients of the order pages."""

import pytest

from tests.orders.views.conftest import client_for  # noqa: F401 (a fixture, shared)
from tests.reconciliation.factories import make_profile


@pytest.fixture
def bank(admin):
    """A bank-transfer profile for VND statements (see factories.profile_data)."""
    return make_profile(admin)
