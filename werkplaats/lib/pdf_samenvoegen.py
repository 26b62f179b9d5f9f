"""Join the separately rendered parts of one tagged PDF (PDF/UA-1) into one, with pikepdf (qpdf).

`werkplaats.lib.pdf.pdf_in_delen` renders the parts; this module makes one document of them as if it had been
rendered in one pass:

- **pages** in order, each part's resources with them;
- **page numbers**: the first part has its own; on the later parts' pages the continuing numbers (rendered apart,
  by the document's style sheet) are drawn as a pagination artefact (`/Artifact`, not content of the structure tree);
- **structure tree**: the children of every later part's `Document` element are put under the first part's
  `Document` (one root, the first part's language and metadata); each part's /ParentTree entries (per page its
  marked content, per link annotation its element) are merged with their keys moved past those already used, and the
  pages' /StructParents and annotations' /StructParent moved with them; element IDs (the table header cells that
  /Headers names; each part prefixed its own when it was rendered) stay unique, and the /IDTree, /RoleMap and
  /ClassMap are merged;
- **named destinations** merged, **bookmarks** written anew from the tree of the whole document.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

_ARTEFACT = b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"


def _getallen(boom: Any) -> list[tuple[int, Any]]:
    """The (key, value) pairs of a number tree (flat /Nums or /Kids)."""
    if boom is None:
        return []
    paren: list[tuple[int, Any]] = []
    if "/Nums" in boom:
        nums = boom.Nums
        paren.extend((int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2))
    for kind in boom.get("/Kids", []):
        paren.extend(_getallen(kind))
    return paren


def _namen(boom: Any) -> list[tuple[bytes, Any]]:
    """The (key, value) pairs of a name tree (flat /Names or /Kids)."""
    if boom is None:
        return []
    paren: list[tuple[bytes, Any]] = []
    if "/Names" in boom:
        namen = boom.Names
        paren.extend((bytes(namen[i]), namen[i + 1]) for i in range(0, len(namen), 2))
    for kind in boom.get("/Kids", []):
        paren.extend(_namen(kind))
    return paren


def _naamboom(paren: Sequence[tuple[bytes, Any]]) -> Dictionary:
    namen = Array()
    for sleutel, waarde in sorted(paren, key=lambda paar: paar[0]):
        namen.append(String(sleutel))
        namen.append(waarde)
    return Dictionary(Names=namen)


def _document_element(pdf: pikepdf.Pdf) -> Dictionary:
    kinderen = pdf.Root.StructTreeRoot.K
    kinderen = kinderen if isinstance(kinderen, Array) else Array([kinderen])
    documenten = [k for k in kinderen if isinstance(k, Dictionary) and k.get("/S") == Name.Document]
    if len(kinderen) != 1 or len(documenten) != 1:
        raise ValueError("A part's structure tree must have one Document element at its root.")
    return documenten[0]


def _schrijf_bladwijzers(pdf: pikepdf.Pdf, boom: Sequence[Any]) -> None:
    """Outlines from a bookmark tree [(label, (page index, x, y), children, state)], as WeasyPrint writes them."""

    def items(takken: Sequence[Any], ouder: Dictionary) -> tuple[list[Dictionary], int]:
        geschreven: list[Dictionary] = []
        zichtbaar = len(takken)
        for label, (pagina, x, y), kinderen, staat in takken:
            item = pdf.make_indirect(
                Dictionary(Title=String(label), Dest=Array([pdf.pages[pagina].obj, Name.XYZ, x, y, 0]), Parent=ouder)
            )
            kind_items, aantal = items(kinderen, item)
            item.Count = -aantal if staat == "closed" else aantal
            if staat != "closed":
                zichtbaar += aantal
            if kind_items:
                item.First, item.Last = kind_items[0], kind_items[-1]
            if geschreven:
                item.Prev = geschreven[-1]
                geschreven[-1].Next = item
            geschreven.append(item)
        return geschreven, zichtbaar

    if "/Outlines" in pdf.Root:
        del pdf.Root.Outlines
    if not boom:
        return
    wortel = pdf.make_indirect(Dictionary(Type=Name.Outlines))
    bovenste, aantal = items(boom, wortel)
    wortel.Count, wortel.First, wortel.Last = aantal, bovenste[0], bovenste[-1]
    pdf.Root.Outlines = wortel


def _paginanummers_tekenen(pdf: pikepdf.Pdf, paginanummers: Sequence[tuple[int, bytes]], begin: int) -> None:
    """Draw each rendered page number on its page (from index `begin` on), as a Form XObject in an artefact."""
    index = begin
    for voor, inhoud in paginanummers:
        nummers = pikepdf.open(io.BytesIO(inhoud))
        for blad in list(nummers.pages)[voor:]:
            pagina = pdf.pages[index]
            index += 1
            if not any(b"BT" in stroom for stroom in _stromen(blad)):  # no text: this kind of page has no number
                continue
            formulier = pdf.copy_foreign(blad.as_form_xobject())
            naam = pagina.add_resource(formulier, Name.XObject, prefix="Pnr")
            plaats = pagina.calc_form_xobject_placement(
                formulier,
                naam,
                pikepdf.Rectangle(pagina.mediabox),
                invert_transformations=True,
                allow_shrink=False,
                allow_expand=False,
            )
            # The page's own stream leaves its transformation in place (WeasyPrint flips the y axis): isolate it.
            pagina.contents_add(b"q\n", prepend=True)
            pagina.contents_add(b"Q\nq\n" + _ARTEFACT + plaats + b"\nEMC\nQ\n")
    if index != len(pdf.pages):
        raise ValueError(f"{index - begin} page numbers for {len(pdf.pages) - begin} pages")


def _kopie(pdf: pikepdf.Pdf, bron: pikepdf.Pdf, waarde: Any) -> Any:
    """`waarde` of `bron` copied into `pdf` (a direct value made indirect first: qpdf copies indirect objects), with
    the objects it refers to; what was copied before (the pages) is referred to, not copied again."""
    return pdf.copy_foreign(waarde if waarde.is_indirect else bron.make_indirect(waarde))


def _stromen(pagina: pikepdf.Page) -> list[bytes]:
    inhoud = pagina.obj.get("/Contents")
    if inhoud is None:
        return []
    return [s.read_bytes() for s in (inhoud if isinstance(inhoud, Array) else [inhoud])]


def samenvoegen(
    delen: Sequence[bytes], *, paginanummers: Sequence[tuple[int, bytes]], bladwijzers: Sequence[Any]
) -> bytes:
    """One PDF of the parts (PDF bytes, in order; each tagged, with one Document element). `paginanummers`: the
    numbers of every page after the first part, as (leading pages to skip, PDF) pieces in order
    (`lib.pdf.paginanummers_renderen`); `bladwijzers`: the bookmark tree of the whole document."""
    if not delen:
        raise ValueError("No parts to join.")
    pdf = pikepdf.open(io.BytesIO(delen[0]))
    wortel = pdf.Root.StructTreeRoot
    document = _document_element(pdf)
    if not isinstance(document.K, Array):
        document.K = Array([document.K])
    ouderboom = _getallen(wortel.get("/ParentTree"))
    volgende = max((sleutel for sleutel, _w in ouderboom), default=-1) + 1
    volgende = max(volgende, int(wortel.get("/ParentTreeNextKey", 0)))
    ids = _namen(wortel.get("/IDTree"))
    rollen = dict(wortel.get("/RoleMap", Dictionary()).items())
    klassen = dict(wortel.get("/ClassMap", Dictionary()).items())
    bestemmingen = _namen(pdf.Root.get("/Names", Dictionary()).get("/Dests"))
    begin = len(pdf.pages)

    for inhoud in delen[1:]:
        # qpdf reads a copied stream's data from the source's input when the copy is written; that input (the bytes
        # in memory) stays alive with the copy, so the part's own objects can be let go once it is copied.
        bron = pikepdf.open(io.BytesIO(inhoud))
        bron_wortel = bron.Root.StructTreeRoot
        bron_document = _document_element(bron)
        # First in the part itself: keys moved past the ones in use, IDs made unique; then copied over.
        verschuiving = volgende
        for pagina in bron.pages:
            if "/StructParents" in pagina.obj:
                pagina.obj.StructParents = int(pagina.obj.StructParents) + verschuiving
            for annotatie in pagina.obj.get("/Annots", []):
                if "/StructParent" in annotatie:
                    annotatie.StructParent = int(annotatie.StructParent) + verschuiving
        pdf.pages.extend(bron.pages)  # copied with everything they use; later copies refer to these pages
        bron_kinderen = bron_document.K if isinstance(bron_document.K, Array) else Array([bron_document.K])
        for kind in bron_kinderen:
            kopie = pdf.copy_foreign(kind) if kind.is_indirect else kind
            if isinstance(kopie, Dictionary) and "/S" in kopie:
                kopie.P = document
            document.K.append(kopie)
        for nummer_in_deel, waarde in _getallen(bron_wortel.get("/ParentTree")):
            ouderboom.append((nummer_in_deel + verschuiving, _kopie(pdf, bron, waarde)))
            volgende = max(volgende, nummer_in_deel + verschuiving + 1)
        volgende = max(volgende, verschuiving + int(bron_wortel.get("/ParentTreeNextKey", 0)))
        for id_, element in _namen(bron_wortel.get("/IDTree")):
            ids.append((id_, _kopie(pdf, bron, element)))
        for naam, waarde in bron_wortel.get("/RoleMap", Dictionary()).items():
            rollen.setdefault(naam, _kopie(pdf, bron, waarde) if waarde.is_indirect else waarde)
        for naam, waarde in bron_wortel.get("/ClassMap", Dictionary()).items():
            klassen.setdefault(naam, _kopie(pdf, bron, waarde))
        bekend = {anker for anker, _w in bestemmingen}
        for anker, bestemming in _namen(bron.Root.get("/Names", Dictionary()).get("/Dests")):
            if anker not in bekend:  # an anchor of the same name in an earlier part keeps its place
                bestemmingen.append((anker, _kopie(pdf, bron, bestemming)))
        bron.close()

    nums = Array()
    for sleutel, waarde in sorted(ouderboom, key=lambda paar: paar[0]):
        nums.append(sleutel)
        nums.append(waarde)
    wortel.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    wortel.ParentTreeNextKey = volgende
    if ids:
        if len({id_ for id_, _e in ids}) < len(ids):
            raise ValueError("The parts' structure elements share IDs (lib.pdf.deel_renderen prefixes them per part).")
        wortel.IDTree = _naamboom(ids)
    if rollen:
        wortel.RoleMap = Dictionary(rollen)
    if klassen:
        wortel.ClassMap = Dictionary(klassen)
    if bestemmingen:
        if "/Names" not in pdf.Root:
            pdf.Root.Names = Dictionary()
        pdf.Root.Names.Dests = _naamboom(bestemmingen)
    _paginanummers_tekenen(pdf, paginanummers, begin)
    _schrijf_bladwijzers(pdf, bladwijzers)
    uit = io.BytesIO()
    pdf.save(uit, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return uit.getvalue()
