"""The implementation phase of an organisation, derived from the records: the rules in one place.

The four phases are those of the national book (seed 001, chapter 1, "Fasering"): verspreiding, adoptie, invoering
and borging. `fase_bepalen` holds the rules (docs/implementatiefasen.md gives the passage each rests on); `fasen`
reads the facts they need for many organisations at once, and the coordinators' overrides (`Fasecorrectie`), in four
or five queries whatever their number. `organisatie_fasen` asks it for organisations over all their trajectories (the
organisation's page, the dashboard).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Min, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from quickscan.models import Ronde, Score
from scholing.models import Implementatieleider, Inschrijving, Persoon, Scholingsgroep
from trajecten.models import Deelname
from werkplaats.models import Organisatie

from .models import Fasecorrectie, Implementatiefase

__all__ = ["Fase", "Fasestand", "Feiten", "Implementatiefase", "fase_bepalen", "fasen", "organisatie_fasen"]

REDENEN = {
    Implementatiefase.BORGING: _(
        "de laatste twee afgeronde quickscans hebben elk element op of boven de norm, met een actieve "
        "implementatieleider"
    ),
    Implementatiefase.INVOERING: _(
        "geschoolde professionals, een actieve implementatieleider en minstens één afgeronde quickscan"
    ),
    Implementatiefase.ADOPTIE: _("de scholing is begonnen of er is een implementatieleider actief"),
    Implementatiefase.VERSPREIDING: _("neemt deel aan een traject; nog geen scholing en geen implementatieleider"),
}

# What the next phase asks that the facts do not show yet (the organisation's page names the missing ones).
ONTBREKEND = {
    "scholing_of_leider": _("scholing die begonnen is of een actieve implementatieleider"),
    "geschoold": _("geschoolde professionals"),
    "leider": _("een actieve implementatieleider"),
    "ronde": _("een afgeronde quickscan"),
    "norm": _("twee afgeronde quickscans na elkaar met elk element op of boven de norm"),
}


@dataclass(frozen=True)
class Feiten:
    """What the rules look at, for one organisation on one date."""

    geschoold: bool = False  # a professional whose enrolment in a regular group counts on the date
    leider_actief: bool = False
    rondes: int = 0  # submitted quickscan rounds
    norm_twee_keer: bool = False  # the last two submitted rounds have every scored element at or above the norm


@dataclass(frozen=True)
class Fase:
    """The derived phase, the condition that holds (`reden`), and what the next phase still needs (`ontbreekt`)."""

    fase: str
    reden: str
    ontbreekt: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return str(Implementatiefase(self.fase).label)

    @property
    def volgende(self) -> str:
        """The label of the next phase ("" after borging)."""
        codes = list(Implementatiefase.values)
        index = codes.index(self.fase)
        return str(Implementatiefase(codes[index + 1]).label) if index + 1 < len(codes) else ""


@dataclass(frozen=True)
class Fasestand:
    """The phase that counts: a coordinator's override where one applies, else the derived phase."""

    afgeleid: Fase
    correctie: Fasecorrectie | None = None

    @property
    def fase(self) -> str:
        return self.correctie.fase if self.correctie is not None else self.afgeleid.fase

    @property
    def label(self) -> str:
        return str(Implementatiefase(self.fase).label)

    @property
    def gecorrigeerd(self) -> bool:
        return self.correctie is not None


def _ontbreekt(feiten: Feiten, fase: Implementatiefase) -> tuple[str, ...]:
    if fase == Implementatiefase.VERSPREIDING:
        sleutels = ["scholing_of_leider"]
    elif fase == Implementatiefase.ADOPTIE:
        sleutels = [
            sleutel
            for sleutel, ontbreekt in (
                ("geschoold", not feiten.geschoold),
                ("leider", not feiten.leider_actief),
                ("ronde", feiten.rondes < 1),
            )
            if ontbreekt
        ]
    elif fase == Implementatiefase.INVOERING:
        sleutels = ["norm"]
    else:
        sleutels = []
    return tuple(str(ONTBREKEND[sleutel]) for sleutel in sleutels)


def fase_bepalen(feiten: Feiten) -> Fase:
    """The rules, the highest phase whose condition holds (docs/implementatiefasen.md)."""
    if feiten.norm_twee_keer and feiten.leider_actief:
        fase = Implementatiefase.BORGING
    elif feiten.geschoold and feiten.leider_actief and feiten.rondes >= 1:
        fase = Implementatiefase.INVOERING
    elif feiten.geschoold or feiten.leider_actief:
        fase = Implementatiefase.ADOPTIE
    else:
        fase = Implementatiefase.VERSPREIDING
    return Fase(fase=fase.value, reden=str(REDENEN[fase]), ontbreekt=_ontbreekt(feiten, fase))


def organisatie_fasen(organisaties: QuerySet[Organisatie], peildatum: datetime.date) -> dict[int, Fasestand]:
    """The phase of each of these organisations over all the trajectories it takes part in (the organisation's page,
    the dashboard): `fasen` of all their participations. An organisation that takes part in none has no phase."""
    return fasen(Deelname.objects.filter(organisatie__in=organisaties), peildatum)


def fasen(deelnames: QuerySet[Deelname], peildatum: datetime.date) -> dict[int, Fasestand]:
    """The phase of every organisation of these participations, by organisation id, from the training and the
    leaders of those trajectories and all of the organisation's submitted rounds up to `peildatum`; a coordinator's
    active override (`Fasecorrectie`) takes its place, on every date (it corrects what the records miss) until it is
    undone. Four queries, a fifth when an
    override applies; one when there are no participations."""
    organisaties = deelnames.values("organisatie_id")
    trajecten = deelnames.values("traject_id")
    # The organisations, each with the id of its active override (at most one).
    correctie_van = dict(
        Organisatie.objects.filter(pk__in=organisaties)
        .annotate(
            correctie_id=Subquery(Fasecorrectie.objects.actief().filter(organisatie_id=OuterRef("pk")).values("pk")[:1])
        )
        .values_list("pk", "correctie_id")
    )
    if not correctie_van:
        return {}
    geschoold = set(
        Inschrijving.objects.geldig_op(peildatum)
        .filter(
            groep__traject_id__in=trajecten,
            groep__soort=Scholingsgroep.Soort.REGULIER,
            persoon__soort=Persoon.Soort.PROFESSIONAL,
            persoon__organisatie_id__in=organisaties,
        )
        .values_list("persoon__organisatie_id", flat=True)
        .distinct()
    )
    leiders = set(
        Implementatieleider.objects.actief_op(peildatum)
        .filter(traject_id__in=trajecten, persoon__organisatie_id__in=organisaties)
        .values_list("persoon__organisatie_id", flat=True)
        .distinct()
    )
    op_norm: dict[int, list[bool]] = defaultdict(list)  # per organisation, per submitted round in date order
    for organisatie_id, _ronde, laagste, norm in (
        Score.objects.filter(
            ronde__in=Ronde.objects.afgerond().filter(organisatie_id__in=organisaties, datum__lte=peildatum),
            score__isnull=False,
        )
        .values("ronde__organisatie_id", "ronde_id", "ronde__datum", "ronde__instrument__norm")
        .annotate(laagste=Min("score"))
        .order_by("ronde__datum", "ronde_id")
        .values_list("ronde__organisatie_id", "ronde_id", "laagste", "ronde__instrument__norm")
    ):
        op_norm[organisatie_id].append(laagste >= norm)
    correcties: dict[int, Fasecorrectie] = {}
    if correctie_ids := [pk for pk in correctie_van.values() if pk is not None]:
        correcties = {
            c.organisatie_id: c for c in Fasecorrectie.objects.filter(pk__in=correctie_ids).select_related("gezet_door")
        }
    resultaat = {}
    for organisatie_id in correctie_van:
        rondes = op_norm.get(organisatie_id, [])
        feiten = Feiten(
            geschoold=organisatie_id in geschoold,
            leider_actief=organisatie_id in leiders,
            rondes=len(rondes),
            norm_twee_keer=len(rondes) >= 2 and all(rondes[-2:]),
        )
        resultaat[organisatie_id] = Fasestand(fase_bepalen(feiten), correcties.get(organisatie_id))
    return resultaat
