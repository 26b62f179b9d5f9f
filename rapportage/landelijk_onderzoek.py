"""The research export across werkplaatsen, for the national role: which completed actions came with which score
changes, per element, for every werkplaats at once.

The rows are the trajectory export's (`quickscan.onderzoek`, one per organisation or team x element x pair of
consecutive submitted rounds), for the organisations of the national overview's selection (`landelijk._trajecten`:
the trajectories running today, or any time in the chosen year, optionally of one method; with a year, the pairs whose
later round falls in it). What the national role gets of them:

- organisations and teams always under their stable pseudonym (`onderzoek.pseudoniem`, the same as in a trajectory's
  pseudonymised export), with their werkplaats, methods and kind of organisation;
- no free text people wrote: of the actions only their number and dates (their descriptions may name colleagues),
  of the readiness answers only the "innovators" choice (the others are free text); no round ids;
- the small-number threshold (`werkplaats.landelijk.genoeg`): a werkplaats with fewer organisations in the rows than
  `LANDELIJK_MINIMUM_ORGANISATIES` gives no rows at all (it is named as withheld), and in the summary a mean or a count
  made of fewer organisations is withheld;
- the same threshold for the kind of organisation within a werkplaats: a werkplaats and a kind that fewer organisations
  share would point at one of them (its only CJG, say), so such a kind is shown as `SOORT_ACHTERGEHOUDEN`.

Who: the national role and superusers (`mag_landelijk_onderzoek`); a werkplaats's coordinators and lectoraat have
their own trajectories' export with names, and get no rows of other werkplaatsen' organisations.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from quickscan import onderzoek
from quickscan.models import Ronde
from trajecten.models import Deelname, Methode
from werkplaats.landelijk import genoeg, minimum_organisaties

from .landelijk import _trajecten, peildatum_voor

SOORT_ACHTERGEHOUDEN = _("Andere soort (te weinig organisaties om te tonen)")


def mag_landelijk_onderzoek(user) -> bool:
    """The national role and superusers (the page, its downloads and the API endpoint)."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_landelijk))


@dataclass(frozen=True)
class WerkplaatsTelling:
    naam: str
    organisaties: int  # organisations with at least one pair of rounds in the selection

    @property
    def getoond(self) -> bool:
        return genoeg(self.organisaties)


@dataclass
class LandelijkOnderzoek:
    peildatum: datetime.date
    jaar: int | None
    methode: Methode | None
    minimum: int
    rijen: list[onderzoek.OnderzoeksRij]  # of the werkplaatsen shown only
    werkplaatsen: list[WerkplaatsTelling]  # every werkplaats with pairs, shown or withheld

    @property
    def achtergehouden(self) -> list[WerkplaatsTelling]:
        return [w for w in self.werkplaatsen if not w.getoond]

    @property
    def paren(self) -> int:
        return len({(r.organisatie, r.team, r.datum_voor, r.datum_na) for r in self.rijen})

    def samenvatting(self) -> list[onderzoek.ElementSamenvatting]:
        return onderzoek.samenvatting(self.rijen, drempel=True)


def landelijk_onderzoek(*, jaar: int | None = None, methode: Methode | None = None) -> LandelijkOnderzoek:
    """The national research rows for the selection (five queries, whatever the number of werkplaatsen or rounds);
    werkplaatsen are told apart by their name, which is unique."""
    peildatum = peildatum_voor(jaar)
    deelnames = Deelname.objects.filter(traject__in=_trajecten(peildatum, jaar, methode), vanaf__lte=peildatum)
    if methode is not None:
        deelnames = deelnames.filter(methoden=methode)
    alle = onderzoek.landelijke_rijen(deelnames, Ronde.objects.filter(datum__lte=peildatum), na_in_jaar=jaar)
    organisaties: dict[str, set[str]] = defaultdict(set)
    for rij in alle:
        organisaties[rij.werkplaats].add(rij.organisatie)
    tellingen = [WerkplaatsTelling(naam, len(organisaties[naam])) for naam in sorted(organisaties, key=str.lower)]
    getoond = {t.naam for t in tellingen if t.getoond}
    return LandelijkOnderzoek(
        peildatum=peildatum,
        jaar=jaar,
        methode=methode,
        minimum=minimum_organisaties(),
        rijen=_soorten_achterhouden([r for r in alle if r.werkplaats in getoond]),
        werkplaatsen=tellingen,
    )


def _soorten_achterhouden(rijen: list[onderzoek.OnderzoeksRij]) -> list[onderzoek.OnderzoeksRij]:
    """The rows, with each kind of organisation that fewer than the minimum of a werkplaats's organisations in them
    share replaced by `SOORT_ACHTERGEHOUDEN`."""
    per_soort: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rij in rijen:
        per_soort[(rij.werkplaats, rij.organisatie_soort)].add(rij.organisatie)
    return [
        rij
        if genoeg(len(per_soort[(rij.werkplaats, rij.organisatie_soort)]))
        else dataclasses.replace(rij, organisatie_soort=str(SOORT_ACHTERGEHOUDEN))
        for rij in rijen
    ]
