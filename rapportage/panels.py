"""What reporting adds to other apps' pages (registered in RapportageConfig.ready)."""

from __future__ import annotations

import datetime

from trajecten.models import Traject
from werkplaats.models import Organisatie

from .landelijk_fase import organisatie_fasen
from .models import mag_fase_corrigeren


def traject_panel(request, traject: Traject) -> dict:
    """The dashboard for everyone who sees the trajectory; the end report and the register for those who write them."""
    return {
        "template": "rapportage/_traject_panel.html",
        "plek": "kop",
        "traject": traject,
        "mag_rapporteren": traject.mag_rapporteren(request.user),
    }


def organisatie_panel(request, organisatie: Organisatie) -> dict:
    """The organisation's implementation phase: derived, with its reason and what the next phase needs, and the
    coordinator's override with its note (rapportage.landelijk_fase). Four or five queries; one for an organisation
    that takes part in no trajectory (it has no phase)."""
    stand = organisatie_fasen(Organisatie.objects.filter(pk=organisatie.pk), datetime.date.today()).get(organisatie.pk)
    return {
        "template": "rapportage/_organisatie_panel.html",
        "organisatie": organisatie,
        "stand": stand,
        "afgeleid": stand.afgeleid if stand else None,
        "correctie": stand.correctie if stand else None,
        "mag_corrigeren": stand is not None and mag_fase_corrigeren(organisatie, request.user),
    }
