"""What the quickscan adds to the core's pages (registered in QuickscanConfig.ready)."""

from __future__ import annotations

from werkplaats.models import Organisatie

from . import selectors
from .models import Ronde


def home_panel(request) -> dict | None:
    """Due and overdue rounds of the organisations the user may see."""
    cadans = selectors.cadans(Organisatie.objects.zichtbaar_voor(request.user))
    if not cadans:
        return None
    return {
        "template": "quickscan/panel_home.html",
        "aandacht": [c for c in cadans if c.aandacht],
        "aantal": len(cadans),
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
