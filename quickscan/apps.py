from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuickscanConfig(AppConfig):
    name = "quickscan"
    verbose_name = _("Quickscan (Paraplumodel)")

    def ready(self) -> None:
        from werkplaats import extensions

        # herinneringen and team register their mails with werkplaats.mail
        from . import herinneringen, panels, team  # noqa: F401

        extensions.home_panels.register(panels.home_panel)
        extensions.account_inzage.register(team.INZAGE)
        extensions.organisatie_panels.register(panels.organisatie_panel)
