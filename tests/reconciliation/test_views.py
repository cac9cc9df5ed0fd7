"""The reconciliation pages: who may use them, upload (bad and oversize files), the result,
confirmation, the CSV download and the profile forms."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from orderdesk.orders.models import Payment
from orderdesk.orders.services import order_transition
from orderdesk.orders.status import OrderStatus
from orderdesk.reconciliation.models import Statement, StatementProfile
from orderdesk.reconciliation.parsing import MAX_UPLOAD_BYTES
from tests.factories import make_order, snapshot
from tests.orders.views.conftest import STAFF_ROLES
from tests.reconciliation.factories import (
    day,
    import_rows,
    make_profile,
    profile_data,
    statement_csv,
)

pytestmark = pytest.mark.django_db
ALLOWED = {"admin", "operations"}


@pytest.fixture
def statement(admin, bank):
    order = make_order(admin)
    return import_rows(admin, bank, [(day(), "330,000", order.code, '=HYPERLINK("x")')])


def upload(client, profile, data: bytes, name="statement.csv"):
    file = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(reverse("reconciliation:home"), {"profile": profile.pk, "file": file})


# --- Permissions -------------------------------------------------------------------------------
PAGES = ["home", "profiles", "profile_edit", "statement", "export"]


@pytest.mark.parametrize("role", STAFF_ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_given_a_role_when_opening_a_page_then_allowed_or_403(client_for, statement, role, page):
    kwargs = {
        "profile_edit": {"profile_id": statement.profile_id},
        "statement": {"statement_id": statement.pk},
        "export": {"statement_id": statement.pk},
    }.get(page, {})

    response = client_for(role).get(reverse(f"reconciliation:{page}", kwargs=kwargs))

    assert response.status_code == (200 if role in ALLOWED else 403)


@pytest.mark.parametrize("role", sorted(set(STAFF_ROLES) - ALLOWED))
@pytest.mark.parametrize("action", ["confirm", "rematch", "discard"])
def test_given_a_role_without_the_permission_when_posting_then_403_and_nothing_changes(
    client_for, statement, role, action
):
    before = snapshot()

    response = client_for(role).post(
        reverse(f"reconciliation:{action}", kwargs={"statement_id": statement.pk})
    )

    assert response.status_code == 403
    assert snapshot() == before
    assert Statement.objects.get(pk=statement.pk).status == Statement.Status.REVIEW


@pytest.mark.parametrize("role", sorted(set(STAFF_ROLES) - ALLOWED))
def test_given_a_role_without_the_permission_when_uploading_then_403(client_for, bank, role):
    response = upload(client_for(role), bank, statement_csv([(day(), "1", "x", "")]))

    assert response.status_code == 403
    assert not Statement.objects.exists()


def test_given_anonymous_when_opening_reconciliation_then_sent_to_log_in(client):
    response = client.get(reverse("reconciliation:home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_given_a_role_then_the_nav_link_shows_only_with_the_permission(client_for, role):
    page = client_for(role).get(reverse("orders:list")).content.decode()

    assert (reverse("reconciliation:home") in page) == (role in ALLOWED)


# --- Upload ------------------------------------------------------------------------------------
def test_given_a_good_file_when_uploaded_then_the_result_page_shows_each_section(
    client_for, admin, bank
):
    order = make_order(admin)
    client = client_for("operations")
    data = statement_csv([(day(), "330,000", order.code, ""), (day(), "7", "FT9", "")])

    response = upload(client, bank, data)

    statement = Statement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == statement.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    for heading in ("Matched", "Amount differs", "Unmatched", "Already recorded"):
        assert heading in page
    assert order.code in page
    assert "Record 1 payment…" in page
    assert not Payment.objects.exists()


def test_given_a_bad_amount_when_uploaded_then_the_page_names_line_and_column(client_for, bank):
    rows = [(day(), "1,000", "ok", "")] * 12 + [(day(), "12,5x", "bad", "")]

    response = upload(client_for("admin"), bank, statement_csv(rows))

    assert response.status_code == 200
    page = response.content.decode()
    assert "The file was not imported; nothing was changed." in page
    assert "Line 14, column Amount: &#x27;12,5x&#x27; is not an amount" in page
    assert not Statement.objects.exists()


@pytest.mark.parametrize("extra", [1, 1024 * 1024])
def test_given_a_file_over_50_mb_when_uploaded_then_a_form_error_not_a_500(client_for, bank, extra):
    big = statement_csv([(day(), "1", "x", "")]) + b"9" * (MAX_UPLOAD_BYTES + extra)

    response = upload(client_for("admin"), bank, big)

    assert response.status_code == 200
    assert "larger than 50 MB" in response.content.decode()
    assert not Statement.objects.exists()


def test_given_no_file_when_uploading_then_the_form_says_so(client_for, bank):
    response = client_for("admin").post(reverse("reconciliation:home"), {"profile": bank.pk})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


# --- Actions -----------------------------------------------------------------------------------
def test_given_a_matched_statement_when_confirmed_from_the_page_then_recorded(
    client_for, statement
):
    client = client_for("operations")
    url = reverse("reconciliation:confirm", kwargs={"statement_id": statement.pk})

    response = client.post(url, follow=True)

    assert "1 payment recorded, ₫330,000." in response.content.decode()
    assert Payment.objects.count() == 1
    assert Statement.objects.get(pk=statement.pk).status == Statement.Status.CONFIRMED


def test_given_an_order_cancelled_meanwhile_when_confirmed_from_the_page_then_why_is_shown(
    client_for, admin, statement
):
    line = statement.lines.get()
    order_transition(code=line.order.code, actor=admin, to=OrderStatus.CANCELLED, reason="x")
    url = reverse("reconciliation:confirm", kwargs={"statement_id": statement.pk})

    response = client_for("admin").post(url, follow=True)

    page = response.content.decode()
    assert "Nothing was recorded." in page
    assert "was cancelled meanwhile" in page
    assert not Payment.objects.exists()


def test_given_a_statement_when_discarded_then_it_shows_in_the_history_as_discarded(
    client_for, statement
):
    client = client_for("admin")
    client.post(reverse("reconciliation:discard", kwargs={"statement_id": statement.pk}))

    page = client.get(reverse("reconciliation:home")).content.decode()

    assert "Discarded" in page
    assert statement.file_name in page


# --- Download ----------------------------------------------------------------------------------
def test_given_a_statement_when_downloaded_then_csv_with_every_line_formula_safe(client_for, admin):
    courier = make_profile(admin, method="cod")
    paid = make_order(admin)
    unpaid = make_order(admin, status=OrderStatus.DELIVERED)
    rows = [(day(), "330,000", paid.code, '=HYPERLINK("x")'), (day(), "5", "+cmd", "")]
    statement = import_rows(admin, courier, rows)

    response = client_for("operations").get(
        reverse("reconciliation:export", kwargs={"statement_id": statement.pk})
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"statement-{statement.pk}-" in response["Content-Disposition"]
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert table[0][:4] == ["Result", "Line", "Date", "Amount"]
    assert table[1][:4] == ["matched", "2", timezone.localdate().isoformat(), "330000.000"]
    assert table[1][5] == '\'=HYPERLINK("x")'
    assert table[1][6] == paid.code
    assert table[1][7] == "code"
    assert table[2][0] == "unmatched" and table[2][4] == "'+cmd"
    assert table[2][10].startswith("No order code")
    assert table[3][0] == "delivered_unpaid" and table[3][6] == unpaid.code
    assert len(table) == 4


# --- Profiles ----------------------------------------------------------------------------------
def test_given_the_profile_form_when_filled_then_a_profile_and_a_duplicate_name_is_refused(
    client_for,
):
    client = client_for("admin")
    data = profile_data(name="Vietcombank", thousands_separator="point", decimal_separator="comma")

    first = client.post(reverse("reconciliation:profiles"), data)
    second = client.post(reverse("reconciliation:profiles"), {**data, "name": "vietcombank"})

    assert first.status_code == 302
    assert StatementProfile.objects.get().thousands_separator == "point"
    assert "Another profile has this name." in second.content.decode()
    assert StatementProfile.objects.count() == 1


def test_given_equal_separators_when_saving_a_profile_then_the_field_says_so(client_for, bank):
    url = reverse("reconciliation:profile_edit", kwargs={"profile_id": bank.pk})
    data = profile_data(name=bank.name, thousands_separator="point", decimal_separator="point")

    response = client_for("admin").post(url, data)

    assert "The thousands and decimal separators must differ." in response.content.decode()
    assert StatementProfile.objects.get(pk=bank.pk).thousands_separator == "comma"
