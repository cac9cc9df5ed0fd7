"""The webhooks API: admin only, the secret shown once, URLs and events checked, 404s."""

import pytest

from orderdesk.webhooks.models import Webhook

PUBLIC_URL = "https://93.184.215.14/hooks/orderdesk"  # a literal public address: no DNS needed


def problem_of(response) -> dict:
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == response.status_code
    return body


def test_given_an_admin_key_when_a_webhook_is_created_then_201_with_the_secret_once(admin_api):
    response = admin_api.post(
        "/webhooks", {"url": PUBLIC_URL, "events": ["order.status_changed", "order.created"]}
    )
    assert response.status_code == 201
    created = response.json()
    assert created["url"] == PUBLIC_URL
    assert created["events"] == ["order.created", "order.status_changed"]
    assert created["secret"].startswith("whsec_") and len(created["secret"]) > 40
    assert Webhook.objects.get(pk=created["id"]).secret == created["secret"]

    one = admin_api.get(f"/webhooks/{created['id']}")
    listed = admin_api.get("/webhooks")
    assert (one.status_code, listed.status_code) == (200, 200)
    assert "secret" not in one.json()
    assert [item["id"] for item in listed.json()["items"]] == [created["id"]]
    assert "secret" not in listed.json()["items"][0]
    assert created["secret"] not in one.content.decode() + listed.content.decode()
    assert one.json() == {k: v for k, v in created.items() if k != "secret"}


def test_given_a_webhook_when_deleted_then_204_and_then_404(admin_api):
    created = admin_api.post("/webhooks", {"url": PUBLIC_URL, "events": ["order.created"]}).json()
    response = admin_api.delete(f"/webhooks/{created['id']}")
    assert response.status_code == 204
    assert not Webhook.objects.exists()
    assert admin_api.get(f"/webhooks/{created['id']}").status_code == 404


@pytest.mark.parametrize("role", ["sales", "operations", "customer_care", "intake"])
def test_given_a_key_of_another_role_when_any_webhook_endpoint_is_called_then_403(api_for, role):
    webhook = Webhook.objects.create(url=PUBLIC_URL, events=["order.created"], secret="s")
    api = api_for(role)
    responses = [
        api.post("/webhooks", {"url": PUBLIC_URL, "events": ["order.created"]}),
        api.get("/webhooks"),
        api.get(f"/webhooks/{webhook.pk}"),
        api.delete(f"/webhooks/{webhook.pk}"),
        api.get(f"/webhooks/{webhook.pk}/deliveries"),
    ]
    assert [r.status_code for r in responses] == [403] * 5
    assert {problem_of(r)["code"] for r in responses} == {"permission.denied"}
    assert Webhook.objects.count() == 1


def test_given_no_key_then_401(api_for):
    assert api_for(None).get("/webhooks").status_code == 401


@pytest.mark.parametrize("path", ["/webhooks/999999", "/webhooks/999999/deliveries"])
def test_given_an_unknown_id_when_read_then_404_problem(admin_api, path):
    response = admin_api.get(path)
    assert response.status_code == 404
    assert problem_of(response)["code"] == "webhook.not_found"


def test_given_an_unknown_id_when_deleted_then_404_problem(admin_api):
    response = admin_api.delete("/webhooks/999999")
    assert response.status_code == 404
    assert problem_of(response)["code"] == "webhook.not_found"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.0.0.5/hook",
        "http://192.168.1.1/hook",
        "http://172.16.0.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/hook",
        "http://0.0.0.0/hook",
        "http://224.0.0.1/hook",
        "http://[::1]/hook",
        "http://[fe80::1]/hook",
        "http://[fc00::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
    ],
)
def test_given_a_url_on_a_non_public_address_when_created_then_422(admin_api, url):
    response = admin_api.post("/webhooks", {"url": url, "events": ["order.created"]})
    assert response.status_code == 422
    body = problem_of(response)
    assert body["code"] == "validation.invalid"
    assert [e["field"] for e in body["errors"]] == ["url"]
    assert not Webhook.objects.exists()


def test_given_private_addresses_allowed_when_a_loopback_url_is_created_then_201(
    admin_api, allow_private
):
    response = admin_api.post(
        "/webhooks", {"url": "http://127.0.0.1:9/hook", "events": ["order.created"]}
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    "url",
    [
        "ftp://93.184.215.14/hook",
        "file:///etc/passwd",
        "93.184.215.14/hook",
        "https://user:pw@93.184.215.14/hook",
        "https://93.184.215.14:99999/hook",
        "https://93.184.215.14/a b",
        "https://no-such-host.invalid/hook",
        "",
    ],
)
def test_given_a_url_that_is_not_a_usable_http_url_then_422(admin_api, url):
    response = admin_api.post("/webhooks", {"url": url, "events": ["order.created"]})
    assert response.status_code == 422
    assert problem_of(response)["code"] == "validation.invalid"
    assert not Webhook.objects.exists()


@pytest.mark.parametrize("events", [["order.shipped"], ["order.created", "nope"], [], "x"])
def test_given_an_unknown_or_missing_event_then_422(admin_api, events):
    response = admin_api.post("/webhooks", {"url": PUBLIC_URL, "events": events})
    assert response.status_code == 422
    body = problem_of(response)
    assert body["code"] == "validation.invalid"
    assert all(e["field"].startswith("events") for e in body["errors"]), body["errors"]
    assert not Webhook.objects.exists()


def test_given_the_openapi_schema_then_webhook_errors_are_declared_as_problems(admin_api):
    paths = admin_api.get("/openapi.json").json()["paths"]
    create = paths["/api/v1/webhooks"]["post"]["responses"]
    assert {"201", "403", "422"} <= set(create)
    assert "application/problem+json" in create["422"]["content"]
    assert "404" in paths["/api/v1/webhooks/{webhook_id}/deliveries"]["get"]["responses"]
    assert "204" in paths["/api/v1/webhooks/{webhook_id}"]["delete"]["responses"]
