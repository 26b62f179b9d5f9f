"""What training adds to other apps' pages (registered in ScholingConfig.ready)."""

from __future__ import annotations

from django.db.models import Count

from trajecten.models import Traject

from .models import Scholingsgroep


def traject_panel(request, traject: Traject) -> dict:
    """The trajectory's training groups with their enrolments, and the ways to its training records."""
    groepen = (
        Scholingsgroep.objects.filter(traject=traject)
        .select_related("methode")
        .annotate(aantal_inschrijvingen=Count("inschrijvingen"))
    )
    return {
        "template": "scholing/_traject_panel.html",
        "traject": traject,
        "groepen": groepen,
        "mag_bewerken": traject.mag_bewerken(request.user),
    }
