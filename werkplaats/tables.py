import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Organisatie


class BaseTable(tables.Table):
    """Shared look of every table in the app."""

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle", "thead": {"class": "table-light"}}
        empty_text = _("Geen resultaten.")
        per_page = 25


class OrganisatieTable(BaseTable):
    naam = tables.Column(linkify=True)
    aantal_afdelingen = tables.Column(verbose_name=_("Teams"), attrs={"td": {"class": "text-end"}})
    actief = tables.BooleanColumn(yesno=(_("ja"), _("nee")))

    class Meta(BaseTable.Meta):
        model = Organisatie
        fields = ["naam", "soort", "plaats", "werkplaats", "aantal_afdelingen", "actief"]
