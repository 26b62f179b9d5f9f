"""The end report in English: a report's language (`Eindrapport.taal`) sets its fixed texts, headings, chart labels,
dates and the PDF's language (<html lang>, the catalogue's /Lang); the narrative the lectoraat wrote stays as written.

The English PDF of the demo is rendered once for the module and read back (pikepdf, pypdf), as a reader would.
"""

from __future__ import annotations

import datetime
import io
import re

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from pypdf import PdfReader

from rapportage import bevroren, eindrapport, pdf, services
from rapportage.models import Eindrapport, RapportTekst
from werkplaats.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def engels_pdf(demo_database, django_db_blocker):
    """(bytes, text) of the demo's end report with its language set to English (rolled back afterwards)."""
    demo_database.openen()
    with django_db_blocker.unblock(), transaction.atomic():
        rapport = Eindrapport.objects.get()
        rapport.taal = Eindrapport.Taal.ENGELS
        services.rapport_opslaan(rapport=rapport)
        rapport.teksten.filter(sectie="borging").delete()  # a section without a text of its own: the default
        inhoud = pdf.pdf(pdf.html(eindrapport.gegevens(rapport)))
        transaction.set_rollback(True)
    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)
    # Words hyphenated at a line end joined again, spaces collapsed (as test_eindrapport_inhoud reads it).
    return inhoud, re.sub(r"\s+", " ", re.sub(r"(?<=\w)[-\u2010]\n(?=[a-zà-ÿ])", "", tekst))


def test_engelse_pdf_heeft_engelse_taal_koppen_en_datums(engels_pdf):
    inhoud, tekst = engels_pdf
    assert str(pikepdf.open(io.BytesIO(inhoud)).Root.Lang) == "en"  # PDF/UA: the document's language
    for kop in (
        "Contents",
        "1. Introduction",
        "4.1 Intended and realised results",
        "Appendix 5 Progress of the quickscans",
    ):
        assert kop in tekst, kop
    assert "1. Inleiding" not in tekst and "Bijlage 5" not in tekst
    assert "derived from the records on 31 December 2015" in tekst  # the colofon's date, in English
    assert "31 december 2015" not in tekst
    # The quickscan annex names the instrument's elements in English (quickscan.models.in_taal).
    assert "Organisational culture" in tekst and "Record keeping" in tekst and "Verslaglegging" not in tekst


def test_engelse_pdf_houdt_de_eigen_teksten_zoals_geschreven(demo, engels_pdf):
    """The demo's own narrative (Dutch, as the lectoraat wrote it) is printed unchanged; a section without a text of
    its own gets the English default."""
    _inhoud, tekst = engels_pdf
    eigen = RapportTekst.objects.get(sectie="implementatieleiders_ervaringen").tekst
    assert eigen.startswith("Bij sommige organisaties had de directie zich enthousiast aangemeld")
    assert "Bij sommige organisaties had de directie zich enthousiast aangemeld" in tekst
    assert "We see mixed results." in tekst and "We zien wisselende resultaten." not in tekst


def test_html_en_voorbeeld_in_de_taal_van_het_rapport(demo, client):
    rapport = Eindrapport.objects.get()
    rapport.taal = Eindrapport.Taal.ENGELS
    services.rapport_opslaan(rapport=rapport)
    gegevens = eindrapport.gegevens(rapport)
    document = pdf.html(gegevens)
    assert '<html lang="en">' in document
    assert "Timeline of the phases" in gegevens["fasen_svg"] and "Tijdlijn" not in gegevens["fasen_svg"]
    # The preview on the (Dutch) report page: in English, marked as such (WCAG 3.1.2), the page itself Dutch.
    client.force_login(User.objects.get(username="coordinator"))
    pagina = client.get(reverse("rapportage:eindrapport_detail", args=[rapport.pk])).content.decode()
    assert 'lang="en"' in pagina and "1. Introduction" in pagina
    assert "Bevroren versies" in pagina and "in het Engels" in pagina


def test_taal_kiezen_op_het_formulier(demo, client, monkeypatch):
    rapport = Eindrapport.objects.get()
    client.force_login(User.objects.get(username="coordinator"))
    url = reverse("rapportage:eindrapport_update", args=[rapport.pk])
    formulier = client.get(url).content.decode()
    assert 'name="taal"' in formulier and "zoals u ze schrijft" in formulier
    data = {
        "titel": rapport.titel,
        "peildatum": rapport.peildatum.isoformat(),
        "taal": "en",
        "auteurs": rapport.auteurs,
        "plaats_datum": rapport.plaats_datum,
        "gestopte_organisaties_anoniem": "on",
        "versie": rapport.versie,
    }
    assert client.post(url, data).status_code == 302
    assert Eindrapport.objects.get().taal == "en"
    monkeypatch.setattr(pdf, "pdf", lambda _document, **_opties: b"%PDF-1.7")  # the file's name, not its rendering
    download = client.get(reverse("rapportage:eindrapport_pdf", args=[rapport.pk]))
    assert download["Content-Disposition"].endswith('-20151231-en.pdf"')  # the English edition's file
    assert client.post(url, {**data, "taal": "fr", "versie": rapport.versie + 1}).status_code == 400


def test_bevroren_versie_houdt_haar_taal(demo):
    """One language per version: an English freeze stays English after unfreezing and freezing again in Dutch, and
    the language cannot change while frozen."""
    rapport = Eindrapport.objects.get()
    rapport.taal = Eindrapport.Taal.ENGELS
    services.rapport_opslaan(rapport=rapport)
    rapport = services.rapport_bevriezen(rapport=rapport)
    assert rapport.bevroren_gegevens["peildatum_tekst"] == "31 December 2015"
    rapport.taal = Eindrapport.Taal.NEDERLANDS
    with pytest.raises(ValidationError):
        services.rapport_opslaan(rapport=rapport)
    services.rapport_ontdooien(rapport=Eindrapport.objects.get())
    rapport = Eindrapport.objects.get()
    rapport.taal = Eindrapport.Taal.NEDERLANDS
    services.rapport_opslaan(rapport=rapport)
    services.rapport_bevriezen(rapport=rapport)
    eerste, tweede = rapport.versies.order_by("nummer")
    assert pdf.taal(eerste.gegevens) == "en" and pdf.taal(tweede.gegevens) == "nl"
    assert tweede.bestandsnaam() == f"eindrapport-{rapport.traject_id}-20151231-v2.pdf"
    assert '<html lang="en">' in pdf.html(bevroren.laden(eerste.gegevens))
    assert "1. Introduction" in pdf.html(bevroren.laden(eerste.gegevens))
    assert '<html lang="nl">' in pdf.html(bevroren.laden(tweede.gegevens))


def test_momentopname_van_voor_de_taalkeuze_is_nederlands():
    assert pdf.taal({"meta": {"titel": "Eindrapport"}}) == "nl"


def test_opsomming_en_leidersoverleg_volgen_de_taal():
    from django.utils import translation

    with translation.override("en"):
        assert eindrapport.opsomming(["A", "B", "C"]) == "A, B and C"
        dagen = [datetime.date(2014, m, 20) for m in (3, 6, 9)]
        assert eindrapport.leidersoverleg(dagen) == "once every three months"
    assert eindrapport.opsomming(["A", "B", "C"]) == "A, B en C"


def test_engelse_pdf_kiest_de_betekenis_van_dubbelzinnige_woorden(engels_pdf):
    """pgettext: "Doel" is the trajectory's aim here (privacy's "Purpose" elsewhere), "Rapportage" who wrote it."""
    _inhoud, tekst = engels_pdf
    assert "1.3.1 Aim" in tekst and "Written by" in tekst
    assert "1.3.1 Purpose" not in tekst and "Reporting" not in tekst


def test_voortgang_van_de_pdf_zegt_bewaren_niet_de_knop_opslaan(demo, monkeypatch):
    """The progress step "Opslaan" (the file is being stored) is not the button "Opslaan" (Save)."""
    from django.utils import translation
    from pypdf import PdfWriter

    leeg = io.BytesIO()
    schrijver = PdfWriter()
    schrijver.add_blank_page(width=595, height=842)
    schrijver.write(leeg)
    monkeypatch.setattr(pdf, "pdf", lambda _document, **_opties: leeg.getvalue())
    stappen: list[str] = []
    monkeypatch.setattr(services, "_voortgang", lambda _versie, tekst: stappen.append(tekst))
    rapport = services.rapport_bevriezen(rapport=Eindrapport.objects.get())
    with translation.override("en"):
        versie = services.versie_pdf_maken(versie=rapport.huidige_versie())
        assert translation.gettext("Opslaan") == "Save"
    assert versie.is_klaar
    assert stappen[-1] == "Storing the file"
