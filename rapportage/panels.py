"""What reporting adds to other apps' pages (registered in RapportageConfig.ready)."""

from __future__ import annotations

from trajecten.models import Traject


def traject_panel(request, traject: Traject) -> dict:
    """The dashboard for everyone who sees the trajectory; the end report and the register for those who write them."""
    return {
        "template": "rapportage/_traject_panel.html",
        "plek": "kop",
        "traject": traject,
        "mag_rapporteren": traject.mag_rapporteren(request.user),
    }
