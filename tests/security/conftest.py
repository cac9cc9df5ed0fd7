import pytest

from tests.security.matrix import World, build_world


@pytest.fixture
def world(db, settings) -> World:
    settings.ORDERDESK_WEBHOOK_ALLOW_PRIVATE = True  # the world's webhook points at 127.0.0.1
    return build_world()
