"""The charts' house style and plumbing, shared by every app that draws: palette, style, SVG, cache.

Charts are pure functions ``data -> SVG text`` drawn with matplotlib's object API (``Figure``, never
``pyplot``) and the SVG backend. `stijl()` fixes everything global a chart depends on (matplotlib's
rcParams and the language of its dates), so the same data gives byte-identical SVG whatever the
settings, the thread or the request; that is also why `gecached` may key a chart on its data alone (and on its code:
a deployment with a changed chart function draws it anew).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import inspect
import io
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec
from xml.sax.saxutils import escape

from django.core.cache import BaseCache, InvalidCacheBackendError, caches
from django.utils import translation

if TYPE_CHECKING:
    # matplotlib is imported where a chart is drawn, not when a process starts (it costs a second of every
    # `manage.py` command, worker and server process; tests/werkplaats/test_opstarten.py).
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

P = ParamSpec("P")

# One colour per series: Paul Tol's "muted" palette (colour-blind friendly), its light colours darkened so that every
# line and bar has at least 3:1 against white (WCAG 1.4.11): cyan, teal, olive and sand; the others already had it.
PALET = ("#332288", "#1f78a4", "#27806f", "#117733", "#7a7a1f", "#917215", "#cc6677", "#882255", "#aa4499")
# The seed's black-and-orange pair (first and second round), in an orange dark enough for its value labels too (4.5:1
# on white; the seed's #f28c00 had 2.46:1).
ZWART = "#000000"
ORANJE = "#c25700"
TEKST_GRIJS = "#555555"
LETTERTYPE = "Open Sans"

_RC: dict[RcKeyType, Any] = {
    "svg.hashsalt": "werkplaats-quickscan",  # seeds the SVG's generated ids; changing it changes every chart
    "svg.fonttype": "none",  # keep text as <text>, searchable and crisp
    "font.family": "sans-serif",
    # The end report's typeface (static/css/eindrapport.css, Debian's fonts-open-sans from .ci/system-deps), so the
    # PDF has one typeface in text and charts; DejaVu Sans for a glyph it lacks; browsers fall back to sans-serif.
    "font.sans-serif": [LETTERTYPE, "DejaVu Sans"],
    "font.size": 9,
    "axes.edgecolor": "#333333",
    "axes.linewidth": 0.8,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
}
# rcParams are global state: serialise rendering so threaded servers cannot interleave styles.
_LOCK = threading.Lock()
# Two levels: a small in-process memo in front of Django's cache alias "grafieken" (files by default, Redis with
# CACHE_URL; werkplaats/settings.py), which every worker process shares, so a chart is drawn once for all of them.
_CACHE: OrderedDict[str, str] = OrderedDict()
_CACHE_GROOTTE = 512
CACHE_ALIAS = "grafieken"


@functools.cache
def _codeversie(*bestanden: str) -> str:
    """A hash of the drawing code and matplotlib's version: a changed chart function never gets an old SVG. The
    version from the installed package's metadata: a cached chart is found without importing matplotlib."""
    from importlib.metadata import version

    h = hashlib.sha256(version("matplotlib").encode())
    for bestand in bestanden:
        try:
            h.update(Path(bestand).read_bytes())
        except OSError:
            h.update(bestand.encode())
    return h.hexdigest()[:16]


def _gedeelde_cache() -> BaseCache:
    try:
        return caches[CACHE_ALIAS]
    except InvalidCacheBackendError:
        return caches["default"]


def gecached(functie: Callable[P, str]) -> Callable[P, str]:
    """Cache a chart by a hash of its data (and of the code that draws it): the same input gives the same SVG, so it
    is drawn once, by whichever process gets there first."""
    naam = f"{functie.__module__}.{functie.__qualname__}"
    bronnen = tuple(sorted({inspect.getsourcefile(functie) or naam, __file__}))

    @functools.wraps(functie)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> str:
        # The language too: a chart's texts and dates are in the active one (the end report draws in Dutch).
        data = repr((naam, _codeversie(*bronnen), translation.get_language(), args, sorted(kwargs.items())))
        sleutel = "svg:" + hashlib.sha256(data.encode()).hexdigest()
        with _LOCK:
            if sleutel in _CACHE:
                _CACHE.move_to_end(sleutel)
                return _CACHE[sleutel]
        gedeeld = _gedeelde_cache()
        svg = gedeeld.get(sleutel)
        if svg is None:
            uitstellen = UITSTELLEN.get()
            if uitstellen is not None:  # drawn later with the others (werkplaats/lib/grafieken_tegelijk.py)
                return uitstellen(sleutel, functie, args, kwargs)
            svg = functie(*args, **kwargs)
            gedeeld.set(sleutel, svg)
        _onthouden(sleutel, svg)
        return svg

    return wrapper


# While set (grafieken_tegelijk.tegelijk_getekend), a chart that is not cached is not drawn at once: this is called
# with its key, function and arguments and returns what stands in for it until it is drawn.
UITSTELLEN: ContextVar[Callable[[str, Callable[..., str], tuple[Any, ...], dict[str, Any]], str] | None] = ContextVar(
    "grafieken_uitstellen", default=None
)


def _onthouden(sleutel: str, svg: str) -> None:
    with _LOCK:
        _CACHE[sleutel] = svg
        while len(_CACHE) > _CACHE_GROOTTE:
            _CACHE.popitem(last=False)


def bewaren(sleutel: str, svg: str) -> None:
    """Cache a chart drawn elsewhere under the key `gecached` gave it (in this process and the shared cache)."""
    _gedeelde_cache().set(sleutel, svg)
    _onthouden(sleutel, svg)


def cache_legen(*, alleen_dit_proces: bool = False) -> None:
    """Forget every cached chart (benchmarks measure a cold start with it); `alleen_dit_proces` forgets only this
    process's memo, as a fresh worker would start."""
    with _LOCK:
        _CACHE.clear()
    if not alleen_dit_proces:
        _gedeelde_cache().clear()


@contextmanager
def stijl() -> Iterator[None]:
    """Matplotlib's defaults plus the house style; restored afterwards. Texts and dates are in the active language."""
    import matplotlib

    with _LOCK, matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(_RC)
        yield


_STIJLBLOK = re.compile(r"\s*<style[^>]*>.*?</style>", re.DOTALL)
# matplotlib's RDF metadata (dc:, cc: and rdf: elements, which HTML's inline SVG does not allow; the title is in
# <title>) and the ids it numbers itself ("xtick_1", "patch_1", "line2d_3": the same in every chart, and nothing
# refers to them). The ids we give (gid: "bar-eerste-missie", "norm") and the clip paths' stay: `in_pagina` makes them
# the chart's own when a page shows it.
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_AUTO_ID = re.compile(r'\sid="[A-Za-z][A-Za-z0-9.]*_\d+"')
_ID = re.compile(r'(\sid=")([^"]+")')
_VERWIJZING = re.compile(r'(url\(#|href="#)')


def in_pagina(svg: str) -> str:
    """An SVG to put inside a page beside other charts: its ids (and what refers to them) prefixed with a hash of the
    chart, so two charts on one page share no id (HTML's ids are unique in the document, also inside an <svg>)."""
    voorvoegsel = "g" + hashlib.sha256(svg.encode()).hexdigest()[:10] + "-"
    return _VERWIJZING.sub(
        lambda m: m.group(1) + voorvoegsel, _ID.sub(lambda m: m.group(1) + voorvoegsel + m.group(2), svg)
    )


def naar_svg(fig: Figure, titel: str) -> str:
    """Serialise without prolog/doctype (``<svg`` comes first) and with a ``<title>``."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :].replace("<svg ", '<svg role="img" ', 1)
    # matplotlib's one <style> element (line joins) would be a global style sheet in the page, which the
    # Content-Security-Policy refuses; its style attributes stay.
    svg = _STIJLBLOK.sub("", svg, count=1)
    svg = _AUTO_ID.sub("", _METADATA.sub("", svg, count=1))
    einde = svg.index(">") + 1
    return f"{svg[:einde]}\n <title>{escape(titel)}</title>{svg[einde:]}"


def data_url(svg: str) -> str:
    """An SVG as a `data:` URL (an <img> of a PDF's chart: its ids cannot clash with another chart's)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def leeg_svg(tekst: str, titel: str) -> str:
    """A small chart that only says why there is nothing to draw."""
    from matplotlib.figure import Figure

    with stijl():
        fig = Figure(figsize=(4.0, 0.8))
        fig.text(0.5, 0.5, tekst, ha="center", va="center", fontsize=11, color=TEKST_GRIJS)
        return naar_svg(fig, titel)
