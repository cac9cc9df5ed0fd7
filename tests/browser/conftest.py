"""Browser tests: Playwright (sync API) drives Debian's Chromium against pytest-django's live server.

Every test module here carries ``pytestmark = BROWSER`` (below): the ``browser`` marker and a
transactional database, because the live server answers from another thread and only sees
committed rows. ``serialized_rollback`` puts back what the data migration made (the role groups
and their permissions), which a transactional test's flush would otherwise delete.

Run them with ``pytest tests/browser`` (or ``-m browser``); ``make test`` installs Chromium.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import Browser, Page, expect, sync_playwright

from orderdesk.accounts.services import user_create
from tests import factories

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
VIEWPORT = {"width": 1366, "height": 900}
PASSWORD = "a-long-Passphrase-42"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

BROWSER = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Playwright waits up to this long for a locator; the pages answer in milliseconds.
expect.set_options(timeout=5_000)


# --- Browser -----------------------------------------------------------------------------------
@pytest.fixture(scope="package")
def browser(django_db_setup) -> Iterator[Browser]:
    """Chromium for the tests of this package; stopped when they are done, so that no event loop
    is left running under the rest of the suite."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM}, which is missing. "
            "`make test` installs it (apt-get install chromium); never `playwright install`.",
            pytrace=False,
        )
    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an asyncio event loop running in this thread, and Django
        # then refuses ORM calls from "an async context". Test code only uses the ORM between
        # browser steps, never concurrently with them, so Django's documented escape hatch is
        # safe here; it is set only while the browser runs, not for the rest of the suite.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # With a loop running, Django's per-thread connection registry (asgiref's Local) stops
        # answering from the thread's storage and starts an empty per-context one: the test would
        # get a second connection object, without the state the test-database setup left on the
        # first (serialized_rollback's snapshot of the role groups, for one). Register the same
        # objects in the new storage, so this thread keeps using one connection per database.
        existing = {alias: connections[alias] for alias in connections}
        playwright = sync_playwright().start()
        try:
            for alias, connection in existing.items():
                connections[alias] = connection
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()
        finally:
            playwright.stop()


@dataclass
class PageProblems:
    """What went wrong inside the pages of one test: JS exceptions and console errors."""

    exceptions: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        return [e for e in self.console_errors if "Content Security Policy" in e]

    def report(self) -> str:
        lines = [f"JS exception: {e}" for e in self.exceptions]
        lines += [f"console error: {e}" for e in self.console_errors]
        return "\n".join(lines)


@pytest.fixture
def page_problems(request) -> PageProblems:
    problems = PageProblems()
    request.node.page_problems = problems
    return problems


@pytest.fixture
def open_page(browser, page_problems) -> Iterator[Callable[..., Page]]:
    """open_page(**context_options) → a Page in a fresh browser context (its own cookies).

    Any uncaught JS exception, or a script or style the page's own CSP blocks, fails the test
    (see pytest_runtest_call below); other console errors are listed with any failure.
    """
    contexts = []

    def make(**options) -> Page:
        context = browser.new_context(viewport=VIEWPORT, locale="en-US", **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: page_problems.exceptions.append(str(error)))
        page.on(
            "console",
            lambda message: (
                page_problems.console_errors.append(f"{message.text} ({page.url})")
                if message.type == "error"
                else None
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page) -> Page:
    return open_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After the test body: a JS exception, or a script or style blocked by the page's own CSP,
    fails the test even if its assertions passed; any failure lists what the pages reported."""
    try:
        result = yield
    except BaseException:
        problems = getattr(item, "page_problems", None)
        if problems is not None and problems.report():
            item.add_report_section("call", "browser", problems.report())
        raise
    problems = getattr(item, "page_problems", None)
    if problems is not None and (problems.exceptions or problems.csp_violations()):
        pytest.fail("The pages reported errors:\n" + problems.report(), pytrace=False)
    return result


# --- People and pages --------------------------------------------------------------------------
@pytest.fixture
def admin_actor():
    """An admin Actor for making test data through the services (not a browser login)."""
    return factories.actor_for("admin")


def make_staff(role: str) -> str:
    """A new staff user of `role` (password PASSWORD); returns the username."""
    user, _password = user_create(
        username=factories.unique(f"{role}-"), role=role, password=PASSWORD
    )
    return user.username


def login(page: Page, live_server, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


@pytest.fixture
def logged_in(live_server, open_page) -> Callable[..., Page]:
    """logged_in("operations") → a new page, in its own context, logged in as a new user."""

    def make(role: str, **context_options) -> Page:
        page = open_page(**context_options)
        login(page, live_server, make_staff(role))
        return page

    return make


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under tests/artifacts/ (git-ignored) for a human to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path
