"""The interactive API docs work under the site's CSP: no script from another host."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_given_the_docs_page_then_swagger_ui_is_served_from_our_own_static_files(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert not re.search(r'src="https?://', html)
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
