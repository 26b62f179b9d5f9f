"""The end report's quickscan annex (bijlage 5) shows the target per element that the last round set (issue 16): a
line in the progress chart and a column of its table, in the preview and the PDF; a version frozen before targets
existed still renders."""

from __future__ import annotations

import copy
import datetime
import io
import re

import pytest
from pypdf import PdfReader

from quickscan import services as quickscan_services
from rapportage import eindrapport, pdf, services
from rapportage.models import Eindrapport
from tests.factories import DeelnameFactory, OrganisatieFactory, TrajectFactory, coordinator_van, maak_ronde

pytestmark = pytest.mark.django_db


@pytest.fixture
def rapport():
    """One organisation with two submitted rounds; the second set missie 4 and no target for netwerk."""
    traject = TrajectFactory()
    organisatie = OrganisatieFactory(werkplaats=traject.werkplaats, naam="Het Oude Ambt")
    DeelnameFactory(traject=traject, organisatie=organisatie)
    maak_ronde(organisatie, {"missie": 2, "beleid": 3}, afronden=True, datum=datetime.date(2014, 5, 9))
    tweede = maak_ronde(organisatie, {"missie": 3, "beleid": 3}, datum=datetime.date(2014, 10, 7))
    ids = {e.code: e.pk for e in tweede.instrument.elementen.all()}
    quickscan_services.ronde_afronden(ronde=tweede, doelen={ids["missie"]: 4, ids["netwerk"]: None})
    return services.rapport_opslaan(rapport=Eindrapport(traject=traject, peildatum=datetime.date(2015, 12, 31)))


def bijlage(html: str) -> str:
    return html.split('id="h-bijlage-5"')[1].split("</section>")[0]


def test_bijlage_toont_het_doel_per_element_in_tabel_en_grafiek(client, rapport):
    gegevens = eindrapport.gegevens(rapport)
    (grafiek,) = gegevens["quickscans"]["grafieken"]
    assert grafiek["met_doel"] is True and gegevens["quickscans"]["met_doel"] is True
    rijen = {rij[0]: rij[1:] for rij in grafiek["scores"]}
    assert (
        rijen["Missie"] == [2, 3, 4] and rijen["Beleid"] == [3, 3, 3] and rijen["Netwerk van voorzieningen"][2] is None
    )
    assert 'id="doel-missie"' in grafiek["svg"] and 'id="doel-netwerk"' not in grafiek["svg"]

    client.force_login(coordinator_van(rapport.traject.werkplaats))
    html = bijlage(client.get(rapport.get_absolute_url()).content.decode())
    assert "Doel volgende ronde" in html and "De donkerblauwe lijn bij een element is het doel" in html
    missie = re.search(r'<tr><th scope="row">Missie</th>(.*?)</tr>', html).group(1)
    assert re.findall(r"<td>(.*?)</td>", missie) == ["2", "3", "4"]
    netwerk = re.search(r'<tr><th scope="row">Netwerk van voorzieningen</th>(.*?)</tr>', html).group(1)
    assert re.findall(r"<td>(.*?)</td>", netwerk) == ["–", "–", "–"]

    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.pdf(pdf.html(gegevens)))).pages)
    assert "Doel volgende ronde" in tekst and "doel voor de volgende ronde (lijn)" in tekst


def test_bevroren_gegevens_van_voor_de_doelen_tonen_de_bijlage_zonder_doelkolom(rapport):
    gegevens = copy.deepcopy(eindrapport.gegevens(rapport))
    for grafiek in gegevens["quickscans"]["grafieken"]:  # as a version frozen before issue 16 stored it
        del grafiek["met_doel"]
        grafiek["scores"] = [rij[:3] for rij in grafiek["scores"]]
    del gegevens["quickscans"]["met_doel"]
    html = bijlage(pdf.html(gegevens))
    assert '<tr><th scope="row">Missie</th><td>2</td><td>3</td></tr>' in html
    assert "Doel volgende ronde" not in html
