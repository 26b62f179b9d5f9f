"""The training tables. Each view's queryset fetches what its columns need, so queries do not grow with rows."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from werkplaats.tables import BaseTable

from .models import Bijeenkomst, Buddy, Implementatieleider, Inschrijving, Persoon, Scholingsgroep

DATUM = "j-n-Y"
JA_NEE = (_("ja"), _("nee"))
RECHTS = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


class PersoonTable(BaseTable):
    naam = tables.Column(linkify=True)
    organisatie = tables.Column(order_by=("organisatie__naam",))
    groepen = tables.Column(verbose_name=_("Methoden en groepen"), empty_values=(), orderable=False)
    status = tables.Column(verbose_name=_("Status"), empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = Persoon
        fields = ["naam", "organisatie", "functie", "soort", "groepen", "status"]

    def render_groepen(self, record):
        # `inschrijvingen` is prefetched with groep and methode by the view.
        return ", ".join(dict.fromkeys(str(i.groep) for i in record.inschrijvingen.all())) or "–"

    def render_status(self, record):
        if record.gearchiveerd:
            return _("gearchiveerd")
        statussen = {i.status for i in record.inschrijvingen.all()}
        for status in Inschrijving.Status:
            if status in statussen:
                return status.label
        return _("niet ingeschreven")


class InschrijvingTable(BaseTable):
    persoon = tables.Column(linkify=True, order_by=("persoon__naam",))
    organisatie = tables.Column(
        verbose_name=_("Organisatie"), accessor="persoon__organisatie", order_by=("persoon__organisatie__naam",)
    )
    groep = tables.Column(linkify=True, order_by=("groep__methode__korte_naam", "groep__nummer"))
    traject = tables.Column(verbose_name=_("Traject"), accessor="groep__traject", order_by=("groep__traject__naam",))
    startdatum = tables.DateColumn(format=DATUM)
    einddatum = tables.DateColumn(format=DATUM)

    class Meta(BaseTable.Meta):
        model = Inschrijving
        fields = ["persoon", "organisatie", "groep", "traject", "startdatum", "status", "einddatum", "uitvalreden"]


class ScholingsgroepTable(BaseTable):
    groep = tables.Column(
        verbose_name=_("Groep"), accessor="nummer", linkify=True, order_by=("methode__korte_naam", "nummer")
    )
    traject = tables.Column(linkify=True, order_by=("traject__naam",))
    methode = tables.Column(order_by=("methode__korte_naam",))
    geplande_omvang = tables.Column(attrs=RECHTS)
    aantal_actief = tables.Column(verbose_name=_("Actieve leden"), attrs=RECHTS)
    aantal_inschrijvingen = tables.Column(verbose_name=_("Inschrijvingen"), attrs=RECHTS)
    aantal_bijeenkomsten = tables.Column(verbose_name=_("Bijeenkomsten"), attrs=RECHTS)

    class Meta(BaseTable.Meta):
        model = Scholingsgroep
        fields = [
            "groep",
            "traject",
            "methode",
            "soort",
            "trainers",
            "geplande_omvang",
            "aantal_actief",
            "aantal_inschrijvingen",
            "aantal_bijeenkomsten",
        ]

    def render_groep(self, record):
        return str(record)


class BijeenkomstTable(BaseTable):
    datum = tables.DateColumn(format=DATUM, linkify=True)
    groep = tables.Column(linkify=True, order_by=("groep__methode__korte_naam", "groep__nummer"))
    traject = tables.Column(linkify=True, order_by=("traject__naam",))
    dagdelen = tables.Column(attrs=RECHTS)
    aanwezig = tables.Column(verbose_name=_("Aanwezig"), empty_values=(), orderable=False, attrs=RECHTS)

    class Meta(BaseTable.Meta):
        model = Bijeenkomst
        fields = ["datum", "soort", "titel", "groep", "traject", "dagdelen", "locatie", "aanwezig"]

    def render_aanwezig(self, record):
        """The headcount when one was given, else the register (annotated by the view)."""
        if record.aantal_aanwezig is not None:
            return record.aantal_aanwezig
        return record.aantal_in_register if record.groep_id else "–"


class BuddyTable(BaseTable):
    persoon = tables.Column(
        verbose_name=_("Deelnemer"),
        accessor="inschrijving__persoon",
        linkify=True,
        order_by=("inschrijving__persoon__naam",),
    )
    organisatie = tables.Column(
        verbose_name=_("Organisatie"),
        accessor="inschrijving__persoon__organisatie",
        order_by=("inschrijving__persoon__organisatie__naam",),
    )
    groep = tables.Column(
        verbose_name=_("Groep"),
        accessor="inschrijving__groep",
        order_by=("inschrijving__groep__methode__korte_naam", "inschrijving__groep__nummer"),
    )
    naam = tables.Column(verbose_name=_("Buddy"))
    is_team = tables.BooleanColumn(verbose_name=_("Hele team"), yesno=JA_NEE)
    aantal = tables.Column(attrs=RECHTS)
    is_schatting = tables.BooleanColumn(verbose_name=_("Schatting"), yesno=JA_NEE)
    vanaf = tables.DateColumn(format=DATUM)

    class Meta(BaseTable.Meta):
        model = Buddy
        fields = ["persoon", "organisatie", "groep", "naam", "is_team", "aantal", "is_schatting", "vanaf"]


class ImplementatieleiderTable(BaseTable):
    persoon = tables.Column(linkify=True, order_by=("persoon__naam",))
    organisatie = tables.Column(
        verbose_name=_("Organisatie"), accessor="persoon__organisatie", order_by=("persoon__organisatie__naam",)
    )
    traject = tables.Column(order_by=("traject__naam",))
    actief_vanaf = tables.DateColumn(format=DATUM)
    actief_tot = tables.DateColumn(format=DATUM)

    class Meta(BaseTable.Meta):
        model = Implementatieleider
        fields = ["persoon", "organisatie", "traject", "functie", "actief_vanaf", "actief_tot", "reden_vertrek"]
