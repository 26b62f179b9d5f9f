"""The end report's HTML document, and its PDF through the project's one WeasyPrint call (werkplaats/lib/pdf.py).

Everything the PDF needs is inside the HTML: the stylesheet is read from disk and inlined, charts are `data:` images
and fonts come from the system.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from werkplaats.lib import pdf as lib_pdf


@cache
def stylesheet() -> str:
    path = finders.find("css/eindrapport.css")
    if path is None:
        raise FileNotFoundError("css/eindrapport.css is not among the static files")
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def html(gegevens: Mapping[str, Any]) -> str:
    """The complete, self-contained HTML document of the report, in Dutch (the report's language, whatever the
    language of the user's interface)."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("rapportage/eindrapport/pdf.html", {"r": gegevens, "css": stylesheet(), "pdf": True})


def pdf(document: str) -> bytes:
    return lib_pdf.pdf(document)
