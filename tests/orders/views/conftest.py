"""Web-view fixtures: a logged-in test client per role, and an order to act on."""

import pytest
from django.test import Client

from tests import factories

STAFF_ROLES = ("admin", "operations", "sales", "customer_care")


@pytest.fixture
def client_for(db):
    """client_for("sales") → a Client logged in as a new sales user."""

    def make(role: str) -> Client:
        client = Client()
        client.force_login(factories.make_user(role))
        return client

    return make


@pytest.fixture
def order(admin):
    return factories.make_order(admin)
