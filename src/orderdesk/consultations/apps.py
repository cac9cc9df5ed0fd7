from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "orderdesk.consultations"
    label = "consultations"
    verbose_name = _("Consultation requests")

    def ready(self) -> None:
        from orderdesk.consultations import tasks

        tasks.connect()
