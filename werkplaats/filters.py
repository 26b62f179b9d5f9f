import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisatie


class OrganisatieFilter(django_filters.FilterSet):
    naam = django_filters.CharFilter(label=_("Naam bevat"), lookup_expr="icontains")
    actief = django_filters.BooleanFilter(
        label=_("Status"),
        widget=forms.Select(choices=[("", _("Alle")), ("true", _("Actief")), ("false", _("Gearchiveerd"))]),
    )

    class Meta:
        model = Organisatie
        fields = ["naam", "soort", "actief"]
