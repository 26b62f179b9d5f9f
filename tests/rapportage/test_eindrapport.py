import datetime
import io
import re
import subprocess
from unittest import mock

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from rapportage import eindrapport, markup, pdf, services
from rapportage.models import Correctie, Eindrapport
from scholing import services as scholing_services
from scholing.models import Inschrijving
from trajecten.models import Traject
from werkplaats.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_pdf(demo_rapport_pdf):
    """The demo's end report as (bytes, PDF text per page, reader): tests/rapportage/conftest.py renders it once."""
    return demo_rapport_pdf["pdf"], demo_rapport_pdf["paginas"], demo_rapport_pdf["reader"]


@pytest.fixture
def rapport(demo) -> Eindrapport:
    return Eindrapport.objects.get()


def test_pdf_heeft_elk_hoofdstuk_en_elke_bijlage(demo_pdf):
    _bytes, pages, _reader = demo_pdf
    tekst = "\n".join(pages)
    for kop in [
        "Eindrapport",
        "Colofon",
        "Voorwoord",
        "Inhoudsopgave",
        "1. Inleiding",
        "1.3.3 Beoogde resultaten",
        "2. De aanpak van het implementatietraject",
        "2.3 Beschrijving van de methoden",
        "3. Het implementatieproces",
        "4. Resultaten",
        "4.1 Beoogde en gerealiseerde resultaten",
        "Bijlage 1 Publicaties",
        "Bijlage 2 Presentaties",
        "Bijlage 3 Poster",
        "Bijlage 4 Nieuwsbrief",
        "Bijlage 5 Voortgang van de quickscans",
    ]:
        assert kop in tekst, kop


def test_pdf_heeft_de_cijfers_van_paragraaf_4_1(demo_pdf):
    tekst = re.sub(r"\s+", " ", "\n".join(demo_pdf[1]))
    assert "89 professionals van 14 organisaties" in tekst
    assert "Het Gesprek: 31 professionals" in tekst
    assert "(IRB) in de wijk: 30 professionals" in tekst
    assert "T-shaped samenwerking: 28 professionals" in tekst
    assert "meer dan 400 collega's als buddy" in tekst  # override of the computed 429
    assert "oorspronkelijk 18 deelnemers van 16 verschillende organisaties" in tekst
    assert "tot ongeveer 12 actieve deelnemers" in tekst
    assert "Er zijn 15 ambtenaren geschoold" in tekst or "zijn er 15 ambtenaren geschoold" in tekst
    assert "zijn geen vrijwilligers betrokken" in tekst  # 0, in words
    assert "In totaal zijn 143 in één of meer methoden geschoold" in tekst


def test_pdf_noemt_de_deelnemende_organisaties_met_de_cjgs_op_een_regel(demo_pdf):
    tekst = "\n".join(demo_pdf[1])
    for naam in ["Gemeente Oldambt", "Het Oude Ambt", "Timpaan Welzijn", "De Zijlen", "Werkpro"]:
        assert naam in tekst
    assert re.search(r"CJG's Bedum, Eemsmond, Winsum,\s+de\s+Marne", tekst)


def test_inhoudsopgave_wijst_naar_de_juiste_paginas(demo_pdf):
    pages = demo_pdf[1]
    toc_index = next(i for i, t in enumerate(pages) if "Inhoudsopgave" in t)
    toc = pages[toc_index]
    for kop in ["1. Inleiding", "3. Het implementatieproces", "4. Resultaten"]:
        nummer = int(re.search(re.escape(kop) + r"[ .]*?(\d+)\s*$", toc, flags=re.M).group(1))
        gevonden = next(i for i, t in enumerate(pages) if i > toc_index and kop in t)
        assert gevonden + 1 == nummer, kop
        assert pages[gevonden].strip().endswith(str(nummer))  # the page number printed in the footer


def test_pdf_heeft_bladwijzers_en_ingebedde_lettertypen(demo_pdf, tmp_path_factory):
    _bytes, _pages, reader = demo_pdf
    titels = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "1. Inleiding" in titels and "Bijlagen" in titels
    bestand = tmp_path_factory.mktemp("pdf") / "rapport.pdf"
    bestand.write_bytes(_bytes)
    regels = subprocess.run(["pdffonts", str(bestand)], capture_output=True, text=True, check=True).stdout.splitlines()
    fonts = regels[2:]
    assert fonts and all(" yes " in regel for regel in fonts), regels  # every font embedded
    assert all("Open-Sans" in regel for regel in fonts)  # one typeface: text and charts
    assert "coöperatieve" in "\n".join(_pages)  # ë/ï/ö render as text


def test_bevroren_rapport_verandert_niet_als_de_data_verandert(rapport):
    services.rapport_bevriezen(rapport=rapport)
    voor = eindrapport.gegevens(Eindrapport.objects.get(pk=rapport.pk))
    inschrijving = Inschrijving.objects.filter(status="afgerond").first()
    inschrijving.status = "actief"
    inschrijving.einddatum = None
    inschrijving.save()
    scholing_services.deelnemer_afmelden(inschrijving=inschrijving, datum=datetime.date(2015, 7, 1), reden="te_druk")
    na = eindrapport.gegevens(Eindrapport.objects.get(pk=rapport.pk))
    assert na["figuren"]["professionals_totaal"] == voor["figuren"]["professionals_totaal"] == 89
    assert pdf.html(na) == pdf.html(voor)
    services.rapport_ontdooien(rapport=rapport)
    assert eindrapport.gegevens(Eindrapport.objects.get(pk=rapport.pk))["figuren"]["professionals_totaal"] == 88


def test_correctie_zonder_toelichting_wordt_geweigerd(client, rapport):
    client.force_login(User.objects.get(username="lectoraat"))
    url = reverse("rapportage:eindrapport_correctie", kwargs={"pk": rapport.pk})
    response = client.post(url, {"sleutel": "geschoold_totaal", "waarde": "143", "toelichting": ""})
    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode()
    assert not Correctie.objects.filter(sleutel="geschoold_totaal").exists()
    with pytest.raises(Exception):  # noqa: B017 - the database refuses it too
        Correctie.objects.create(rapport=rapport, sleutel="vrijwilligers", waarde="geen", toelichting="")


def test_pagina_toont_berekend_en_gedrukt_naast_elkaar(client, rapport):
    client.force_login(User.objects.get(username="coordinator"))
    content = client.get(rapport.get_absolute_url()).content.decode()
    assert "meer dan 400" in content and ">429<" in content
    assert "ongeveer 12" in content


@pytest.mark.parametrize(
    "invoer",
    [
        "<script>alert('x')</script>",
        '<img src="file:///etc/passwd">',
        "<p style=\"background: url('file:///etc/passwd')\">x</p>",
        "[klik](javascript:alert(1))",
    ],
)
def test_opmaak_in_verhaal_bereikt_pagina_noch_pdf(client, rapport, invoer):
    client.force_login(User.objects.get(username="lectoraat"))
    url = reverse("rapportage:eindrapport_tekst", kwargs={"pk": rapport.pk, "sectie": "voorwoord"})
    assert client.post(url, {"tekst": f"Welkom {invoer} einde"}).status_code == 302
    html = pdf.html(eindrapport.gegevens(Eindrapport.objects.get(pk=rapport.pk)))
    body = html.split("<body>")[1]
    pagina = client.get(rapport.get_absolute_url()).content.decode()
    for geheel in (body, pagina):
        document = geheel.split('id="voorwoord"')[1].split("</section>")[0]  # the edited section
        tags = re.findall(r"<[a-zA-Z][^>]*>", document)
        assert not [t for t in tags if t.lower().startswith(("<script", '<img src="file', "<iframe"))]
        assert not [t for t in tags if "javascript:" in t or "file:" in t]
        assert not [t for t in tags if "style=" in t and "url(" in t]
        assert "Welkom" in document and "einde" in document  # the text itself is kept, escaped
    # The PDF of the edited section, with the report's own head (stylesheet) and through the same URL fetcher: the
    # text is there, and nothing of the markup was fetched (a file: URL would raise). The whole report is rendered in
    # the other PDF tests.
    sectie = '<section id="voorwoord"' + body.split('id="voorwoord"')[1].split("</section>")[0] + "</section>"
    document = html.split("<body>")[0] + "<body>" + sectie + "</body></html>"
    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.pdf(document))).pages)
    assert "Welkom" in tekst and "einde" in tekst


def test_markup_vult_plaatshouders_en_opmaak():
    html = markup.render("Er zijn **{{ n }}** geschoold.\n\n- een\n- twee", {"n": 89})
    assert "<strong>89</strong>" in html and "<li>een</li>" in html
    assert "[onbekend: x]" in markup.render("{{ x }}", {})


def test_onbekende_plaatshouder_wordt_geweigerd(client, rapport):
    client.force_login(User.objects.get(username="lectoraat"))
    url = reverse("rapportage:eindrapport_tekst", kwargs={"pk": rapport.pk, "sectie": "voorwoord"})
    response = client.post(url, {"tekst": "Er zijn {{ professionals_totaall }} geschoold."})
    assert response.status_code == 400
    assert "professionals_totaall" in response.content.decode()


def test_pdf_downloaden_en_cijfers_exporteren(client, rapport):
    client.force_login(User.objects.get(username="lectoraat"))
    response = client.get(reverse("rapportage:eindrapport_pdf", kwargs={"pk": rapport.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert "Eindrapport" in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    response = client.get(reverse("rapportage:eindrapport_cijfers", kwargs={"pk": rapport.pk}), {"formaat": "xlsx"})
    rijen = {r[0]: r for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)}
    assert rijen["buddies_totaal"][1:3] == (429, "meer dan 400")
    csv = client.get(reverse("rapportage:eindrapport_cijfers", kwargs={"pk": rapport.pk})).content.decode("utf-8-sig")
    assert "professionals_totaal;89;89" in csv


def test_leider_kan_geen_eindrapport_zien_of_downloaden(client, rapport):
    client.force_login(User.objects.get(username="leider.hoa"))
    assert client.get(rapport.get_absolute_url()).status_code == 403
    assert client.get(reverse("rapportage:eindrapport_pdf", kwargs={"pk": rapport.pk})).status_code == 403


def test_commando_schrijft_pdf(tmp_path, rapport):
    bestand = tmp_path / "rapport.pdf"
    call_command("eindrapport", str(rapport.traject.pk), str(bestand), "--peildatum", "2014-06-01")
    tekst = "\n".join(p.extract_text() for p in PdfReader(bestand).pages)
    assert "1 juni 2014" in tekst and "4. Resultaten" in tekst
    # By the trajectory's name, at its end date: the report the command renders (rendered above; here the PDF of that
    # report is not laid out again).
    gemaakt = []
    with mock.patch.object(pdf, "rapport_pdf", lambda r: gemaakt.append(r) or ("", b"%PDF-gemaakt")):
        call_command("eindrapport", Traject.objects.get().naam, str(bestand))
    assert [(r.traject, r.peildatum) for r in gemaakt] == [(rapport.traject, datetime.date(2015, 12, 31))]
    assert bestand.read_bytes() == b"%PDF-gemaakt"


def test_rapport_in_delen_krijgt_eerst_al_zijn_grafieken(rapport, monkeypatch):
    """A report rendered in parts (in other processes, from the HTML) is given the HTML with every chart in it, drawn
    in the child first; `demo_in_delen` (tests/rapportage/conftest.py) renders such parts for real."""
    from rapportage import pdf_delen
    from werkplaats.lib import grafieken, grafieken_tegelijk

    monkeypatch.setattr(grafieken_tegelijk, "_kan_vorken", lambda: True)
    monkeypatch.setattr(pdf_delen, "in_delen", lambda document: True)
    gegeven = []
    monkeypatch.setattr(pdf_delen, "pdf", lambda document, **kwargs: gegeven.append(document) or b"%PDF-delen")
    grafieken.cache_legen()
    document, inhoud = pdf.rapport_pdf(rapport)
    assert inhoud == b"%PDF-delen" and gegeven == [document]
    assert 'src="grafiek:' not in document and document.count('src="data:image/svg+xml;base64,') >= 9
