"""Shared test set-up: Hypothesis profiles, the PostgreSQL-only marker, fast passwords, actors.

The suite runs on SQLite by default and on PostgreSQL with
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/test``.
"""

import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests import factories

# --- Hypothesis --------------------------------------------------------------------------------
# Database-backed property tests take function-scoped fixtures (the `db` transaction is rolled
# back once per test, and every example cleans up after itself), and a database round trip makes
# timing deadlines meaningless.
_SUPPRESSED = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
hypothesis_settings.register_profile(
    "default", deadline=None, suppress_health_check=_SUPPRESSED, max_examples=50
)
hypothesis_settings.register_profile(
    "ci", deadline=None, suppress_health_check=_SUPPRESSED, max_examples=200, print_blob=True
)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "default")


# --- Django ------------------------------------------------------------------------------------
def pytest_configure(config):
    from django.conf import settings

    # Users are made by the real service, which hashes a password: keep that cheap in tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def is_postgresql() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    if is_postgresql():
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL row locks")
    for item in items:
        if item.get_closest_marker("postgres_only"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts and ends in the default language. A request activates the language of
    its user or browser for the rest of the thread (Django never switches back), and a later
    test calling a service directly would otherwise speak it."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


# --- Actors ------------------------------------------------------------------------------------
@pytest.fixture
def admin(db):
    return factories.actor_for("admin")


@pytest.fixture
def operations(db):
    return factories.actor_for("operations")


@pytest.fixture
def sales(db):
    return factories.actor_for("sales")


@pytest.fixture
def customer_care(db):
    return factories.actor_for("customer_care")


@pytest.fixture
def intake(db):
    return factories.actor_for("intake")


@pytest.fixture
def steady_rate_window(monkeypatch):
    """Rate limits count in fixed clock windows; a test whose requests straddle a window's end
    would see its count restart. Hold the limiter's clock still for the test."""
    from types import SimpleNamespace

    from orderdesk.core import ratelimit

    now = ratelimit.time.time()
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: now))
