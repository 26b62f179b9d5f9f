"""Filters of the core's tables, and the choice of one werkplaats for users who oversee several."""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from .models import Organisatie, Rol, Werkplaats


def overziene_werkplaatsen(request) -> list[Werkplaats]:
    """The werkplaatsen whose organisations the user sees as a whole, by name: every werkplaats for a
    superuser, else those where the user is coordinator or lectoraat. One query, cached on the request."""
    if not hasattr(request, "_overziene_werkplaatsen"):
        user = request.user
        if user.is_superuser:
            werkplaatsen = list(Werkplaats.objects.order_by("naam"))
        elif ids := user.werkplaats_ids(Rol.Soort.COORDINATOR, Rol.Soort.LECTORAAT):
            werkplaatsen = list(Werkplaats.objects.filter(pk__in=ids).order_by("naam"))
        else:
            werkplaatsen = []
        request._overziene_werkplaatsen = werkplaatsen
    return request._overziene_werkplaatsen


def overziet_meerdere(request) -> bool:
    """Whether the user oversees more than one werkplaats (and pages show them one at a time).

    Without a query for everyone but a superuser: the user's roles are already known.
    """
    if not request.user.is_superuser:
        return len(request.user.werkplaats_ids(Rol.Soort.COORDINATOR, Rol.Soort.LECTORAAT)) > 1
    return len(overziene_werkplaatsen(request)) > 1


@dataclass
class WerkplaatsKeuze:
    """Which werkplaats a page shows, chosen with `?werkplaats=<id>`.

    `gekozen` is None for a user who oversees at most one werkplaats: the page shows all they see, as it always
    did, and no selector. `fout` holds the message for a value that names no werkplaats of the list; the page
    then shows the default werkplaats and answers 400.
    """

    werkplaatsen: list[Werkplaats]
    gekozen: Werkplaats | None
    fout: str = ""

    @property
    def tonen(self) -> bool:
        return len(self.werkplaatsen) > 1


def werkplaats_kiezen(request) -> WerkplaatsKeuze:
    """The werkplaats of `?werkplaats=`; by default the user's own (as coordinator or lectoraat), else the first
    by name."""
    if not overziet_meerdere(request):
        return WerkplaatsKeuze([], None)
    werkplaatsen = overziene_werkplaatsen(request)
    eigen = request.user.werkplaats_ids(Rol.Soort.COORDINATOR, Rol.Soort.LECTORAAT)
    standaard = next((w for w in werkplaatsen if w.pk in eigen), werkplaatsen[0])
    waarde = request.GET.get("werkplaats", "").strip()
    if not waarde:
        return WerkplaatsKeuze(werkplaatsen, standaard)
    gekozen = next((w for w in werkplaatsen if str(w.pk) == waarde), None)
    if gekozen is None:
        return WerkplaatsKeuze(werkplaatsen, standaard, fout=str(_("Kies een werkplaats uit de lijst.")))
    return WerkplaatsKeuze(werkplaatsen, gekozen)


def _werkplaatsen(request):
    return Werkplaats.objects.filter(pk__in=[w.pk for w in overziene_werkplaatsen(request)]).order_by("naam")


@dataclass
class Veld:
    """A filter field, ready to show: its label and its control as HTML, and its errors."""

    id: str
    label: str
    invoer: SafeString
    fouten: list[str]


def lichte_velden(form: forms.Form) -> list[Veld]:
    """The fields of a filter form with Bootstrap's classes, as crispy-forms renders them, but cheaper.

    A select's options are joined here in Python, instead of rendering one template per option as Django's
    widgets do (on a long list that costs more than the rest of the page); other widgets render themselves.
    """
    velden = []
    for veld in form:
        widget = veld.field.widget
        fouten = [str(fout) for fout in veld.errors]
        ongeldig = " is-invalid" if fouten else ""
        aria = {"aria-invalid": "true", "aria-describedby": f"{veld.auto_id}-fout"} if fouten else {}
        if type(widget) in (forms.Select, forms.NullBooleanSelect):
            waarde = veld.value()
            gekozen = "" if waarde is None else str(waarde)
            opties = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((str(w), " selected" if str(w) == gekozen else "", label) for w, label in widget.choices),
            )
            invoer = format_html(
                '<select name="{}" class="form-select{}" id="{}"{}>{}</select>',
                veld.html_name,
                ongeldig,
                veld.auto_id,
                flatatt(aria),
                opties,
            )
        else:
            klasse = "form-check-input" if isinstance(widget, forms.CheckboxInput) else "form-control"
            invoer = veld.as_widget(attrs={"class": klasse + ongeldig, **aria})
        velden.append(Veld(id=veld.auto_id, label=str(veld.label), invoer=invoer, fouten=fouten))
    return velden


class WerkplaatsFilterMixin:
    """A FilterSet with a `werkplaats` filter, shown only to users who oversee more than one werkplaats.

    The filter's choices are the werkplaatsen the user oversees (see `werkplaats_filter`).
    """

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is None or not overziet_meerdere(request):
            del self.filters["werkplaats"]

    @property
    def velden(self) -> list[Veld]:
        """The form's fields for a lean template (see `lichte_velden`)."""
        return lichte_velden(self.form)


def werkplaats_filter(field_name: str = "werkplaats") -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("Werkplaats"), field_name=field_name, queryset=_werkplaatsen, empty_label=_("Alle werkplaatsen")
    )


class OrganisatieFilter(WerkplaatsFilterMixin, django_filters.FilterSet):
    werkplaats = werkplaats_filter()
    naam = django_filters.CharFilter(label=_("Naam bevat"), lookup_expr="icontains")
    actief = django_filters.BooleanFilter(
        label=_("Status"),
        widget=forms.Select(choices=[("", _("Alle")), ("true", _("Actief")), ("false", _("Gearchiveerd"))]),
    )

    class Meta:
        model = Organisatie
        fields = ["werkplaats", "naam", "soort", "actief"]
