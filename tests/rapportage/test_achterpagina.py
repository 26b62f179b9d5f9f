"""The back page of a werkplaats's end reports: funder, contact lines and logos, kept by coordinators and lectoraat."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from rapportage import bevroren, eindrapport, pdf, services
from rapportage.models import Achterpagina, Eindrapport
from trajecten import services as traject_services
from trajecten.models import Traject

pytestmark = pytest.mark.django_db


def _png(kleur="navy") -> bytes:
    uit = io.BytesIO()
    Image.new("RGB", (120, 40), kleur).save(uit, format="PNG")
    return uit.getvalue()


@pytest.fixture
def rapport(world):
    traject = traject_services.traject_opslaan(
        traject=Traject(
            werkplaats=world.werkplaats,
            naam="Traject 2014-2015",
            startdatum=datetime.date(2014, 1, 1),
            einddatum=datetime.date(2015, 12, 31),
        ),
        methoden_aangeboden=[],
        methoden=[],
    )
    return services.rapport_opslaan(rapport=Eindrapport(traject=traject, peildatum=traject.einddatum))


def _url(world):
    return reverse("rapportage:achterpagina", kwargs={"pk": world.werkplaats.pk})


def _data(**velden):
    return {"financier": "Mogelijk gemaakt door ZonMw.", "contact": "Lectoraat Wonen\nPostbus 1, Utrecht", **velden}


@pytest.mark.parametrize("rol", ["coordinator", "lectoraat"])
def test_achterpagina_met_logo_staat_achter_in_het_rapport(client, world, rapport, rol):
    client.force_login(getattr(world, rol))
    response = client.get(_url(world))
    assert response.status_code == 200 and 'enctype="multipart/form-data"' in response.content.decode()
    response = client.post(
        _url(world), _data(logo_1=SimpleUploadedFile("logo.png", _png()), logo_1_naam="Hogeschool Utrecht")
    )
    assert response.status_code == 302
    pagina = Achterpagina.objects.get(werkplaats=world.werkplaats)
    assert pagina.history.count() == 1

    html = pdf.html(eindrapport.gegevens(rapport))
    achter = html.split('class="achterpagina"')[1]
    assert 'alt="Hogeschool Utrecht"' in achter and 'src="data:image/png;base64,' in achter
    assert "Mogelijk gemaakt door ZonMw." in achter and "Lectoraat Wonen<br>Postbus 1, Utrecht" in achter
    # Reachable from the report's page.
    assert _url(world) in client.get(rapport.get_absolute_url()).content.decode()


def test_logo_zonder_naam_of_geen_afbeelding_geeft_400(client, world):
    client.force_login(world.coordinator)
    response = client.post(_url(world), _data(logo_1=SimpleUploadedFile("logo.png", _png())))
    assert response.status_code == 400
    assert "schermlezer" in " ".join(response.context["form"].errors["logo_1_naam"])
    response = client.post(
        _url(world), _data(logo_2=SimpleUploadedFile("logo.png", b"%PDF-1.4 geen logo"), logo_2_naam="X")
    )
    assert response.status_code == 400
    assert "geen afbeelding" in " ".join(response.context["form"].errors["logo_2"])
    assert not Achterpagina.objects.exists()


def test_gelijktijdig_bewerken_geeft_409(client, world):
    pagina = services.achterpagina_opslaan(achterpagina=Achterpagina(werkplaats=world.werkplaats, financier="Oud"))
    client.force_login(world.coordinator)
    assert client.get(_url(world))["Location"] == pagina.get_absolute_url()  # the werkplaats's URL leads to it
    url = pagina.get_absolute_url()
    assert client.post(url, _data(versie=pagina.versie)).status_code == 302
    response = client.post(url, _data(financier="Ander", versie=pagina.versie))
    assert response.status_code == 409
    pagina.refresh_from_db()
    assert pagina.financier == "Mogelijk gemaakt door ZonMw."


def test_andere_werkplaats_is_404(client, world):
    client.force_login(world.coordinator)
    url = reverse("rapportage:achterpagina", kwargs={"pk": world.andere_werkplaats.pk})
    assert client.get(url).status_code == 404
    elders = services.achterpagina_opslaan(achterpagina=Achterpagina(werkplaats=world.andere_werkplaats))
    assert client.get(elders.get_absolute_url()).status_code == 404


def test_bevroren_rapport_houdt_de_achterpagina_van_toen(world, rapport):
    pagina = services.achterpagina_opslaan(
        achterpagina=Achterpagina(
            werkplaats=world.werkplaats,
            financier="Toen",
            logo_1=ContentFile(_png("navy"), name="logo.png"),
            logo_1_naam="Partner",
        )
    )
    services.rapport_bevriezen(rapport=rapport, door=world.coordinator)
    rapport.refresh_from_db()
    pagina.financier = "Nu"
    pagina.logo_1 = ContentFile(_png("red"), name="logo.png")
    services.achterpagina_opslaan(achterpagina=pagina)
    assert eindrapport.gegevens(rapport)["achterpagina"]["financier"] == "Nu"
    toen = bevroren.weergave(rapport)["achterpagina"]
    assert toen["financier"] == "Toen"
    assert toen["logos"][0]["src"] != eindrapport.gegevens(rapport)["achterpagina"]["logos"][0]["src"]


def test_demo_heeft_een_achterpagina(demo):
    achter = eindrapport.gegevens(Eindrapport.objects.get())["achterpagina"]
    assert "Ministerie van Volksgezondheid" in achter["financier"]
    assert [logo["alt"] for logo in achter["logos"]] == ["Hanzehogeschool Groningen", "Wmo-werkplaats Noord"]


def test_logo_is_te_bekijken_vanaf_het_formulier(client, world):
    pagina = services.achterpagina_opslaan(
        achterpagina=Achterpagina(
            werkplaats=world.werkplaats, logo_2=ContentFile(_png(), name="logo.png"), logo_2_naam="Partner"
        )
    )
    client.force_login(world.lectoraat)
    url = reverse("rapportage:achterpagina_logo", kwargs={"pk": pagina.pk, "nummer": 2})
    assert f'href="{url}"' in client.get(pagina.get_absolute_url()).content.decode()
    assert b"".join(client.get(url).streaming_content) == _png()
    assert client.get(reverse("rapportage:achterpagina_logo", kwargs={"pk": pagina.pk, "nummer": 1})).status_code == 404
    client.force_login(world.leider_a)
    assert client.get(url).status_code == 403
