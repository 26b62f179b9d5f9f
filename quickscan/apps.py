from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuickscanConfig(AppConfig):
    name = "quickscan"
    verbose_name = _("Quickscan (Paraplumodel)")

    def ready(self) -> None:
        from werkplaats import extensions

        from . import herinneringen, panels  # noqa: F401  (herinneringen registers its mails with werkplaats.mail)

        extensions.home_panels.register(panels.home_panel)
        extensions.organisatie_panels.register(panels.organisatie_panel)
