"""The one place that calls WeasyPrint: a self-contained HTML document -> a tagged PDF (PDF/UA-1).

Used by the end report (rapportage/pdf.py) and by a person's access export (scholing). Everything a document needs
is inside its HTML: stylesheets inlined, images as `data:` URLs, fonts from the system. The URL fetcher allows only
`data:` URLs, so nothing is fetched over HTTP and no local file (`file:///etc/passwd`) can be pulled into a document.
"""

from __future__ import annotations

from typing import Any

import pydyf

# PDF/UA-1 (ISO 14289-1): a tagged PDF whose structure tree follows the HTML (headings, lists, tables with their
# header cells, figures with the <img>'s alt text, in reading order), with the document's language (<html lang>), its
# title shown by viewers (DisplayDocTitle), XMP metadata and bookmarks. Dutch public bodies publish accessibly
# (EN 301 549 / WCAG 2.1 AA); tests/rapportage/test_pdf_ua.py reads the tree back.
PDF_VARIANT = "pdf/ua-1"


def kopcellen_met_scope(_document: Any, pdf: pydyf.PDF) -> None:
    """Give every table header cell (TH) its /Scope: /Column in a THead (or a table's first row), /Row elsewhere.

    WeasyPrint links data cells to their headers (/Headers); PDF/UA checkers (PAC, veraPDF) also want the scope on the
    header cell itself. In our templates a header in the body is always a row header (`<th scope="row">`).
    """
    per_referentie = {obj.reference: obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary)}
    for obj in list(per_referentie.values()):
        if obj.get("S") != "/TH":
            continue
        rij = per_referentie.get(obj.get("P"))
        groep = per_referentie.get(rij.get("P")) if rij is not None else None
        if rij is None or groep is None:
            continue
        kolom = groep.get("S") == "/THead" or (groep.get("S") == "/Table" and groep["K"][:1] == [rij.reference])
        obj.setdefault("A", pydyf.Dictionary({"O": "/Table"}))["Scope"] = "/Column" if kolom else "/Row"


def pdf(document: str) -> bytes:
    """The tagged PDF of a complete HTML document."""
    # Imported here, not when a process starts: loading WeasyPrint's C libraries costs over a second of every
    # `manage.py` command, worker and server process (tests/werkplaats/test_opstarten.py).
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    inhoud: bytes = HTML(string=document, url_fetcher=URLFetcher(allowed_protocols=["data"])).write_pdf(
        pdf_variant=PDF_VARIANT, finisher=kopcellen_met_scope
    )
    return inhoud
