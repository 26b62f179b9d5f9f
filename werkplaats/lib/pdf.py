"""The one place that calls WeasyPrint: a self-contained HTML document -> a tagged PDF (PDF/UA-1).

Used by the end report (rapportage/pdf.py) and by a person's access export (scholing). Everything a document needs
is inside its HTML: stylesheets inlined, images as `data:` URLs, fonts from the system. The URL fetcher allows only
`data:` URLs, so nothing is fetched over HTTP and no local file (`file:///etc/passwd`) can be pulled into a document.

A long document can also be rendered **in parts** (`pdf_in_delen`): each part its own WeasyPrint render in a worker
process (two at once, so two cores work and each process holds the layout of one part only), joined into one PDF by
`werkplaats.lib.pdf_samenvoegen` with its page numbers, bookmarks and structure tree continuous.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from concurrent.futures import as_completed
from contextlib import ExitStack
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pydyf

if TYPE_CHECKING:
    # WeasyPrint (with its C libraries) is imported where a PDF is made, not when a process starts
    # (tests/werkplaats/test_opstarten.py).
    from weasyprint import HTML

# PDF/UA-1 (ISO 14289-1): a tagged PDF whose structure tree follows the HTML (headings, lists, tables with their
# header cells, figures with the <img>'s alt text, in reading order), with the document's language (<html lang>), its
# title shown by viewers (DisplayDocTitle), XMP metadata and bookmarks. Dutch public bodies publish accessibly
# (EN 301 549 / WCAG 2.1 AA); tests/rapportage/test_pdf_ua.py reads the tree back.
PDF_VARIANT = "pdf/ua-1"
# CSS px -> PDF points, as WeasyPrint writes its pages (zoom 1).
PUNTEN_PER_PX = 0.75


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


def id_boom(_document: Any, pdf: pydyf.PDF, voorvoegsel: str = "") -> None:
    """Give the structure tree its /IDTree: the header cells carry an /ID that data cells name in /Headers, and ISO
    32000-1 (14.7.2) requires the tree that finds an element by its ID whenever one has one. A part of a document
    rendered in parts prefixes its IDs (`voorvoegsel`), so that they stay unique when the parts' trees are merged
    (`pdf_samenvoegen`): WeasyPrint puts the same String object in the header's /ID and in the cells' /Headers, so
    renaming it renames every reference."""
    elementen = [obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary) and "ID" in obj and "S" in obj]
    if voorvoegsel:
        for element in elementen:
            element["ID"].string = voorvoegsel + str(element["ID"].string)
    wortel = next(
        (obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructTreeRoot"),
        None,
    )
    if wortel is None or not elementen:
        return
    namen = pydyf.Array()
    for element in sorted(elementen, key=lambda e: bytes(str(e["ID"].string), "utf-8")):
        namen.extend([element["ID"], element.reference])
    wortel["IDTree"] = pydyf.Dictionary({"Names": namen})


def afwerken(document: Any, pdf: pydyf.PDF, id_voorvoegsel: str = "") -> None:
    """WeasyPrint's finisher: what PDF/UA needs beyond WeasyPrint's own tagging."""
    kopcellen_met_scope(document, pdf)
    id_boom(document, pdf, id_voorvoegsel)


# An image of the document's own, by its URL: its SVG text, or None for a URL it does not know.
Afbeeldingen = Callable[[str], "str | None"]


@functools.cache
def _ophaler() -> type:
    """WeasyPrint's URL fetcher that allows only `data:` URLs and, when given `afbeeldingen`, the document's own
    images by name (the end report's charts while they are drawn beside the layout: grafieken_tegelijk.Naast)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Ophaler(URLFetcher):
        def __init__(self, afbeeldingen: Afbeeldingen | None) -> None:
            super().__init__(allowed_protocols=["data"])
            self.afbeeldingen = afbeeldingen

        def fetch(self, url: str, headers: Any = None) -> Any:
            svg = self.afbeeldingen(url) if self.afbeeldingen is not None else None
            if svg is not None:
                return URLFetcherResponse(url, svg, headers={"Content-Type": "image/svg+xml"})
            return super().fetch(url, headers)

    return Ophaler


def _html(document: str, afbeeldingen: Afbeeldingen | None = None) -> HTML:
    from weasyprint import HTML

    return HTML(string=document, url_fetcher=_ophaler()(afbeeldingen))


def pdf(document: str, *, afbeeldingen: Afbeeldingen | None = None) -> bytes:
    """The tagged PDF of a complete HTML document; `afbeeldingen(url)` gives the SVG of an image of its own (None:
    not one of them), asked for when WeasyPrint lays the image out."""
    inhoud: bytes = _html(document, afbeeldingen).write_pdf(pdf_variant=PDF_VARIANT, finisher=afwerken)
    return inhoud


# --- In parts ---------------------------------------------------------------------------------------------------

# The page number is the one page-margin box whose text depends on where a page falls in the whole document: the
# parts after the first are rendered without it, and it is drawn on their pages afterwards (`paginanummers_renderen`).
PAGINANUMMER_VAK = "bottom-center"
_MARGEVAKKEN = [
    f"{kant}-{plek}"
    for kant, plekken in (
        ("top", ("left-corner", "left", "center", "right", "right-corner")),
        ("bottom", ("left-corner", "left", "center", "right", "right-corner")),
        ("left", ("top", "middle", "bottom")),
        ("right", ("top", "middle", "bottom")),
    )
    for plek in plekken
]
_ZONDER_PAGINANUMMER = f"@page {{ @{PAGINANUMMER_VAK} {{ content: none !important; }} }}"
_ALLEEN_PAGINANUMMER = "@page {{ {} }}".format(
    " ".join(f"@{vak} {{ content: none !important; }}" for vak in _MARGEVAKKEN if vak != PAGINANUMMER_VAK)
)


@dataclass(frozen=True)
class Pagina:
    """What joining needs to know of a page of a part."""

    naam: str  # its named page (CSS `page`), "" for none
    hoogte: float  # CSS px
    bladwijzers: tuple[Any, ...]  # WeasyPrint's (level, label, (x, y) in CSS px, state), in the page's order


@dataclass(frozen=True)
class Deel:
    """A part rendered on its own: its tagged PDF and its pages."""

    inhoud: bytes
    paginas: tuple[Pagina, ...]


def _met_stijl(document: str, css: str) -> str:
    """The document with a last style sheet (it wins over the document's own at equal specificity)."""
    kop_einde = document.find("</head>")
    if kop_einde < 0:
        raise ValueError("A part of a document must be a complete HTML document with a <head>.")
    return f"{document[:kop_einde]}<style>{css}</style>{document[kop_einde:]}"


def deel_renderen(document: str, *, nummer: int) -> Deel:
    """Part `nummer` (0 the first) of a document, in a worker process. The later parts get no page number of their
    own, and prefix their structure elements' IDs with their number."""
    html = _html(_met_stijl(document, _ZONDER_PAGINANUMMER) if nummer else document)
    gezet = html.render(pdf_variant=PDF_VARIANT)
    voorvoegsel = f"d{nummer}-" if nummer else ""
    inhoud = gezet.write_pdf(pdf_variant=PDF_VARIANT, finisher=lambda d, p: afwerken(d, p, voorvoegsel))
    # A page's name is not in WeasyPrint's public Page API: it is its page box's type (pinned WeasyPrint, and
    # tests/rapportage/test_pdf_delen.py sees the back page, a named page without a number, stay without one).
    paginas = tuple(
        Pagina(naam=p._page_box.page_type.name or "", hoogte=p.height, bladwijzers=tuple(p.bookmarks))
        for p in gezet.pages
    )
    return Deel(inhoud=inhoud, paginas=paginas)


def paginanummers_renderen(stijl: str, namen: Sequence[str], eerste: int) -> tuple[int, bytes]:
    """The page numbers of pages `eerste`, `eerste` + 1, ... (1-based in the whole document) of the given named
    pages, as the document's own style sheet draws them, each on an otherwise empty page (runs in a worker).

    One or two empty pages lead, so that the first real one is the first page neither of this document nor on
    the wrong side (left/right rules stay right). Returns (number of leading pages, PDF), untagged: the numbers
    become a pagination artefact of the page they are drawn on.
    """
    voor = 1 if (eerste - 1) % 2 else 2  # page index eerste - 1 and its index here have the same parity
    bladen = "".join(
        f'<div class="pdf-blad" style="page: {naam or "auto"}"></div>' for naam in [""] * voor + list(namen)
    )
    css = (
        f"{_ALLEEN_PAGINANUMMER} @page :first {{ counter-reset: page {eerste - voor}; }} "
        ".pdf-blad { break-before: page; }"
    )
    document = (
        f'<!doctype html><html><head><meta charset="utf-8"><style>{stijl}</style><style>{css}</style></head>'
        f"<body>{bladen}</body></html>"
    )
    gezet = _html(document).render()
    if len(gezet.pages) != voor + len(namen):
        raise RuntimeError(f"page numbers: {len(gezet.pages)} pages for {voor + len(namen)}")
    inhoud: bytes = gezet.write_pdf()
    return voor, inhoud


def bladwijzerboom(paginas: Sequence[Pagina]) -> list[Any]:
    """The bookmark tree of the whole document from its pages' bookmarks, by WeasyPrint's own rule (the levels of
    `bookmark-level`, skipped levels and all): [(label, (page index, x, y) in PDF points, children, state)]."""
    from weasyprint.document import Document

    staanders = [SimpleNamespace(bookmarks=list(p.bladwijzers), height=p.hoogte) for p in paginas]
    boom: list[Any] = Document.make_bookmark_tree(
        SimpleNamespace(pages=staanders), scale=PUNTEN_PER_PX, transform_pages=True
    )
    return boom


# Of the last document rendered in parts in this process: its parts, pages and the largest peak RSS of a worker
# (bench/pdf.py reports it).
LAATSTE_IN_DELEN: dict[str, float] = {}


def pdf_in_delen(
    delen: Sequence[str], *, stijl: str, werkers: int = 2, voortgang: Callable[[int, int], None] | None = None
) -> bytes:
    """One tagged PDF from the parts of one document (complete HTML documents in reading order, each starting on a
    new page), rendered side by side in `werkers` processes and joined (`pdf_samenvoegen.samenvoegen`).

    The first part numbers its own pages. The later ones are rendered without the page number; once every part's
    page count is known, the numbers that continue the count are rendered (in the same pool, by `stijl`, the
    document's style sheet) and drawn on their pages. Bookmarks are made from all parts' pages at once, by
    WeasyPrint's rule. A link from one part to an anchor in another is not supported (the parts are rendered apart).
    `voortgang(klaar, totaal)` is called (in this thread) as parts are done.
    """
    from . import pdf_samenvoegen
    from . import werkers as werkerpool

    if not delen:
        raise ValueError("No parts to render.")
    pool = werkerpool.Pool(werkers)
    # The join holds the whole document's objects: a fresh process of its own, so that neither this process (a web or
    # Celery worker) nor a worker full of a part's layout carries them too. Started once a part is done (not while
    # the workers start), so its start costs no time.
    samenvoeger = werkerpool.Pool(1)
    with ExitStack() as stapel:
        stapel.enter_context(pool)
        # The longest first (its HTML's length stands for its work: the charts are in it as data), so that no long
        # part starts last while the other worker has nothing left to do.
        volgorde = sorted(range(len(delen)), key=lambda i: -len(delen[i]))
        taken = {i: pool.submit(deel_renderen, delen[i], nummer=i) for i in volgorde}
        for klaar, taak in enumerate(as_completed(taken.values()), start=1):
            taak.result()  # the first error ends the render (and the pool's other work)
            if klaar == 1:
                stapel.enter_context(samenvoeger)
            if voortgang is not None:
                voortgang(klaar, len(delen))
        gerenderd = [taken[i].result() for i in range(len(delen))]
        begin = len(gerenderd[0].paginas) + 1
        namen = [p.naam for deel in gerenderd[1:] for p in deel.paginas]
        stap = max(1, -(-len(namen) // werkers))  # the page numbers in one piece per worker
        nummertaken = [
            pool.submit(paginanummers_renderen, stijl, namen[i : i + stap], begin + i)
            for i in range(0, len(namen), stap)
        ]
        nummers = [taak.result() for taak in nummertaken]
        paginas = [p for deel in gerenderd for p in deel.paginas]
        inhoud: bytes = samenvoeger.submit(
            pdf_samenvoegen.samenvoegen,
            [deel.inhoud for deel in gerenderd],
            paginanummers=nummers,
            bladwijzers=bladwijzerboom(paginas),
        ).result()
    LAATSTE_IN_DELEN.update(
        delen=len(delen),
        paginas=len(paginas),
        werkers_piek_mib=pool.piek_mib,
        samenvoegen_piek_mib=samenvoeger.piek_mib,
    )
    return inhoud
