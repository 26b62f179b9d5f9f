"""Writes of the quickscan. Views, the demo loader and tests all go through these functions."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplaats.models import Afdeling, Organisatie, User

from .models import Actie, Element, Instrument, QuickscanInstelling, Ronde, Score, Vraag

# The readiness questions, asked before the first round and carried over into every next one.
GEREEDHEID_VELDEN = [
    "gereedheid",
    "veranderingsgeschiedenis",
    "capaciteit_tijd",
    "capaciteit_middelen",
    "capaciteit_ruimte",
    "capaciteit_menskracht",
    "vernieuwers",
    "vernieuwers_toelichting",
]


# The round's own fields that a form or the demo may set (its methods are set separately).
RONDE_VELDEN = ["afdeling", "traject", "datum", "ingevuld_door", "functie", "aanwezig", *GEREEDHEID_VELDEN]


class VerouderdeVersie(Exception):
    """Someone else saved the round after this form was opened."""


@dataclass(frozen=True)
class ElementInvoer:
    score: int | None
    toelichting: str = ""
    checklist: Mapping[str, str] = field(default_factory=dict)


def standaard_instrument() -> Instrument:
    instrument = Instrument.objects.filter(actief=True).order_by("naam", "-versie").first()
    if instrument is None:
        raise ValidationError(_("Er is geen actief quickscan-instrument."))
    return instrument


@transaction.atomic
def ronde_aanmaken(
    *,
    organisatie: Organisatie,
    datum: datetime.date,
    ingevuld_door: str,
    functie: str,
    afdeling: Afdeling | None = None,
    instrument: Instrument | None = None,
    door: User | None = None,
    illustratief: bool = False,
    **gereedheid: str,
) -> Ronde:
    """A new concept round with an empty score for every element of its instrument."""
    unknown = set(gereedheid) - set(RONDE_VELDEN)
    if unknown:
        raise TypeError(f"unknown round fields: {sorted(unknown)}")
    ronde = Ronde(
        organisatie=organisatie,
        afdeling=afdeling,
        instrument=instrument or standaard_instrument(),
        datum=datum,
        ingevuld_door=ingevuld_door,
        functie=functie,
        aangemaakt_door=door,
        illustratief=illustratief,
        **gereedheid,
    )
    ronde.full_clean()
    ronde.save()
    Score.objects.bulk_create(Score(ronde=ronde, element=element) for element in ronde.instrument.elementen.all())
    # bulk_create skips history; record the empty scores so the history starts complete.
    for score in ronde.scores.all():
        score.save()
    return ronde


def _check_invoer(ronde: Ronde, invoer: Mapping[int, ElementInvoer], elementen: dict[int, Element]) -> None:
    errors = {}
    checkpunten = {
        str(pk): element_id
        for pk, element_id in Vraag.objects.filter(
            element__instrument=ronde.instrument, soort=Vraag.Soort.CHECKPUNT
        ).values_list("pk", "element_id")
    }
    for element_id, element_invoer in invoer.items():
        element = elementen.get(element_id)
        if element is None:
            raise ValidationError(_("Dit element hoort niet bij het instrument van de ronde."))
        if element_invoer.score is not None and not (1 <= element_invoer.score <= 5):
            errors[element.code] = _("Kies een score van 1 tot en met 5.")
        for vraag_id, antwoord in element_invoer.checklist.items():
            if checkpunten.get(str(vraag_id)) != element_id or antwoord not in Ronde.Antwoord.values:
                errors[element.code] = _("Ongeldig antwoord in de checklist.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def ronde_opslaan(
    *,
    ronde: Ronde,
    versie: int,
    gegevens: Mapping[str, object],
    invoer: Mapping[int, ElementInvoer],
    afronden: bool = False,
) -> Ronde:
    """Save a concept round (and submit it when `afronden`), refusing a save based on an old version.

    `gegevens` holds the round's own fields (RONDE_VELDEN), `invoer` the input per element id.
    Nothing is written unless everything is valid.
    """
    # The version check and the increment are one UPDATE: of two saves from the same version, one wins.
    updated = Ronde.objects.filter(pk=ronde.pk, versie=versie, status=Ronde.Status.CONCEPT).update(
        versie=F("versie") + 1
    )
    if not updated:
        current = Ronde.objects.get(pk=ronde.pk)
        if current.status != Ronde.Status.CONCEPT:
            raise ValidationError(_("Deze ronde is afgerond en kan niet meer worden gewijzigd."))
        raise VerouderdeVersie
    ronde.versie = versie + 1
    gegevens = dict(gegevens)
    methoden = gegevens.pop("methoden", None)
    for name, value in gegevens.items():
        if name not in RONDE_VELDEN:
            raise TypeError(f"not a round field: {name}")
        setattr(ronde, name, value)
    ronde.full_clean()
    if methoden is not None:
        ronde.methoden.set(methoden)

    scores = {score.element_id: score for score in ronde.scores.select_related("element")}
    elementen = {element_id: score.element for element_id, score in scores.items()}
    _check_invoer(ronde, invoer, elementen)
    for element_id, element_invoer in invoer.items():
        score = scores[element_id]
        nieuw = (element_invoer.score, element_invoer.toelichting, dict(element_invoer.checklist))
        if (score.score, score.toelichting, score.checklist) != nieuw:
            score.score, score.toelichting, score.checklist = nieuw
            score.full_clean()
            score.save()

    if afronden:
        if not any(score.score is not None for score in scores.values()):
            raise ValidationError(_("Geef minstens één element een score voordat u de ronde afrondt."))
        ronde.status = Ronde.Status.AFGEROND
        ronde.afgerond_op = timezone.now()
    ronde.save()
    return ronde


@transaction.atomic
def ronde_heropenen(*, ronde: Ronde) -> Ronde:
    if not ronde.is_afgerond:
        raise ValidationError(_("Alleen een afgeronde ronde kan worden heropend."))
    ronde.status = Ronde.Status.CONCEPT
    ronde.afgerond_op = None
    ronde.versie = F("versie") + 1
    ronde.save()
    ronde.refresh_from_db()
    return ronde


@transaction.atomic
def ronde_archiveren(*, ronde: Ronde) -> Ronde:
    """Rounds are never deleted: an archived round leaves the charts and lists but keeps its data."""
    ronde.gearchiveerd = True
    ronde.versie = F("versie") + 1
    ronde.save()
    ronde.refresh_from_db()
    return ronde


@transaction.atomic
def actie_opslaan(*, actie: Actie) -> Actie:
    if actie.status != Actie.Status.GEREED:
        actie.gereed_op = None
    actie.full_clean()
    actie.save()
    return actie


@transaction.atomic
def instelling_opslaan(*, instelling: QuickscanInstelling) -> QuickscanInstelling:
    instelling.full_clean()
    instelling.save()
    return instelling
