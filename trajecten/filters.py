import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Methode, Traject


class TrajectFilter(django_filters.FilterSet):
    naam = django_filters.CharFilter(label=_("Naam bevat"), lookup_expr="icontains")
    methoden = django_filters.ModelChoiceFilter(label=_("Methode"), queryset=Methode.objects.all())

    class Meta:
        model = Traject
        fields = ["naam", "methoden"]
