"""The end report's HTML document, and its PDF through the project's one WeasyPrint call (werkplaats/lib/pdf.py).

Everything the PDF needs is inside the HTML: the stylesheet is read from disk and inlined, charts are `data:` images
and fonts come from the system.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from werkplaats.lib import grafieken
from werkplaats.lib import pdf as lib_pdf

from . import pdf_delen

if TYPE_CHECKING:
    from .models import Eindrapport


@cache
def stylesheet() -> str:
    path = finders.find("css/eindrapport.css")
    if path is None:
        raise FileNotFoundError("css/eindrapport.css is not among the static files")
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def taal(gegevens: Mapping[str, Any]) -> str:
    """The report's language (`meta.taal`; a snapshot frozen before reports had one is Dutch)."""
    return str(gegevens.get("meta", {}).get("taal") or settings.LANGUAGE_CODE)


def html(gegevens: Mapping[str, Any]) -> str:
    """The complete, self-contained HTML document of the report, in the report's language (`<html lang>`, hence the
    PDF's /Lang), whatever the language of the user's interface."""
    with translation.override(taal(gegevens)):
        return render_to_string("rapportage/eindrapport/pdf.html", {"r": gegevens, "css": stylesheet(), "pdf": True})


def rapport_pdf(rapport: Eindrapport) -> tuple[str, bytes]:
    """A report's HTML and PDF from the records. The charts that are not cached are drawn on the other core while
    this one renders the HTML and lays out the pages (`eindrapport.gegevens_naast_getekend`): the HTML names them by
    their stand-ins, which WeasyPrint asks for when it reaches them. The HTML returned is the complete one, every
    chart in it as a `data:` image. A report rendered in parts waits for its charts first, drawing them with the child
    (its parts are rendered in other processes, from the complete HTML)."""
    from . import eindrapport

    data, naast = eindrapport.gegevens_naast_getekend(rapport)
    with naast:
        document = html(data)

        def compleet(document: str) -> str:
            for plaatshouder in naast.plaatshouders():
                document = document.replace(plaatshouder, grafieken.data_url(naast.svg(plaatshouder)))
            return document

        if not naast.opdrachten or pdf_delen.in_delen(document):
            naast.samen_tekenen()  # nothing else to do here until the charts are in the HTML
            document = compleet(document)
            return document, pdf(document)
        inhoud = lib_pdf.pdf(document, afbeeldingen=naast.afbeelding)
        return compleet(document), inhoud


def pdf(document: str, *, voortgang: Callable[[int, int], None] | None = None) -> bytes:
    """The report's tagged PDF: in one pass, or in parts from `EINDRAPPORT_IN_DELEN_VANAF` organisations on
    (`pdf_delen`; the same pages, with a process's memory bounded by one part and two cores at work).
    `voortgang(klaar, totaal)`: called as parts are done (in parts only)."""
    if pdf_delen.in_delen(document):
        return pdf_delen.pdf(document, stijl=stylesheet(), voortgang=voortgang)
    return lib_pdf.pdf(document)
