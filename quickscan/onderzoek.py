"""The research export: which completed actions came with which score changes, per element.

One row per series (organisation, or one of its teams) x element x pair of consecutive submitted rounds of a
trajectory: the score before and after, the change, the months between, the actions on that element completed in
between (by the one rule `selectors.actie_gereed_tussen`, which the round's page uses too) and the readiness answers
of the earlier round. `samenvatting` reads the rows per element: the mean change of the pairs with and without a
completed action, and whether there are enough pairs to read anything into.

Every function takes an already-scoped queryset of rounds (`Ronde.objects.zichtbaar_voor(user)`) and costs a fixed
number of queries, whatever the number of organisations or rounds.

`landelijke_rijen` makes the same rows for the national role across werkplaatsen (the selection and the small-number
threshold are `rapportage.landelijk_onderzoek`'s): organisations and teams always under their pseudonym, and none of
the free text people wrote (action descriptions, readiness answers): an action is its date, readiness only the
"innovators" choice. `landelijke_export_rijen` and `OnderzoeksRij.landelijk_dict` are what leaves for that role.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from trajecten.models import Deelname, Traject
from werkplaats.landelijk import genoeg

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


def team_pseudoniem(afdeling_id: int) -> str:
    """A team's stable pseudonym (as `pseudoniem`), so that the series of two teams of one organisation stay apart."""
    return "TEAM-" + salted_hmac("quickscan.onderzoek.team", str(afdeling_id)).hexdigest()[:10].upper()


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
    werkplaats: str = ""
    illustratief: bool = False  # either round is a reconstructed example, not the organisation's real scores

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

    def landelijk_dict(self) -> dict[str, Any]:
        """The row as the national role gets it (the API's JSON): pseudonyms, no free text, no round ids. A choice of
        `als_dict`'s fields (`LANDELIJKE_VELDEN`), so both read the same values."""
        rij = self.als_dict()
        return {
            "werkplaats": self.werkplaats,
            **{veld: rij[veld] for veld in LANDELIJKE_VELDEN},
            "acties_gereed_op": [a.gereed_op for a in self.acties],
            "vernieuwers": self.gereedheid["vernieuwers"],
            "illustratief": self.illustratief,
        }


# What of a row leaves for the national role as it is (the organisation and team are pseudonyms in its rows).
LANDELIJKE_VELDEN = (
    "methoden",
    "organisatie",
    "organisatie_soort",
    "team",
    "element_code",
    "element",
    "datum_voor",
    "datum_na",
    "score_voor",
    "score_na",
    "verschil",
    "maanden",
    "aantal_acties",
)


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


def _met_scores(rondes: QuerySet[Ronde]) -> list[Ronde]:
    return list(
        rondes.select_related("organisatie__werkplaats", "afdeling").prefetch_related(
            Prefetch("scores", queryset=Score.objects.select_related("element"))
        )
    )


def _gereed_acties(organisatie_ids: set[int]) -> dict[tuple[int, int | None, int], list[Actie]]:
    """The completed actions of these organisations, per series (organisation, team) and element."""
    acties: dict[tuple[int, int | None, int], list[Actie]] = defaultdict(list)
    for actie in (
        Actie.objects.filter(ronde__organisatie_id__in=organisatie_ids, status=Actie.Status.GEREED)
        .order_by("gereed_op", "pk")
        .select_related("ronde")
    ):
        acties[(actie.ronde.organisatie_id, actie.ronde.afdeling_id, actie.element_id)].append(actie)
    return acties


def _methoden(deelnames: QuerySet[Deelname], organisatie_ids: set[int]) -> dict[int, list[str]]:
    """Per organisation the names of its methods in these participations."""
    namen: dict[int, set[str]] = defaultdict(set)
    for deelname in deelnames.filter(organisatie_id__in=organisatie_ids).prefetch_related("methoden"):
        namen[deelname.organisatie_id].update(m.naam for m in deelname.methoden.all())
    return {organisatie_id: sorted(n) for organisatie_id, n in namen.items()}


def _rijen(
    lijst: list[Ronde],
    methoden: dict[int, list[str]],
    *,
    traject: str,
    pseudoniemen: bool,
    na_in_jaar: int | None = None,
) -> list[OnderzoeksRij]:
    """The pairs of consecutive rounds of each series in `lijst` (ordered by series and date), one row per element
    of the later round; with `na_in_jaar` only the pairs whose later round falls in that year."""
    acties = _gereed_acties({r.organisatie_id for r in lijst})
    reeksen: dict[tuple[int, int | None], list[Ronde]] = defaultdict(list)
    for ronde in lijst:
        reeksen[(ronde.organisatie_id, ronde.afdeling_id)].append(ronde)
    rijen = []
    for (organisatie_id, afdeling_id), reeks in reeksen.items():
        for vorige, ronde in pairwise(reeks):
            if na_in_jaar is not None and ronde.datum.year != na_in_jaar:
                continue
            organisatie = ronde.organisatie
            if ronde.afdeling is None:
                team = ""
            else:
                team = team_pseudoniem(ronde.afdeling.pk) if pseudoniemen else ronde.afdeling.naam
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
                        traject=traject,
                        methoden=methoden.get(organisatie_id, []),
                        organisatie=pseudoniem(organisatie_id) if pseudoniemen else organisatie.naam,
                        organisatie_soort=organisatie.get_soort_display(),
                        team=team,
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
                        werkplaats=organisatie.werkplaats.naam,
                        illustratief=vorige.illustratief or ronde.illustratief,
                    )
                )
    return rijen


def onderzoek_rijen(traject: Traject, rondes: QuerySet[Ronde], *, pseudoniemen: bool = False) -> list[OnderzoeksRij]:
    """The export's rows for the trajectory, from the visible `rondes` (five queries)."""
    lijst = _met_scores(traject_rondes(traject, rondes))
    methoden = _methoden(Deelname.objects.filter(traject=traject), {r.organisatie_id for r in lijst})
    rijen = _rijen(lijst, methoden, traject=traject.naam, pseudoniemen=pseudoniemen)
    rijen.sort(key=lambda r: (r.organisatie.lower(), r.team.lower(), r.datum_voor, r.ronde_voor, r.element_volgorde))
    return rijen


def landelijke_rijen(
    deelnames: QuerySet[Deelname], rondes: QuerySet[Ronde], *, na_in_jaar: int | None = None
) -> list[OnderzoeksRij]:
    """The rows across werkplaatsen for the national role (five queries): every series of the organisations taking
    part in `deelnames` (the national selection), from their submitted rounds among `rondes` recorded for one of
    those participations' trajectories or for no trajectory. Always under pseudonyms; what leaves for that role is
    `landelijk_dict` / `landelijke_export_rijen`, without the free text the rows still carry."""
    deelname = deelnames.filter(organisatie_id=OuterRef("organisatie_id"))
    geselecteerd = rondes.afgerond().filter(  # type: ignore[attr-defined]
        Q(Exists(deelname.filter(traject_id=OuterRef("traject_id"))))
        | Q(traject__isnull=True, organisatie_id__in=deelnames.values("organisatie_id"))
    )
    lijst = _met_scores(geselecteerd.order_by("organisatie_id", "afdeling_id", "datum", "pk"))
    methoden = _methoden(deelnames, {r.organisatie_id for r in lijst})
    rijen = _rijen(lijst, methoden, traject="", pseudoniemen=True, na_in_jaar=na_in_jaar)
    rijen.sort(key=lambda r: (r.werkplaats.lower(), r.organisatie, r.team, r.datum_voor, r.element_volgorde))
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


def landelijke_kolommen() -> list[str]:
    """The header of the national CSV/XLSX export."""
    return [
        _("Werkplaats"),
        _("Methode(n)"),
        _("Organisatie (pseudoniem)"),
        _("Soort organisatie"),
        _("Team (pseudoniem)"),
        _("Elementcode"),
        _("Element"),
        _("Datum ronde ervoor"),
        _("Datum ronde erna"),
        _("Score ervoor"),
        _("Score erna"),
        _("Verschil"),
        _("Maanden ertussen"),
        _("Acties gereed (aantal)"),
        _("Acties gereed (data)"),
        _("Innovators en early adopters"),
        _("Illustratief"),
    ]


def landelijke_export_rijen(rijen: list[OnderzoeksRij]) -> list[list[Any]]:
    """Header and rows of the national export for `werkplaats.lib.export`: no action description, no readiness text."""
    uit: list[list[Any]] = [landelijke_kolommen()]
    for rij in rijen:
        gegevens = rij.landelijk_dict()
        uit.append(
            [
                gegevens["werkplaats"],
                "; ".join(gegevens["methoden"]),
                gegevens["organisatie"],
                gegevens["organisatie_soort"],
                gegevens["team"],
                gegevens["element_code"],
                gegevens["element"],
                gegevens["datum_voor"],
                gegevens["datum_na"],
                gegevens["score_voor"],
                gegevens["score_na"],
                gegevens["verschil"],
                gegevens["maanden"],
                gegevens["aantal_acties"],
                "; ".join(d.isoformat() for d in gegevens["acties_gereed_op"]),
                gegevens["vernieuwers"],
                _("ja") if gegevens["illustratief"] else _("nee"),
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
    organisaties_met: set[str] = field(default_factory=set)  # the organisations those pairs are of
    organisaties_zonder: set[str] = field(default_factory=set)
    # The small-number threshold (`werkplaats.landelijk.genoeg`): on for the national role, whose figures never rest
    # on fewer organisations; a trajectory's own coordinators see their organisations' figures anyway.
    drempel: bool = False

    @property
    def paren(self) -> int:
        return len(self.met_acties) + len(self.zonder_acties)

    @property
    def met_getoond(self) -> bool:
        return not self.drempel or not self.met_acties or genoeg(len(self.organisaties_met))

    @property
    def zonder_getoond(self) -> bool:
        return not self.drempel or not self.zonder_acties or genoeg(len(self.organisaties_zonder))

    @property
    def paren_met(self) -> int | None:
        """The number of pairs with a completed action; None when withheld (too few organisations)."""
        return len(self.met_acties) if self.met_getoond else None

    @property
    def paren_zonder(self) -> int | None:
        return len(self.zonder_acties) if self.zonder_getoond else None

    @property
    def gemiddelde_met(self) -> float | None:
        if not (self.met_acties and self.met_getoond):
            return None
        return round(statistics.fmean(self.met_acties), 2)

    @property
    def gemiddelde_zonder(self) -> float | None:
        if not (self.zonder_acties and self.zonder_getoond):
            return None
        return round(statistics.fmean(self.zonder_acties), 2)

    @property
    def te_weinig(self) -> bool:
        """Fewer than MINIMUM_PAREN pairs on either side: the difference says nothing yet."""
        return min(len(self.met_acties), len(self.zonder_acties)) < MINIMUM_PAREN


def samenvatting(rijen: list[OnderzoeksRij], *, drempel: bool = False) -> list[ElementSamenvatting]:
    """Per element (in the instrument's order): the changes of the pairs with and without completed actions. Pairs
    with a missing score on either side count in neither. With `drempel` (the national role) a group of fewer
    organisations than the small-number threshold shows no mean and no count."""
    per_code: dict[str, ElementSamenvatting] = {}
    for rij in rijen:
        if rij.element_code not in per_code:
            per_code[rij.element_code] = ElementSamenvatting(
                rij.element_code, rij.element, rij.element_volgorde, drempel=drempel
            )
        if rij.verschil is None:
            continue
        groep = per_code[rij.element_code]
        if rij.aantal_acties:
            groep.met_acties.append(rij.verschil)
            groep.organisaties_met.add(rij.organisatie)
        else:
            groep.zonder_acties.append(rij.verschil)
            groep.organisaties_zonder.add(rij.organisatie)
    return sorted(per_code.values(), key=lambda e: (e.volgorde, e.element_code))
