from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = _("Rapportage")

    def ready(self) -> None:
        from werkplaats import extensions

        from . import panels, tasks  # noqa: F401  (tasks registers the end report's mail with werkplaats.mail)

        extensions.traject_panels.register(panels.traject_panel)
        extensions.organisatie_panels.register(panels.organisatie_panel)
