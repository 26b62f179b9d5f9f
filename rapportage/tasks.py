"""The end report's background work (Celery; see werkplaats/celery.py): a large report's PDF, and the mail that it is
ready. Thin: the task calls `services.versie_pdf_maken`, which does the work and records its progress on the version.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.urls import reverse
from django.utils.translation import gettext as _

from werkplaats import mail
from werkplaats.models import Mailbericht

from .models import Eindrapportversie

logger = logging.getLogger(__name__)


@shared_task(name="rapportage.tasks.versie_pdf_maken", ignore_result=True)
def versie_pdf_maken(versie_id: int) -> None:
    from . import services

    versie = Eindrapportversie.objects.filter(pk=versie_id).first()
    if versie is not None:
        services.versie_pdf_maken(versie=versie, mail_als_klaar=True)


def in_de_wachtrij(versie_id: int) -> None:
    """Give the version's PDF to the worker (without a broker: make it now). A broker that is down leaves the version
    "in de wachtrij"; opening the PDF from the report's page queues it again."""
    try:
        versie_pdf_maken.delay(versie_id)
    except Exception:
        logger.exception("PDF of version %s could not be queued.", versie_id)


@mail.opsteller(Mailbericht.Soort.EINDRAPPORT_KLAAR)
def _klaar(bericht: Mailbericht) -> mail.Opgesteld:
    versie = Eindrapportversie.objects.select_related("rapport__traject").get(pk=int(bericht.sleutel.split(":")[1]))
    return mail.Opgesteld(
        onderwerp=_("de PDF van %(rapport)s staat klaar") % {"rapport": versie.rapport},
        sjabloon="mail/eindrapport_klaar",
        context={
            "versie": versie,
            "rapport": versie.rapport,
            "link": mail.link(reverse("rapportage:eindrapport_detail", kwargs={"pk": versie.rapport_id})),
        },
    )
