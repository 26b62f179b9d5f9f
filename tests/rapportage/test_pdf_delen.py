"""A large end report's PDF is rendered in parts (each its own WeasyPrint run in a worker process) and joined: read
back, it is the one-pass PDF page by page (text, page numbers, pictures), with its contents, bookmarks and a valid
PDF/UA structure tree. The demo is cut small (threshold 2, three organisations a part) so that it has four parts."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from unittest import mock

import pikepdf
import pytest
from django.test import override_settings
from PIL import Image, ImageChops

from rapportage import pdf_delen
from tests.rapportage.conftest import IN_DELEN
from werkplaats.lib import pdf as lib_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def gerenderd(demo_in_delen):
    """tests/rapportage/conftest.py's `demo_in_delen` (shared with test_pdf_ua.py)."""
    return demo_in_delen


def _pagina_teksten(bestand) -> list[str]:
    tekst = subprocess.run(["pdftotext", "-layout", str(bestand), "-"], capture_output=True, text=True, check=True)
    return tekst.stdout.split("\f")[:-1]


def _bladwijzers(document: pikepdf.Pdf) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every outline item, in order."""
    paginas = {p.objgen: i for i, p in enumerate(document.pages)}
    uitkomst: list[tuple[int, str, int]] = []

    def lopen(item, diepte):
        kind = item.get("/First")
        while kind is not None:
            uitkomst.append((diepte, str(kind.Title), paginas[kind.Dest[0].objgen]))
            lopen(kind, diepte + 1)
            kind = kind.get("/Next")

    lopen(document.Root.Outlines, 0)
    return uitkomst


def _elementen(knoop, gevonden=None):
    gevonden = [] if gevonden is None else gevonden
    if isinstance(knoop, pikepdf.Array):
        for kind in knoop:
            _elementen(kind, gevonden)
    elif isinstance(knoop, pikepdf.Dictionary) and "/S" in knoop:
        gevonden.append(knoop)
        if "/K" in knoop:
            _elementen(knoop.K, gevonden)
    return gevonden


def test_groot_rapport_wordt_in_delen_gemaakt_klein_in_een_keer(gerenderd):
    (aanroep,) = gerenderd["aanroepen"]
    delen = aanroep.args[0]
    # The cover to the first organisation; 2-4; 5-7; the heatmap and the back page.
    assert len(gerenderd["namen"]) == 7
    assert [deel.count('<figure class="grafiek quickscan">') for deel in delen] == [1, 3, 3, 0]
    assert "Bijlage 5 Voortgang" in delen[0] and "achterpagina" in delen[-1]
    # Made by the service from the frozen snapshot, with its progress per part on the report's page.
    assert gerenderd["versie"].is_klaar and gerenderd["versie"].paginas == len(
        pikepdf.open(io.BytesIO(gerenderd["delen"])).pages
    )
    assert [t for t in gerenderd["voortgang"] if t.startswith("Pagina's zetten: deel")] == [
        f"Pagina's zetten: deel {n} van 4 klaar" for n in range(1, 5)
    ]
    assert pdf_delen.in_delen(gerenderd["html"]) is False  # the demo is below the default threshold
    with override_settings(EINDRAPPORT_IN_DELEN_VANAF=0):
        assert pdf_delen.in_delen(gerenderd["html"]) is False  # 0: never
    with override_settings(EINDRAPPORT_IN_DELEN_VANAF=7):
        assert pdf_delen.in_delen(gerenderd["html"]) is True


def test_delen_zijn_pagina_voor_pagina_de_pdf_in_een_keer(gerenderd):
    een, delen = _pagina_teksten(gerenderd["map"] / "een.pdf"), _pagina_teksten(gerenderd["map"] / "delen.pdf")
    assert len(delen) == len(een) > 30
    assert delen == een  # running headers and page numbers included
    # Continuous page numbers in the text: every page but the cover and the back page ends in its own number.
    for nummer, tekst in enumerate(delen, start=1):
        regels = [r.strip() for r in tekst.splitlines() if r.strip()]
        if nummer in (1, len(delen)):
            assert not regels or not regels[-1].isdigit(), nummer
        else:
            assert regels[-1] == str(nummer), (nummer, regels[-1:])


def test_delen_zien_er_hetzelfde_uit(gerenderd):
    map_ = gerenderd["map"]
    for naam in ("een", "delen"):
        subprocess.run(["pdftoppm", "-png", "-r", "30", str(map_ / f"{naam}.pdf"), str(map_ / naam)], check=True)
    een = sorted(map_.glob("een-*.png"))
    assert len(een) > 30
    verschillend = [
        p.name
        for p in een
        if ImageChops.difference(
            Image.open(p).convert("RGB"), Image.open(map_ / p.name.replace("een-", "delen-")).convert("RGB")
        ).getbbox()
    ]
    assert verschillend == []


def test_inhoudsopgave_wijst_de_goede_paginas(gerenderd):
    teksten = _pagina_teksten(gerenderd["map"] / "delen.pdf")
    document = pikepdf.open(io.BytesIO(gerenderd["delen"]))
    inhoud = next(t for t in teksten if "Inhoudsopgave" in t and "Bijlage 5" in t)
    regels = dict(re.findall(r"^\s*(\S.*?\S)\s*\.{3,}\s*(\d+)\s*$", inhoud, re.MULTILINE))
    assert set(regels) >= {"1. Inleiding", "4. Resultaten", "Bijlagen", "Bijlage 5 Voortgang van de quickscans"}
    bladwijzers = {titel: pagina for _d, titel, pagina in _bladwijzers(document)}
    for titel, nummer in regels.items():
        assert bladwijzers[titel] + 1 == int(nummer), titel
        assert titel in teksten[int(nummer) - 1]
    # The named destinations of the contents' links point at the same pages.
    paginas = {p.objgen: i for i, p in enumerate(document.pages)}
    namen = document.Root.Names.Dests.Names
    bestemmingen = {str(namen[i]): paginas[namen[i + 1][0].objgen] for i in range(0, len(namen), 2)}
    assert bestemmingen["h-bijlage-5"] + 1 == int(regels["Bijlage 5 Voortgang van de quickscans"])


def test_bladwijzer_voor_elke_organisatie(gerenderd):
    document = pikepdf.open(io.BytesIO(gerenderd["delen"]))
    bladwijzers = _bladwijzers(document)
    in_een_keer = pikepdf.open(io.BytesIO(gerenderd["een"]))
    assert bladwijzers == _bladwijzers(in_een_keer)
    begin = next(i for i, (_d, titel, _p) in enumerate(bladwijzers) if titel.startswith("Bijlage 5"))
    onder = [(d, titel, p) for d, titel, p in bladwijzers[begin + 1 :]]
    assert [titel for _d, titel, _p in onder] == gerenderd["namen"]
    assert {d for d, _t, _p in onder} == {bladwijzers[begin][0] + 1}
    teksten = _pagina_teksten(gerenderd["map"] / "delen.pdf")
    for _d, titel, pagina in onder:
        assert titel in teksten[pagina], titel


def test_structuurboom_van_de_delen_is_geldig(gerenderd):
    document = pikepdf.open(io.BytesIO(gerenderd["delen"]))
    root = document.Root
    assert str(root.Lang) == "nl" and root.MarkInfo.Marked is True
    wortel = root.StructTreeRoot
    assert [str(k.S) for k in wortel.K] == ["/Document"]
    elementen = _elementen(wortel.K)
    assert [str(e.S) for e in elementen].count("/Document") == 1
    nums = wortel.ParentTree.Nums
    sleutels = [int(nums[i]) for i in range(0, len(nums), 2)]
    assert len(sleutels) == len(set(sleutels)) and int(wortel.ParentTreeNextKey) > max(sleutels)
    ouders = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for pagina in document.pages:
        assert int(pagina.obj.StructParents) in ouders
        assert all(e.Pg.objgen == pagina.objgen for e in ouders[int(pagina.obj.StructParents)])
        for annotatie in pagina.obj.get("/Annots", []):
            assert int(annotatie.StructParent) in ouders
    # Every element's page is a page of this document, and every child of the root element points back at it.
    paginas = {p.objgen for p in document.pages}
    assert all(e.Pg.objgen in paginas for e in elementen if "/Pg" in e)
    documentelement = wortel.K[0]
    assert all(kind.P.objgen == documentelement.objgen for kind in documentelement.K if "/S" in kind)
    # Header cells: IDs unique across the parts, in the IDTree, and every /Headers names one.
    ids = [bytes(e.ID) for e in elementen if "/ID" in e]
    assert len(ids) == len(set(ids)) > 20
    boom = wortel.IDTree.Names
    assert sorted(bytes(boom[i]) for i in range(0, len(boom), 2)) == sorted(ids)
    koppen = {bytes(h) for e in elementen if "/Headers" in e.get("/A", {}) for h in e.A.Headers}
    assert koppen and koppen <= set(ids)
    # The same elements as in one pass, in the same reading order.
    in_een_keer = pikepdf.open(io.BytesIO(gerenderd["een"]))
    een = _elementen(in_een_keer.Root.StructTreeRoot.K)
    assert [str(e.S) for e in elementen if str(e.S) != "/Sect"] == [str(e.S) for e in een if str(e.S) != "/Sect"]


def test_qpdf_check_slaagt_op_de_delen(gerenderd):
    assert shutil.which("qpdf"), "qpdf is missing: .ci/system-deps test installs it"
    uitslag = subprocess.run(["qpdf", "--check", str(gerenderd["map"] / "delen.pdf")], capture_output=True, text=True)
    assert uitslag.returncode == 0, uitslag.stdout + uitslag.stderr
    assert "No syntax or stream encoding errors" in uitslag.stdout


def test_paginanummers_van_de_delen_zijn_artefacten(gerenderd):
    """A later part's page number is drawn afterwards, marked as a pagination artefact (not content of the tree)."""
    document = pikepdf.open(io.BytesIO(gerenderd["delen"]))
    laatste = document.pages[len(document.pages) - 2]  # in the last part, before the back page
    stromen = laatste.obj.Contents
    tekst = b"".join(s.read_bytes() for s in stromen)
    assert b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC" in tekst


def test_knippen_heropent_de_open_elementen():
    document = (
        '<!doctype html><html lang="nl"><head><style>p {}</style></head><body><section class="a" id="x">'
        "<h1>Bijlagen &amp; meer</h1><p>intro</p><!--pdf-deel--><div>1</div><!--pdf-deel--><div>2</div>"
        "<!--pdf-deel--><div>3</div><!--pdf-deel--><p>rest</p></section><section>achter</section></body></html>"
    )
    delen = pdf_delen.delen(document, per_deel=2)
    assert len(delen) == 3
    assert delen[0].endswith(
        '<section class="a" id="x"><h1>Bijlagen &amp; meer</h1><p>intro</p><div>1</div></section></body></html>'
    )
    assert '<body><section class="a pdf-vervolg"><div>2</div><div>3</div></section></body></html>' in delen[1]
    assert '<body><section class="a pdf-vervolg"><p>rest</p></section><section>achter</section>' in delen[2]
    assert 'string-set: hoofdstuk "Bijlagen & meer"' in delen[1]
    assert pdf_delen.delen(document.replace("<!--pdf-deel-->", ""), per_deel=2) == [
        document.replace("<!--pdf-deel-->", "")
    ]
    with pytest.raises(ValueError, match="open <html> <body> <section> <table>"):
        pdf_delen.delen(document.replace("<p>intro</p>", "<table>"), per_deel=2)


def test_html_dat_niet_te_knippen_is_wordt_in_een_keer_gemaakt(monkeypatch):
    """An element left open at a cut (here a table) cannot be reopened in the next part: the report still gets its
    PDF, in one pass."""
    document = (
        '<!doctype html><html lang="nl"><head></head><body><section><table><!--pdf-deel--><tr><td>1</td></tr>'
        "<!--pdf-deel--></table></section></body></html>"
    )
    monkeypatch.setattr(lib_pdf, "pdf", lambda html: b"in een keer")
    monkeypatch.setattr(lib_pdf, "pdf_in_delen", mock.Mock(side_effect=AssertionError("not in parts")))
    with override_settings(**IN_DELEN):
        assert pdf_delen.in_delen(document) is False  # one organisation block: below the threshold of 2
        assert pdf_delen.pdf(document, stijl="") == b"in een keer"
