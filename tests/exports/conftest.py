import pytest
from django.test import Client

from tests import factories
from tests.api.conftest import api_for  # noqa: F401 (the API client fixture)


@pytest.fixture
def export_dir(settings, tmp_path):
    settings.ORDERDESK_EXPORT_DIR = tmp_path / "exports"
    return settings.ORDERDESK_EXPORT_DIR


@pytest.fixture
def login(db):
    """login("sales") → (client, user): a Client logged in as a new user of that role."""

    def make(role: str):
        user = factories.make_user(role)
        client = Client()
        client.force_login(user)
        return client, user

    return make
