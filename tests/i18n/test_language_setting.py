"""ORDERDESK_LANGUAGE: the default for staff who did not choose, checked when Orderdesk starts."""

import pytest

from orderdesk import config

SUPPORTED = ("en", "vi")


@pytest.mark.parametrize(("value", "language"), [(None, "en"), ("vi", "vi"), ("VI", "vi")])
def test_given_a_supported_language_then_it_is_the_default(monkeypatch, value, language):
    if value is None:
        monkeypatch.delenv("ORDERDESK_LANGUAGE", raising=False)
    else:
        monkeypatch.setenv("ORDERDESK_LANGUAGE", value)

    assert config.language(SUPPORTED) == language


@pytest.mark.parametrize("value", ["fr", "vi-VN", "english"])
def test_given_a_language_orderdesk_does_not_speak_then_start_up_stops_and_says_why(
    monkeypatch, value
):
    monkeypatch.setenv("ORDERDESK_LANGUAGE", value)

    with pytest.raises(config.ConfigError, match="ORDERDESK_LANGUAGE must be one of en, vi"):
        config.language(SUPPORTED)
