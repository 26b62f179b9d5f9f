"""Tables of the dissemination register and the curriculum modules.

Each view's queryset prefetches what the columns need, so the number of queries does not grow with rows.
"""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from werkplaats.tables import BaseTable

from .models import Disseminatie, Onderwijsmodule

JA_NEE = (_("ja"), _("nee"))


class BewerkenColumn(tables.Column):
    """A link to the row's edit page; left out of exports and of tables for readers."""

    def __init__(self, url_name: str, **kwargs):
        self.url_name = url_name
        super().__init__(verbose_name=_("Acties"), empty_values=(), orderable=False, exclude_from_export=True, **kwargs)

    def render(self, record):
        return format_html('<a href="{}">{}</a>', reverse(self.url_name, kwargs={"pk": record.pk}), _("Bewerken"))


class DisseminatieTable(BaseTable):
    """The register. On screen the columns a coordinator scans (the place with the event, an archived item in its
    status; the annex heading, publisher, methods and link are on the item's own page); the CSV and Excel exports keep
    every column (`visible=False` columns are exported, see `werkplaats.lib.export`)."""

    soort = tables.Column()
    titel = tables.Column()
    rubriek = tables.Column(visible=False)
    wanneer = tables.Column(verbose_name=_("Datum of jaar"), empty_values=(), order_by=("jaar", "datum"))
    plaats = tables.Column(visible=False)
    uitgever = tables.Column(visible=False)
    methoden = tables.ManyToManyColumn(verbose_name=_("Methoden"), orderable=False, visible=False)
    bijlage = tables.Column()
    url = tables.URLColumn(verbose_name=_("Link"), visible=False)
    actief = tables.BooleanColumn(yesno=JA_NEE, visible=False)
    acties = BewerkenColumn("rapportage:disseminatie_update")

    class Meta(BaseTable.Meta):
        model = Disseminatie
        fields = [
            "soort",
            "titel",
            "auteurs",
            "rubriek",
            "wanneer",
            "evenement",
            "plaats",
            "uitgever",
            "methoden",
            "status",
            "bijlage",
            "url",
            "actief",
            "acties",
        ]

    def render_titel(self, record, value):
        if record.soort == Disseminatie.Soort.CONFERENTIE:
            return format_html('<a href="{}">{}</a>', record.get_absolute_url(), value)
        return value

    def value_titel(self, value):
        return value

    def value_actief(self, value):
        return JA_NEE[0] if value else JA_NEE[1]

    def render_wanneer(self, record):
        return record.wanneer or "–"

    def render_evenement(self, record, value):
        return f"{value}, {record.plaats}" if record.plaats else value

    def value_evenement(self, value):
        return value

    def render_status(self, record, value):
        return value if record.actief else f"{value} ({_('gearchiveerd')})"

    def value_status(self, value):
        return value

    def render_bijlage(self, record):
        return record.get_bijlage_display() if record.bijlage else "–"

    def value_bijlage(self, record):
        return record.get_bijlage_display()

    def value_wanneer(self, record):
        return record.wanneer


class OnderwijsmoduleTable(BaseTable):
    naam = tables.Column()
    methode = tables.Column(order_by=("methode__korte_naam",))
    plaatsingen = tables.Column(verbose_name=_("Plaatsingen"), empty_values=(), orderable=False)
    actief = tables.BooleanColumn(yesno=JA_NEE)
    acties = BewerkenColumn("rapportage:onderwijsmodule_update")

    class Meta(BaseTable.Meta):
        model = Onderwijsmodule
        fields = ["naam", "methode", "doelgroep", "ontwikkeld_met", "plaatsingen", "actief", "acties"]

    def render_naam(self, record, value):
        return format_html('<span id="module-{}">{}</span>', record.pk, value)

    def render_plaatsingen(self, record):
        # `zichtbare_plaatsingen` is prefetched by the view (active placements only).
        plaatsingen = record.zichtbare_plaatsingen
        if not plaatsingen:
            return "–"
        regels = format_html_join(
            "",
            "<li>{} <span class='text-muted'>({})</span>{}</li>",
            (
                (
                    _plaatsing_tekst(p),
                    p.get_status_display(),
                    format_html(
                        ' <a href="{}">{}</a>',
                        reverse("rapportage:plaatsing_update", kwargs={"pk": p.pk}),
                        _("bewerken"),
                    )
                    if self.mag_bewerken
                    else "",
                )
                for p in plaatsingen
            ),
        )
        return format_html('<ul class="mb-0 ps-3">{}</ul>', regels)

    def value_actief(self, value):
        return JA_NEE[0] if value else JA_NEE[1]

    def value_plaatsingen(self, record):
        return "; ".join(f"{_plaatsing_tekst(p)} ({p.get_status_display()})" for p in record.zichtbare_plaatsingen)

    mag_bewerken = False


def _plaatsing_tekst(plaatsing) -> str:
    delen = [plaatsing.opleiding]
    if plaatsing.jaar:
        delen.append(f"jaar {plaatsing.jaar}")
    delen.append(plaatsing.get_vorm_display())
    if plaatsing.startjaar:
        delen.append(f"start {plaatsing.startjaar}")
    tekst = ", ".join(delen)
    if plaatsing.toelichting:
        tekst += f": {plaatsing.toelichting}"
    return tekst
