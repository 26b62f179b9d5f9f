import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from werkplaats.tables import BaseTable

from .models import Methode, Traject


class TrajectTable(BaseTable):
    naam = tables.Column(linkify=True)
    startdatum = tables.DateColumn(format="j-n-Y")
    einddatum = tables.DateColumn(format="j-n-Y")
    methoden = tables.ManyToManyColumn(verbose_name=_("Gekozen methoden"), orderable=False)
    aantal_deelnames = tables.Column(verbose_name=_("Organisaties"), attrs={"td": {"class": "text-end"}})

    class Meta(BaseTable.Meta):
        model = Traject
        fields = ["naam", "werkplaats", "startdatum", "einddatum", "methoden", "aantal_deelnames"]


class MethodeTable(BaseTable):
    korte_naam = tables.Column(linkify=True)
    aantal_trajecten = tables.Column(verbose_name=_("Trajecten"), attrs={"td": {"class": "text-end"}})

    class Meta(BaseTable.Meta):
        model = Methode
        fields = ["korte_naam", "naam", "aantal_trajecten"]
