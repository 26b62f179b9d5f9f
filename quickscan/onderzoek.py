"""The research export: which completed actions came with which score changes, per element.

One row per series (organisation, or one of its teams) x element x pair of consecutive submitted rounds of a
trajectory: the score before and after, the change, the months between, the actions on that element completed in
between (by the one rule `selectors.actie_gereed_tussen`, which the round's page uses too) and the readiness answers
of the earlier round. `samenvatting` reads the rows per element: the mean change of the pairs with and without a
completed action, and whether there are enough pairs to read anything into.

Every function takes an already-scoped queryset of rounds (`Ronde.objects.zichtbaar_voor(user)`) and costs a fixed
number of queries, whatever the number of organisations or rounds.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from trajecten.models import Deelname, Traject

from .models import Actie, Ronde, Score
from .selectors import actie_gereed_tussen

# Below this many pairs in a group (with or without a completed action) the summary warns: too few to read into.
MINIMUM_PAREN = 5
DAGEN_PER_MAAND = 365.25 / 12

# The readiness answers a round keeps (section 4.7 of the Paraplumodel chapter), in the order of the form.
GEREEDHEID_VELDEN = (
    "gereedheid",
    "veranderingsgeschiedenis",
    "capaciteit_tijd",
    "capaciteit_middelen",
    "capaciteit_ruimte",
    "capaciteit_menskracht",
    "vernieuwers",
    "vernieuwers_toelichting",
)


def pseudoniem(organisatie_id: int) -> str:
    """A stable pseudonym of an organisation: the same in every export of this installation, and no way back to the
    organisation without the secret key."""
    return "ORG-" + salted_hmac("quickscan.onderzoek.pseudoniem", str(organisatie_id)).hexdigest()[:10].upper()


@dataclass(frozen=True)
class GereedActie:
    omschrijving: str
    gereed_op: datetime.date


@dataclass
class OnderzoeksRij:
    traject: str
    methoden: list[str]
    organisatie: str  # the name, or its pseudonym
    organisatie_soort: str
    team: str
    element_code: str
    element: str
    element_volgorde: int
    ronde_voor: int
    ronde_na: int
    datum_voor: datetime.date
    datum_na: datetime.date
    score_voor: int | None
    score_na: int | None
    acties: list[GereedActie]
    gereedheid: dict[str, str]

    @property
    def verschil(self) -> int | None:
        if self.score_voor is None or self.score_na is None:
            return None
        return self.score_na - self.score_voor

    @property
    def maanden(self) -> float:
        return round((self.datum_na - self.datum_voor).days / DAGEN_PER_MAAND, 1)

    @property
    def aantal_acties(self) -> int:
        return len(self.acties)

    def als_dict(self) -> dict[str, Any]:
        """The row as plain data (the API's JSON)."""
        return {
            "traject": self.traject,
            "methoden": self.methoden,
            "organisatie": self.organisatie,
            "organisatie_soort": self.organisatie_soort,
            "team": self.team,
            "element_code": self.element_code,
            "element": self.element,
            "ronde_voor": self.ronde_voor,
            "ronde_na": self.ronde_na,
            "datum_voor": self.datum_voor,
            "datum_na": self.datum_na,
            "score_voor": self.score_voor,
            "score_na": self.score_na,
            "verschil": self.verschil,
            "maanden": self.maanden,
            "aantal_acties": self.aantal_acties,
            "acties": [{"omschrijving": a.omschrijving, "gereed_op": a.gereed_op} for a in self.acties],
            "gereedheid": self.gereedheid,
        }


def traject_rondes(traject: Traject, rondes: QuerySet[Ronde]) -> QuerySet[Ronde]:
    """The submitted rounds of the trajectory among `rondes`: those recorded for it, and those recorded for no
    trajectory of an organisation that takes part in it."""
    deelnemers = Deelname.objects.filter(traject=traject).values("organisatie_id")
    return (
        rondes.afgerond()  # type: ignore[attr-defined]
        .filter(Q(traject=traject) | Q(traject__isnull=True, organisatie_id__in=deelnemers))
        .order_by("organisatie_id", "afdeling_id", "datum", "pk")
    )


def _gereedheid(ronde: Ronde) -> dict[str, str]:
    antwoorden = {veld: getattr(ronde, veld) for veld in GEREEDHEID_VELDEN}
    antwoorden["vernieuwers"] = ronde.get_vernieuwers_display() if ronde.vernieuwers else ""
    return antwoorden


def onderzoek_rijen(traject: Traject, rondes: QuerySet[Ronde], *, pseudoniemen: bool = False) -> list[OnderzoeksRij]:
    """The export's rows for the trajectory, from the visible `rondes` (five queries)."""
    lijst = list(
        traject_rondes(traject, rondes)
        .select_related("organisatie", "afdeling")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("element")))
    )
    organisatie_ids = {r.organisatie_id for r in lijst}
    methoden: dict[int, list[str]] = {}
    for deelname in Deelname.objects.filter(traject=traject, organisatie_id__in=organisatie_ids).prefetch_related(
        "methoden"
    ):
        methoden[deelname.organisatie_id] = sorted(m.naam for m in deelname.methoden.all())
    acties: dict[tuple[int, int | None, int], list[Actie]] = defaultdict(list)
    for actie in (
        Actie.objects.filter(ronde__organisatie_id__in=organisatie_ids, status=Actie.Status.GEREED)
        .order_by("gereed_op", "pk")
        .select_related("ronde")
    ):
        acties[(actie.ronde.organisatie_id, actie.ronde.afdeling_id, actie.element_id)].append(actie)
    reeksen: dict[tuple[int, int | None], list[Ronde]] = defaultdict(list)
    for ronde in lijst:
        reeksen[(ronde.organisatie_id, ronde.afdeling_id)].append(ronde)
    rijen = []
    for (organisatie_id, afdeling_id), reeks in reeksen.items():
        for vorige, ronde in pairwise(reeks):
            organisatie = ronde.organisatie
            voor = {s.element.code: s.score for s in vorige.scores.all()}
            gereedheid = _gereedheid(vorige)
            for score in sorted(ronde.scores.all(), key=lambda s: s.element.volgorde):
                gedaan = [
                    GereedActie(a.omschrijving, a.gereed_op)
                    for a in acties[(organisatie_id, afdeling_id, score.element_id)]
                    if a.gereed_op is not None and actie_gereed_tussen(a, vorige, ronde)
                ]
                rijen.append(
                    OnderzoeksRij(
                        traject=traject.naam,
                        methoden=methoden.get(organisatie_id, []),
                        organisatie=pseudoniem(organisatie_id) if pseudoniemen else organisatie.naam,
                        organisatie_soort=organisatie.get_soort_display(),
                        team="" if ronde.afdeling is None or pseudoniemen else ronde.afdeling.naam,
                        element_code=score.element.code,
                        element=score.element.naam,
                        element_volgorde=score.element.volgorde,
                        ronde_voor=vorige.pk,
                        ronde_na=ronde.pk,
                        datum_voor=vorige.datum,
                        datum_na=ronde.datum,
                        score_voor=voor.get(score.element.code),
                        score_na=score.score,
                        acties=gedaan,
                        gereedheid=gereedheid,
                    )
                )
    rijen.sort(key=lambda r: (r.organisatie.lower(), r.team.lower(), r.datum_voor, r.ronde_voor, r.element_volgorde))
    return rijen


def kolommen() -> list[str]:
    """The header of the CSV/XLSX export."""
    return [
        _("Traject"),
        _("Methode(n)"),
        _("Organisatie"),
        _("Soort organisatie"),
        _("Team"),
        _("Elementcode"),
        _("Element"),
        _("Datum ronde ervoor"),
        _("Datum ronde erna"),
        _("Score ervoor"),
        _("Score erna"),
        _("Verschil"),
        _("Maanden ertussen"),
        _("Acties gereed (aantal)"),
        _("Acties gereed (omschrijvingen)"),
        _("Acties gereed (data)"),
        _("Is de organisatie eraan toe?"),
        _("Veranderingsgeschiedenis"),
        _("Capaciteit: tijd"),
        _("Capaciteit: middelen"),
        _("Capaciteit: ruimte"),
        _("Capaciteit: menskracht"),
        _("Innovators en early adopters"),
        _("Toelichting innovators"),
    ]


def export_rijen(rijen: list[OnderzoeksRij]) -> list[list[Any]]:
    """Header and rows for `werkplaats.lib.export` (which neutralises every cell): numbers as numbers, dates as
    dates, several actions joined in one cell."""
    uit: list[list[Any]] = [kolommen()]
    for rij in rijen:
        uit.append(
            [
                rij.traject,
                "; ".join(rij.methoden),
                rij.organisatie,
                rij.organisatie_soort,
                rij.team,
                rij.element_code,
                rij.element,
                rij.datum_voor,
                rij.datum_na,
                rij.score_voor,
                rij.score_na,
                rij.verschil,
                rij.maanden,
                rij.aantal_acties,
                " | ".join(a.omschrijving for a in rij.acties),
                "; ".join(a.gereed_op.isoformat() for a in rij.acties),
                *(rij.gereedheid[veld] for veld in GEREEDHEID_VELDEN),
            ]
        )
    return uit


@dataclass
class ElementSamenvatting:
    element_code: str
    element: str
    volgorde: int
    met_acties: list[int] = field(default_factory=list)  # the changes of the pairs with a completed action
    zonder_acties: list[int] = field(default_factory=list)

    @property
    def paren(self) -> int:
        return len(self.met_acties) + len(self.zonder_acties)

    @property
    def gemiddelde_met(self) -> float | None:
        return round(statistics.fmean(self.met_acties), 2) if self.met_acties else None

    @property
    def gemiddelde_zonder(self) -> float | None:
        return round(statistics.fmean(self.zonder_acties), 2) if self.zonder_acties else None

    @property
    def te_weinig(self) -> bool:
        """Fewer than MINIMUM_PAREN pairs on either side: the difference says nothing yet."""
        return min(len(self.met_acties), len(self.zonder_acties)) < MINIMUM_PAREN


def samenvatting(rijen: list[OnderzoeksRij]) -> list[ElementSamenvatting]:
    """Per element (in the instrument's order): the changes of the pairs with and without completed actions. Pairs
    with a missing score on either side count in neither."""
    per_code: dict[str, ElementSamenvatting] = {}
    for rij in rijen:
        if rij.element_code not in per_code:
            per_code[rij.element_code] = ElementSamenvatting(rij.element_code, rij.element, rij.element_volgorde)
        if rij.verschil is None:
            continue
        groep = per_code[rij.element_code]
        (groep.met_acties if rij.aantal_acties else groep.zonder_acties).append(rij.verschil)
    return sorted(per_code.values(), key=lambda e: (e.volgorde, e.element_code))
