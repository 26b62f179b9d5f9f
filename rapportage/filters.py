"""Filters of the register tables. Archived rows are shown only on request."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from trajecten.models import Methode

from .models import Disseminatie, Onderwijsmodule


class ArchiefFilterSet(django_filters.FilterSet):
    archief = django_filters.BooleanFilter(
        label=_("Ook gearchiveerd"), method="geen_filter", widget=forms.CheckboxInput
    )

    def __init__(self, data=None, *args, **kwargs):
        # Always bound, so that archived rows stay hidden on a page opened without a query string.
        super().__init__({} if data is None else data, *args, **kwargs)

    def geen_filter(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("archief"):
            queryset = queryset.filter(actief=True)
        return super().filter_queryset(queryset)


class DisseminatieFilter(ArchiefFilterSet):
    titel = django_filters.CharFilter(label=_("Titel bevat"), lookup_expr="icontains")
    soort = django_filters.ChoiceFilter(label=_("Soort"), choices=Disseminatie.Soort.choices)
    bijlage = django_filters.ChoiceFilter(label=_("Bijlage"), choices=[c for c in Disseminatie.Bijlage.choices if c[0]])
    jaar = django_filters.NumberFilter(label=_("Jaar"))

    class Meta:
        model = Disseminatie
        fields = ["titel", "soort", "bijlage", "jaar", "archief"]


class OnderwijsmoduleFilter(ArchiefFilterSet):
    naam = django_filters.CharFilter(label=_("Naam bevat"), lookup_expr="icontains")
    methode = django_filters.ModelChoiceFilter(label=_("Methode"), queryset=Methode.objects.all())
    doelgroep = django_filters.ChoiceFilter(label=_("Doelgroep"), choices=Onderwijsmodule.Doelgroep.choices)

    class Meta:
        model = Onderwijsmodule
        fields = ["naam", "methode", "doelgroep", "archief"]
