"""A frozen report's stored input: the whole data object, as JSON, and back.

`eindrapport.gegevens(rapport)` gives the report's data object with its narrative already rendered to sanitised HTML
(`markup.render`, a `SafeString`). JSON forgets that a string is safe, so `opslaan` records the paths of the safe
strings beside the data and `laden` marks exactly those as safe again: the snapshot renders the same HTML as the
live object did, and no other stored text becomes markup. `weergave(rapport)` is what every page and the PDF render:
the frozen version's snapshot when there is one, else the live object.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString, mark_safe

from . import eindrapport
from .models import Eindrapport

VEILIG = "_veilig"  # the key under which a snapshot lists the paths of its safe strings
VOLGORDE = "_volgorde"  # ... and the order of each dict's keys (PostgreSQL's jsonb sorts them)


def _paden(waarde: Any, pad: tuple, gevonden: list[list], volgorde: list[list] | None = None) -> Any:
    """A JSON-plain copy of `waarde`, collecting the paths of its SafeStrings and the key order of its dicts."""
    if isinstance(waarde, SafeString):
        gevonden.append(list(pad))
        return str(waarde)
    if isinstance(waarde, dict):
        if volgorde is not None:
            volgorde.append([list(pad), [str(k) for k in waarde]])
        return {str(k): _paden(v, (*pad, str(k)), gevonden, volgorde) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [_paden(v, (*pad, i), gevonden, volgorde) for i, v in enumerate(waarde)]
    return waarde


def opslaan(gegevens: dict[str, Any]) -> dict[str, Any]:
    """The data object as a JSON-serialisable snapshot."""
    veilig: list[list] = []
    volgorde: list[list] = []
    plat = _paden(gegevens, (), veilig, volgorde)
    return {**plat, VEILIG: veilig, VOLGORDE: volgorde}


def _ouder(gegevens: Any, pad: list) -> Any:
    """The container that holds the value at `pad` (its last step)."""
    for stap in pad[:-1]:
        gegevens = gegevens[stap]
    return gegevens


def laden(momentopname: dict[str, Any]) -> dict[str, Any]:
    """The data object back from a snapshot: its dicts in their original order, its narrative HTML safe again."""
    gegevens = {k: v for k, v in momentopname.items() if k not in (VEILIG, VOLGORDE)}
    for pad, sleutels in momentopname.get(VOLGORDE, []):
        if not pad:
            gegevens = {k: gegevens[k] for k in sleutels if k in gegevens}
        else:
            ouder = _ouder(gegevens, pad)
            ouder[pad[-1]] = {k: ouder[pad[-1]][k] for k in sleutels}
    for pad in momentopname.get(VEILIG, []):
        ouder = _ouder(gegevens, pad)
        if isinstance(ouder[pad[-1]], str):
            ouder[pad[-1]] = mark_safe(ouder[pad[-1]])
    quickscans = gegevens.get("quickscans")
    if isinstance(quickscans, dict) and "heatmap_svg" in quickscans:  # frozen before the heatmap came in parts
        enkel = quickscans.pop("heatmap_svg")
        quickscans["heatmaps"] = [mark_safe(enkel)] if enkel else []
    return gegevens


def weergave(rapport: Eindrapport) -> dict[str, Any]:
    """The report as the pages and the PDF show it: frozen, exactly as frozen; else from the records."""
    versie = rapport.huidige_versie()
    if versie is not None:
        return laden(versie.gegevens)
    return eindrapport.gegevens(rapport)
