"""Search across people, organisations, training groups and trajectories: one box in the navigation bar, one page.

The core imports no other app (docs/architecture.md), so it searches its own organisations and asks the searchers that
other apps register in their AppConfig.ready() (`zoekers.register`, like the panels of `extensions.py`): scholing
registers people, groups and trajectories (`scholing/zoeken.py`). A searcher is `zoeker(user, term) -> Sectie | None`
and fetches through `zichtbaar_voor(user)`, so a leader finds only their own organisation's people, with at most
`MAX_PER_SOORT` rows: the page costs one query per section, whatever the size of the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from .extensions import Registry
from .models import Organisatie

MIN_LENGTE = 2
MAX_PER_SOORT = 20

zoekers = Registry()


@dataclass
class Treffer:
    naam: str
    url: str
    detail: str = ""


@dataclass
class Sectie:
    """The matches of one kind (people, organisations, ...): at most MAX_PER_SOORT, `meer` when there were more."""

    titel: str
    treffers: list[Treffer] = field(default_factory=list)
    meer: bool = False
    lijst_url: str = ""  # the full list, filtered by the term, when the app has one


def sectie_maken(titel: str, queryset: QuerySet, treffer: Callable[[Any], Treffer], lijst_url: str = "") -> Sectie:
    """One section from a queryset: one query, one row more than shown to know whether there are more."""
    rijen = list(queryset[: MAX_PER_SOORT + 1])
    return Sectie(
        titel=titel,
        treffers=[treffer(rij) for rij in rijen[:MAX_PER_SOORT]],
        meer=len(rijen) > MAX_PER_SOORT,
        lijst_url=lijst_url,
    )


def organisaties_zoeken(user, term: str) -> Sectie:
    organisaties = (
        Organisatie.objects.zichtbaar_voor(user)
        .filter(naam__icontains=term)
        .select_related("werkplaats")
        .order_by("naam", "pk")
    )
    return sectie_maken(
        _("Organisaties"),
        organisaties,
        lambda o: Treffer(
            naam=o.naam,
            url=o.get_absolute_url(),
            detail=", ".join(
                deel for deel in (o.get_soort_display(), o.plaats, "" if o.actief else _("gearchiveerd")) if deel
            ),
        ),
    )


class ZoekForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Zoeken naar"),
        min_length=MIN_LENGTE,
        max_length=100,
        help_text=gettext_lazy("Een deel van een naam: van een deelnemer, organisatie, groep of traject."),
        error_messages={
            "min_length": gettext_lazy("Typ minstens %(limit_value)d tekens."),
            "required": gettext_lazy("Typ waar u naar zoekt."),
        },
    )


class ZoekView(TemplateView):
    """GET ?q=...: what the user may see whose name contains the term. Too short a term: a 400 with the message."""

    template_name = "werkplaats/zoeken.html"

    def get(self, request, *args, **kwargs):
        if "q" not in request.GET:
            return self.render_to_response(self.get_context_data(form=ZoekForm()))
        form = ZoekForm(request.GET)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        term = form.cleaned_data["q"]
        secties = [organisaties_zoeken(request.user, term), *zoekers.render(request.user, term)]
        return self.render_to_response(
            self.get_context_data(
                form=form,
                term=term,
                secties=secties,
                aantal=sum(len(s.treffers) for s in secties),
                max_per_soort=MAX_PER_SOORT,
            )
        )
