"""The end report's PDF is accessible: tagged PDF/UA-1, read back from the file (pikepdf) and checked by qpdf."""

from __future__ import annotations

import collections
import io
import shutil
import subprocess

import pikepdf
import pytest

from rapportage import eindrapport, pdf
from rapportage.models import Eindrapport

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["in_een_keer", "in_delen"])
def demo_ua(request, demo_rapport_pdf, demo_in_delen):
    """The demo's end report as PDF bytes, rendered in one pass (as a download makes it, its charts drawn in a forked
    child) and in parts joined (frozen, as the worker makes it; rapportage/pdf_delen.py, with a threshold low enough
    for the demo): both must pass. Both rendered once per process (tests/rapportage/conftest.py)."""
    return demo_rapport_pdf["pdf"] if request.param == "in_een_keer" else demo_in_delen["delen"]


def _structuur(knoop, ouders=(), gevonden=None):
    """Every structure element (its /S) with its ancestors' tags, in reading order."""
    gevonden = [] if gevonden is None else gevonden
    if isinstance(knoop, pikepdf.Array):
        for kind in knoop:
            _structuur(kind, ouders, gevonden)
    elif isinstance(knoop, pikepdf.Dictionary) and "/S" in knoop:
        gevonden.append((str(knoop.S), ouders, knoop))
        if "/K" in knoop:
            _structuur(knoop.K, (*ouders, str(knoop.S)), gevonden)
    return gevonden


def test_pdf_is_getagd_pdf_ua_1(demo_ua, demo):
    document = pikepdf.open(io.BytesIO(demo_ua))
    root = document.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "nl"
    assert root.ViewerPreferences.DisplayDocTitle is True
    titel = str(document.docinfo.Title)
    assert titel.startswith("Eindrapport Implementatie") and "Wmo-werkplaats" in titel
    with document.open_metadata() as xmp:
        assert xmp["pdfuaid:part"] == "1"
        assert xmp["dc:title"] == titel
    assert "/Outlines" in root and root.Outlines.Count != 0  # bookmarks

    elementen = _structuur(root.StructTreeRoot.K)
    tags = collections.Counter(tag for tag, _ouders, _e in elementen)
    assert tags["/Document"] == 1 and tags["/H1"] >= 5 and tags["/H2"] >= 10 and tags["/L"] and tags["/LI"]

    # Reading order: the tree follows the HTML, so its chapter headings come page after page, one per <h1>.
    paginas = {document.pages[i].objgen: i for i in range(len(document.pages))}
    h1_paginas = [paginas[e.Pg.objgen] for tag, _o, e in elementen if tag == "/H1"]
    assert h1_paginas == sorted(h1_paginas)
    assert len(h1_paginas) == pdf.html(eindrapport.gegevens(Eindrapport.objects.get())).count("<h1")

    # Every chart is a Figure with alt text; its numbers are also a table.
    figuren = [e for tag, _o, e in elementen if tag == "/Figure"]
    assert len(figuren) >= 3
    assert all(str(e.get("/Alt", "")).strip() for e in figuren)
    # Tables with header cells that say what they head.
    assert tags["/Table"] >= 1 and tags["/TH"] >= 1 and tags["/TD"] >= 1
    koppen_cellen = [e for tag, _o, e in elementen if tag == "/TH"]
    assert {str(e.A.Scope) for e in koppen_cellen} == {"/Column", "/Row"}
    kolom_in_thead = [e for tag, ouders, e in elementen if tag == "/TH" and "/THead" in ouders]
    assert kolom_in_thead and all(str(e.A.Scope) == "/Column" for e in kolom_in_thead)
    cellen = [e for tag, _o, e in elementen if tag == "/TD"]
    assert all("/Headers" in e.get("/A", {}) for e in cellen)


def test_qpdf_check_slaagt(demo_ua, tmp_path):
    assert shutil.which("qpdf"), "qpdf is missing: .ci/system-deps test installs it"
    bestand = tmp_path / "rapport.pdf"
    bestand.write_bytes(demo_ua)
    uitslag = subprocess.run(["qpdf", "--check", str(bestand)], capture_output=True, text=True)
    assert uitslag.returncode == 0, uitslag.stdout + uitslag.stderr
    assert "No syntax or stream encoding errors" in uitslag.stdout
