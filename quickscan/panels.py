"""What the quickscan adds to the core's pages (registered in QuickscanConfig.ready)."""

from __future__ import annotations

from collections import Counter

from werkplaats.filters import overziene_werkplaatsen, overziet_meerdere
from werkplaats.models import Organisatie

from . import selectors
from .models import Ronde

MAX_AANDACHT = 10  # the home page lists the most urgent rounds; the overview has them all


def home_panel(request) -> dict | None:
    """The most urgent due and overdue rounds of the organisations the user may see.

    A user who oversees more than one werkplaats also gets the number per werkplaats, each with a link to that
    werkplaats' overview.
    """
    cadans = selectors.cadans(Organisatie.objects.zichtbaar_voor(request.user))
    if not cadans:
        return None
    aandacht = [c for c in cadans if c.aandacht]  # most urgent first
    per_werkplaats = []
    if overziet_meerdere(request):
        aantallen = Counter(c.organisatie.werkplaats_id for c in aandacht)
        per_werkplaats = [(w, aantallen[w.pk]) for w in overziene_werkplaatsen(request) if aantallen[w.pk]]
    return {
        "template": "quickscan/panel_home.html",
        "aandacht": aandacht[:MAX_AANDACHT],
        "aantal_aandacht": len(aandacht),
        "meer": len(aandacht) > MAX_AANDACHT,
        "per_werkplaats": per_werkplaats,
        "met_werkplaats": overziet_meerdere(request),
        "aantal": len(cadans),
        "aantal_lopend": sum(1 for c in cadans if c.status != selectors.CadansStatus.BUITEN_TRAJECT),
        "eigen": request.user.is_implementatieleider and not request.user.is_coordinator,
    }


def organisatie_panel(request, organisatie: Organisatie) -> dict | None:
    laatste = organisatie.quickscan_rondes.actief().order_by("-datum", "-pk").first()
    return {
        "template": "quickscan/panel_organisatie.html",
        "organisatie": organisatie,
        "laatste": laatste,
        "aantal": organisatie.quickscan_rondes.actief().count(),
        "cadans": next(iter(selectors.cadans(Organisatie.objects.filter(pk=organisatie.pk))), None),
        "concept": laatste is not None and laatste.status == Ronde.Status.CONCEPT,
    }
