"""Writes of the end report, the dissemination register and the curriculum placements."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trajecten.models import Methode, Traject
from werkplaats.lib import versies

from . import markup
from .models import (
    Correctie,
    Disseminatie,
    Eindrapport,
    Onderwijsmodule,
    Plaatsing,
    Programmaonderdeel,
    RapportTekst,
)


def _methoden_van(traject: Traject) -> set[Methode]:
    """The methods a register row of the trajectory may name: those offered in it."""
    return set(traject.methoden_aangeboden.all()) | set(traject.methoden.all())


@transaction.atomic
def disseminatie_opslaan(*, disseminatie: Disseminatie, methoden: Iterable[Methode] = ()) -> Disseminatie:
    """Validate and save a dissemination item with its methods (only methods offered in its trajectory)."""
    methoden = set(methoden)
    disseminatie.full_clean()
    if not methoden <= _methoden_van(disseminatie.traject):
        raise ValidationError({"methoden": _("Kies alleen methoden van dit traject.")})
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


@transaction.atomic
def rapport_opslaan(*, rapport: Eindrapport) -> Eindrapport:
    if rapport.pk and rapport.is_bevroren:
        oud = Eindrapport.objects.get(pk=rapport.pk)
        if oud.peildatum != rapport.peildatum:
            raise ValidationError({"peildatum": _("Ontdooi het rapport eerst om de peildatum te wijzigen.")})
    rapport.full_clean()
    rapport.save()
    return rapport


@transaction.atomic
def rapport_bevriezen(*, rapport: Eindrapport) -> Eindrapport:
    """Store the figures as they are now: the PDF stays the same when the data changes later."""
    from .eindrapport import berekenen

    if rapport.is_bevroren:
        raise ValidationError(_("Dit rapport is al bevroren."))
    rapport.bevroren_gegevens = berekenen(rapport.traject, rapport.peildatum)
    rapport.bevroren_op = timezone.now()
    rapport.save()
    return rapport


@transaction.atomic
def rapport_ontdooien(*, rapport: Eindrapport) -> Eindrapport:
    rapport.bevroren_gegevens = None
    rapport.bevroren_op = None
    rapport.save()
    return rapport


@transaction.atomic
@transaction.atomic
def tekst_opslaan(*, rapport: Eindrapport, sectie: str, tekst: str, versie: int | None = None) -> RapportTekst:
    """Save a section's narrative; a placeholder that names no figure is refused.

    `versie` is the version of the text the editor was opened with (0: the section had no text of its own yet); a
    save based on an older one raises `VerouderdeVersie` (werkplaats.lib.versies). None skips the check.
    """
    from .eindrapport import SECTIES, figuren

    if sectie not in dict(SECTIES):
        raise ValidationError(_("Onbekende sectie."))
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
    correctie.full_clean()
    correctie.save()
    return correctie
