"""What training adds to the search (werkplaats/zoeken.py; registered in ScholingConfig.ready): people, training groups
and, until trajecten registers its own, trajectories. Each is one query through `zichtbaar_voor`."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from trajecten.models import Traject
from werkplaats.zoeken import Sectie, Treffer, sectie_maken

from .models import Persoon, Scholingsgroep


def personen_zoeken(user, term: str) -> Sectie:
    personen = (
        Persoon.objects.zichtbaar_voor(user)
        .filter(naam__icontains=term)
        .select_related("organisatie")
        .order_by("naam", "pk")
    )
    return sectie_maken(
        _("Deelnemers"),
        personen,
        lambda p: Treffer(
            naam=p.naam,
            url=p.get_absolute_url(),
            detail=", ".join(
                deel for deel in (p.organisatie.naam, p.functie, _("gearchiveerd") if p.gearchiveerd else "") if deel
            ),
        ),
        lijst_url=f"{reverse('scholing:persoon_list')}?{urlencode({'naam': term})}",
    )


def groepen_zoeken(user, term: str) -> Sectie:
    groepen = (
        Scholingsgroep.objects.zichtbaar_voor(user)
        .filter(Q(methode__naam__icontains=term) | Q(methode__korte_naam__icontains=term) | Q(trainers__icontains=term))
        .select_related("methode", "traject")
        .order_by("-traject__startdatum", "methode__korte_naam", "nummer", "pk")
    )
    return sectie_maken(
        _("Scholingsgroepen"),
        groepen,
        lambda g: Treffer(naam=str(g), url=g.get_absolute_url(), detail=g.traject.naam),
    )


def trajecten_zoeken(user, term: str) -> Sectie:
    trajecten = Traject.objects.zichtbaar_voor(user).filter(naam__icontains=term).order_by("-startdatum", "naam", "pk")
    return sectie_maken(
        _("Trajecten"),
        trajecten,
        lambda t: Treffer(
            naam=t.naam, url=t.get_absolute_url(), detail=f"{t.startdatum:%d-%m-%Y} – {t.einddatum:%d-%m-%Y}"
        ),
    )
