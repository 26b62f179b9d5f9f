"""Writes of the quickscan. Views, the demo loader and tests all go through these functions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplaats.lib import versies
from werkplaats.models import Organisatie, User

from .doelen import standaard_doel
from .models import (
    SCORE_MAX,
    SCORE_MIN,
    Actie,
    Element,
    Instrument,
    QuickscanInstelling,
    Ronde,
    Score,
    Suggestie,
    Vraag,
)

if TYPE_CHECKING:
    from trajecten.models import Methode

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


# A save based on an older version: the one mechanism of werkplaats.lib.versies.
VerouderdeVersie = versies.VerouderdeVersie


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
def ronde_invullen(
    *,
    gegevens: Mapping[str, object],
    invoer: Mapping[int, ElementInvoer] | None = None,
    ronde: Ronde | None = None,
    versie: int | None = None,
    organisatie: Organisatie | None = None,
    instrument: Instrument | None = None,
    door: User | None = None,
    illustratief: bool = False,
    afronden: bool = False,
    ter_afronding: bool = False,
) -> Ronde:
    """Fill in a quickscan round: its header, readiness and scores, and submit it when `afronden`.

    `ter_afronding` saves it as a concept that must be ready to submit (the form's "Afronden": the user then
    confirms on a summary, `ronde_afronden`); a round that could not be submitted is refused and nothing is written.

    A new round names its `organisatie` (and optionally its `instrument`, who made it and whether it is
    illustrative); it starts with an empty score per element. A concept round is passed as `ronde` with the
    `versie` the form was opened with: a save based on an older version raises `VerouderdeVersie`.
    `gegevens` holds the round's own fields (RONDE_VELDEN, plus `methoden`), `invoer` the input per element
    id. Everything happens in one transaction: nothing is written unless everything is valid.
    """
    if (ronde is None) == (organisatie is None):
        raise TypeError("pass either an existing round or the organisation of a new one")
    gegevens = dict(gegevens)
    methoden = gegevens.pop("methoden", None)
    unknown = set(gegevens) - set(RONDE_VELDEN)
    if unknown:
        raise TypeError(f"not round fields: {sorted(unknown)}")
    nieuw = ronde is None
    if ronde is None:
        assert organisatie is not None  # checked above: exactly one of the two
        ronde = _ronde_aanmaken(
            organisatie=organisatie,
            instrument=instrument or standaard_instrument(),
            door=door,
            illustratief=illustratief,
            gegevens=gegevens,
        )
    else:
        if versie is None:
            raise TypeError("an existing round is saved with the version its form was opened with")
        _versie_ophogen(ronde, versie)
        for name, value in gegevens.items():
            setattr(ronde, name, value)
        ronde.full_clean()
    if methoden is not None:
        ronde.methoden.set(cast("Iterable[Methode]", methoden))

    scores = {score.element_id: score for score in ronde.scores.select_related("element")}
    invoer = invoer or {}
    _invoer_controleren(ronde, invoer, {element_id: score.element for element_id, score in scores.items()})
    for element_id, element_invoer in invoer.items():
        score = scores[element_id]
        waarden = (element_invoer.score, element_invoer.toelichting, dict(element_invoer.checklist))
        if (score.score, score.toelichting, score.checklist) != waarden:
            score.score, score.toelichting, score.checklist = waarden
            if afronden:  # the default target in the same save (one history record)
                score.doel = standaard_doel(score.score, ronde.instrument.norm)
            score.full_clean()
            score.save()

    if afronden or ter_afronding:
        _afrondbaar(scores.values())
    if afronden:
        _doelen_zetten(ronde, scores.values(), {})  # a script's submission: the default targets
        ronde.status = Ronde.Status.AFGEROND
        ronde.afgerond_op = timezone.now()
    if afronden or not nieuw:
        ronde.save()
    return ronde


def _afrondbaar(scores: Iterable[Score]) -> None:
    """The one rule for submitting: at least one element scored (a partial round is allowed)."""
    if not any(score.score is not None for score in scores):
        raise ValidationError(_("Geef minstens één element een score voordat u de ronde afrondt."))


@transaction.atomic
def ronde_afronden(*, ronde: Ronde, versie: int | None = None, doelen: Mapping[int, int | None] | None = None) -> Ronde:
    """Submit a concept round as it is stored, after the user confirmed the summary of its unscored elements.

    `versie` is the version the summary showed: a round saved since then is refused (`VerouderdeVersie`), so what
    was confirmed is what is submitted. Without `versie` (a script) the stored version is taken.
    `doelen` holds the team's target for the next round per element id (None: no target); an element it leaves out
    gets the default, `doelen.standaard_doel`. A target outside 1-5 is refused and nothing is written.
    """
    if versie is None:
        versie = Ronde.objects.filter(pk=ronde.pk).values_list("versie", flat=True).first()
    _versie_ophogen(ronde, versie if versie is not None else 0)
    ronde.refresh_from_db()
    scores = list(Score.objects.filter(ronde=ronde).select_related("element"))
    _afrondbaar(scores)
    _doelen_zetten(ronde, scores, doelen or {})
    ronde.status = Ronde.Status.AFGEROND
    ronde.afgerond_op = timezone.now()
    ronde.save()
    return ronde


def _doelen_zetten(ronde: Ronde, scores: Iterable[Score], doelen: Mapping[int, int | None]) -> None:
    """Store the targets for the next round (`doelen` per element id, the default for the others); all or none."""
    scores = list(scores)
    per_element = {score.element_id: score for score in scores}
    if set(doelen) - set(per_element):
        raise ValidationError(_("Dit element hoort niet bij het instrument van de ronde."))
    fouten = {
        per_element[element_id].element.code: _("Kies een doel van 1 tot en met 5.")
        for element_id, doel in doelen.items()
        if doel is not None and not (SCORE_MIN <= doel <= SCORE_MAX)
    }
    if fouten:
        raise ValidationError(fouten)
    norm = ronde.instrument.norm
    for score in scores:
        doel = doelen[score.element_id] if score.element_id in doelen else standaard_doel(score.score, norm)
        if score.doel != doel:
            score.doel = doel
            score.full_clean()
            score.save()


def _ronde_aanmaken(
    *,
    organisatie: Organisatie,
    instrument: Instrument,
    door: User | None,
    illustratief: bool,
    gegevens: Mapping[str, object],
) -> Ronde:
    """A new concept round with an empty score for every element of its instrument."""
    ronde = Ronde(
        organisatie=organisatie,
        instrument=instrument,
        aangemaakt_door=door,
        illustratief=illustratief,
        **gegevens,
    )
    ronde.full_clean()
    ronde.save()
    Score.objects.bulk_create(Score(ronde=ronde, element=element) for element in instrument.elementen.all())
    # bulk_create skips history; record the empty scores so the history starts complete.
    for score in ronde.scores.all():
        score.save()
    return ronde


def _versie_ophogen(ronde: Ronde, versie: int) -> None:
    """Raise the version of a concept round, refusing when someone saved it since `versie`."""
    # The version check and the increment are one UPDATE: of two saves from the same version, one wins.
    try:
        versies.versie_ophogen(ronde, versie, status=Ronde.Status.CONCEPT)
    except VerouderdeVersie:
        if not Ronde.objects.filter(pk=ronde.pk, status=Ronde.Status.CONCEPT).exists():
            raise ValidationError(_("Deze ronde is afgerond en kan niet meer worden gewijzigd.")) from None
        raise


def _invoer_controleren(ronde: Ronde, invoer: Mapping[int, ElementInvoer], elementen: dict[int, Element]) -> None:
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
def ronde_heropenen(*, ronde: Ronde, versie: int | None = None) -> Ronde:
    """Make a submitted round a concept again: a coordinator reopening it, or its leader undoing the submission.

    Who may, and until when, is `Ronde.mag_heropenen`. `versie` is the version the confirmation page showed; a
    round changed since (reopened by someone else) is refused.
    """
    if versie is not None:
        try:
            versies.versie_ophogen(ronde, versie, status=Ronde.Status.AFGEROND)
        except VerouderdeVersie:
            if not Ronde.objects.filter(pk=ronde.pk, status=Ronde.Status.AFGEROND).exists():
                raise ValidationError(_("Deze ronde is al heropend.")) from None
            raise
        ronde.refresh_from_db()
    if not ronde.is_afgerond:
        raise ValidationError(_("Alleen een afgeronde ronde kan worden heropend."))
    ronde.status = Ronde.Status.CONCEPT
    ronde.afgerond_op = None
    if versie is None:
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


@transaction.atomic
def suggestie_opslaan(*, suggestie: Suggestie) -> Suggestie:
    """Save a suggestion for the action plan (the lectoraat's pages); "onder de norm" has no range of scores.
    Never deleted: `gearchiveerd` takes it off the action form and keeps it, with its history."""
    if suggestie.niveau == Suggestie.Niveau.ONDER_NORM:
        suggestie.score_vanaf = suggestie.score_tot_en_met = None
    suggestie.full_clean()
    suggestie.save()
    return suggestie
