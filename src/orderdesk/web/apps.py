from django.apps import AppConfig


class WebConfig(AppConfig):
    """The staff shell: base layout, navigation, login pages, shared static files."""

    name = "orderdesk.web"
    label = "web"
