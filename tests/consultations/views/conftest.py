import pytest
from django.test import Client

from tests import factories

STAFF_ROLES = ("admin", "operations", "sales", "customer_care")


@pytest.fixture
def client_for(db):
    def make(role: str) -> Client:
        client = Client()
        client.force_login(factories.make_user(role))
        return client

    return make
