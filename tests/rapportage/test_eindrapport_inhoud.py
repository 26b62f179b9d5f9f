"""The end report against the printed report of 2016: every section and annex with content, and no print defects.

The PDF of the demo is rendered once for the module and read back with pypdf, as a reader would read it.
"""

import datetime
import re
import subprocess

import pytest
from django.urls import reverse

from quickscan.charts import ORANJE
from rapportage import eindrapport, pdf, services
from rapportage.models import Eindrapport
from werkplaats.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_pdf(demo_rapport_pdf):
    """(bytes, text per page) of the demo's end report (tests/rapportage/conftest.py renders it once)."""
    return demo_rapport_pdf["pdf"], demo_rapport_pdf["paginas"]


def _tekst(pages: list[str]) -> str:
    """The text as one line: words hyphenated at a line end (a hyphen before a lower-case letter on the next line,
    eindrapport.css's hyphenate-character) joined again, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"(?<=\w)[-\u2010]\n(?=[a-zà-ÿ])", "", "\n".join(pages)))


def _na(tekst: str, kop: str, lengte: int = 1500) -> str:
    """The text that follows a heading (its first occurrence after the contents page)."""
    begin = tekst.index(kop, tekst.find("Bijlage 5 Voortgang van de quickscans") + 1)  # after the contents
    return tekst[begin + len(kop) : begin + len(kop) + lengte]


# (heading as printed, a phrase of its content that only the complete report has)
SECTIES = [
    ("1.1 Wmo-werkplaats Noord", "amendement-Wolbert"),
    ("1.2 Implementatie", "Gezondheidsraad"),
    ("1.3 Doel, activiteiten en beoogde resultaten", "projectplan"),
    ("1.3.1 Doel", "Doel van het implementatietraject"),
    ("1.3.2 Activiteiten", "Voorbereiding"),
    ("1.3.3 Beoogde resultaten", "Scholing"),
    ("2. De aanpak van het implementatietraject", "krap twee jaar"),
    ("2.1 Projectorganisatie", "scholingsgroepen"),
    ("2.2 Aanpak", "Ons motto"),
    ("2.3 Beschrijving van de methoden", "1. Het Gesprek"),
    ("3. Het implementatieproces", "januari 2014 tot en met december 2015"),
    ("4.1 Beoogde en gerealiseerde resultaten", "1. Scholing"),
    ("Bijlage 1 Publicaties", "Het Gesprek"),
    ("Bijlage 2 Presentaties", "Conferenties"),
    ("Bijlage 3 Poster", "Wmo-werkplaats Noord"),
    ("Bijlage 4 Nieuwsbrief", "Nieuwsbrief januari 2016"),
    ("Bijlage 5 Voortgang van de quickscans", "laatste twee afgeronde rondes"),
]


@pytest.mark.parametrize(("kop", "inhoud"), SECTIES, ids=[kop for kop, _ in SECTIES])
def test_elke_sectie_en_bijlage_van_het_rapport_heeft_inhoud(demo_pdf, kop, inhoud):
    assert inhoud in _na(_tekst(demo_pdf[1]), kop)


def test_voorwoord_noemt_de_financiering(demo_pdf):
    voorwoord = next(p for p in demo_pdf[1] if p.lstrip().startswith("Voorwoord") or "\nVoorwoord\n" in p)
    assert "Ministerie van VWS" in _tekst([voorwoord])


def test_doel_noemt_de_methoden_een_keer(demo_pdf):
    doel = _na(_tekst(demo_pdf[1]), "1.3.1 Doel", 600).split("1.3.2")[0]
    assert doel.count("Het Gesprek") == 1
    assert "Interdisciplinaire samenwerking volgens het T-shaped model" in doel


def test_beoogde_resultaten_2_tot_5_zijn_uitgeschreven(demo_pdf):
    beoogd = _na(_tekst(demo_pdf[1]), "1.3.3 Beoogde resultaten", 2500).split("2. De aanpak")[0]
    verwacht = ["helemaal rond", "kostendekkende aanbod", "landelijke publicatie", "afsluitende regionale conferentie"]
    for woorden in verwacht:
        assert woorden in beoogd, woorden


def test_projectorganisatie_noemt_de_organisaties_en_het_leidersoverleg(demo_pdf):
    tekst = _na(_tekst(demo_pdf[1]), "2.1 Projectorganisatie", 1200)
    assert "de gemeenten Oldambt en Tynaarlo en de volgende instellingen: Kopland, Lentis, MEE Groningen" in tekst
    assert "In een later stadium zijn CJG Bedum, CJG de Marne, CJG Eemsmond en CJG Winsum aangesloten" in tekst
    assert "eens in de drie maanden bij elkaar kwam (6 bijeenkomsten)" in tekst


def test_aanpak_heeft_motto_voorwaarde_en_punten_2_tot_4(demo_pdf):
    tekst = _na(_tekst(demo_pdf[1]), "2.2 Aanpak", 2500)
    assert "scholen is één ding" in tekst
    assert "voorwaarde voor deelname" in tekst
    assert all(f"{n}. " in tekst for n in (1, 2, 3, 4))
    assert "quickscan" in tekst


def test_resultaten_hebben_beoogd_en_gerealiseerd_per_categorie(demo_pdf):
    resultaten = _tekst(demo_pdf[1]).split("4.1 Beoogde en gerealiseerde resultaten")[-1].split("Bijlagen Bijlage 1")[0]
    assert resultaten.count("Beoogd:") == 9
    assert resultaten.count("Gerealiseerd:") == 9
    assert "directie" in resultaten  # 3: what the leaders ran into
    assert "sociale teams" in _na(resultaten, "4. Vrijwilligers", 500)
    assert "geen vrijwilligers betrokken" in resultaten
    assert "turbulentie" in _na(resultaten, "6. Borging", 1500)


def test_borging_noemt_gestopte_organisaties_niet(demo_pdf):
    borging = _na(_tekst(demo_pdf[1]), "6. Borging", 1800).split("7. Initieel onderwijs")[0]
    assert "Voortvarend aan de slag: Gemeente Tynaarlo, MEE Groningen, Het Oude Ambt" in borging
    assert "Gestopt: 1 organisatie" in borging
    assert "Belemmerd door turbulentie: 4 organisaties" in borging
    for naam in ["Noordermaat", "Lentis", "NOVO", "Promens Care", "De Zijlen"]:
        assert naam not in borging, naam


def test_anonimiseren_is_een_keuze_per_rapport(demo):
    rapport = Eindrapport.objects.get()
    assert rapport.gestopte_organisaties_anoniem  # the default, as in the printed report
    assert "Gestopt: 1 organisatie" in re.sub(r"\s+", " ", pdf.html(eindrapport.gegevens(rapport)))
    rapport.gestopte_organisaties_anoniem = False
    services.rapport_opslaan(rapport=rapport)
    html = re.sub(r"\s+", " ", pdf.html(eindrapport.gegevens(Eindrapport.objects.get(pk=rapport.pk))))
    assert "Gestopt: Noordermaat" in html


def test_disseminatie_noemt_de_kanalen_met_hun_bijlage(demo_pdf):
    kanalen = _na(_tekst(demo_pdf[1]), "9. Disseminatie", 1500).split("Bijlagen")[0]
    for regel in [
        "Website www.wmowerkplaatsnoord.nl",
        "Publicaties (zie bijlage 1)",
        "Presentaties (zie bijlage 2)",
        "Poster (zie bijlage 3)",
        "Nieuwsbrief (zie bijlage 4)",
        "Afsluitende conferentie op 3 december 2015 (zie bijlage 2)",
        "E-mails naar alle organisaties",
    ]:
        assert regel in kanalen, regel
    assert "(15)" not in kanalen  # no counts per type


def test_bijlagen_hebben_hun_rubrieken_samenvattingen_en_inhoud(demo_pdf):
    tekst = _tekst(demo_pdf[1])
    publicaties = _na(tekst, "Bijlage 1 Publicaties", 4000).split("Bijlage 2 Presentaties")[0]
    for kop in ["Het Gesprek", "Scholingsmodulen", "Hoofdstukken", "Website"]:
        assert kop in publicaties
    assert "vier modules" in publicaties  # the abstract
    presentaties = _na(tekst, "Bijlage 2 Presentaties", 9000).split("Bijlage 3 Poster")[0]
    for kop in ["Conferenties", "Plenaire lezingen", "Workshops", "Wmo-atelier", "Presentaties en workshops"]:
        assert kop in presentaties, kop
    assert "kijkt terug op drie jaar Wmo-werkplaats" in presentaties
    poster = _na(tekst, "Bijlage 3 Poster", 3000).split("Bijlage 4")[0]
    assert all(kop in poster for kop in ["Achtergrond", "Innovatie", "Implementatie", "Doelen en activiteiten"])
    assert "Werkplaatsen Sociaal Domein" in _na(tekst, "Bijlage 4 Nieuwsbrief", 800)
    assert "Ministerie van Volksgezondheid, Welzijn en Sport" in demo_pdf[1][-1]  # the back page


def test_geen_drukfouten(demo_pdf):
    tekst = _tekst(demo_pdf[1])
    assert "gemeente(n)" not in tekst
    assert "(red.) (red.)" not in tekst
    # A full stop inside a sentence after a word (not an initial): "Train-de-trainer., Utrecht."
    assert not re.search(r"[a-zë]{3}\.,", tekst), re.findall(r".{30}[a-zë]{3}\.,.{20}", tekst)
    assert "Train-de-trainer. Utrecht, Movisie." in tekst
    for fout in ["Uitgangs-punten", "Verslag-legging", "Organ.", "gebieds…"]:
        assert fout not in tekst, fout
    assert not re.search(r"\b\d{1,2}-\d{1,2}-\d{4}\b", tekst), re.findall(r".{30}\b\d{1,2}-\d{1,2}-\d{4}\b", tekst)
    for naam in ["Uitgangspunten", "Verslaglegging", "Organisatiecultuur"]:
        assert naam in tekst  # whole in the tables


def test_inhoudsopgave_heeft_geen_kopregel(demo_pdf):
    pages = demo_pdf[1]
    toc = next(t for t in pages if "Inhoudsopgave" in t)
    assert "Voorwoord" not in toc


def test_lettertype_is_ingebed_open_sans(demo_pdf, tmp_path):
    bestand = tmp_path / "rapport.pdf"
    bestand.write_bytes(demo_pdf[0])
    fonts = subprocess.run(["pdffonts", str(bestand)], capture_output=True, text=True, check=True).stdout
    regels = fonts.splitlines()[2:]
    assert regels and all(regel.split()[0].split("+")[1].startswith("Open-Sans") for regel in regels), fonts
    assert all(" yes " in regel for regel in regels), fonts


def test_grafieken_gebruiken_het_lettertype_en_de_kleuren_van_het_rapport(demo):
    from werkplaats.lib import grafieken

    data = eindrapport.gegevens(Eindrapport.objects.get())
    for svg in [data["fasen_svg"], data["quickscans"]["heatmaps"][0], data["quickscans"]["grafieken"][0]["svg"]]:
        assert "font-family: 'Open Sans'" in svg
    assert ORANJE == grafieken.ORANJE == "#c25700"  # the seed's #f28c00 fails contrast
    assert "#f28c00" not in data["quickscans"]["grafieken"][0]["svg"]


def test_heatmap_heeft_haar_cijfers_ook_als_tabel(demo):
    rapport = Eindrapport.objects.get()
    data = eindrapport.gegevens(rapport)
    tabel = data["quickscans"]["heatmap_tabel"]
    assert tabel["rijen"] and all(len(scores) == len(tabel["kolommen"]) for _naam, scores in tabel["rijen"])
    html = pdf.html(data)
    kop = "Laatste scores per organisatie (– is niet gescoord)"
    assert kop in html
    naam, scores = tabel["rijen"][0]
    rij = html.split(kop)[1].split(f'<th scope="row">{naam}</th>')[1].split("</tr>")[0]
    assert rij.count("<td>") == len(scores)


def test_heatmap_in_delen_die_op_een_pagina_passen(demo, monkeypatch):
    """Every HEATMAP_RIJEN organisations a chart of their own (a national report's 350 no longer run off the page),
    each saying which part it is; the table with every row follows the last."""
    monkeypatch.setattr(eindrapport, "HEATMAP_RIJEN", 2)
    data = eindrapport.gegevens(Eindrapport.objects.get())
    rijen = data["quickscans"]["heatmap_tabel"]["rijen"]
    heatmaps = data["quickscans"]["heatmaps"]
    assert len(rijen) > 2 and len(heatmaps) == -(-len(rijen) // 2)
    for deel, svg in enumerate(heatmaps):
        eigen = [naam for naam, _scores in rijen[2 * deel : 2 * deel + 2]]
        anderen = [naam for naam, _scores in rijen if naam not in eigen and not any(naam in e for e in eigen)]
        assert all(naam in svg for naam in eigen) and not [naam for naam in anderen if naam in svg]
    html = pdf.html(data)
    assert f"(deel 1 van {len(heatmaps)})" in html and f"(deel {len(heatmaps)} van {len(heatmaps)})" in html
    assert html.count("Laatste scores per organisatie (– is niet gescoord)") == 1


def test_bevroren_rapport_van_voor_de_delen_toont_zijn_ene_heatmap(demo):
    from rapportage import bevroren

    data = eindrapport.gegevens(Eindrapport.objects.get())
    quickscans = {("heatmap_svg" if k == "heatmaps" else k): v for k, v in data["quickscans"].items()}
    quickscans["heatmap_svg"] = quickscans["heatmap_svg"][0]
    oud = bevroren.opslaan({**data, "quickscans": quickscans})  # a snapshot as frozen before
    geladen = bevroren.laden(oud)
    assert geladen["quickscans"]["heatmaps"] == [data["quickscans"]["heatmaps"][0]]
    assert "heatmap_svg" not in geladen["quickscans"]
    assert "Laatste scores per organisatie (rood onder de norm" in pdf.html(geladen)


def test_grafieken_geven_oranje_maar_een_betekenis(demo):
    data = eindrapport.gegevens(Eindrapport.objects.get())
    assert ORANJE not in data["quickscans"]["heatmaps"][0]  # at the norm is not "changed"
    assert ORANJE not in data["fasen_svg"]
    assert any(ORANJE in g["svg"] for g in data["quickscans"]["grafieken"])  # changed scores


def test_voorbeeld_nummert_de_inhoudsopgave_niet_dubbel_en_heeft_geen_style_element(demo, client):
    client.force_login(User.objects.get(username="coordinator"))
    rapport = Eindrapport.objects.get()
    html = client.get(reverse("rapportage:eindrapport_detail", args=[rapport.pk])).content.decode()
    inhoud = html.split('aria-labelledby="h-inhoudsopgave"')[1].split("</nav>")[0]
    assert "<ol" not in inhoud and "list-unstyled" in inhoud  # the entries carry their own "1."
    assert "1. Inleiding" in inhoud
    voorbeeld = html.split('class="rapport-voorbeeld')[1]
    assert "<svg" in voorbeeld and "<style" not in voorbeeld  # charts inline, nothing the CSP refuses


# --- helpers ------------------------------------------------------------------------------------


def test_doelen_met_methoden_haalt_de_lijst_uit_de_tekst():
    doelen = eindrapport.doelen_met_methoden(["kennis in drie methoden: A; B model; C", "borgen."], ["A", "B", "C"])
    assert doelen == [
        {"tekst": "kennis in drie methoden:", "methoden": ["A", "B model", "C"]},
        {"tekst": "borgen.", "methoden": []},
    ]
    assert eindrapport.doelen_met_methoden(["kennis"], ["A"]) == [{"tekst": "kennis", "methoden": ["A"]}]


@pytest.mark.parametrize(
    ("item", "verwacht"),
    [
        (
            {
                "auteurs": "Kroes, J., Verschelling, M.",
                "jaar": 2014,
                "titel": "Het gesprek. Train-de-trainer",
                "plaats": "Utrecht",
                "uitgever": "Movisie",
            },
            "Kroes, J., Verschelling, M. (2014). <em>Het gesprek. Train-de-trainer</em>. Utrecht, Movisie.",
        ),
        (
            {"auteurs": "Verschelling, M.", "titel": "X"},
            "Verschelling, M. <em>X</em>.",
        ),
        (
            {"auteurs": "L. Korevaar", "jaar": 2016, "titel": "T", "boektitel": "B", "redactie": "N. de Groot"},
            "L. Korevaar (2016). <em>T</em>. In: N. de Groot (red.), <em>B</em>.",
        ),
        (
            {
                "auteurs": "Jolanda Kroes",
                "jaar": 2015,
                "titel": "Het gesprek",
                "evenement": "Kennismarkt",
                "plaats": "Den Bosch",
                "datum": "6 maart 2015",
            },
            "<em>Het gesprek</em>. Kennismarkt, Den Bosch, 6 maart 2015.",
        ),
    ],
)
def test_vermelding_zet_elke_punt_een_keer(item, verwacht):
    assert eindrapport.vermelding(item, kop="Jolanda Kroes") == verwacht


def test_afgebroken_breekt_lange_namen_op_een_lettergreep():
    assert eindrapport._afgebroken("Uitgangspunten") == "Uitgangs-punten"
    assert eindrapport._afgebroken("Organisatiecultuur") == "Organisatie-cultuur"
    assert eindrapport._afgebroken("Missie") == "Missie"


def test_leidersoverleg_in_woorden():
    dagen = [datetime.date(2014, m, 20) for m in (3, 6, 9, 12)]
    assert eindrapport.leidersoverleg(dagen) == "eens in de drie maanden"
    assert eindrapport.leidersoverleg(dagen[:1]) == ""
    assert eindrapport.leidersoverleg([datetime.date(2014, m, 1) for m in (1, 2, 3)]) == "elke maand"


def test_rapport_en_zijn_grafieken_blijven_nederlands_in_de_engelse_interface(demo):
    """The English interface does not change the report: its texts and its charts are drawn in Dutch."""
    from django.utils import translation

    with translation.override("en"):
        gegevens = eindrapport.gegevens(Eindrapport.objects.get())
        html = pdf.html(gegevens)
    assert "Tijdlijn van de fasen" in gegevens["fasen_svg"] and "Timeline" not in gegevens["fasen_svg"]
    assert "Inleiding" in html and "Introduction" not in html
