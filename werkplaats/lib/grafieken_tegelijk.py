"""Charts drawn side by side: what a large report asks for and is not cached, drawn in worker processes at once.

A large end report draws one chart per organisation (350 of them at 60 ms each, when none is cached). Inside
`tegelijk_getekend(maak)`, `gecached` does not draw a missing chart but hands back a stand-in and notes the call
(`grafieken.UITSTELLEN`); when `maak()` is done the notes are drawn, in `werkers` processes (werkplaats/lib/werkers.py)
when there are at least `vanaf` of them, else here one by one, cached as `gecached` would (`grafieken.bewaren`), and
put in the place of their stand-ins in what `maak()` returned. The same charts, byte for byte: a chart is a pure
function of its arguments and the language, and a worker draws it with the same function in the same language.

    data = grafieken_tegelijk.tegelijk_getekend(lambda: berekenen(traject, peildatum), werkers=2)
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.utils import translation

from . import grafieken

T = TypeVar("T")
# From this many charts to draw on, workers are worth their start (Python, Django and matplotlib: about 1.5 s).
VANAF = 60


def _tekenen(module: str, naam: str, taal: str | None, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """One chart, in a worker: the undecorated drawing function, in the language the caller drew in."""
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    functie = getattr(importlib.import_module(module), naam)
    functie = getattr(functie, "__wrapped__", functie)
    with translation.override(taal):
        svg: str = functie(*args, **kwargs)
    return svg


def _invullen(waarde: Any, svgs: dict[str, str]) -> Any:
    """`waarde` with every stand-in replaced by its chart (dicts, lists and tuples walked through)."""
    if isinstance(waarde, str):
        return svgs.get(waarde, waarde)
    if isinstance(waarde, dict):
        return {sleutel: _invullen(w, svgs) for sleutel, w in waarde.items()}
    if isinstance(waarde, list):
        return [_invullen(w, svgs) for w in waarde]
    if isinstance(waarde, tuple):
        return tuple(_invullen(w, svgs) for w in waarde)
    return waarde


def tegelijk_getekend(maak: Callable[[], T], *, werkers: int, vanaf: int = VANAF) -> T:
    """What `maak()` returns, its missing charts drawn afterwards, side by side from `vanaf` of them on."""
    merk = uuid.uuid4().hex  # no text of the report can be a stand-in by chance
    opdrachten: dict[str, tuple[Callable[..., str], tuple[Any, ...], dict[str, Any], str | None]] = {}

    def uitstellen(sleutel: str, functie: Callable[..., str], args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
        opdrachten.setdefault(sleutel, (functie, args, kwargs, translation.get_language()))
        return f"grafiek:{merk}:{sleutel}"

    token = grafieken.UITSTELLEN.set(uitstellen)
    try:
        uitkomst = maak()
    finally:
        grafieken.UITSTELLEN.reset(token)
    if not opdrachten:
        return uitkomst
    getekend: dict[str, str] = {}
    if len(opdrachten) >= vanaf and werkers > 1:
        from . import werkers as werkerpool

        with werkerpool.Pool(werkers) as pool:
            taken = {
                sleutel: pool.submit(_tekenen, functie.__module__, functie.__qualname__, taal, args, kwargs)
                for sleutel, (functie, args, kwargs, taal) in opdrachten.items()
            }
            getekend = {sleutel: taak.result() for sleutel, taak in taken.items()}
    else:
        for sleutel, (functie, args, kwargs, taal) in opdrachten.items():
            with translation.override(taal):
                getekend[sleutel] = functie(*args, **kwargs)
    for sleutel, svg in getekend.items():
        grafieken.bewaren(sleutel, svg)
    return cast(T, _invullen(uitkomst, {f"grafiek:{merk}:{sleutel}": svg for sleutel, svg in getekend.items()}))
