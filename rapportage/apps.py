from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = _("Rapportage")

    def ready(self) -> None:
        from werkplaats import extensions

        from . import panels

        extensions.traject_panels.register(panels.traject_panel)
