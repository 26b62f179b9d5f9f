from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScholingConfig(AppConfig):
    name = "scholing"
    verbose_name = _("Scholing")

    def ready(self) -> None:
        from werkplaats import extensions
        from werkplaats import zoeken as kern_zoeken

        from . import panels, zoeken

        extensions.traject_panels.register(panels.traject_panel)
        for zoeker in (zoeken.personen_zoeken, zoeken.groepen_zoeken, zoeken.trajecten_zoeken):
            kern_zoeken.zoekers.register(zoeker)
