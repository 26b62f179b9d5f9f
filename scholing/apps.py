from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScholingConfig(AppConfig):
    name = "scholing"
    verbose_name = _("Scholing")
