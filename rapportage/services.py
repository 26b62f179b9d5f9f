"""Writes of the end report, the dissemination register and the curriculum placements."""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from pypdf import PdfReader

from trajecten.models import Methode, Traject
from werkplaats.lib import versies
from werkplaats.models import Mailbericht, Organisatie, User

from . import bijlagen, markup
from .models import (
    Achterpagina,
    Correctie,
    Disseminatie,
    Eindrapport,
    Eindrapportversie,
    Fasecorrectie,
    Onderwijsmodule,
    Plaatsing,
    Programmaonderdeel,
    RapportTekst,
)

logger = logging.getLogger(__name__)


def _methoden_van(traject: Traject) -> set[Methode]:
    """The methods a register row of the trajectory may name: those offered in it."""
    return set(traject.methoden_aangeboden.all()) | set(traject.methoden.all())


@transaction.atomic
def disseminatie_opslaan(*, disseminatie: Disseminatie, methoden: Iterable[Methode] = ()) -> Disseminatie:
    """Validate and save a dissemination item with its methods (only methods offered in its trajectory).

    A newly uploaded attachment (`bijlage_bestand`, checked by its content) is turned into its page images now
    (`bijlagen.paginas_maken`), which the annex shows; a removed one takes its pages with it.
    """
    methoden = set(methoden)
    disseminatie.full_clean()
    if not methoden <= _methoden_van(disseminatie.traject):
        raise ValidationError({"methoden": _("Kies alleen methoden van dit traject.")})
    bestand = disseminatie.bijlage_bestand
    if not bestand:
        disseminatie.bijlage_paginas = []
    elif bijlagen.is_nieuw(bestand):
        disseminatie.bijlage_paginas = bijlagen.paginas_maken(
            bestand, map_=f"disseminatie/{disseminatie.traject_id}/paginas", storage=bestand.storage
        )
    disseminatie.save()
    disseminatie.methoden.set(methoden)
    return disseminatie


@transaction.atomic
def programmaonderdeel_opslaan(*, programmaonderdeel: Programmaonderdeel) -> Programmaonderdeel:
    """Validate and save an item of a conference's programme (one number per kind of item)."""
    programmaonderdeel.full_clean()
    programmaonderdeel.save()
    return programmaonderdeel


@transaction.atomic
def onderwijsmodule_opslaan(*, onderwijsmodule: Onderwijsmodule) -> Onderwijsmodule:
    """Validate and save a curriculum module; its method, if any, is one of its trajectory."""
    onderwijsmodule.full_clean()
    if onderwijsmodule.methode_id and onderwijsmodule.methode not in _methoden_van(onderwijsmodule.traject):
        raise ValidationError({"methode": _("Kies een methode van dit traject.")})
    onderwijsmodule.save()
    return onderwijsmodule


@transaction.atomic
def plaatsing_opslaan(*, plaatsing: Plaatsing) -> Plaatsing:
    """Validate and save where a module is placed in a curriculum."""
    plaatsing.full_clean()
    plaatsing.save()
    return plaatsing


BEVROREN = _("Het rapport is bevroren: ontdooi het eerst om het te wijzigen (dat begint een nieuwe versie).")


def _niet_bevroren(rapport: Eindrapport) -> None:
    """Texts, overrides and the report's own fields cannot change while it is frozen (read from the database)."""
    if rapport.pk and Eindrapport.objects.filter(pk=rapport.pk, bevroren_op__isnull=False).exists():
        raise ValidationError(BEVROREN)


@transaction.atomic
def rapport_opslaan(*, rapport: Eindrapport) -> Eindrapport:
    if rapport.pk and rapport.is_bevroren:
        oud = Eindrapport.objects.get(pk=rapport.pk)
        if oud.peildatum != rapport.peildatum:
            raise ValidationError({"peildatum": _("Ontdooi het rapport eerst om de peildatum te wijzigen.")})
        velden = [f.attname for f in Eindrapport._meta.concrete_fields if f.editable and f.attname != "versie"]
        if any(getattr(oud, veld) != getattr(rapport, veld) for veld in velden):
            raise ValidationError(BEVROREN)
    rapport.full_clean()
    rapport.save()
    return rapport


def op_de_achtergrond(rapport: Eindrapport) -> bool:
    """A report of more organisations than EINDRAPPORT_ACHTERGROND_VANAF renders its PDF in the background worker."""
    organisaties = rapport.traject.deelnames.filter(vanaf__lte=rapport.peildatum).count()
    return organisaties > settings.EINDRAPPORT_ACHTERGROND_VANAF


@transaction.atomic
def rapport_bevriezen(*, rapport: Eindrapport, door: User | None = None) -> Eindrapport:
    """Freeze the report: store its figures and a new version with the whole rendered input (figures, texts,
    overrides, charts: the charts are drawn now, once). The version's PDF is made right after the commit, in the
    background worker for a large report (`op_de_achtergrond`), else by the caller (`versie_pdf_maken`)."""
    from . import bevroren, tasks
    from .eindrapport import berekenen_getekend, gegevens

    rapport = Eindrapport.objects.select_related("traject__werkplaats").get(pk=rapport.pk)
    if rapport.is_bevroren:
        raise ValidationError(_("Dit rapport is al bevroren."))
    rapport.bevroren_gegevens = berekenen_getekend(rapport)
    rapport.bevroren_op = timezone.now()
    rapport.save()
    nummer = (rapport.versies.aggregate(hoogste=Max("nummer"))["hoogste"] or 0) + 1
    versie = Eindrapportversie(
        rapport=rapport,
        nummer=nummer,
        bevroren_op=rapport.bevroren_op,
        bevroren_door=door,
        gegevens=bevroren.opslaan(gegevens(rapport)),
    )
    versie.full_clean()
    versie.save()
    if op_de_achtergrond(rapport):
        transaction.on_commit(lambda: tasks.in_de_wachtrij(versie.pk), robust=True)
    return rapport


@transaction.atomic
def rapport_ontdooien(*, rapport: Eindrapport) -> Eindrapport:
    """Unfreeze: the figures follow the records again. The frozen version and its PDF stay (listed on the report's
    page); the next freeze is a new version."""
    for versie in rapport.versies.filter(ontdooid_op__isnull=True):
        versie.ontdooid_op = timezone.now()
        versie.save(update_fields=["ontdooid_op"])  # through save, so the version's history records it
    rapport.bevroren_gegevens = None
    rapport.bevroren_op = None
    rapport.save()
    return rapport


def _voortgang(versie: Eindrapportversie, tekst: str) -> None:
    """Progress for the report's page, visible at once (its own short write, outside any long transaction)."""
    Eindrapportversie.objects.filter(pk=versie.pk).update(voortgang=tekst[:200])


def versie_pdf_maken(*, versie: Eindrapportversie, mail_als_klaar: bool = False) -> Eindrapportversie:
    """Render a version's PDF from its stored input and store it (Django's storage API), once.

    Claimed with one UPDATE (a version already made or being made is left alone), rendered outside a transaction (a
    long render holds no database lock), stored with its SHA-256 and page count. A failure is recorded on the
    version ("mislukt", with the error) and shown on the report's page, where freezing again retries.
    """
    from . import bevroren
    from . import pdf as pdf_maken

    geclaimd = Eindrapportversie.objects.filter(
        pk=versie.pk, status__in=[Eindrapportversie.Status.WACHTRIJ, Eindrapportversie.Status.MISLUKT]
    ).update(status=Eindrapportversie.Status.BEZIG, voortgang=_("Gestart"), fout="")
    versie.refresh_from_db()
    if not geclaimd:
        return versie
    try:
        _voortgang(versie, _("HTML opmaken"))
        document = pdf_maken.html(bevroren.laden(versie.gegevens))
        _voortgang(versie, _("Pagina's zetten en PDF schrijven"))
        inhoud = pdf_maken.pdf(
            document,
            voortgang=lambda klaar, totaal: _voortgang(
                versie, _("Pagina's zetten: deel %(klaar)d van %(totaal)d klaar") % {"klaar": klaar, "totaal": totaal}
            ),
        )
        paginas = len(PdfReader(io.BytesIO(inhoud)).pages)
    except Exception as fout:
        logger.exception("PDF of %s failed", versie)
        Eindrapportversie.objects.filter(pk=versie.pk).update(
            status=Eindrapportversie.Status.MISLUKT, fout=f"{type(fout).__name__}: {fout}"[:2000], voortgang=""
        )
        versie.refresh_from_db()
        return versie
    _voortgang(versie, pgettext("voortgang van de PDF: het bestand wordt bewaard", "Opslaan"))
    with transaction.atomic():
        versie = Eindrapportversie.objects.select_for_update().select_related("rapport").get(pk=versie.pk)
        versie.pdf.save(versie.bestandsnaam(), ContentFile(inhoud), save=False)
        versie.pdf_sha256 = hashlib.sha256(inhoud).hexdigest()
        versie.paginas = paginas
        versie.status = Eindrapportversie.Status.KLAAR
        versie.voortgang = ""
        versie.klaar_op = timezone.now()
        versie.full_clean()
        versie.save()
        ontvanger = versie.bevroren_door
        if mail_als_klaar and ontvanger is not None and ontvanger.email:
            from werkplaats import mail

            mail.mail_klaarzetten(
                soort=Mailbericht.Soort.EINDRAPPORT_KLAAR,
                ontvanger=ontvanger,
                sleutel=f"eindrapport-klaar:{versie.pk}",
                werkplaats=versie.rapport.traject.werkplaats,
            )
    return versie


@transaction.atomic
def tekst_opslaan(*, rapport: Eindrapport, sectie: str, tekst: str, versie: int | None = None) -> RapportTekst:
    """Save a section's narrative; a placeholder that names no figure is refused.

    `versie` is the version of the text the editor was opened with (0: the section had no text of its own yet); a
    save based on an older one raises `VerouderdeVersie` (werkplaats.lib.versies). None skips the check.
    """
    from .eindrapport import SECTIES, figuren

    if sectie not in dict(SECTIES):
        raise ValidationError(_("Onbekende sectie."))
    _niet_bevroren(rapport)
    onbekend = markup.onbekende_plaatshouders(tekst, figuren(rapport)[1])
    if onbekend:
        raise ValidationError({"tekst": _("Onbekende plaatshouder(s): %(namen)s.") % {"namen": ", ".join(onbekend)}})
    regel, created = RapportTekst.objects.get_or_create(rapport=rapport, sectie=sectie, defaults={"tekst": tekst})
    if not created and versie is not None:
        if versie == 0:
            raise versies.VerouderdeVersie(regel, versie)
        versies.versie_ophogen(regel, versie)
    if regel.tekst != tekst:
        regel.tekst = tekst
        regel.full_clean()
        regel.save()
    return regel


@transaction.atomic
def correctie_opslaan(*, correctie: Correctie) -> Correctie:
    from .eindrapport import CORRIGEERBAAR

    if correctie.sleutel not in CORRIGEERBAAR:
        raise ValidationError({"sleutel": _("Dit cijfer kan niet worden gecorrigeerd.")})
    _niet_bevroren(correctie.rapport)
    correctie.full_clean()
    correctie.save()
    return correctie


@transaction.atomic
def achterpagina_opslaan(*, achterpagina: Achterpagina) -> Achterpagina:
    """Save a werkplaats's back page (funder, contact, logos checked by their content); a frozen report keeps the
    one it was frozen with."""
    achterpagina.full_clean()
    achterpagina.save()
    return achterpagina


@transaction.atomic
def fasecorrectie_opslaan(
    *, organisatie: Organisatie, fase: str, toelichting: str, door: User | None, versie: int | None = None
) -> Fasecorrectie:
    """Set a coordinator's implementation phase for an organisation, or change the one that is set (one active per
    organisation), with a required note; who and when are recorded, the history keeps every earlier value.

    `versie` is the version of the active override the form showed (0: none was set). A save based on an older one
    raises `VerouderdeVersie` (werkplaats.lib.versies): someone set, changed or undid the override meanwhile. None
    skips the check.
    """
    if not organisatie.deelnames.exists():
        raise ValidationError(_("De organisatie neemt aan geen traject deel: zij heeft geen fase om aan te passen."))
    huidig = Fasecorrectie.objects.actief().select_for_update().filter(organisatie=organisatie).first()
    if huidig is None:
        if versie:  # the form showed an override that has been undone since
            vorige = Fasecorrectie.objects.filter(organisatie=organisatie).order_by("-gezet_op", "-pk").first()
            raise versies.VerouderdeVersie(vorige, versie)
        correctie = Fasecorrectie(organisatie=organisatie)
    else:
        if versie is not None:
            if versie == 0:  # the form showed none, but someone set one meanwhile
                raise versies.VerouderdeVersie(huidig, versie)
            versies.versie_ophogen(huidig, versie, actief=True)
        correctie = huidig
    correctie.fase = fase
    correctie.toelichting = toelichting.strip()
    correctie.gezet_door = door
    correctie.gezet_op = timezone.now()
    correctie.full_clean()
    correctie.save()
    return correctie


@transaction.atomic
def fasecorrectie_archiveren(*, correctie: Fasecorrectie, versie: int | None = None) -> Fasecorrectie:
    """Undo an override: it is archived, not deleted, and the derived phase counts again. `versie`: as above."""
    if versie is not None:
        versies.versie_ophogen(correctie, versie, actief=True)
    elif not Fasecorrectie.objects.filter(pk=correctie.pk, actief=True).exists():
        raise ValidationError(_("Deze correctie is al ongedaan gemaakt."))
    correctie.actief = False
    correctie.save()
    return correctie
