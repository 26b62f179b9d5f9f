"""Filters of the training tables. Every choice list holds only what the user may see."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trajecten.models import Methode, Traject
from werkplaats.filters import WerkplaatsFilterMixin, overziet_meerdere, werkplaats_filter
from werkplaats.models import Organisatie

from .models import Bijeenkomst, Buddy, Implementatieleider, Inschrijving, Persoon, Scholingsgroep, Uitvalreden


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _beperkt(request, queryset, werkplaats_pad: str, veld: str):
    """Choices that do not grow with the number of werkplaatsen.

    For a user who oversees more than one werkplaats: those of the werkplaats chosen in the filter, or, before
    one is chosen, only the value in the URL (so a link such as `?traject=<id>` still filters). Everyone else
    gets all they may see.
    """
    if request is None or not overziet_meerdere(request):
        return queryset
    werkplaats = _int(request.GET.get("werkplaats"))
    if werkplaats is not None:
        return queryset.filter(**{werkplaats_pad: werkplaats})
    return queryset.filter(pk__in=[pk for pk in map(_int, request.GET.getlist(veld)) if pk is not None])


def _trajecten(request):
    return _beperkt(request, Traject.objects.zichtbaar_voor(request.user), "werkplaats", "traject")


def _organisaties(request):
    return _beperkt(request, Organisatie.objects.zichtbaar_voor(request.user), "werkplaats", "organisatie")


def _groepen(request):
    groepen = Scholingsgroep.objects.zichtbaar_voor(request.user).select_related("methode")
    return _beperkt(request, groepen, "traject__werkplaats", "groep")


def traject_filter(field_name="traject"):
    return django_filters.ModelChoiceFilter(label=_("Traject"), field_name=field_name, queryset=_trajecten)


def methode_filter(field_name="methode"):
    return django_filters.ModelChoiceFilter(label=_("Methode"), field_name=field_name, queryset=Methode.objects.all())


def groep_filter(field_name="groep"):
    return django_filters.ModelChoiceFilter(label=_("Groep"), field_name=field_name, queryset=_groepen)


def organisatie_filter(field_name="organisatie"):
    return django_filters.ModelChoiceFilter(label=_("Organisatie"), field_name=field_name, queryset=_organisaties)


class WerkplaatsEerstMixin(WerkplaatsFilterMixin):
    """For a user who oversees several werkplaatsen: a werkplaats filter first, and the choices of traject,
    group and organisation those of the chosen werkplaats (see `_beperkt`); their empty choice says so."""

    AFHANKELIJK = ("traject", "groep", "organisatie")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if "werkplaats" in self.filters and not (self.data or {}).get("werkplaats"):
            for name in self.AFHANKELIJK:
                if name in self.filters:
                    self.filters[name].extra["empty_label"] = _("kies eerst een werkplaats")


def ja_nee_filter(label, ja, nee, field_name):
    return django_filters.BooleanFilter(
        label=label,
        field_name=field_name,
        widget=forms.Select(choices=[("", _("Alle")), ("true", ja), ("false", nee)]),
    )


class PersoonFilter(WerkplaatsEerstMixin, django_filters.FilterSet):
    """People, filtered on their own fields and on their enrolments (traject, methode, groep, status together)."""

    VIA_INSCHRIJVING = {"traject": "groep__traject", "methode": "groep__methode", "groep": "groep", "status": "status"}

    werkplaats = werkplaats_filter("organisatie__werkplaats")
    naam = django_filters.CharFilter(label=_("Naam bevat"), lookup_expr="icontains")
    organisatie = organisatie_filter()
    soort = django_filters.ChoiceFilter(label=_("Soort"), choices=Persoon.Soort.choices)
    traject = django_filters.ModelChoiceFilter(label=_("Traject"), queryset=_trajecten, method="via_inschrijving")
    methode = django_filters.ModelChoiceFilter(
        label=_("Methode"), queryset=Methode.objects.all(), method="via_inschrijving"
    )
    groep = django_filters.ModelChoiceFilter(label=_("Groep"), queryset=_groepen, method="via_inschrijving")
    status = django_filters.ChoiceFilter(
        label=_("Status inschrijving"), choices=Inschrijving.Status.choices, method="via_inschrijving"
    )
    gearchiveerd = ja_nee_filter(_("Archief"), _("Gearchiveerd"), _("Niet gearchiveerd"), "gearchiveerd")

    class Meta:
        model = Persoon
        fields = ["werkplaats", "naam", "organisatie", "soort", "traject", "methode", "groep", "status", "gearchiveerd"]

    def via_inschrijving(self, queryset, name, value):
        return queryset  # applied together in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        lookups = {
            lookup: self.form.cleaned_data[name]
            for name, lookup in self.VIA_INSCHRIJVING.items()
            if self.form.cleaned_data.get(name) not in (None, "")
        }
        if lookups:
            queryset = queryset.filter(pk__in=Inschrijving.objects.filter(**lookups).values("persoon_id"))
        return queryset


class InschrijvingFilter(WerkplaatsEerstMixin, django_filters.FilterSet):
    werkplaats = werkplaats_filter("persoon__organisatie__werkplaats")
    persoon = django_filters.CharFilter(label=_("Naam bevat"), field_name="persoon__naam", lookup_expr="icontains")
    traject = traject_filter("groep__traject")
    methode = methode_filter("groep__methode")
    groep = groep_filter()
    organisatie = organisatie_filter("persoon__organisatie")
    soort = django_filters.ChoiceFilter(label=_("Soort"), field_name="persoon__soort", choices=Persoon.Soort.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Inschrijving.Status.choices)
    uitvalreden = django_filters.ChoiceFilter(label=_("Reden van uitval"), choices=Uitvalreden.choices)

    class Meta:
        model = Inschrijving
        fields = [
            "werkplaats",
            "persoon",
            "traject",
            "methode",
            "groep",
            "organisatie",
            "soort",
            "status",
            "uitvalreden",
        ]


class ScholingsgroepFilter(WerkplaatsEerstMixin, django_filters.FilterSet):
    werkplaats = werkplaats_filter("traject__werkplaats")
    traject = traject_filter()
    methode = methode_filter()
    soort = django_filters.ChoiceFilter(label=_("Soort"), choices=Scholingsgroep.Soort.choices)

    class Meta:
        model = Scholingsgroep
        fields = ["werkplaats", "traject", "methode", "soort"]


class BijeenkomstFilter(WerkplaatsEerstMixin, django_filters.FilterSet):
    werkplaats = werkplaats_filter("traject__werkplaats")
    traject = traject_filter()
    methode = methode_filter("groep__methode")
    groep = groep_filter()
    soort = django_filters.ChoiceFilter(label=_("Soort"), choices=Bijeenkomst.Soort.choices)
    vanaf = django_filters.DateFilter(
        label=_("Vanaf"), field_name="datum", lookup_expr="gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = django_filters.DateFilter(
        label=_("Tot en met"), field_name="datum", lookup_expr="lte", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Bijeenkomst
        fields = ["werkplaats", "traject", "methode", "groep", "soort", "vanaf", "tot"]


class BuddyFilter(WerkplaatsEerstMixin, django_filters.FilterSet):
    werkplaats = werkplaats_filter("inschrijving__persoon__organisatie__werkplaats")
    traject = traject_filter("inschrijving__groep__traject")
    methode = methode_filter("inschrijving__groep__methode")
    groep = groep_filter("inschrijving__groep")
    organisatie = organisatie_filter("inschrijving__persoon__organisatie")
    is_team = ja_nee_filter(_("Soort buddy"), _("Hele team"), _("Collega"), "is_team")

    class Meta:
        model = Buddy
        fields = ["werkplaats", "traject", "methode", "groep", "organisatie", "is_team"]


class ImplementatieleiderFilter(WerkplaatsEerstMixin, django_filters.FilterSet):
    werkplaats = werkplaats_filter("persoon__organisatie__werkplaats")
    traject = traject_filter()
    organisatie = organisatie_filter("persoon__organisatie")
    functie = django_filters.ChoiceFilter(label=_("Functie"), choices=Implementatieleider.Functie.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=[("actief", _("actief")), ("gestopt", _("gestopt"))], method="filter_status"
    )
    reden_vertrek = django_filters.ChoiceFilter(label=_("Reden van vertrek"), choices=Uitvalreden.choices)

    class Meta:
        model = Implementatieleider
        fields = ["werkplaats", "traject", "organisatie", "functie", "status", "reden_vertrek"]

    def filter_status(self, queryset, name, value):
        gestopt = Q(actief_tot__isnull=False, actief_tot__lte=datetime.date.today())
        return queryset.filter(gestopt) if value == "gestopt" else queryset.exclude(gestopt)
