"""The end report's PDF in parts: a large report is cut at the per-organisation quickscan annex (Bijlage 5) into
parts of `EINDRAPPORT_DEEL_ORGANISATIES` organisations, each rendered on its own in a worker process (two at once)
and joined into one PDF (werkplaats.lib.pdf.pdf_in_delen), so that the peak memory of a process stays that of one
part and two cores work at once.

The report's HTML marks where it may be cut: `<!--pdf-deel-->` before every organisation's block of the annex and
once after the last (templates/rapportage/eindrapport/_inhoud.html). The first part runs from the cover to the
first organisations (the annex's heading stays with its first chart), the middle parts hold organisations, the last
the rest (heatmap, back page). Every later part reopens the elements that are open at the cut (the annex's
section, without its id) and carries on the running header; the page numbers, contents, bookmarks and structure tree
of the joined PDF are those of the one-pass render (tests/rapportage/test_pdf_delen.py compares them page by page).
Below `EINDRAPPORT_IN_DELEN_VANAF` organisations a report is rendered in one pass, which is faster there.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from django.conf import settings

from werkplaats.lib import pdf as lib_pdf

logger = logging.getLogger(__name__)

SNEDE = "<!--pdf-deel-->"
# The running header of eindrapport.css (`h1 { string-set: hoofdstuk content() }`), carried into the later parts.
KOPREGEL = "hoofdstuk"
_LEEG = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Stukken:
    kop: str  # from the doctype up to and including <body ...>
    voor: str  # the body up to the first cut
    blokken: list[str]  # one per organisation
    na: str  # from the last cut to the end
    open_elementen: list[tuple[str, list[tuple[str, str | None]]]]  # open at the cut, below <body>
    kopregel: str  # the running header's text at the cut


class _Open(HTMLParser):
    """The elements open at the end of an HTML fragment, and the text of its last <h1>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stapel: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.h1: str | None = None
        self._h1: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _LEEG:
            return
        self.stapel.append((tag, attrs))
        if tag == "h1":
            self._h1 = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._h1 is not None:
            self.h1, self._h1 = "".join(self._h1), None
        for i in range(len(self.stapel) - 1, -1, -1):
            if self.stapel[i][0] == tag:
                del self.stapel[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._h1 is not None:
            self._h1.append(data)


def stukken(document: str) -> Stukken | None:
    """The report's HTML cut at its marks; None when it has no organisations to cut between."""
    delen = document.split(SNEDE)
    body = _BODY.search(delen[0])
    if len(delen) < 3 or body is None:
        return None
    parser = _Open()
    parser.feed(delen[0])
    namen = [naam for naam, _attrs in parser.stapel]
    if namen[:2] != ["html", "body"] or any(naam not in ("section", "div") for naam in namen[2:]):
        raise ValueError(f"The report cannot be cut at an open <{'> <'.join(namen)}>.")
    return Stukken(
        kop=delen[0][: body.end()],
        voor=delen[0][body.end() :],
        blokken=delen[1:-1],
        na=delen[-1],
        open_elementen=parser.stapel[2:],
        kopregel=" ".join((parser.h1 or "").split()),
    )


def _css_tekst(tekst: str) -> str:
    return '"' + tekst.replace("\\", "\\\\").replace('"', '\\"') + '"'


def delen(document: str, *, per_deel: int) -> list[str]:
    """The report's HTML as parts of at most `per_deel` organisations (complete HTML documents, in order)."""
    s = stukken(document)
    if s is None:
        return [document]
    per_deel = max(1, per_deel)
    openen = _openen(s.open_elementen)
    sluiten = "".join(f"</{naam}>" for naam, _attrs in reversed(s.open_elementen))
    # A later part starts where the one-pass render breaks to a new page: no break of its own, the running header
    # carried on, and no top margin, neither the body's (which only the first page has) nor that of its first block
    # (truncated at an unforced page break).
    vervolg_css = (
        f"<style>.pdf-vervolg {{ break-before: auto !important; string-set: {KOPREGEL} {_css_tekst(s.kopregel)}; }}"
        "body { margin-top: 0 !important; } .pdf-vervolg > :first-child { margin-top: 0 !important; }</style>"
    )
    kop_einde = s.kop.lower().rindex("</head>")
    vervolg_kop = s.kop[:kop_einde] + vervolg_css + s.kop[kop_einde:]
    # The first part keeps the annex's heading with its first organisations: half a part, so that it (with the
    # chapters before it) is about as long as the others; the rest in parts of (nearly) equal size, at most `per_deel`.
    eerste = max(1, per_deel // 2)
    rest = len(s.blokken) - eerste
    aantal = max(1, -(-rest // per_deel))
    grootte = max(1, -(-rest // aantal))
    uitkomst = [s.kop + s.voor + "".join(s.blokken[:eerste]) + sluiten + "</body></html>"]
    for begin in range(eerste, len(s.blokken), grootte):
        blokken = "".join(s.blokken[begin : begin + grootte])
        uitkomst.append(vervolg_kop + openen + blokken + sluiten + "</body></html>")
    uitkomst.append(vervolg_kop + openen + s.na)
    return uitkomst


def _openen(elementen: list[tuple[str, list[tuple[str, str | None]]]]) -> str:
    """The open elements again, without their ids (an anchor is in one part only) and with class `pdf-vervolg`."""
    tags = []
    for naam, attrs in elementen:
        attributen = {sleutel: waarde or "" for sleutel, waarde in attrs if sleutel != "id"}
        attributen["class"] = f"{attributen.get('class', '')} pdf-vervolg".strip()
        tags.append(f"<{naam}" + "".join(f' {k}="{escape(v, quote=True)}"' for k, v in attributen.items()) + ">")
    return "".join(tags)


def organisaties(document: str) -> int:
    """The number of organisation blocks in the report's annex (the cuts between them)."""
    return max(0, document.count(SNEDE) - 1)


def in_delen(document: str) -> bool:
    """Whether this report is rendered in parts: from `EINDRAPPORT_IN_DELEN_VANAF` organisations on (0: never)."""
    vanaf = settings.EINDRAPPORT_IN_DELEN_VANAF
    return bool(vanaf) and organisaties(document) >= vanaf


def pdf(document: str, *, stijl: str, voortgang: Callable[[int, int], None] | None = None) -> bytes:
    """The report's PDF, rendered in parts in `PDF_WERKERS` worker processes and joined; `voortgang(klaar, totaal)`
    hears of every part done. HTML that cannot be cut at its marks (an element left open there) is rendered in one
    pass, so the report still gets its PDF."""
    try:
        stukjes = delen(document, per_deel=settings.EINDRAPPORT_DEEL_ORGANISATIES)
    except ValueError:
        logger.warning("End report not rendered in parts", exc_info=True)
        return lib_pdf.pdf(document)
    return lib_pdf.pdf_in_delen(stukjes, stijl=stijl, werkers=settings.PDF_WERKERS, voortgang=voortgang)
