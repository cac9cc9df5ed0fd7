from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "orderdesk.core"
    label = "core"
    verbose_name = "Orderdesk core"
