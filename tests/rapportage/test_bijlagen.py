"""Attachments of register items (Bijlage 3 poster, 4 newsletter): upload, checks by content, the annex's pages."""

from __future__ import annotations

import base64
import datetime
import io
import re

import pikepdf
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from rapportage import bevroren, bijlagen, eindrapport, pdf, services
from rapportage.models import Disseminatie, Eindrapport
from tests.factories import MethodeFactory
from trajecten import services as traject_services
from trajecten.models import Deelname, Traject

pytestmark = pytest.mark.django_db


def _png(kleur="red", grootte=(40, 60)) -> bytes:
    uit = io.BytesIO()
    Image.new("RGB", grootte, kleur).save(uit, format="PNG")
    return uit.getvalue()


def _pdf(paginas: int) -> bytes:
    schrijver = PdfWriter()
    for _i in range(paginas):
        schrijver.add_blank_page(width=595, height=842)
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


@pytest.fixture
def traject(world):
    methode = MethodeFactory(naam="Het Gesprek", korte_naam="HG")
    traject = traject_services.traject_opslaan(
        traject=Traject(
            werkplaats=world.werkplaats,
            naam="Traject 2014-2015",
            startdatum=datetime.date(2014, 1, 1),
            einddatum=datetime.date(2015, 12, 31),
        ),
        methoden_aangeboden=[methode],
        methoden=[methode],
    )
    traject_services.deelname_opslaan(
        deelname=Deelname(traject=traject, organisatie=world.org_a, vanaf=datetime.date(2014, 1, 1)),
        methoden=[methode],
    )
    return traject


def _post(client, traject, bestand, **velden):
    data = {"soort": "poster", "titel": "Poster van de werkplaats", "bijlage": "3", "status": "verschenen"}
    data.update(velden, actief="on", bijlage_bestand=bestand)
    return client.post(reverse("rapportage:disseminatie_create", kwargs={"pk": traject.pk}), data)


def _fout(response) -> str:
    return " ".join(response.context["form"].errors.get("bijlage_bestand", []))


def test_poster_met_afbeelding_staat_als_pagina_in_de_bijlage(client, world, traject):
    client.force_login(world.coordinator)
    response = _post(client, traject, SimpleUploadedFile("poster.png", _png(), content_type="image/png"))
    assert response.status_code == 302
    item = Disseminatie.objects.get()
    assert item.bijlage_bestand.name.startswith(f"disseminatie/{traject.pk}/")
    assert len(item.bijlage_paginas) == 1 and item.bijlage_paginas[0].endswith(".png")

    data = eindrapport.berekenen(traject, traject.einddatum)
    [poster] = data["bijlagen"]["poster"]
    [pagina] = poster["afbeeldingen"]
    assert pagina["alt"] == "Poster van de werkplaats"
    assert base64.b64decode(pagina["src"].removeprefix("data:image/png;base64,")) == _png()

    rapport = services.rapport_opslaan(rapport=Eindrapport(traject=traject, peildatum=traject.einddatum))
    voorbeeld = client.get(rapport.get_absolute_url()).content.decode()
    assert re.search(
        r'<img class="bijlage-afbeelding img-fluid" src="data:image/png;base64,[^"]+" alt="Poster van de', voorbeeld
    )


def test_pdf_wordt_pagina_voor_pagina_afbeeldingen_met_alt_in_de_pdf(client, world, traject):
    client.force_login(world.lectoraat)
    response = _post(
        client,
        traject,
        SimpleUploadedFile("nieuwsbrief.pdf", _pdf(2), content_type="application/pdf"),
        soort="nieuwsbrief",
        titel="Nieuwsbrief januari 2016",
        bijlage="4",
    )
    assert response.status_code == 302
    item = Disseminatie.objects.get()
    assert len(item.bijlage_paginas) == 2 and all(naam.endswith(".jpg") for naam in item.bijlage_paginas)
    rapport = services.rapport_opslaan(rapport=Eindrapport(traject=traject, peildatum=traject.einddatum))
    inhoud = pdf.pdf(pdf.html(eindrapport.gegevens(rapport)))
    document = pikepdf.open(io.BytesIO(inhoud))
    alts = set()
    for element in _elementen(document.Root.StructTreeRoot.K):
        if str(element.get("/S")) == "/Figure":
            alts.add(str(element.get("/Alt", "")))
    assert {"Nieuwsbrief januari 2016, pagina 1 van 2", "Nieuwsbrief januari 2016, pagina 2 van 2"} <= alts


def _elementen(knoop):
    if isinstance(knoop, pikepdf.Array):
        for kind in knoop:
            yield from _elementen(kind)
    elif isinstance(knoop, pikepdf.Dictionary) and "/S" in knoop:
        yield knoop
        if "/K" in knoop:
            yield from _elementen(knoop.K)


@pytest.mark.parametrize(
    ("naam", "inhoud", "tekst"),
    [
        ("poster.png", b"dit is geen afbeelding", "geen afbeelding (PNG of JPEG) of PDF"),
        ("poster.pdf", b"%PDF-1.4 kapot", "geen afbeelding (PNG of JPEG) of PDF"),
        ("poster.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "geen afbeelding (PNG of JPEG) of PDF"),
    ],
)
def test_bestand_wordt_op_inhoud_gecontroleerd(client, world, traject, naam, inhoud, tekst):
    client.force_login(world.coordinator)
    response = _post(client, traject, SimpleUploadedFile(naam, inhoud, content_type="image/png"))
    assert response.status_code == 400
    assert tekst in _fout(response)
    assert not Disseminatie.objects.exists()


def test_te_groot_of_te_veel_paginas_wordt_geweigerd(client, world, traject, monkeypatch):
    client.force_login(world.coordinator)
    monkeypatch.setattr(bijlagen, "MAX_BYTES", 100)
    response = _post(client, traject, SimpleUploadedFile("poster.png", _png(grootte=(400, 400))))
    assert response.status_code == 400 and "te groot" in _fout(response)
    monkeypatch.setattr(bijlagen, "MAX_BYTES", 10 * 1024 * 1024)
    response = _post(client, traject, SimpleUploadedFile("poster.pdf", _pdf(bijlagen.MAX_PDF_PAGINAS + 1)))
    assert response.status_code == 400 and "te veel pagina's" in _fout(response)
    assert not Disseminatie.objects.exists()


def test_bestand_alleen_bij_bijlage_3_of_4(client, world, traject):
    client.force_login(world.coordinator)
    response = _post(client, traject, SimpleUploadedFile("poster.png", _png()), soort="publicatie", bijlage="1")
    assert response.status_code == 400 and "bijlage 3 (poster) of 4" in _fout(response)


def test_bevroren_rapport_houdt_de_oude_bijlage(client, world, traject):
    poster = services.disseminatie_opslaan(
        disseminatie=Disseminatie(
            traject=traject,
            soort="poster",
            titel="Poster",
            bijlage="3",
            bijlage_bestand=ContentFile(_png("red"), name="poster.png"),
        )
    )
    rapport = services.rapport_opslaan(rapport=Eindrapport(traject=traject, peildatum=traject.einddatum))
    services.rapport_bevriezen(rapport=rapport, door=world.coordinator)
    rapport.refresh_from_db()
    bevroren_src = bevroren.weergave(rapport)["bijlagen"]["poster"][0]["afbeeldingen"][0]["src"]

    client.force_login(world.coordinator)
    response = client.post(
        reverse("rapportage:disseminatie_update", kwargs={"pk": poster.pk}),
        {
            "soort": "poster",
            "titel": "Poster",
            "bijlage": "3",
            "status": "verschenen",
            "actief": "on",
            "versie": poster.versie,
            "bijlage_bestand": SimpleUploadedFile("nieuw.png", _png("blue")),
        },
    )
    assert response.status_code == 302
    poster.refresh_from_db()
    live = eindrapport.berekenen(traject, traject.einddatum)["bijlagen"]["poster"][0]["afbeeldingen"][0]["src"]
    assert live != bevroren_src  # the register shows the new poster ...
    assert bevroren.weergave(rapport)["bijlagen"]["poster"][0]["afbeeldingen"][0]["src"] == bevroren_src  # not frozen
    # Removing the file takes its pages with it.
    response = client.post(
        reverse("rapportage:disseminatie_update", kwargs={"pk": poster.pk}),
        {
            "soort": "poster",
            "titel": "Poster",
            "bijlage": "3",
            "status": "verschenen",
            "actief": "on",
            "bijlage_bestand-clear": "on",
        },
    )
    assert response.status_code == 302
    poster.refresh_from_db()
    assert not poster.bijlage_bestand and poster.bijlage_paginas == []


def test_grote_afbeelding_wordt_verkleind(traject):
    poster = services.disseminatie_opslaan(
        disseminatie=Disseminatie(
            traject=traject,
            soort="poster",
            titel="Poster",
            bijlage="3",
            bijlage_bestand=ContentFile(_png(grootte=(3000, 4000)), name="poster.png"),
        )
    )
    with poster.bijlage_bestand.storage.open(poster.bijlage_paginas[0]) as handle:
        assert max(Image.open(handle).size) == bijlagen.LANGE_ZIJDE


def test_demo_poster_en_nieuwsbrief_hebben_paginas(demo):
    poster = Disseminatie.objects.get(bijlage="3")
    nieuwsbrief = Disseminatie.objects.get(bijlage="4")
    assert len(poster.bijlage_paginas) == 1 and len(nieuwsbrief.bijlage_paginas) == 2
    b = eindrapport.gegevens(Eindrapport.objects.get())["bijlagen"]
    assert b["poster"][0]["afbeeldingen"][0]["src"].startswith("data:image/png;base64,")
    assert [a["alt"] for a in b["nieuwsbrief"][0]["afbeeldingen"]] == [
        "Nieuwsbrief januari 2016, pagina 1 van 2",
        "Nieuwsbrief januari 2016, pagina 2 van 2",
    ]


def test_formulier_linkt_naar_het_opgeslagen_bestand_achter_de_login(client, world, traject):
    poster = services.disseminatie_opslaan(
        disseminatie=Disseminatie(
            traject=traject,
            soort="poster",
            titel="Poster",
            bijlage="3",
            bijlage_bestand=ContentFile(_png(), name="poster.png"),
        )
    )
    client.force_login(world.coordinator)
    url = reverse("rapportage:disseminatie_bestand", kwargs={"pk": poster.pk})
    formulier = client.get(reverse("rapportage:disseminatie_update", kwargs={"pk": poster.pk})).content.decode()
    assert f'href="{url}"' in formulier and "media/" not in formulier  # MEDIA_ROOT is not served
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == _png()
    client.force_login(world.leider_b)  # organisation B is not in the trajectory
    assert client.get(url).status_code == 404
