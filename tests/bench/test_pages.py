"""What the harness reads from the product's own output: the CSRF field of the login page,
the Next page and order links of the list, the summary lines of `demo` and `export`. If the
product changes them, these fail here instead of the bench measuring the wrong thing."""

import pytest
from django.core.management import call_command

from bench.client import CSRF_FIELD
from bench.exports import WROTE
from bench.generation import DEMO_SUMMARY
from bench.mixed import NEXT_LINK, ORDER_LINK
from orderdesk.core.management.commands.demo import summary
from orderdesk.demo import DemoResult
from tests import factories


def test_the_login_page_has_the_csrf_field_the_client_signs_in_with(client):
    page = client.get("/login/")

    assert CSRF_FIELD.search(page.content.decode())


@pytest.mark.django_db
def test_a_full_list_page_has_a_next_page_link_and_order_links(client, admin):
    for _ in range(51):
        factories.make_order(admin)
    client.force_login(admin.user)

    page = client.get("/orders/").content.decode()

    assert NEXT_LINK.search(page).group(1).startswith("?cursor=")
    assert len(ORDER_LINK.findall(page)) == 50


def test_the_demo_summary_line_is_read_for_its_rate():
    line = summary(DemoResult(orders=1_000_000, consultations=0, seed=7, seconds=142.3))

    found = DEMO_SUMMARY.search(line)

    assert (found.group(1), found.group(2)) == ("142.3", "7,027")


@pytest.mark.django_db
def test_the_export_command_line_is_read_for_rows_and_rate(tmp_path, capsys, admin):
    factories.make_order(admin)

    call_command("export", "orders", "--output", str(tmp_path / "orders.csv"))

    found = WROTE.search(capsys.readouterr().err)
    assert found.group(1) == "1"
