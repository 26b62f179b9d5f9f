from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScholingConfig(AppConfig):
    name = "scholing"
    verbose_name = _("Scholing")

    def ready(self) -> None:
        from werkplaats import extensions

        from . import panels

        extensions.traject_panels.register(panels.traject_panel)
