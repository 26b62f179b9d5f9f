"""Report charts: pure functions from figures to inline SVG, in the house style of the quickscan charts."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from matplotlib.figure import Figure

from quickscan.charts import MAANDEN, PALET, gecached, leeg_svg, naar_svg, stijl

REEKSEN = (
    ("professionals", "Professionals in scholing"),
    ("buddies", "Buddy's"),
    ("leiders", "Actieve implementatieleiders"),
)


@gecached
def verloop_svg(rijen: Sequence[tuple[datetime.date, int, int, int]]) -> str:
    """Retention over time: three small panels (professionals, buddies, leaders) sharing the date axis.

    `rijen`: (date, professionals, buddies, active leaders), as `scholing.selectors.verloop` gives them.
    """
    titel = "Verloop van deelnemers, buddy's en implementatieleiders"
    if not rijen:
        return leeg_svg("Nog geen gegevens", titel)
    with stijl():
        fig = Figure(figsize=(7.5, 5.4), layout="constrained")
        axes = fig.subplots(3, 1, sharex=True)
        x = list(range(len(rijen)))
        for index, (ax, (code, label)) in enumerate(zip(axes, REEKSEN, strict=True)):
            waarden = [rij[index + 1] for rij in rijen]
            (lijn,) = ax.plot(x, waarden, marker="o", markersize=3.5, color=PALET[index], linewidth=1.6)
            lijn.set_gid(f"verloop-{code}")
            ax.set_title(label, loc="left", fontsize=9)
            ax.set_ylim(0, max(max(waarden) * 1.15, 1))
            ax.grid(axis="y", color="#dddddd", linewidth=0.6)
            ax.spines[["top", "right"]].set_visible(False)
            ax.annotate(str(waarden[-1]), (x[-1], waarden[-1]), textcoords="offset points", xytext=(4, 4), fontsize=8)
        stap = max(1, len(rijen) // 8)
        axes[-1].set_xticks(x[::stap], [_kort(rij[0]) for rij in rijen[::stap]], rotation=30, ha="right")
        return naar_svg(fig, titel)


def _kort(dag: datetime.date) -> str:
    """'mrt 2014': the month and year of a date, in Dutch."""
    return f"{MAANDEN[dag.month - 1][:3]} {dag.year}"


@gecached
def fasen_svg(fasen: Sequence[dict]) -> str:
    """The phases as a timeline (one bar per phase, by month; phases may overlap).

    `fasen`: dicts with nummer, naam, start and eind (ISO dates of the first of the month).
    """
    titel = "Tijdlijn van de fasen"
    if not fasen:
        return leeg_svg("Nog geen fasen", titel)
    starts = [datetime.date.fromisoformat(f["start"]) for f in fasen]
    einden = [datetime.date.fromisoformat(f["eind"]) for f in fasen]
    begin = min(starts)

    def maand(dag: datetime.date) -> int:
        return (dag.year - begin.year) * 12 + dag.month - begin.month

    laatste = max(maand(e) for e in einden) + 1
    with stijl():
        fig = Figure(figsize=(7.5, 0.45 * len(fasen) + 1.0), layout="constrained")
        ax = fig.subplots()
        for rij, (fase, start, eind) in enumerate(zip(fasen, starts, einden, strict=True)):
            balk = ax.barh(rij, maand(eind) - maand(start) + 1, left=maand(start), height=0.6, color=PALET[rij % 3])
            balk.patches[0].set_gid(f"fase-{fase['nummer']}")
        ax.set_yticks(range(len(fasen)), [f"{f['nummer']}. {f['naam'][:38]}" for f in fasen], fontsize=8)
        ax.invert_yaxis()
        stap = 3 if laatste > 12 else 1
        ticks = list(range(0, laatste + 1, stap))
        ax.set_xticks(ticks, [_kort(_plus_maanden(begin, t)) for t in ticks], rotation=30, ha="right", fontsize=8)
        ax.set_xlim(0, laatste)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.spines[["top", "right"]].set_visible(False)
        return naar_svg(fig, titel)


def _plus_maanden(dag: datetime.date, maanden: int) -> datetime.date:
    index = dag.month - 1 + maanden
    return datetime.date(dag.year + index // 12, index % 12 + 1, 1)
