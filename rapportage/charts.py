"""Report charts: pure functions from figures to inline SVG, in the house style of `werkplaats.lib.grafieken`."""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkplaats.lib.datums import maand_jaar, maanden_erbij, maanden_tussen
from werkplaats.lib.grafieken import PALET, gecached, leeg_svg, naar_svg, stijl

# The phases in one neutral colour: a colour means something in the report's charts (orange is "changed").
FASE_KLEUR = "#4a6f8f"

REEKSEN = (
    ("professionals", gettext_lazy("Professionals in scholing")),
    ("buddies", gettext_lazy("Buddy's")),
    ("leiders", gettext_lazy("Actieve implementatieleiders")),
)


@gecached
def verloop_svg(rijen: Sequence[tuple[datetime.date, int, int, int]]) -> str:
    """Retention over time: three small panels (professionals, buddies, leaders) sharing the date axis.

    `rijen`: (date, professionals, buddies, active leaders), as `scholing.selectors.verloop` gives them.
    """
    titel = _("Verloop van deelnemers, buddy's en implementatieleiders")
    if not rijen:
        return leeg_svg(_("Nog geen gegevens"), titel)
    from matplotlib.figure import Figure  # imported where a chart is drawn, not when a process starts

    with stijl():
        fig = Figure(figsize=(7.5, 5.4), layout="constrained")
        axes = fig.subplots(3, 1, sharex=True)
        x = list(range(len(rijen)))
        reeksen = ([rij[1] for rij in rijen], [rij[2] for rij in rijen], [rij[3] for rij in rijen])
        for index, (ax, (code, label), waarden) in enumerate(zip(axes, REEKSEN, reeksen, strict=True)):
            (lijn,) = ax.plot(x, waarden, marker="o", markersize=3.5, color=PALET[index], linewidth=1.6)
            lijn.set_gid(f"verloop-{code}")
            ax.set_title(str(label), loc="left", fontsize=9)
            ax.set_ylim(0, max(max(waarden) * 1.15, 1))
            ax.grid(axis="y", color="#dddddd", linewidth=0.6)
            ax.spines[["top", "right"]].set_visible(False)
            ax.annotate(str(waarden[-1]), (x[-1], waarden[-1]), textcoords="offset points", xytext=(4, 4), fontsize=8)
        stap = max(1, len(rijen) // 8)
        axes[-1].set_xticks(
            x[::stap], [maand_jaar(rij[0], kort=True) for rij in rijen[::stap]], rotation=30, ha="right"
        )
        return naar_svg(fig, titel)


@gecached
def fasen_svg(fasen: Sequence[Mapping[str, Any]]) -> str:
    """The phases as a timeline (one bar per phase, by month; phases may overlap).

    `fasen`: dicts with nummer, naam, start and eind (ISO dates of the first of the month).
    """
    titel = _("Tijdlijn van de fasen")
    if not fasen:
        return leeg_svg(_("Nog geen fasen"), titel)
    starts = [datetime.date.fromisoformat(f["start"]) for f in fasen]
    einden = [datetime.date.fromisoformat(f["eind"]) for f in fasen]
    begin = min(starts)
    laatste = max(maanden_tussen(begin, e) for e in einden) + 1
    from matplotlib.figure import Figure  # imported where a chart is drawn, not when a process starts

    with stijl():
        labels = [_fase_label(f) for f in fasen]
        regels = sum(label.count("\n") + 1 for label in labels)
        fig = Figure(figsize=(7.5, 0.28 * regels + 0.2 * len(fasen) + 1.0), layout="constrained")
        ax = fig.subplots()
        for rij, (fase, start, eind) in enumerate(zip(fasen, starts, einden, strict=True)):
            links, lengte = maanden_tussen(begin, start), maanden_tussen(start, eind) + 1
            balk = ax.barh(rij, lengte, left=links, height=0.6, color=FASE_KLEUR)
            balk.patches[0].set_gid(f"fase-{fase['nummer']}")
        ax.set_yticks(range(len(fasen)), labels, fontsize=8)
        ax.invert_yaxis()
        stap = 3 if laatste > 12 else 1
        ticks = list(range(0, laatste + 1, stap))
        ax.set_xticks(
            ticks, [maand_jaar(maanden_erbij(begin, t), kort=True) for t in ticks], rotation=30, ha="right", fontsize=8
        )
        ax.set_xlim(0, laatste)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.spines[["top", "right"]].set_visible(False)
        return naar_svg(fig, titel)


def _fase_label(fase: Mapping[str, Any], breedte: int = 34) -> str:
    """ "3. Uitvoeren van de methode in de eigen werkpraktijk" on at most two lines, broken between words."""
    regels = textwrap.wrap(f"{fase['nummer']}. {fase['naam']}", breedte, break_long_words=False)
    if len(regels) > 2:
        regels = [regels[0], textwrap.shorten(" ".join(regels[1:]), breedte, placeholder=" …")]
    return "\n".join(regels)
