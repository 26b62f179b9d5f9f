"""The peer comparison in the end report's quickscan annex (bijlage 5), an option of the report
(`Eindrapport.vergelijking_in_bijlage`): off, nothing of it; on, each organisation's position against its peers, in the
preview and in the PDF, never naming a peer, nothing below the threshold; a frozen version keeps what was chosen."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from rapportage import bevroren, eindrapport, pdf, services
from rapportage.models import Eindrapport
from tests.factories import (
    DeelnameFactory,
    MethodeFactory,
    OrganisatieFactory,
    TrajectFactory,
    WerkplaatsFactory,
    coordinator_van,
    maak_ronde,
)
from werkplaats.models import Organisatie

pytestmark = pytest.mark.django_db

PEILDATUM = datetime.date(2015, 12, 31)


@pytest.fixture
def methode():
    return MethodeFactory(naam="Het Gesprek", korte_naam="HG")


@pytest.fixture
def traject(methode):
    """A trajectory with one instelling (missie 2) and one gemeente (missie 4) that took the quickscan."""
    traject = TrajectFactory(werkplaats=WerkplaatsFactory(naam="Wmo-werkplaats Eigen"), methoden=[methode])
    for naam, soort, missie in [
        ("Eigen Instelling", Organisatie.Soort.INSTELLING, 2),
        ("Eigen Gemeente", Organisatie.Soort.GEMEENTE, 4),
    ]:
        organisatie = OrganisatieFactory(werkplaats=traject.werkplaats, naam=naam, soort=soort)
        DeelnameFactory(traject=traject, organisatie=organisatie, methoden=[methode])
        maak_ronde(organisatie, {"missie": missie, "beleid": 3}, afronden=True, datum=datetime.date(2015, 3, 1))
    return traject


def peers_maken(methode, aantal: int, *, begin: int = 0) -> list[Organisatie]:
    """Instellingen with the same method in another werkplaats, missie 1-5; a round after the peildatum must not
    count."""
    traject = TrajectFactory(werkplaats=WerkplaatsFactory(naam="Wmo-werkplaats Ander"), methoden=[methode])
    organisaties = []
    for index in range(begin, begin + aantal):
        organisatie = OrganisatieFactory(werkplaats=traject.werkplaats, naam=f"Geheime Organisatie {index}")
        DeelnameFactory(traject=traject, organisatie=organisatie, methoden=[methode])
        maak_ronde(organisatie, {"missie": index % 5 + 1, "beleid": 3}, afronden=True, datum=datetime.date(2015, 3, 1))
        maak_ronde(organisatie, {"missie": 5, "beleid": 5}, afronden=True, datum=datetime.date(2016, 3, 1))
        organisaties.append(organisatie)
    return organisaties


def rapport_maken(traject, *, vergelijking: bool) -> Eindrapport:
    return services.rapport_opslaan(
        rapport=Eindrapport(traject=traject, peildatum=PEILDATUM, vergelijking_in_bijlage=vergelijking)
    )


def bijlage(html: str) -> str:
    return html.split('id="h-bijlage-5"')[1].split("</section>")[0]


def pdf_tekst(gegevens) -> str:
    """The PDF's text read back, its line breaks as spaces."""
    return " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.pdf(pdf.html(gegevens)))).pages).split()
    )


def vergelijking_van(gegevens, naam: str):
    grafieken = [g for g in gegevens["quickscans"]["grafieken"] if g["organisatie"] == naam]
    return grafieken[-1].get("vergelijking", "geen sleutel")


def test_zonder_optie_geen_vergelijking(client, traject, methode):
    peers_maken(methode, 5)
    rapport = rapport_maken(traject, vergelijking=False)
    gegevens = eindrapport.gegevens(rapport)
    assert gegevens["quickscans"]["vergelijking"] is False
    assert all("vergelijking" not in g for g in gegevens["quickscans"]["grafieken"])
    client.force_login(coordinator_van(traject.werkplaats))
    html = bijlage(client.get(rapport.get_absolute_url()).content.decode())
    assert "Eigen Instelling" in html
    assert "vergelijkbare organisaties" not in html and "Eerste kwartiel" not in html


def test_met_optie_positie_per_organisatie_in_pagina_en_pdf(client, traject, methode):
    """The instelling against 5 instellingen (by kind); the gemeente, with too few gemeenten, against every
    organisation with the method (the 5 and the instelling), and the annex says so."""
    peers = peers_maken(methode, 5)
    rapport = rapport_maken(traject, vergelijking=True)
    gegevens = eindrapport.gegevens(rapport)
    instelling = vergelijking_van(gegevens, "Eigen Instelling")
    assert (instelling["vergelijkbaar"], instelling["op_soort"], instelling["soort"]) == (5, True, "Instelling")
    missie = next(rij for rij in instelling["rijen"] if rij[0] == "Missie")
    assert missie == ["Missie", 2, 2.0, 3.0, 4.0, "tussen eerste kwartiel en mediaan"]
    gemeente = vergelijking_van(gegevens, "Eigen Gemeente")
    assert (gemeente["vergelijkbaar"], gemeente["op_soort"]) == (6, False)
    missie = next(rij for rij in gemeente["rijen"] if rij[0] == "Missie")
    assert missie == ["Missie", 4, 2.0, 2.5, 3.75, "boven het derde kwartiel"]  # 1, 2, 2, 3, 4, 5

    client.force_login(coordinator_van(traject.werkplaats))
    html = bijlage(client.get(rapport.get_absolute_url()).content.decode())
    assert "Eigen Instelling (1 maart 2015) tegenover 5 vergelijkbare organisaties" in html
    assert "Eigen Gemeente (1 maart 2015) tegenover 6 vergelijkbare organisaties" in html
    assert "organisaties van dezelfde soort (Instelling) met dezelfde methode (Het Gesprek)" in html
    assert "minder dan 5 organisaties van dezelfde soort (Gemeente) hebben een afgeronde ronde" in html

    tekst = pdf_tekst(gegevens)
    assert "Eigen Instelling (1 maart 2015) tegenover 5 vergelijkbare" in tekst
    assert "tussen eerste kwartiel en mediaan" in tekst and "boven het derde kwartiel" in tekst
    for peer in peers:
        assert peer.naam not in tekst and peer.naam not in html
    assert "Wmo-werkplaats Ander" not in tekst and "Geheime" not in html


def test_drempel_vier_tegen_vijf_in_de_bijlage(client, traject, methode):
    peers_maken(methode, 4)
    # Archived, the gemeente is no peer of the instelling (which would otherwise fall back to 4 + 1 of any kind).
    Organisatie.objects.filter(naam="Eigen Gemeente").update(actief=False)
    rapport = rapport_maken(traject, vergelijking=True)
    gegevens = eindrapport.gegevens(rapport)
    instelling = vergelijking_van(gegevens, "Eigen Instelling")
    assert (instelling["vergelijkbaar"], instelling["getoond"]) == (4, False)
    assert all(rij[2:5] == [None, None, None] for rij in instelling["rijen"])
    client.force_login(coordinator_van(traject.werkplaats))
    html = bijlage(client.get(rapport.get_absolute_url()).content.decode())
    assert "Eigen Instelling: nog te weinig vergelijkbare organisaties voor een vergelijking (minder dan 5)." in html
    assert "Eigen Instelling (1 maart 2015) tegenover" not in html

    peers_maken(methode, 1, begin=4)
    instelling = vergelijking_van(eindrapport.gegevens(rapport), "Eigen Instelling")
    assert (instelling["vergelijkbaar"], instelling["getoond"]) == (5, True)
    html = bijlage(client.get(rapport.get_absolute_url()).content.decode())
    assert "Eigen Instelling (1 maart 2015) tegenover 5 vergelijkbare organisaties" in html


def test_bevroren_versie_houdt_de_keuze(traject, methode):
    peers_maken(methode, 5)
    rapport = rapport_maken(traject, vergelijking=True)
    rapport = services.rapport_bevriezen(rapport=rapport)
    versie = rapport.versies.get()
    assert vergelijking_van(bevroren.laden(versie.gegevens), "Eigen Instelling")["vergelijkbaar"] == 5
    rapport.vergelijking_in_bijlage = False
    with pytest.raises(ValidationError, match="bevroren"):
        services.rapport_opslaan(rapport=rapport)

    services.rapport_ontdooien(rapport=Eindrapport.objects.get(pk=rapport.pk))
    rapport = Eindrapport.objects.get(pk=rapport.pk)
    rapport.vergelijking_in_bijlage = False
    services.rapport_opslaan(rapport=rapport)
    assert vergelijking_van(bevroren.weergave(rapport), "Eigen Instelling") == "geen sleutel"
    # The first version still shows what was chosen when it was frozen.
    versie.refresh_from_db()
    assert vergelijking_van(bevroren.laden(versie.gegevens), "Eigen Instelling")["vergelijkbaar"] == 5
    assert "tegenover 5 vergelijkbare organisaties" in bijlage(pdf.html(bevroren.laden(versie.gegevens)))
    # A second freeze, with the option off, has none.
    rapport = services.rapport_bevriezen(rapport=rapport)
    tweede = rapport.versies.get(nummer=2)
    assert vergelijking_van(bevroren.laden(tweede.gegevens), "Eigen Instelling") == "geen sleutel"


def test_formulier_van_het_rapport_heeft_de_optie(client, traject):
    rapport = rapport_maken(traject, vergelijking=False)
    client.force_login(coordinator_van(traject.werkplaats))
    url = reverse("rapportage:eindrapport_update", kwargs={"pk": rapport.pk})
    form = client.get(url).context["form"]
    assert "vergelijking_in_bijlage" in form.fields
    gegevens = {k: v for k, v in form.initial.items() if v is not None and k != "peildatum"}
    gegevens.update(peildatum=PEILDATUM.isoformat(), vergelijking_in_bijlage="on")
    gegevens.pop("gestopte_organisaties_anoniem", None)
    assert client.post(url, gegevens).status_code == 302
    assert Eindrapport.objects.get(pk=rapport.pk).vergelijking_in_bijlage is True


def test_vergelijking_kost_vaste_queries(traject, methode):
    """The comparison adds the same number of queries to the annex for 2 or 8 organisations."""
    peers_maken(methode, 5)

    def extra() -> int:
        with CaptureQueriesContext(connection) as met:
            eindrapport._quickscans(traject, PEILDATUM, vergelijking=True)
        with CaptureQueriesContext(connection) as zonder:
            eindrapport._quickscans(traject, PEILDATUM, vergelijking=False)
        return len(met) - len(zonder)

    klein = extra()
    assert klein == 2
    for index in range(6):
        organisatie = OrganisatieFactory(werkplaats=traject.werkplaats, naam=f"Eigen {index}")
        DeelnameFactory(traject=traject, organisatie=organisatie, methoden=[methode])
        maak_ronde(organisatie, {"missie": 3}, afronden=True, datum=datetime.date(2015, 3, 1))
    assert extra() == klein
