"""Reads of trajectories: the targets and the totals derived from them, in one place.

Only targets are stored (`Streefwaarde`). A total per indicator is the stored total, or else the sum of the
per-method targets; the buddies follow from the professionals ("90 professionals, each with at least two
buddies: 180 buddies, 270 together"). The trajectory page, the figures (`scholing.selectors.traject_cijfers`)
and through them the dashboard and the end report all take these numbers from `streefwaarden()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .models import Methode, Streefwaarde, Traject

PROFESSIONALS = Streefwaarde.Indicator.PROFESSIONALS.value
BUDDIES_PER_DEELNEMER = Streefwaarde.Indicator.BUDDIES_PER_DEELNEMER.value


@dataclass
class StreefwaardeRegel:
    """One row of the targets table: a stored target, or a total derived from stored ones."""

    indicator: str | Promise
    methode: Methode | None
    formulering: str
    waarde: int | None
    afgeleid: bool = False
    streefwaarde: Streefwaarde | None = None


@dataclass
class Streefwaarden:
    """The targets of one trajectory.

    `rijen`: the stored targets by (indicator, method id or None for the whole trajectory), in their order;
    `totalen`: per indicator the stored total, else the sum of its per-method targets, else None;
    `opgeteld`: the indicators whose total is such a sum.
    """

    rijen: dict[tuple[str, int | None], Streefwaarde]
    totalen: dict[str, int | None]
    opgeteld: set[str] = field(default_factory=set)

    @property
    def buddies(self) -> int | None:
        """The buddies the professionals should reach: professionals x buddies per participant (2 x 90)."""
        per, professionals = self.totalen.get(BUDDIES_PER_DEELNEMER), self.totalen.get(PROFESSIONALS)
        if per is None or professionals is None:
            return None
        return professionals * per

    @property
    def professionals_met_buddies(self) -> int | None:
        """The professionals and their buddies together: the end report's 270 (90 + 2 x 90)."""
        buddies = self.buddies
        professionals = self.totalen.get(PROFESSIONALS)
        return None if buddies is None or professionals is None else professionals + buddies

    def regels(self) -> list[StreefwaardeRegel]:
        """The rows of the trajectory page: each indicator's stored targets, then its derived total, if any."""
        labels = dict(Streefwaarde.Indicator.choices)
        regels: list[StreefwaardeRegel] = []
        for indicator in Streefwaarde.Indicator.values:
            for s in (s for (i, _m), s in self.rijen.items() if i == indicator):
                regels.append(
                    StreefwaardeRegel(
                        indicator=labels[indicator],
                        methode=s.methode,
                        formulering=s.get_formulering_display() if s.formulering else "",
                        waarde=s.waarde,
                        streefwaarde=s,
                    )
                )
            if indicator in self.opgeteld:
                regels.append(
                    StreefwaardeRegel(
                        indicator=_("%(indicator)s totaal") % {"indicator": labels[indicator]},
                        methode=None,
                        formulering="",
                        waarde=self.totalen[indicator],
                        afgeleid=True,
                    )
                )
        if self.buddies is not None:
            regels.append(
                StreefwaardeRegel(
                    indicator=_("buddy's totaal"), methode=None, formulering="", waarde=self.buddies, afgeleid=True
                )
            )
            regels.append(
                StreefwaardeRegel(
                    indicator=_("professionals en hun buddy's samen"),
                    methode=None,
                    formulering="",
                    waarde=self.professionals_met_buddies,
                    afgeleid=True,
                )
            )
        return regels


def streefwaarden(traject: Traject) -> Streefwaarden:
    """The stored targets and the derived totals of a trajectory, in one query (none when prefetched)."""
    rijen = {(s.indicator, s.methode_id): s for s in traject.streefwaarden.all()}
    totalen: dict[str, int | None] = {}
    opgeteld: set[str] = set()
    for indicator in Streefwaarde.Indicator.values:
        totaal = rijen.get((indicator, None))
        per_methode = [s.waarde for (i, m), s in rijen.items() if i == indicator and m is not None]
        # A total is the stored total, or else the sum of the per-method targets: never both typed in.
        if totaal is not None:
            totalen[indicator] = totaal.waarde
        elif per_methode:
            totalen[indicator] = sum(per_methode)
            opgeteld.add(indicator)
        else:
            totalen[indicator] = None
    return Streefwaarden(rijen=rijen, totalen=totalen, opgeteld=opgeteld)
