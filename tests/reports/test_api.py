"""GET /api/v1/reports/summary: the report's figures as JSON, for the roles that see reports."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

URL = "/reports/summary?from=2026-03-01&to=2026-03-03"


CONTRACT = {
    "orders": {"created", "by_status", "delivered", "cancelled", "cancellation_rate"},
    "revenue": {"ordered", "delivered", "paid", "refunded", "outstanding", "average_order_value"},
    "consultations": {
        "created", "by_status", "median_first_response_seconds", "p90_first_response_seconds",
        "within_target_rate", "conversion_rate",
    },
}  # fmt: skip


def test_given_the_history_then_the_summary_has_the_contract_shape_and_the_hand_counts(
    history, api_for
):
    response = api_for("operations").get(URL)

    assert response.status_code == 200, response.content
    body = response.json()
    for part, keys in CONTRACT.items():
        assert keys <= body[part].keys()
    assert body["orders"]["created"] == 4
    assert body["orders"]["by_status"]["pending_confirmation"] == 2
    assert body["orders"]["delivered"] == 2 and body["orders"]["cancelled"] == 2
    assert body["orders"]["cancellation_rate"] == 0.25
    assert {key: body["revenue"][key] for key in (
        "ordered", "delivered", "paid", "refunded", "outstanding", "average_order_value"
    )} == {
        "ordered": "660000",
        "delivered": "660000",
        "paid": "480000",
        "refunded": "50000",
        "outstanding": "230000",
        "average_order_value": "330000",
    }  # fmt: skip
    assert body["revenue"]["other_currencies"]["USD"]["ordered"] == "10.50"
    consultations = body["consultations"]
    assert consultations["created"] == 3
    assert consultations["by_status"] == {
        "pending_confirmation": 2,
        "processing": 1,
        "confirmed": 0,
    }
    assert consultations["median_first_response_seconds"] == 1500
    assert consultations["p90_first_response_seconds"] == 2400
    assert consultations["within_target_rate"] == pytest.approx(1 / 3)
    assert consultations["conversion_rate"] == pytest.approx(1 / 3)
    assert body["period"] == {"from": "2026-03-01", "to": "2026-03-03", "days": 3}
    assert body["time_zone"] == "Asia/Ho_Chi_Minh"
    assert [day["day"] for day in body["per_day"]] == ["2026-03-01", "2026-03-02", "2026-03-03"]
    assert body["per_day"][0]["paid"] == "380000"
    assert body["previous"]["period"] == {"from": "2026-02-26", "to": "2026-02-28", "days": 3}
    assert body["previous"]["orders"]["created"] == 2
    assert body["previous"]["revenue"]["outstanding"] == "0"


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 200), ("operations", 200), ("sales", 200), ("customer_care", 403), ("intake", 403)],
)
def test_given_a_role_then_the_summary_is_given_or_refused(business, api_for, role, status):
    response = api_for(role).get(URL)

    assert response.status_code == status
    if status == 403:
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "permission.denied"


def test_given_no_key_then_401(business, api_for):
    assert api_for(None).get(URL).status_code == 401


def test_given_a_staff_session_then_the_web_ui_may_call_it_too(business, client):
    client.force_login(factories.make_user("sales"))

    assert client.get(f"/api/v1{URL}").status_code == 200


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2026-03-02&to=2026-03-01", "to"),  # the end before the start
        ("from=2020-01-01&to=2023-12-31", "to"),  # more than three years
        ("from=2026-02-30&to=2026-03-01", "from"),  # not a day of the calendar
        ("from=3000-01-01&to=3000-01-02", "from"),  # outside the years 1900-2999
        ("from=yesterday&to=2026-03-01", "from"),
        ("from=2026-03-01", "to"),
        ("to=2026-03-01", "from"),
    ],
)
def test_given_input_that_makes_no_period_then_422_naming_the_field(
    business, api_for, query, field
):
    api = api_for("admin")
    api.client.raise_request_exception = False

    response = api.get(f"/reports/summary?{query}")

    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert field in [error["field"] for error in response.json()["errors"]]


def test_given_the_first_and_last_possible_days_then_not_a_server_error(business, api_for):
    api = api_for("admin")
    api.client.raise_request_exception = False

    for query in ("from=1900-01-01&to=1900-01-31", "from=2999-12-01&to=2999-12-31"):
        assert api.get(f"/reports/summary?{query}").status_code == 200
