"""Quickscan charts: pure functions from scores to SVG text that can be inlined into HTML.

Drawn in the house style of `werkplaats.lib.grafieken` (matplotlib's ``Figure`` and the SVG backend inside
`stijl()`), so the same input gives byte-identical SVG whatever the global settings are. The colours here
are the seed's black/orange progress chart and the norm colours of the heatmap. One colour, one meaning, in
every chart of the app: orange is "changed in the later round", never "at the norm" (that is light blue).
A missing score (``None``) is never drawn as 0: it gets no bar, no line point and a grey cell.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkplaats.lib.datums import datum_lang
from werkplaats.lib.grafieken import _CACHE as _CACHE  # bench/pdf.py clears it; use grafieken.cache_legen()
from werkplaats.lib.grafieken import ORANJE, PALET, TEKST_GRIJS, ZWART, gecached, leeg_svg, naar_svg, stijl

if TYPE_CHECKING:
    # matplotlib is imported where a chart is drawn, not when a process starts (tests/werkplaats/test_opstarten.py).
    from matplotlib.axes import Axes

ROOD = "#d62728"
GROEN = "#2ca02c"
BLAUW = "#9ecae1"  # at the norm: neutral, and not the orange of "changed"
GRIJS = "#e0e0e0"
NORM_KLEUR = "#555555"
DOEL_KLEUR = PALET[0]  # the target for the next round: indigo, neither a round's colour nor the norm's grey
DOEL_DIKTE = 2.5
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*", "h")
SCORE_MIN, SCORE_MAX = 1, 5
KOP_VELDEN = (
    ("afdeling", gettext_lazy("Afdeling")),
    ("naam", gettext_lazy("Naam")),
    ("functie", gettext_lazy("Functie")),
)


@dataclass(frozen=True)
class Element:
    code: str
    label: str  # chart label, e.g. "Uitgangs-punten"


@dataclass(frozen=True)
class Ronde:
    datum: datetime.date
    scores: Mapping[str, int | None]  # element code -> score 1..5, None (or absent) = missing
    label: str = ""  # e.g. "1e versie"


def kleur_voor_score(score: int | None, norm: int = 3) -> str:
    """Cell colour: red below the norm, light blue at the norm, green above it, grey when missing."""
    if score is None:
        return GRIJS
    if score < norm:
        return ROOD
    return BLAUW if score == norm else GROEN


@gecached
def voortgang_svg(
    elementen: Sequence[Element],
    eerste: Ronde,
    tweede: Ronde | None = None,
    *,
    kop: Mapping[str, str] | None = None,
    norm: int = 3,
    doelen: Mapping[str, int | None] | None = None,
) -> str:
    """Bars per element: the first round in black, changed scores of the second round in orange.

    `doelen`: the target per element code that the later round set for the next one, drawn as a short solid line
    across the element's bars (gid ``doel-<code>``), with its own entry in the legend.
    """
    kop_regels = [f"{naam}: {kop[sleutel]}" for sleutel, naam in KOP_VELDEN if kop and kop.get(sleutel)]
    from matplotlib.artist import Artist
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    with stijl():
        legenda = [
            _("%(ronde)s op %(datum)s (zwart)")
            % {"ronde": eerste.label or _("1e versie"), "datum": datum_lang(eerste.datum)}
        ]
        if tweede is not None:
            legenda.append(
                _("%(ronde)s op %(datum)s (oranje, zwart is onveranderd)")
                % {"ronde": tweede.label or _("2e versie"), "datum": datum_lang(tweede.datum)}
            )
        doel_per_code = {el.code: _score(doelen, el.code) for el in elementen} if doelen else {}
        met_doel = any(d is not None for d in doel_per_code.values())
        n = max(len(elementen), 1)
        # Layout in inches: header and legend above, the 0-5 plot, tick labels and footnote below.
        links, rechts, plot_hoog, onder = 0.7, 0.6, 3.0, 0.75
        boven = 0.2 + 0.2 * len(kop_regels) + 0.22 * (len(legenda) + met_doel) + 0.35
        breed, hoog = links + 0.85 * n + rechts, boven + plot_hoog + onder
        fig = Figure(figsize=(breed, hoog))
        ax = fig.add_axes((links / breed, onder / hoog, 0.85 * n / breed, plot_hoog / hoog))
        y = hoog - 0.2
        for regel in kop_regels:
            fig.text(0.15 / breed, y / hoog, regel, va="top", fontsize=10)
            y -= 0.2
        handles: list[Artist] = [Patch(facecolor=kleur) for kleur in (ZWART, ORANJE)[: len(legenda)]]
        if met_doel:
            handles.append(Line2D([], [], color=DOEL_KLEUR, linewidth=DOEL_DIKTE))
            legenda.append(_("doel voor de volgende ronde (lijn)"))
        fig.legend(
            handles=handles,
            labels=legenda,
            loc="upper left",
            bbox_to_anchor=(0.15 / breed, (y - 0.05) / hoog),
            frameon=False,
            borderpad=0,
            borderaxespad=0,
            handlelength=1.2,
            labelspacing=0.35,
        )
        breedte = 0.38 if tweede is not None else 0.55
        ontbreekt = False
        for i, el in enumerate(elementen):
            s1 = _score(eerste.scores, el.code)
            s2 = _score(tweede.scores, el.code) if tweede is not None else s1
            veranderd = s2 != s1
            ontbreekt |= _staaf(ax, i - 0.2 if veranderd else i, s1, ZWART, f"eerste-{el.code}", breedte)
            if veranderd:
                ontbreekt |= _staaf(ax, i + 0.2, s2, ORANJE, f"tweede-{el.code}", breedte)
            doel = doel_per_code.get(el.code)
            if doel is not None:
                ax.plot(
                    [i - 0.42, i + 0.42],
                    [doel, doel],
                    color=DOEL_KLEUR,
                    linewidth=DOEL_DIKTE,
                    solid_capstyle="butt",
                    zorder=5,
                    gid=f"doel-{el.code}",
                )
        ax.set_xlim(-0.6, n - 0.4)
        _score_as(ax)
        ax.set_xticks(range(len(elementen)), [_afbreken(el.label) for el in elementen], fontsize=8)
        ax.tick_params(axis="x", length=0, pad=5)
        _normlijn(ax, norm, zorder=4)  # over the bars
        if ontbreekt:
            fig.text(links / breed, 0.1 / hoog, _("– = niet gescoord"), fontsize=8, color=TEKST_GRIJS)
        titel = _("Voortgang implementatie-quickscan")
        if kop and kop.get("afdeling"):
            titel += f" – {kop['afdeling']}"
        return naar_svg(fig, titel)


@gecached
def trend_svg(elementen: Sequence[Element], rondes: Sequence[Ronde], *, norm: int = 3) -> str:
    """One line per element over all rounds (equally spaced, labelled with their dates)."""
    titel = _("Verloop van de quickscanscores per element")
    if not rondes:
        return leeg_svg(_("Nog geen quickscans"), titel)
    n, m = len(rondes), max(len(elementen), 1)
    breed, hoog = 8.0, 4.4
    links, rechts, boven, onder = 0.6, 2.5, 0.4, 0.8
    # Scores are integers, so lines coincide often: dodge the elements a little sideways.
    stap = min(0.06, 0.5 / m)
    from matplotlib.figure import Figure

    with stijl():
        fig = Figure(figsize=(breed, hoog))
        ax = fig.add_axes(
            (links / breed, onder / hoog, (breed - links - rechts) / breed, (hoog - boven - onder) / hoog)
        )
        for j, el in enumerate(elementen):
            verschuiving = (j - (m - 1) / 2) * stap
            waarden = [_score(r.scores, el.code) for r in rondes]
            (lijn,) = ax.plot(
                [x + verschuiving for x in range(n)],
                [math.nan if s is None else s for s in waarden],
                color=PALET[j % len(PALET)],
                marker=MARKERS[j % len(MARKERS)],
                linewidth=1.8,
                markersize=6,
                label=el.label,
                clip_on=False,
                zorder=3,
            )
            lijn.set_gid(f"trend-{el.code}")
        ax.set_xlim(-0.5, n - 0.5)
        _score_as(ax)
        labels = [f"{r.label}\n{datum_lang(r.datum)}" if r.label else datum_lang(r.datum) for r in rondes]
        if n > 4:
            ax.set_xticks(range(n), labels, fontsize=8, rotation=30, ha="right", rotation_mode="anchor")
        else:
            ax.set_xticks(range(n), labels, fontsize=8)
        _normlijn(ax, norm, zorder=2)  # below the lines, which often lie on the norm
        ax.legend(loc="upper left", bbox_to_anchor=(1.12, 1.0), frameon=False, fontsize=8, borderaxespad=0)
        return naar_svg(fig, titel)


@gecached
def heatmap_svg(
    elementen: Sequence[Element],
    rijen: Sequence[tuple[str, Mapping[str, int | None]]],
    *,
    norm: int = 3,
) -> str:
    """Organisations (rows) by elements (columns), each cell coloured relative to the norm."""
    titel = _("Quickscanscores per organisatie")
    if not rijen:
        return leeg_svg(_("Nog geen quickscans"), titel)
    m, k = max(len(elementen), 1), len(rijen)
    cel_breed, cel_hoog = 0.9, 0.4
    kolommen = 4 if m >= 6 else 2  # legend columns
    # Room for the longest organisation name (9 pt: about 0.075 inch a character), so no label is cut off.
    langste = max(len(_inkorten(naam)) for naam, _scores in rijen)
    links, rechts, boven, onder = max(2.4, 0.3 + 0.075 * langste), 0.2, 0.6, 0.3 + 0.22 * (4 // kolommen)
    breed, hoog = links + m * cel_breed + rechts, boven + k * cel_hoog + onder
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, Rectangle

    with stijl():
        fig = Figure(figsize=(breed, hoog))
        ax = fig.add_axes((links / breed, onder / hoog, m * cel_breed / breed, k * cel_hoog / hoog))
        for i, (_naam, scores) in enumerate(rijen):
            for j, el in enumerate(elementen):
                score = _score(scores, el.code)
                cel = Rectangle((j, i), 1, 1, facecolor=kleur_voor_score(score, norm), edgecolor="white", linewidth=2)
                cel.set_gid(f"cel-{i}-{el.code}")
                ax.add_patch(cel)
                tekst = "–" if score is None else str(score)
                kleur = TEKST_GRIJS if score is None else ZWART
                ax.text(j + 0.5, i + 0.5, tekst, ha="center", va="center", fontsize=10, fontweight="bold", color=kleur)
        ax.set_xlim(0, m)
        ax.set_ylim(k, 0)
        ax.xaxis.tick_top()
        ax.set_xticks([j + 0.5 for j in range(len(elementen))], [_afbreken(el.label) for el in elementen], fontsize=8)
        ax.set_yticks([i + 0.5 for i in range(k)], [_inkorten(naam) for naam, _scores in rijen], fontsize=9)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        fig.legend(
            handles=[Patch(facecolor=kleur) for kleur in (ROOD, BLAUW, GROEN, GRIJS)],
            labels=[
                _("onder de norm (< %(norm)s)") % {"norm": norm},
                _("op de norm (%(norm)s)") % {"norm": norm},
                _("boven de norm (> %(norm)s)") % {"norm": norm},
                _("niet gescoord"),
            ],
            loc="lower left",
            bbox_to_anchor=(0.15 / breed, 0.1 / hoog),
            ncols=kolommen,
            frameon=False,
            fontsize=8,
            borderpad=0,
            borderaxespad=0,
        )
        return naar_svg(fig, titel)


# --- helpers -----------------------------------------------------------------------------------


def _score(scores: Mapping[str, int | None], code: str) -> int | None:
    """The score for ``code``; absent counts as missing. Anything but None or 1..5 is a bug."""
    score = scores.get(code)
    if score is not None and (not isinstance(score, int) or not SCORE_MIN <= score <= SCORE_MAX):
        raise ValueError(f"score for {code!r} must be None or {SCORE_MIN}..{SCORE_MAX}, got {score!r}")
    return score


def _staaf(ax: Axes, x: float, score: int | None, kleur: str, naam: str, breedte: float) -> bool:
    """Draw one bar with its score on top; a missing score gets a dash instead. Returns 'missing'."""
    if score is None:
        ax.text(x, 0.08, "–", ha="center", va="bottom", fontsize=12, fontweight="bold", color=kleur)
        return True
    staaf = ax.bar(x, score, width=breedte, color=kleur, linewidth=0, zorder=2)[0]
    staaf.set_gid(f"bar-{naam}")
    ax.text(x, score + 0.06, str(score), ha="center", va="bottom", fontweight="bold", color=kleur, clip_on=False)
    return False


def _score_as(ax: Axes) -> None:
    """The 0-5 score axis shared by the bar and trend charts (gid 'assen' on the plot area)."""
    ax.set_ylim(0, SCORE_MAX)
    ax.set_yticks(range(SCORE_MAX + 1))
    ax.set_ylabel(_("Score"))
    ax.yaxis.grid(True, color="#e6e6e6", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.patch.set_gid("assen")


def _normlijn(ax: Axes, norm: int, *, zorder: float) -> None:
    ax.axhline(norm, color=NORM_KLEUR, linestyle="--", linewidth=1.2, zorder=zorder, gid="norm")
    ax.text(1.01, norm, _("norm"), transform=ax.get_yaxis_transform(), va="center", color=NORM_KLEUR)


def _afbreken(label: str, breedte: int = 12) -> str:
    """Wrap a label at spaces and after hyphens ("Uitgangs-punten" -> "Uitgangs-\\npunten")."""
    regels: list[str] = []
    for stuk in (s for s in re.split(r"\s+|(?<=-)", label) if s):
        if not regels:
            regels.append(stuk)
            continue
        scheiding = "" if regels[-1].endswith("-") else " "
        if len(regels[-1]) + len(scheiding) + len(stuk) > breedte:
            regels.append(stuk)
        else:
            regels[-1] += scheiding + stuk
    return "\n".join(regels)


def _inkorten(naam: str, lengte: int = 60) -> str:
    return naam if len(naam) <= lengte else naam[: lengte - 1].rstrip() + "…"


# (element label, Q1, median, Q3, the compared value or None); None for the band: withheld below the threshold.
SpreidingRij = tuple[str, float | None, float | None, float | None, float | None]


@gecached
def spreiding_svg(rijen: Sequence[SpreidingRij], *, titel: str, vergeleken: str = "", norm: int = 3) -> str:
    """The spread over organisations per element: a band from the first to the third quartile with the median as a
    white stroke across it, and a compared value (an organisation's score, a werkplaats's median) as a diamond. For
    the national overview and the peer comparison; the pages show the same numbers as a table."""
    if not any(rij[2] is not None for rij in rijen):
        return leeg_svg(_("Te weinig organisaties om te tonen"), titel)
    from matplotlib.figure import Figure

    with stijl():
        fig = Figure(figsize=(7.5, 0.42 * len(rijen) + 1.2), layout="constrained")
        ax = fig.subplots()
        for index, (_label, q1, mediaan, q3, waarde) in enumerate(rijen):
            if q1 is not None and q3 is not None and mediaan is not None:
                band = ax.barh(
                    index, max(q3 - q1, 0.06), left=q1 - (0.03 if q3 == q1 else 0), height=0.5, color=PALET[1]
                )
                band.patches[0].set_gid(f"spreiding-{index}")
                ax.plot([mediaan, mediaan], [index - 0.25, index + 0.25], color="#ffffff", linewidth=2.2)
            if waarde is not None:
                ax.plot(
                    [waarde],
                    [index],
                    marker="D",
                    markersize=7,
                    color=PALET[7],
                    markeredgecolor="#ffffff",
                    linestyle="none",
                )
        ax.axvline(norm, color=NORM_KLEUR, linewidth=0.8, linestyle="--")
        ax.set_yticks(range(len(rijen)), [rij[0] for rij in rijen], fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(SCORE_MIN - 0.2, SCORE_MAX + 0.2)
        ax.set_xticks(range(SCORE_MIN, SCORE_MAX + 1))
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.spines[["top", "right"]].set_visible(False)
        legenda = _("Balk: eerste tot derde kwartiel; witte streep: mediaan; stippellijn: norm")
        if vergeleken:
            legenda += "; " + _("ruit: %(vergeleken)s") % {"vergeleken": vergeleken}
        ax.set_xlabel(legenda, fontsize=8, color=TEKST_GRIJS)
        return naar_svg(fig, titel)
