"""The implementation phase of an organisation, derived from the records: the rules in one place.

The four phases are those of the national book (seed 001, chapter 1, "Fasering"): verspreiding, adoptie, invoering
and borging. `fase_bepalen` holds the rules (docs/implementatiefasen.md gives the passage each rests on); `fasen`
reads the facts they need for many organisations at once, in four queries whatever their number.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.db.models import Min, QuerySet
from django.utils.translation import gettext_lazy as _

from quickscan.models import Ronde, Score
from scholing.models import Implementatieleider, Inschrijving, Persoon, Scholingsgroep
from trajecten.models import Deelname


class Implementatiefase(models.TextChoices):
    VERSPREIDING = "verspreiding", _("verspreiding")
    ADOPTIE = "adoptie", _("adoptie")
    INVOERING = "invoering", _("invoering")
    BORGING = "borging", _("borging")


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


@dataclass(frozen=True)
class Feiten:
    """What the rules look at, for one organisation on one date."""

    geschoold: bool = False  # a professional whose enrolment in a regular group counts on the date
    leider_actief: bool = False
    rondes: int = 0  # submitted quickscan rounds
    norm_twee_keer: bool = False  # the last two submitted rounds have every scored element at or above the norm


@dataclass(frozen=True)
class Fase:
    fase: str
    reden: str

    @property
    def label(self) -> str:
        return str(Implementatiefase(self.fase).label)


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
    return Fase(fase=fase.value, reden=str(REDENEN[fase]))


def fasen(deelnames: QuerySet[Deelname], peildatum: datetime.date) -> dict[int, Fase]:
    """The phase of every organisation of these participations, by organisation id, from the training and the
    leaders of those trajectories and all of the organisation's submitted rounds up to `peildatum`. Four queries."""
    organisaties = deelnames.values("organisatie_id")
    trajecten = deelnames.values("traject_id")
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
    resultaat = {}
    for organisatie_id in set(deelnames.values_list("organisatie_id", flat=True)):
        rondes = op_norm.get(organisatie_id, [])
        feiten = Feiten(
            geschoold=organisatie_id in geschoold,
            leider_actief=organisatie_id in leiders,
            rondes=len(rondes),
            norm_twee_keer=len(rondes) >= 2 and all(rondes[-2:]),
        )
        resultaat[organisatie_id] = fase_bepalen(feiten)
    return resultaat
