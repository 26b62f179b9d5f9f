"""The one place that calls WeasyPrint: the report's HTML -> PDF.

Everything the PDF needs is inside the HTML: the stylesheet is read from disk and inlined, charts are
inline SVG and fonts come from the system (fonts-dejavu). The URL fetcher allows only `data:` URLs, so
nothing is fetched over HTTP and no local file (`file:///etc/passwd`) can be pulled into a document.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


@cache
def stylesheet() -> str:
    path = finders.find("css/eindrapport.css")
    if path is None:
        raise FileNotFoundError("css/eindrapport.css is not among the static files")
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def html(gegevens: Mapping[str, Any]) -> str:
    """The complete, self-contained HTML document of the report."""
    return render_to_string("rapportage/eindrapport/pdf.html", {"r": gegevens, "css": stylesheet(), "pdf": True})


def pdf(document: str) -> bytes:
    inhoud: bytes = HTML(string=document, url_fetcher=URLFetcher(allowed_protocols=["data"])).write_pdf()
    return inhoud
