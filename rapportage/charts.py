"""Report charts: pure functions from figures to inline SVG, in the house style of the quickscan charts."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from matplotlib.figure import Figure

from quickscan.charts import MAANDEN, PALET, leeg_svg, naar_svg, stijl

REEKSEN = (
    ("professionals", "Professionals in scholing"),
    ("buddies", "Buddy's"),
    ("leiders", "Actieve implementatieleiders"),
)


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
